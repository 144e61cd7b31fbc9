//! `settings.json` on disk, so that nothing is lost to a crash or to a value the app cannot read:
//! every write is atomic (temp file, fsync, rename: a crash mid-write leaves the old file or the
//! new one, never half of it); the file is read field by field, so one unreadable value (from a
//! newer version, or edited by hand) loses only itself; a file that cannot be read whole is kept
//! aside as `settings.json.bad`, and what was lost is said once, in [`SettingsBackend::notice`].
//! Through tauri-plugin-store, which resolves the path in the app's data folder and keeps the
//! values in memory; its own `save` (truncate, then write) is not used. What the settings hold is
//! `settings`'s; when they are written (off the wizard's lock) is `stores`'s.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Runtime};
use tauri_plugin_store::{Store, StoreExt};

use crate::error::AppError;
use crate::files::write_atomically;
use crate::settings::{Settings, SettingsBackend};

/// The key the settings are kept under in the store.
const KEY: &str = "settings";

/// `settings.json` through tauri-plugin-store, written atomically.
pub struct PluginStore<R: Runtime> {
    store: Arc<Store<R>>,
    path: PathBuf,
    notice: Mutex<Option<String>>,
}

impl<R: Runtime> PluginStore<R> {
    /// The store at `path` (relative to the app's data folder, or absolute).
    pub fn open(handle: &AppHandle<R>, path: impl AsRef<Path>) -> Result<Self, tauri_plugin_store::Error> {
        let path = tauri_plugin_store::resolve_store_path(handle, path)?;
        Ok(PluginStore { store: handle.store(&path)?, path, notice: Mutex::new(None) })
    }

    /// Where an unreadable file is kept.
    pub fn bad_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".bad");
        self.path.with_file_name(name)
    }

    fn write(&self, settings: &Settings) -> std::io::Result<()> {
        let value = serde_json::to_value(settings).map_err(std::io::Error::other)?;
        self.store.set(KEY, value);
        let entries: serde_json::Map<String, serde_json::Value> = self.store.entries().into_iter().collect();
        let bytes = serde_json::to_vec_pretty(&entries).map_err(std::io::Error::other)?;
        write_atomically(&self.path, &bytes)
    }

    /// Keeps the file as it was aside, writes what could be read, and says what was lost.
    fn set_aside(&self, bytes: &[u8], settings: &Settings, lost: &str) {
        let bad = self.bad_path();
        let kept = write_atomically(&bad, bytes).and_then(|()| self.write(settings));
        let where_kept = match kept {
            Ok(()) => format!("the file as it was is kept as {}", bad.display()),
            Err(error) => format!("it could not be kept aside ({error})"),
        };
        tracing::warn!(lost, path = %self.path.display(), "settings could not be read whole");
        *self.notice.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(format!("Some saved settings could not be read ({lost}) and start afresh; {where_kept}."));
    }
}

impl<R: Runtime> SettingsBackend for PluginStore<R> {
    fn load(&self) -> Settings {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Settings::default(),
            Err(error) => {
                *self.notice.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(format!("The saved settings could not be read ({error}); the app starts afresh."));
                return Settings::default();
            }
        };
        let (settings, lost) = match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(file) => match file.get(KEY) {
                Some(value) => Settings::read_leniently(value),
                None if file.is_object() => (Settings::default(), Vec::new()),
                None => (Settings::default(), vec!["the file is not a settings file".to_owned()]),
            },
            Err(error) => (Settings::default(), vec![format!("all of them: {}", why_unreadable(&error))]),
        };
        if !lost.is_empty() {
            self.set_aside(&bytes, &settings, &lost.join("; "));
        }
        settings
    }

    fn save(&self, settings: &Settings) -> Result<(), AppError> {
        self.write(settings).map_err(|e| AppError::Settings { detail: e.to_string() })
    }

    fn notice(&self) -> Option<String> {
        self.notice.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

fn why_unreadable(error: &serde_json::Error) -> String {
    match error.classify() {
        serde_json::error::Category::Eof => {
            "the file ends early, as after a crash while it was written".into()
        }
        _ => format!("it is not JSON: {error}"),
    }
}

//! The wizard's blocking I/O, run on blocking threads and never while the wizard's lock is held:
//! the PAT's stores (the OS keychain talks D-Bus and may wait for an unlock prompt as long as the
//! user leaves it open) and the settings file. Every other command goes on meanwhile.

use std::sync::{Arc, Mutex};

use secrecy::SecretString;
use serde::Serialize;

use crate::error::AppError;
use crate::keychain::{mask, SecretStore, SessionMemory};
use crate::progress::ProgressKey;
use crate::settings::{Settings, SettingsBackend};

/// Whether a PAT is saved for the environment, shown only masked.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PatStatus {
    pub saved: bool,
    pub masked: Option<String>,
    pub store: Option<&'static str>,
    /// Set when the keychain could not be read.
    pub keychain_error: Option<String>,
    /// Not read yet: the first draw does not wait for the keychain (which may ask to be unlocked).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
}

impl PatStatus {
    /// The status before the keychain is read.
    pub fn pending() -> PatStatus {
        PatStatus { saved: false, masked: None, store: None, keychain_error: None, pending: true }
    }
}

/// Runs `work` on a blocking thread.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| AppError::Keychain { detail: format!("the keychain call failed: {error}") })?
}

/// The keychain, and this session's memory for when no keychain is usable.
pub struct PatStores {
    keychain: Arc<dyn SecretStore>,
    session_only: Arc<SessionMemory>,
}

impl PatStores {
    pub fn new(keychain: Box<dyn SecretStore>) -> Self {
        PatStores { keychain: Arc::from(keychain), session_only: Arc::new(SessionMemory::default()) }
    }

    /// The PAT saved under `key` and the name of the store holding it: this session's memory
    /// first, then the keychain.
    pub async fn find(&self, key: &ProgressKey) -> Result<Option<(SecretString, &'static str)>, AppError> {
        let key = key.to_string();
        if let Some(pat) = self.session_only.get(&key)? {
            return Ok(Some((pat, self.session_only.name())));
        }
        let keychain = self.keychain.clone();
        blocking(move || Ok(keychain.get(&key)?.map(|pat| (pat, keychain.name())))).await
    }

    pub async fn status(&self, key: &ProgressKey) -> PatStatus {
        match self.find(key).await {
            Ok(Some((pat, store))) => PatStatus {
                saved: true,
                masked: Some(mask(&pat)),
                store: Some(store),
                keychain_error: None,
                pending: false,
            },
            Ok(None) => {
                PatStatus { saved: false, masked: None, store: None, keychain_error: None, pending: false }
            }
            Err(error) => PatStatus {
                saved: false,
                masked: None,
                store: None,
                keychain_error: Some(error.to_string()),
                pending: false,
            },
        }
    }

    /// Saves in the keychain (forgetting any session-only copy), or for this session only.
    pub async fn save(
        &self,
        key: &ProgressKey,
        pat: SecretString,
        session_only: bool,
    ) -> Result<(), AppError> {
        let key = &key.to_string();
        if session_only {
            return self.session_only.set(key, &pat);
        }
        let (keychain, owned) = (self.keychain.clone(), key.to_owned());
        blocking(move || keychain.set(&owned, &pat)).await?;
        self.session_only.delete(key)
    }

    /// Saves in the keychain, or this session's memory when the keychain is unusable.
    pub async fn save_anywhere(&self, key: &ProgressKey, pat: SecretString) -> Result<(), AppError> {
        let key = &key.to_string();
        let (keychain, owned, copy) = (self.keychain.clone(), key.to_owned(), pat.clone());
        if blocking(move || keychain.set(&owned, &copy)).await.is_err() {
            self.session_only.set(key, &pat)?;
        }
        Ok(())
    }

    /// Deletes from both stores. The session copy always goes; a keychain that refuses is named
    /// with what was and was not deleted.
    pub async fn forget(&self, key: &ProgressKey) -> Result<(), AppError> {
        let key = &key.to_string();
        self.session_only.delete(key)?;
        let (keychain, owned) = (self.keychain.clone(), key.to_owned());
        blocking(move || keychain.delete(&owned)).await.map_err(|error| AppError::Keychain {
            detail: format!(
                "the PAT was dropped from the app's memory and will not be used again, but {} still holds it ({error}); delete the entry \"{}\" for \"pat:{key}\" there",
                self.keychain.name(),
                crate::keychain::SERVICE
            ),
        })
    }
}

impl PatStores {
    /// The proxy's password in the keychain (never in session memory: it is asked for again).
    pub async fn network_secret(&self) -> Result<Option<SecretString>, AppError> {
        let keychain = self.keychain.clone();
        blocking(move || keychain.get(crate::network::PROXY_PASSWORD_KEY)).await
    }

    /// Saves (`Some`) or deletes (`None`) the proxy's password in the keychain.
    pub async fn set_network_secret(&self, secret: Option<SecretString>) -> Result<(), AppError> {
        let keychain = self.keychain.clone();
        blocking(move || match secret {
            Some(secret) => keychain.set(crate::network::PROXY_PASSWORD_KEY, &secret),
            None => keychain.delete(crate::network::PROXY_PASSWORD_KEY),
        })
        .await
    }
}

/// The settings file: writes run on a blocking thread, the newest snapshot wins.
pub struct SettingsFile {
    backend: Arc<dyn SettingsBackend>,
    /// The generation of the snapshot last written: an older one arriving late is dropped.
    written: Arc<Mutex<u64>>,
}

impl SettingsFile {
    pub fn new(backend: Box<dyn SettingsBackend>) -> Self {
        SettingsFile { backend: Arc::from(backend), written: Arc::new(Mutex::new(0)) }
    }

    /// Read once at start-up.
    pub fn load(&self) -> Settings {
        self.backend.load()
    }

    /// Writes `snapshot`, taken as the settings' `generation`-th change.
    pub async fn save(&self, snapshot: Settings, generation: u64) -> Result<(), AppError> {
        let (backend, written) = (self.backend.clone(), self.written.clone());
        blocking(move || {
            let mut last = written.lock().unwrap_or_else(|p| p.into_inner());
            if generation <= *last {
                return Ok(());
            }
            backend.save(&snapshot)?;
            *last = generation;
            Ok(())
        })
        .await
    }
}

//! The state file: the data (never credentials or tokens) kept across runs. Read once at start:
//! a file that cannot be read or is not a sandbox state file is moved aside (`<name>.bad`) and
//! the sandbox starts seeded, saying so, instead of failing at every launch. Written after each
//! mutation from a snapshot taken under the data lock, on a blocking thread after the lock is
//! released, atomically, the newest snapshot winning. What the data is, and how much of it is
//! kept, is `state`'s: this module knows only that it serializes.

use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A copy of the data and its number, taken under the lock (`None`: no state file).
pub(crate) type Snapshot<T> = Option<(T, u64)>;

/// Where data of type `T` is kept, if anywhere, and which snapshot was written last.
pub(crate) struct StateFile<T> {
    path: Option<PathBuf>,
    taken: AtomicU64,
    written: Arc<Mutex<u64>>,
    kind: PhantomData<fn() -> T>,
}

/// The data read at start, and what was done about a file that could not be read.
pub(crate) struct Loaded<T> {
    pub(crate) data: Option<T>,
    pub(crate) notice: Option<String>,
}

impl<T: Serialize + DeserializeOwned + Clone + Send + 'static> StateFile<T> {
    pub(crate) fn new(path: Option<PathBuf>) -> Self {
        StateFile { path, taken: AtomicU64::new(0), written: Arc::new(Mutex::new(0)), kind: PhantomData }
    }

    /// The saved data (`None`: none saved, start seeded).
    pub(crate) fn load(&self) -> Loaded<T> {
        let Some(path) = &self.path else { return Loaded { data: None, notice: None } };
        let why = match std::fs::read(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Loaded { data: None, notice: None }
            }
            Err(error) => error.to_string(),
            Ok(bytes) => match serde_json::from_slice::<T>(&bytes) {
                Ok(data) => return Loaded { data: Some(data), notice: None },
                Err(error) => format!("it is not a sandbox state file: {error}"),
            },
        };
        let aside = aside_path(path);
        let moved = match std::fs::rename(path, &aside) {
            Ok(()) => format!("it was moved aside to {}", aside.display()),
            Err(error) => format!("it could not be moved aside ({error}) and will be replaced"),
        };
        tracing::warn!(path = %path.display(), %why, "the sandbox's state file could not be read");
        let notice = format!(
            "The Sandbox's saved data ({}) could not be read ({why}), so it starts afresh with its demo controller; {moved}.",
            path.display()
        );
        Loaded { data: None, notice: Some(notice) }
    }

    /// Numbers a snapshot taken under the data lock; write it with [`StateFile::write`] after.
    pub(crate) fn snapshot(&self, data: &T) -> Snapshot<T> {
        self.path.as_ref()?;
        Some((data.clone(), self.taken.fetch_add(1, Ordering::SeqCst) + 1))
    }

    /// Writes a snapshot off the async threads, unless a newer one was written already.
    pub(crate) async fn write(&self, snapshot: Snapshot<T>) {
        let (Some(path), Some((data, number))) = (self.path.clone(), snapshot) else { return };
        let written = self.written.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut last = written.lock().unwrap_or_else(|p| p.into_inner());
            if number <= *last {
                return Ok(());
            }
            let bytes = serde_json::to_vec_pretty(&data).map_err(std::io::Error::other)?;
            write_atomically(&path, &bytes)?;
            *last = number;
            Ok::<_, std::io::Error>(())
        })
        .await
        .unwrap_or_else(|e| Err(std::io::Error::other(e)));
        if let Err(error) = result {
            tracing::warn!(%error, "could not save sandbox state");
        }
    }
}

fn aside_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bad");
    path.with_file_name(name)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

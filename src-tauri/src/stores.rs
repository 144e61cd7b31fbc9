//! The wizard's blocking I/O, run on blocking threads and never while the wizard's lock is held:
//! the PAT's stores (the OS keychain talks D-Bus and may wait for an unlock prompt as long as the
//! user leaves it open) and the settings file. Every other command goes on meanwhile.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use secrecy::SecretString;
use serde::Serialize;

use crate::error::AppError;
use crate::keychain::{mask, SecretStore, SessionMemory};
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
}

/// Runs `work` on a blocking thread.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, AppError> + Send + 'static) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| AppError::Keychain { detail: format!("the keychain call failed: {error}") })?
}

/// The keychain, and this session's memory for when no keychain is usable.
pub struct PatStores {
    keychain: Arc<dyn SecretStore>,
    session_only: Arc<SessionMemory>,
    /// One key's status, read at start-up while the page loads (the Secret Service's first answer
    /// takes ~90 ms: a new D-Bus connection and an encrypted session), with the write count it
    /// was read at. The first `status` takes it when nothing was written since.
    prefetched: Arc<tokio::sync::Mutex<Option<(String, u64, PatStatus)>>>,
    /// Counts saves and deletions, so a prefetched answer older than a write is never used.
    writes: Arc<AtomicU64>,
}

impl PatStores {
    pub fn new(keychain: Box<dyn SecretStore>) -> Self {
        PatStores {
            keychain: Arc::from(keychain),
            session_only: Arc::new(SessionMemory::default()),
            prefetched: Arc::default(),
            writes: Arc::default(),
        }
    }

    /// Reads `key`'s status ahead of the first `status`: the returned job holds the slot from
    /// now until its answer is in, so a `status` arriving meanwhile waits for it instead of
    /// asking the keychain a second time. `None` when a prefetch already ran.
    pub fn prefetch(&self, key: String) -> Option<impl Future<Output = ()> + Send + 'static> {
        let mut slot = self.prefetched.clone().try_lock_owned().ok()?;
        let (keychain, session_only, writes) = (self.keychain.clone(), self.session_only.clone(), self.writes.load(Ordering::SeqCst));
        Some(async move {
            let status = Self::lookup(keychain, session_only, &key).await;
            *slot = Some((key, writes, status));
        })
    }

    /// The PAT saved under `key` and the name of the store holding it: this session's memory
    /// first, then the keychain.
    pub async fn find(&self, key: &str) -> Result<Option<(SecretString, &'static str)>, AppError> {
        Self::find_in(self.keychain.clone(), &self.session_only, key).await
    }

    async fn find_in(keychain: Arc<dyn SecretStore>, session_only: &SessionMemory, key: &str) -> Result<Option<(SecretString, &'static str)>, AppError> {
        if let Some(pat) = session_only.get(key)? {
            return Ok(Some((pat, session_only.name())));
        }
        let key = key.to_owned();
        blocking(move || Ok(keychain.get(&key)?.map(|pat| (pat, keychain.name())))).await
    }

    pub async fn status(&self, key: &str) -> PatStatus {
        if let Some((prefetched_key, writes, status)) = self.prefetched.lock().await.take() {
            if prefetched_key == key && writes == self.writes.load(Ordering::SeqCst) {
                return status;
            }
        }
        Self::lookup(self.keychain.clone(), self.session_only.clone(), key).await
    }

    async fn lookup(keychain: Arc<dyn SecretStore>, session_only: Arc<SessionMemory>, key: &str) -> PatStatus {
        match Self::find_in(keychain, &session_only, key).await {
            Ok(Some((pat, store))) => PatStatus { saved: true, masked: Some(mask(&pat)), store: Some(store), keychain_error: None },
            Ok(None) => PatStatus { saved: false, masked: None, store: None, keychain_error: None },
            Err(error) => PatStatus { saved: false, masked: None, store: None, keychain_error: Some(error.to_string()) },
        }
    }

    /// Saves in the keychain (forgetting any session-only copy), or for this session only.
    pub async fn save(&self, key: &str, pat: SecretString, session_only: bool) -> Result<(), AppError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        if session_only {
            return self.session_only.set(key, &pat);
        }
        let (keychain, owned) = (self.keychain.clone(), key.to_owned());
        blocking(move || keychain.set(&owned, &pat)).await?;
        self.session_only.delete(key)
    }

    /// Saves in the keychain, or this session's memory when the keychain is unusable.
    pub async fn save_anywhere(&self, key: &str, pat: SecretString) -> Result<(), AppError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        let (keychain, owned, copy) = (self.keychain.clone(), key.to_owned(), pat.clone());
        if blocking(move || keychain.set(&owned, &copy)).await.is_err() {
            self.session_only.set(key, &pat)?;
        }
        Ok(())
    }

    /// Deletes from both stores. The session copy always goes; a keychain that refuses is named
    /// with what was and was not deleted.
    pub async fn forget(&self, key: &str) -> Result<(), AppError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Memory that counts how often it is read.
    #[derive(Default)]
    struct Counting {
        inner: SessionMemory,
        reads: AtomicUsize,
    }

    impl SecretStore for Arc<Counting> {
        fn name(&self) -> &'static str {
            "counting memory"
        }
        fn get(&self, key: &str) -> Result<Option<SecretString>, AppError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            self.inner.get(key)
        }
        fn set(&self, key: &str, secret: &SecretString) -> Result<(), AppError> {
            self.inner.set(key, secret)
        }
        fn delete(&self, key: &str) -> Result<(), AppError> {
            self.inner.delete(key)
        }
    }

    #[tokio::test]
    async fn the_first_status_takes_the_prefetched_answer_once() {
        let store = Arc::new(Counting::default());
        store.inner.set("sandbox", &SecretString::from("5a1db0c5-0000-4000-8000-d7a5a2db0c51")).unwrap();
        let pats = PatStores::new(Box::new(store.clone()));
        pats.prefetch("sandbox".into()).unwrap().await;
        assert!(pats.status("sandbox").await.saved);
        assert_eq!(store.reads.load(Ordering::SeqCst), 1, "the status asked the keychain nothing more");
        assert!(pats.status("sandbox").await.saved);
        assert_eq!(store.reads.load(Ordering::SeqCst), 2, "the prefetched answer is used once only");
    }

    #[tokio::test]
    async fn a_write_after_the_prefetch_makes_its_answer_stale() {
        let store = Arc::new(Counting::default());
        let pats = PatStores::new(Box::new(store.clone()));
        pats.prefetch("production".into()).unwrap().await;
        pats.save("production", SecretString::from("11111111-2222-4333-8444-555555555555"), false).await.unwrap();
        assert!(pats.status("production").await.saved, "the PAT saved after the prefetch is seen");
        pats.prefetch("production".into()).unwrap().await;
        assert!(!pats.status("sandbox").await.saved, "another environment's status is its own");
    }

    #[tokio::test]
    async fn a_status_during_the_prefetch_waits_for_its_answer() {
        let store = Arc::new(Counting::default());
        let pats = PatStores::new(Box::new(store.clone()));
        let job = pats.prefetch("sandbox".into()).unwrap();
        let (status, ()) = tokio::join!(pats.status("sandbox"), job);
        assert!(!status.saved);
        assert_eq!(store.reads.load(Ordering::SeqCst), 1, "one keychain read for both");
    }
}

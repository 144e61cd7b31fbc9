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
    /// Something the user should know about the save (an older keychain copy left behind).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

impl PatStatus {
    /// The status before the keychain is read.
    pub fn pending() -> PatStatus {
        PatStatus {
            saved: false,
            masked: None,
            store: None,
            keychain_error: None,
            pending: true,
            warning: None,
        }
    }
}

/// How long a save for this session waits for the keychain to delete an older copy.
const KEYCHAIN_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

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
    /// Keys whose PAT was forgotten (or replaced by a session-only one) while the keychain kept
    /// its copy: never read back from the keychain in this session, until a new save.
    tombstones: Mutex<std::collections::HashSet<String>>,
}

impl PatStores {
    pub fn new(keychain: Box<dyn SecretStore>) -> Self {
        PatStores {
            keychain: Arc::from(keychain),
            session_only: Arc::new(SessionMemory::default()),
            tombstones: Mutex::new(Default::default()),
        }
    }

    fn buried(&self, key: &str) -> bool {
        self.tombstones.lock().unwrap_or_else(|p| p.into_inner()).contains(key)
    }

    fn bury(&self, key: &str, buried: bool) {
        let mut tombstones = self.tombstones.lock().unwrap_or_else(|p| p.into_inner());
        if buried {
            tombstones.insert(key.to_owned());
        } else {
            tombstones.remove(key);
        }
    }

    /// The PAT saved under `key` and the name of the store holding it: this session's memory
    /// first, then the keychain.
    pub async fn find(&self, key: &ProgressKey) -> Result<Option<(SecretString, &'static str)>, AppError> {
        let key = key.to_string();
        if let Some(pat) = self.session_only.get(&key)? {
            return Ok(Some((pat, self.session_only.name())));
        }
        if self.buried(&key) {
            return Ok(None);
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
                warning: None,
            },
            Ok(None) => PatStatus {
                saved: false,
                masked: None,
                store: None,
                keychain_error: None,
                pending: false,
                warning: None,
            },
            Err(error) => PatStatus {
                saved: false,
                masked: None,
                store: None,
                keychain_error: Some(error.to_string()),
                pending: false,
                warning: None,
            },
        }
    }

    /// Saves in the keychain (forgetting any session-only copy), or for this session only: then
    /// an older keychain copy is deleted too (it would come back after a restart), or, when the
    /// keychain refuses, never read again in this session; the answer says which.
    pub async fn save(
        &self,
        key: &ProgressKey,
        pat: SecretString,
        session_only: bool,
    ) -> Result<Option<String>, AppError> {
        let key = &key.to_string();
        if session_only {
            self.session_only.set(key, &pat)?;
            self.bury(key, true);
            // Session only is often chosen because the keychain is locked: its delete may wait on
            // a prompt no one answers. It goes on in the background; the answer does not wait.
            let (keychain, owned) = (self.keychain.clone(), key.to_owned());
            let delete = blocking(move || keychain.delete(&owned));
            let left = match tokio::time::timeout(KEYCHAIN_PATIENCE, delete).await {
                Ok(Ok(())) => return Ok(None),
                Ok(Err(error)) => error.to_string(),
                Err(_) => "it has not answered yet, perhaps waiting to be unlocked".to_owned(),
            };
            return Ok(Some(format!(
                "An older PAT may still be in {} ({left}): it is not used now, but would be after a restart. Delete the entry \"{}\" for \"pat:{key}\" there if it stays.",
                self.keychain.name(),
                crate::keychain::SERVICE
            )));
        }
        let (keychain, owned) = (self.keychain.clone(), key.to_owned());
        blocking(move || keychain.set(&owned, &pat)).await?;
        self.bury(key, false);
        self.session_only.delete(key)?;
        Ok(None)
    }

    /// Saves in the keychain, or this session's memory when the keychain is unusable.
    pub async fn save_anywhere(&self, key: &ProgressKey, pat: SecretString) -> Result<(), AppError> {
        let key = &key.to_string();
        let (keychain, owned, copy) = (self.keychain.clone(), key.to_owned(), pat.clone());
        if blocking(move || keychain.set(&owned, &copy)).await.is_err() {
            self.session_only.set(key, &pat)?;
        } else {
            self.bury(key, false);
        }
        Ok(())
    }

    /// Deletes from both stores. The session copy always goes, and the key is buried first, so
    /// the PAT is not read back whatever the keychain does; a keychain that refuses is named with
    /// what was and was not deleted.
    pub async fn forget(&self, key: &ProgressKey) -> Result<(), AppError> {
        let key = &key.to_string();
        self.bury(key, true);
        self.session_only.delete(key)?;
        let (keychain, owned) = (self.keychain.clone(), key.to_owned());
        blocking(move || keychain.delete(&owned)).await.map_err(|error| AppError::Keychain {
            detail: format!(
                "the PAT will not be used again in this session, but {} still holds it ({error}), so it would be after a restart; delete the entry \"{}\" for \"pat:{key}\" there",
                self.keychain.name(),
                crate::keychain::SERVICE
            ),
        })?;
        Ok(())
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

    /// What could not be read at start-up, if anything.
    pub fn notice(&self) -> Option<String> {
        self.backend.notice()
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

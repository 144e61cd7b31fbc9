//! The wizard's logic, free of Tauri: one [`Wizard`] shared by all commands, its state, and the
//! pieces every step needs (the current environment's client, bound under one lock, and the one
//! writer of progress). The steps' methods are in the files beside this one, one `impl Wizard`
//! per concern: `status` (what the page draws), `setup` (step 1: environment, PAT, URLs),
//! `session` (step 2), `subject` (step 3: controllers, create with read-back), `verify` (step 4),
//! `console` and `code` (snippets, starter), `network` (the proxy and extra certificates). Each Tauri command is a thin call into one of them.
//! Blocking I/O (keychain, settings file) is `stores`'s, never done under this lock.

pub mod code;
pub mod console;
pub mod inspector;
pub mod network;
pub mod session;
pub mod setup;
pub mod status;
pub mod subject;
pub mod verify;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use dxtra_api::{ApiError, ClientConfig, DxtraClient, Endpoints, Environment};

use crate::error::AppError;
use crate::keychain::SecretStore;
use crate::progress::{EnvChoice, Progress, ProgressKey};
use crate::requests::RequestLog;
use crate::sandbox::OfflineSandbox;
use crate::settings::{Settings, SettingsBackend};
use crate::stores::{PatStores, SettingsFile};

struct Current {
    settings: Settings,
    /// Counts changes of `settings`, so the newest snapshot is the one written.
    generation: u64,
    client: Option<Arc<DxtraClient>>,
    sandbox: OfflineSandbox,
    /// Counts changes of each environment's PAT (saved, forgotten, demo): a client built from a
    /// PAT read before a change is never installed.
    pat_generations: std::collections::HashMap<ProgressKey, u64>,
    /// "Record my program's calls", while on: for the environment selected when it started
    /// (stopped when another is selected or the network settings change).
    forwarder: Option<crate::forwarder::Forwarder>,
    /// The proxy's password once read from the keychain (`None`: not read yet).
    proxy_password: Option<Option<secrecy::SecretString>>,
}

impl Current {
    /// In the Sandbox only, while it runs: its practice PAT (public, never a keychain value).
    fn practice_pat(&self) -> Option<String> {
        let sandbox = self.settings.environment == EnvChoice::Sandbox;
        self.sandbox.info().filter(|_| sandbox).map(|info| info.personal_access_token.clone())
    }

    /// In the Sandbox only, while it runs: its practice controller's ID, for code written before
    /// a controller was picked (the snippets and the starter then run as they are).
    fn practice_controller(&self) -> Option<String> {
        let sandbox = self.settings.environment == EnvChoice::Sandbox;
        self.sandbox.info().filter(|_| sandbox).map(|info| info.data_controller_id.clone())
    }

    /// A copy of the settings to write, after a change.
    fn snapshot(&mut self) -> (Settings, u64) {
        self.generation += 1;
        (self.settings.clone(), self.generation)
    }
}

/// The wizard's state, shared by all commands.
pub struct Wizard {
    pats: PatStores,
    file: SettingsFile,
    client_config: ClientConfig,
    /// Held across `.await` when starting the sandbox or switching environments; never across
    /// the keychain's or the settings file's I/O.
    current: tokio::sync::Mutex<Current>,
    log: Arc<RequestLog>,
    /// Set while a mutation (step 3's `createDataSubject` or the console's) is in flight: a second
    /// one is refused, never sent.
    creating: AtomicBool,
    /// What is in flight while `creating` is set, for the refusal's words.
    in_flight: std::sync::Mutex<&'static str>,
    /// The last mutation carried out (step 3's or the console's): the same one again soon after
    /// is refused unless the call says it is meant.
    last_mutation: std::sync::Mutex<Option<LastMutation>>,
    /// Set once the Inspector's feed was handed to the window (one forwarder per app).
    inspector_fed: AtomicBool,
}

/// The current environment's client with its progress key and progress.
struct Bound {
    client: Arc<DxtraClient>,
    key: ProgressKey,
    progress: Progress,
}

/// How long after a mutation the same one again is taken for a slip (a click after the answer,
/// a reflex Enter, a second Ctrl+Enter) rather than an intent: a second event on a compliance
/// record is no small thing.
pub(crate) const REPEAT_WINDOW: std::time::Duration = std::time::Duration::from_secs(60);

/// The last mutation carried out: in which environment, what (a fingerprint of its input), when.
struct LastMutation {
    key: ProgressKey,
    what: String,
    at: std::time::Instant,
}

/// Clears the in-flight flag however the mutation ends.
struct InFlight<'a>(&'a AtomicBool);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl Wizard {
    pub fn new(
        keychain: Box<dyn SecretStore>,
        backend: Box<dyn SettingsBackend>,
        client_config: ClientConfig,
        sandbox_state: Option<PathBuf>,
    ) -> Self {
        let file = SettingsFile::new(backend);
        let settings = file.load();
        Wizard {
            pats: PatStores::new(keychain),
            file,
            client_config,
            current: tokio::sync::Mutex::new(Current {
                settings,
                generation: 0,
                client: None,
                sandbox: OfflineSandbox::new(sandbox_state),
                pat_generations: Default::default(),
                forwarder: None,
                proxy_password: None,
            }),
            log: Arc::new(RequestLog::default()),
            creating: AtomicBool::new(false),
            in_flight: std::sync::Mutex::new(""),
            last_mutation: std::sync::Mutex::new(None),
            inspector_fed: AtomicBool::new(false),
        }
    }

    /// Marks a mutation (`what`, said in a refusal: "a data subject is being created") in
    /// flight, or refuses when one already is, naming that one.
    fn one_mutation(&self, what: &'static str) -> Result<InFlight<'_>, AppError> {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        if self.creating.swap(true, Ordering::SeqCst) {
            return Err(AppError::MutationInFlight { what: *in_flight });
        }
        *in_flight = what;
        Ok(InFlight(&self.creating))
    }

    /// Remembers a mutation just carried out (`what`: a fingerprint of its input).
    fn carried_out(&self, key: &ProgressKey, what: String) {
        let last = LastMutation { key: key.clone(), what, at: std::time::Instant::now() };
        *self.last_mutation.lock().unwrap_or_else(|p| p.into_inner()) = Some(last);
    }

    /// Seconds since the same mutation was carried out here, if within [`REPEAT_WINDOW`].
    fn repeated(&self, key: &ProgressKey, what: &str) -> Option<u64> {
        let last = self.last_mutation.lock().unwrap_or_else(|p| p.into_inner());
        let last = last.as_ref().filter(|l| &l.key == key && l.what == what)?;
        (last.at.elapsed() < REPEAT_WINDOW).then(|| last.at.elapsed().as_secs())
    }

    async fn endpoints(&self, current: &mut Current) -> Result<Endpoints, AppError> {
        Ok(self.environment(current).await?.endpoints()?)
    }

    async fn environment(&self, current: &mut Current) -> Result<Environment, AppError> {
        let s = &current.settings;
        Ok(match s.environment {
            EnvChoice::Production => Environment::Production,
            EnvChoice::LocalDev => Environment::LocalDev,
            EnvChoice::Custom => Environment::Custom {
                auth_url: s.custom_auth_url.clone(),
                graphql_url: s.custom_graphql_url.clone(),
            },
            EnvChoice::Sandbox => {
                let info = current.sandbox.ensure().await?;
                Environment::Sandbox {
                    auth_url: info.auth_url.clone(),
                    graphql_url: info.graphql_url.clone(),
                }
            }
        })
    }

    /// The client of the current environment, built with the stored PAT when first needed.
    async fn client(&self) -> Result<Arc<DxtraClient>, AppError> {
        Ok(self.bound().await?.client)
    }

    /// The current environment's client, progress key and progress, read together under one
    /// lock: a switch of environment meanwhile cannot pair one's client with another's progress.
    async fn bound(&self) -> Result<Bound, AppError> {
        // A PAT saved or forgotten while this one was read from the keychain: read again.
        for _ in 0..3 {
            let (key, environment, generation) = {
                let mut current = self.current.lock().await;
                let key = current.settings.progress_key();
                if let Some(client) = &current.client {
                    return Ok(Bound { client: client.clone(), key, progress: current.settings.progress() });
                }
                let generation = current.pat_generations.get(&key).copied().unwrap_or(0);
                (key, self.environment(&mut current).await?, generation)
            };
            // Keyed by environment, and for Custom by origins: a PAT goes only where it was saved
            // for. Read from the keychain without holding the lock.
            let Some((pat, _)) = self.pats.find(&key).await? else {
                return Err(ApiError::MissingPat.into());
            };
            let config = self.config_now().await?;
            let client = Arc::new(DxtraClient::new(&environment, config)?);
            client.set_observer(self.log.clone());
            client.set_pat(pat).await;
            let mut current = self.current.lock().await;
            if current.settings.progress_key() != key {
                return Err(AppError::InvalidInput {
                    field: "environment",
                    problem: "The environment changed meanwhile; try again.".into(),
                });
            }
            if current.pat_generations.get(&key).copied().unwrap_or(0) != generation {
                continue;
            }
            // Another call may have built one meanwhile: keep the first.
            let client = current.client.get_or_insert(client).clone();
            return Ok(Bound { client, key, progress: current.settings.progress() });
        }
        Err(AppError::InvalidInput {
            field: "pat",
            problem: "The PAT kept changing meanwhile; try again.".into(),
        })
    }

    /// Marks a change of `key`'s PAT: a client of it being built is not installed, and the
    /// current one (when `key` is current) is dropped and returned, for its session to be forgotten.
    async fn pat_changed(&self, key: &ProgressKey) -> Option<Arc<DxtraClient>> {
        let mut current = self.current.lock().await;
        *current.pat_generations.entry(key.clone()).or_default() += 1;
        if &current.settings.progress_key() == key {
            current.client.take()
        } else {
            None
        }
    }

    /// Records progress of the environment `key` (in memory at once, then on disk): the one
    /// place a step's result is written.
    async fn advance(&self, key: &ProgressKey, change: impl FnOnce(&mut Progress)) -> Result<(), AppError> {
        let (snapshot, generation) = {
            let mut current = self.current.lock().await;
            change(current.settings.progress.entry(key.clone()).or_default());
            current.snapshot()
        };
        self.file.save(snapshot, generation).await
    }
}

//! The wizard's logic, free of Tauri: the environment (starting the offline sandbox when it is
//! chosen), the PAT's store, the client, the request log and the settings. Each Tauri command
//! is a thin call into one method here.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dxtra_api::{
    ApiError, ClientConfig, ConnectionCheck, CreateDataSubjectInput, DataController, DxtraClient, Endpoints,
    Environment, OperationKind, SessionInfo,
};
use secrecy::SecretString;
use serde::Serialize;

use crate::console::{self, ConsoleAnswer, ConsoleRequest, HistoryEntry};
use crate::error::AppError;
use crate::keychain::SecretStore;
pub use crate::stores::PatStatus;
use crate::stores::{PatStores, SettingsFile};
use crate::requests::{LogEntry, RequestLog};
use crate::sandbox::OfflineSandbox;
use crate::validate;
pub use crate::verify::{Check, CheckState, Verification};
use crate::verify::{read_back, verification};
use crate::settings::{CreatedSubject, EnvChoice, Settings, SettingsBackend, SettingsPatch, SettingsView};

/// The dashboard the guide's pages live in.
pub const DASHBOARD: &str = "https://app.dxtra.ai";

pub(crate) fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// What the front end needs to draw any step.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub settings: SettingsView,
    pub auth_url: Option<String>,
    pub graphql_url: Option<String>,
    /// The endpoints the app will call, normalised from what was pasted.
    pub endpoints: Option<EndpointsView>,
    /// Why the URLs are missing (a bad custom URL), if they are.
    pub environment_error: Option<AppError>,
    pub pat: PatStatus,
    pub session: Option<SessionInfo>,
    /// The sandbox's demo controller, offered with one click.
    pub demo_controller_id: Option<String>,
    /// Why the sandbox's URLs changed since the last launch (a saved port was taken), if they did.
    pub sandbox_notice: Option<String>,
}

/// The three endpoints the app calls, as it will call them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EndpointsView {
    pub signin_url: String,
    pub token_url: String,
    pub graphql_url: String,
}

impl From<&Endpoints> for EndpointsView {
    fn from(e: &Endpoints) -> Self {
        EndpointsView { signin_url: e.signin_pat(), token_url: e.token(), graphql_url: e.graphql().to_owned() }
    }
}

/// What `create_data_subject` tells the page.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOutcome {
    pub data_subject_id: String,
    pub message: Option<String>,
    /// The answer was lost, and reading the subject back by email showed it was recorded.
    pub confirmed_by_read_back: bool,
    /// Set when the progress could not be saved: the result stands, but is not kept on disk.
    pub progress_warning: Option<String>,
}

/// Non-secret values the code snippets are filled with.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnippetContext {
    pub environment: EnvChoice,
    pub auth_url: String,
    pub signin_url: String,
    pub token_url: String,
    pub graphql_url: String,
    pub controller_id: String,
}

struct Current {
    settings: Settings,
    /// Counts changes of `settings`, so the newest snapshot is the one written.
    generation: u64,
    client: Option<Arc<DxtraClient>>,
    sandbox: OfflineSandbox,
}

impl Current {
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
    /// Set while a `createDataSubject` is in flight: a second one is refused, never sent.
    creating: AtomicBool,
}

/// The current environment's client with its progress key and progress.
struct Bound {
    client: Arc<DxtraClient>,
    key: String,
    progress: crate::settings::Progress,
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
            current: tokio::sync::Mutex::new(Current { settings, generation: 0, client: None, sandbox: OfflineSandbox::new(sandbox_state) }),
            log: Arc::new(RequestLog::default()),
            creating: AtomicBool::new(false),
        }
    }

    /// Everything the front end draws from.
    pub async fn status(&self) -> Status {
        self.status_reading(true).await
    }

    /// The same without reading the keychain (the PAT's status `pending`): what the first draw
    /// needs, so the window does not wait for the Secret Service (or its unlock prompt).
    pub async fn first_status(&self) -> Status {
        self.status_reading(false).await
    }

    async fn status_reading(&self, read_pat: bool) -> Status {
        let mut current = self.current.lock().await;
        let (endpoints, environment_error) = match self.endpoints(&mut current).await {
            Ok(endpoints) => (Some(endpoints), None),
            Err(error) => (None, Some(error)),
        };
        let key = current.settings.progress_key();
        let session = current.client.as_ref().and_then(|c| c.session_info());
        let demo_controller_id = current.sandbox.info().map(|info| info.data_controller_id.clone());
        let sandbox_notice = current.sandbox.notice().map(str::to_owned);
        let settings = current.settings.view();
        drop(current);
        Status {
            pat: if read_pat { self.pats.status(&key).await } else { PatStatus::pending() },
            session,
            demo_controller_id,
            sandbox_notice,
            settings,
            auth_url: endpoints.as_ref().map(|e| e.auth_root().to_owned()),
            graphql_url: endpoints.as_ref().map(|e| e.graphql().to_owned()),
            endpoints: endpoints.as_ref().map(EndpointsView::from),
            environment_error,
        }
    }

    /// Changes settings; a changed environment or URL drops the client (and its session).
    pub async fn save_settings(&self, patch: SettingsPatch) -> Result<Status, AppError> {
        // Every value is checked before any is applied: a bad patch changes nothing.
        for url in [&patch.custom_auth_url, &patch.custom_graphql_url].into_iter().flatten() {
            validate::url_length(url)?;
            if !url.trim().is_empty() {
                dxtra_api::checked_url(url)?;
            }
        }
        let controller_id = patch.controller_id.as_deref().map(|id| validate::optional_uuid(id, "The Data Controller ID")).transpose()?;
        let (snapshot, generation) = {
            let mut current = self.current.lock().await;
            let before = current.settings.clone();
            let s = &mut current.settings;
            if let Some(environment) = patch.environment {
                s.environment = environment;
            }
            if let Some(url) = patch.custom_auth_url {
                s.custom_auth_url = url.trim().to_owned();
            }
            if let Some(url) = patch.custom_graphql_url {
                s.custom_graphql_url = url.trim().to_owned();
            }
            if let Some(id) = controller_id {
                s.progress_mut().controller_id = id;
            }
            if let Some(step) = patch.step_reached {
                // The page may open step 2 once credentials are saved; steps 3 and 4 are reached
                // only by signing in and by creating a subject.
                let progress = s.progress_mut();
                progress.step_reached = step.clamp(1, progress.step_reached.max(2));
            }
            if (s.environment, &s.custom_auth_url, &s.custom_graphql_url)
                != (before.environment, &before.custom_auth_url, &before.custom_graphql_url)
            {
                current.client = None;
            }
            current.snapshot()
        };
        self.file.save(snapshot, generation).await?;
        Ok(self.status().await)
    }

    /// Starts the offline sandbox (if not running) and selects it; with `use_demo`, also saves
    /// its demo PAT (to the keychain, or this session when none is usable) and controller ID.
    pub async fn start_sandbox(&self, use_demo: bool) -> Result<Status, AppError> {
        let (demo_pat, snapshot, generation) = {
            let mut current = self.current.lock().await;
            if current.settings.environment != EnvChoice::Sandbox {
                current.settings.environment = EnvChoice::Sandbox;
                current.client = None;
            }
            let info = current.sandbox.ensure().await?.clone();
            let demo_pat = use_demo.then(|| SecretString::from(info.personal_access_token));
            if use_demo {
                current.settings.progress_mut().controller_id = info.data_controller_id;
                current.client = None;
            }
            let (snapshot, generation) = current.snapshot();
            (demo_pat, snapshot, generation)
        };
        if let Some(pat) = demo_pat {
            self.pats.save_anywhere("sandbox", pat).await?;
        }
        self.file.save(snapshot, generation).await?;
        Ok(self.status().await)
    }

    /// Saves the PAT for the current environment: in the keychain, or for this session only.
    pub async fn save_pat(&self, pat: String, session_only: bool) -> Result<PatStatus, AppError> {
        // Checked before anything is touched: a bad PAT never replaces a working one.
        let secret = SecretString::from(validate::pat(&pat)?);
        let key = self.current.lock().await.settings.progress_key();
        self.pats.save(&key, secret, session_only).await?;
        let mut current = self.current.lock().await;
        if current.settings.progress_key() == key {
            current.client = None;
        }
        drop(current);
        Ok(self.pats.status(&key).await)
    }

    /// Deletes the PAT of the current environment from the keychain and memory. The client and
    /// its session are dropped first, whatever the keychain says, so the old PAT is never used again.
    pub async fn forget_pat(&self) -> Result<PatStatus, AppError> {
        let (client, key) = {
            let mut current = self.current.lock().await;
            (current.client.take(), current.settings.progress_key())
        };
        if let Some(client) = client {
            client.clear_pat().await;
        }
        self.pats.forget(&key).await?;
        Ok(self.pats.status(&key).await)
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
                Environment::Sandbox { auth_url: info.auth_url.clone(), graphql_url: info.graphql_url.clone() }
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
        let (key, environment) = {
            let mut current = self.current.lock().await;
            let key = current.settings.progress_key();
            if let Some(client) = &current.client {
                return Ok(Bound { client: client.clone(), key, progress: current.settings.progress() });
            }
            (key, self.environment(&mut current).await?)
        };
        // Keyed by environment, and for Custom by origins: a PAT goes only where it was saved
        // for. Read from the keychain without holding the lock.
        let Some((pat, _)) = self.pats.find(&key).await? else {
            return Err(ApiError::MissingPat.into());
        };
        let client = Arc::new(DxtraClient::new(&environment, self.client_config.clone())?);
        client.set_observer(self.log.clone());
        client.set_pat(pat).await;
        let mut current = self.current.lock().await;
        if current.settings.progress_key() != key {
            return Err(AppError::InvalidInput { field: "environment", problem: "The environment changed meanwhile; try again.".into() });
        }
        // Another call may have built one meanwhile: keep the first.
        let client = current.client.get_or_insert(client).clone();
        Ok(Bound { client, key, progress: current.settings.progress() })
    }

    /// Records progress of the environment `key` (in memory at once, then on disk).
    async fn advance(&self, key: &str, step: u8, change: impl FnOnce(&mut crate::settings::Progress)) -> Result<(), AppError> {
        let (snapshot, generation) = {
            let mut current = self.current.lock().await;
            let progress = current.settings.progress.entry(key.to_owned()).or_default();
            progress.step_reached = progress.step_reached.max(step);
            change(progress);
            current.snapshot()
        };
        self.file.save(snapshot, generation).await
    }

    /// Signs in with the stored PAT (step 2).
    pub async fn sign_in(&self) -> Result<SessionInfo, AppError> {
        let Bound { client, key, .. } = self.bound().await?;
        let info = client.sign_in().await?;
        if let Err(error) = self.advance(&key, 3, |_| {}).await {
            tracing::warn!(%error, "signed in, but the progress could not be saved");
        }
        Ok(info)
    }

    /// Signs in without recording progress (the benchmark's signed-in start on step 2).
    pub async fn sign_in_only(&self) -> Result<(), AppError> {
        self.bound().await?.client.sign_in().await?;
        Ok(())
    }

    /// The current session's non-secret facts, if signed in; a session about to expire is
    /// renewed first, so a countdown shown from it restarts by itself.
    pub async fn session_status(&self) -> Option<SessionInfo> {
        let client = self.current.lock().await.client.clone()?;
        client.session_info()?;
        if let Err(error) = client.access_token().await {
            tracing::info!(kind = error.kind(), "could not renew the session");
        }
        client.session_info()
    }

    /// The guide's `dataControllers` query.
    pub async fn list_controllers(&self) -> Result<Vec<DataController>, AppError> {
        Ok(self.client().await?.data_controllers().await?)
    }

    /// The guide's `createDataSubject` mutation (step 3), sent at most once per intent: a second
    /// call while one is in flight is refused. When the answer is lost after sending (timeout,
    /// dropped connection, 5xx, a damaged answer), the subject is looked up by email before
    /// anything is said: recorded, not recorded, or unknown (then the dashboard decides).
    pub async fn create_data_subject(&self, input: CreateDataSubjectInput) -> Result<CreateOutcome, AppError> {
        let input = validate::subject_input(input)?;
        if self.creating.swap(true, Ordering::SeqCst) {
            return Err(AppError::MutationInFlight);
        }
        let _in_flight = InFlight(&self.creating);
        let Bound { client, key, .. } = self.bound().await?;
        // A sign-in that fails now fails before anything is sent: that is no uncertain outcome.
        client.access_token().await?;
        let sent_at = std::time::Instant::now();
        let (created, confirmed_by_read_back) = match client.create_data_subject(&input).await {
            Ok(created) => ((created.data_subject_id, created.message), false),
            Err(error) if error.outcome_unknown() => {
                tracing::warn!(kind = error.kind(), "the createDataSubject answer was lost; reading the subject back");
                let record = read_back(&client, &input, sent_at, self.client_config.mutation_settle, error).await?;
                ((record.id, Some("Recorded: confirmed by reading it back after the answer was lost".to_owned())), true)
            }
            Err(error) => return Err(error.into()),
        };
        let remembered = CreatedSubject {
            data_subject_id: created.0.clone(),
            message: created.1.clone(),
            event: input.event.clone(),
            controller_id: input.data_controller_id.clone(),
            created_at: now_secs(),
        };
        // The subject is recorded: a failure to save the progress must not hide that.
        let progress_warning = self
            .advance(&key, 4, |p| {
                p.controller_id = input.data_controller_id.clone();
                p.created = Some(remembered);
                p.verified_at = None;
            })
            .await
            .err()
            .map(|error| format!("The data subject is recorded, but this progress could not be saved: {error}."));
        Ok(CreateOutcome { data_subject_id: created.0, message: created.1, confirmed_by_read_back, progress_warning })
    }

    /// Step 4: each of the guide's three checks on its own: confirmed by an API read, left to
    /// the dashboard (saying why), or failed (saying why). Never fails as a whole.
    pub async fn verify(&self) -> Result<Verification, AppError> {
        let progress = self.current.lock().await.settings.progress();
        if progress.created.is_none() {
            return Err(AppError::InvalidInput { field: "subject", problem: "No data subject was created in this environment yet: create one in step 3 first.".into() });
        }
        let Bound { client, key, progress } = self.bound().await?;
        let Some(created) = progress.created else {
            return Err(AppError::InvalidInput { field: "subject", problem: "No data subject was created in this environment yet: create one in step 3 first.".into() });
        };
        let verification = verification(&client, &created).await;
        if verification.finished {
            if let Err(error) = self.advance(&key, 4, |p| p.verified_at = Some(now_secs())).await {
                tracing::warn!(%error, "verified, but the progress could not be saved");
            }
        }
        Ok(verification)
    }

    /// The non-secret values for the code snippets.
    pub async fn snippet_context(&self) -> Result<SnippetContext, AppError> {
        // Called on every keystroke of the step-3 form: settings and URLs only, no keychain.
        let mut current = self.current.lock().await;
        let endpoints = self.endpoints(&mut current).await.ok();
        Ok(Self::snippet_values(&current.settings, endpoints.as_ref()))
    }

    /// The snippets' values from the settings and the environment's endpoints; without endpoints
    /// (an environment not set up yet), Production's, as the guide shows them.
    fn snippet_values(settings: &Settings, endpoints: Option<&Endpoints>) -> SnippetContext {
        let controller_id = settings.progress().controller_id;
        SnippetContext {
            environment: settings.environment,
            auth_url: endpoints.map_or_else(|| "https://auth.dxtra.ai/v1".into(), |e| e.auth_root().to_owned()),
            signin_url: endpoints.map_or_else(|| "https://auth.dxtra.ai/v1/signin/pat".into(), Endpoints::signin_pat),
            token_url: endpoints.map_or_else(|| "https://auth.dxtra.ai/v1/token".into(), Endpoints::token),
            graphql_url: endpoints.map_or_else(|| "https://api.dxtra.ai/v1/graphql".into(), |e| e.graphql().to_owned()),
            controller_id: if controller_id.is_empty() { "YOUR_CONTROLLER_ID".into() } else { controller_id },
        }
    }

    /// Writes a starter project for the current environment (its endpoints and controller), on a
    /// blocking thread, without holding the wizard's lock.
    pub async fn create_starter(&self, language: crate::starter::Language, folder: std::path::PathBuf) -> Result<crate::starter::Written, AppError> {
        // The environment's own endpoints or its error: never the Production defaults the code
        // panel falls back to, which would send this environment's PAT to another origin.
        let context = {
            let mut current = self.current.lock().await;
            let endpoints = self.endpoints(&mut current).await?;
            Self::snippet_values(&current.settings, Some(&endpoints))
        };
        let values = crate::starter::Values {
            environment: match context.environment {
                EnvChoice::Sandbox => "the Sandbox".to_owned(),
                EnvChoice::Production => "Production".to_owned(),
                EnvChoice::LocalDev => "Local Dev".to_owned(),
                EnvChoice::Custom => "a custom deployment".to_owned(),
            },
            signin_url: context.signin_url,
            token_url: context.token_url,
            graphql_url: context.graphql_url,
            controller_id: context.controller_id,
        };
        tokio::task::spawn_blocking(move || crate::starter::write(&folder, language, &values))
            .await
            .map_err(|e| AppError::Starter { detail: e.to_string() })?
    }

    /// The console's schema: the current environment's introspection answer (`{"__schema": …}`).
    pub async fn graphql_schema(&self) -> Result<serde_json::Value, AppError> {
        Ok(self.client().await?.introspect().await?)
    }

    /// Runs one console operation through the environment's client and returns the whole
    /// answer. A mutation outside the Sandbox needs `confirmed`; like the wizard's, it is refused
    /// while another is in flight. The run joins the history unless it mentions a secret.
    pub async fn run_graphql(&self, request: ConsoleRequest) -> Result<ConsoleAnswer, AppError> {
        let variables = console::parse_variables(&request.variables)?;
        let operation = dxtra_api::operation_from_document(&request.query, variables, request.operation_name.as_deref())?;
        let Bound { client, key, .. } = self.bound().await?;
        // Checked before sending: a secret pasted into a query would go to the server and the log.
        if client.mentions_secret(&request.query).await || client.mentions_secret(&request.variables).await {
            return Err(AppError::InvalidInput { field: "query", problem: console::SECRET_IN_DOCUMENT.into() });
        }
        let (environment, origin) = match key.strip_prefix("custom:") {
            Some(origins) => ("custom".to_owned(), origins.split(' ').next_back().map(str::to_owned)),
            None => (key.clone(), None),
        };
        let mutation = operation.kind == OperationKind::Mutation;
        if mutation && environment != EnvChoice::Sandbox.id() && !request.confirmed {
            return Err(AppError::ConfirmMutation { operation: operation.name.to_string(), environment: console::environment_label(&key) });
        }
        let _in_flight = match mutation {
            true if self.creating.swap(true, Ordering::SeqCst) => return Err(AppError::MutationInFlight),
            true => Some(InFlight(&self.creating)),
            false => None,
        };
        let started = std::time::Instant::now();
        let answer = match client.execute_answer(&operation).await {
            Ok(answer) => answer,
            Err(cause) if mutation && cause.outcome_unknown() => {
                return Err(AppError::MutationOutcomeUnknown { operation: operation.name.to_string(), cause })
            }
            Err(error) => return Err(error.into()),
        };
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let entry = HistoryEntry {
            query: dxtra_api::scrub_text(&request.query),
            variables: dxtra_api::scrub_text(&request.variables),
            operation_name: operation.operation_name.clone(),
            environment,
            origin,
            mutation,
            at: now_secs(),
            ok: console::answer_ok(&answer),
        };
        let (history, history_note) = if entry.query.len() > console::MAX_KEPT_BYTES || entry.variables.len() > console::MAX_KEPT_BYTES {
            (self.console_history().await, Some(format!("Not kept in the history: it is over {} KiB.", console::MAX_KEPT_BYTES / 1024)))
        } else {
            let (snapshot, generation) = {
                let mut current = self.current.lock().await;
                console::remember(&mut current.settings.console_history, entry);
                current.snapshot()
            };
            let history = snapshot.console_history.clone();
            let note = self.file.save(snapshot, generation).await.err().map(|e| format!("The history could not be saved: {e}."));
            (history, note)
        };
        let problem = dxtra_api::answer_error(&answer, operation.kind);
        Ok(ConsoleAnswer { operation: operation.name.into_owned(), kind: operation.kind, answer, elapsed_ms, problem, history, history_note })
    }

    /// The console's history, newest first.
    pub async fn console_history(&self) -> Vec<HistoryEntry> {
        self.current.lock().await.settings.console_history.clone()
    }

    /// Empties the console's history.
    pub async fn clear_console_history(&self) -> Result<Vec<HistoryEntry>, AppError> {
        let (snapshot, generation) = {
            let mut current = self.current.lock().await;
            current.settings.console_history.clear();
            current.snapshot()
        };
        self.file.save(snapshot, generation).await?;
        Ok(Vec::new())
    }

    /// The endpoints a pair of pasted URLs leads to, before anything is saved.
    pub fn preview_endpoints(&self, auth_url: &str, graphql_url: &str) -> Result<EndpointsView, AppError> {
        let environment = Environment::Custom { auth_url: auth_url.to_owned(), graphql_url: graphql_url.to_owned() };
        Ok(EndpointsView::from(&environment.endpoints()?))
    }

    /// "Check connection": probes the given URLs (or the current environment's) without any
    /// credential, and says per URL what answers there.
    pub async fn check_connection(&self, urls: Option<(String, String)>) -> Result<ConnectionCheck, AppError> {
        let endpoints = match urls {
            Some((auth_url, graphql_url)) => Environment::Custom { auth_url, graphql_url }.endpoints()?,
            None => {
                let mut current = self.current.lock().await;
                self.endpoints(&mut current).await?
            }
        };
        Ok(dxtra_api::check_connection(&endpoints, self.client_config.clone()).await?)
    }

    /// The requests made so far, newest last.
    pub fn request_log(&self) -> Vec<LogEntry> {
        self.log.entries()
    }
}

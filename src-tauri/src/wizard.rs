//! The wizard's logic, free of Tauri: the environment (starting the offline sandbox when it is
//! chosen), the PAT's store, the client, the request log and the settings. Each Tauri command
//! is a thin call into one method here.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dxtra_api::{
    ApiError, ClientConfig, ConnectionCheck, CreateDataSubjectInput, DataController, DataSubjectRecord, DxtraClient,
    Endpoints, Environment, ProcessingActivity, SessionInfo, VerificationReads,
};
use secrecy::SecretString;
use serde::Serialize;

use crate::error::AppError;
use crate::keychain::{mask, SecretStore, SessionMemory};
use crate::requests::{LogEntry, RequestLog};
use crate::sandbox::OfflineSandbox;
use crate::validate;
use crate::settings::{CreatedSubject, EnvChoice, Settings, SettingsBackend, SettingsPatch, SettingsView};

/// The dashboard the guide's pages live in.
pub const DASHBOARD: &str = "https://app.dxtra.ai";

fn now_secs() -> u64 {
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

/// The result of the verify step: every check stands alone, so one failing read never hides
/// what the others found.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// The reads this deployment offers, if introspection answered.
    pub reads: Option<VerificationReads>,
    pub subject: Option<DataSubjectRecord>,
    pub activities: Vec<ProcessingActivity>,
    pub checks: Vec<Check>,
    /// No check failed: what the API can confirm is confirmed, the rest is for the dashboard.
    pub finished: bool,
}

/// How one check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckState {
    /// An API read confirmed it.
    Confirmed,
    /// The API cannot confirm it here; the dashboard can.
    Dashboard,
    /// A read that should have confirmed it failed or found nothing.
    Failed,
}

/// One of the guide's three checks.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub id: &'static str,
    pub title: &'static str,
    pub state: CheckState,
    pub confirmed: bool,
    pub detail: String,
    pub dashboard_url: String,
}

impl Check {
    fn new(id: &'static str, title: &'static str, state: CheckState, detail: String, dashboard_url: String) -> Check {
        Check { id, title, state, confirmed: state == CheckState::Confirmed, detail, dashboard_url }
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
    client: Option<Arc<DxtraClient>>,
    sandbox: OfflineSandbox,
}

/// The wizard's state, shared by all commands.
pub struct Wizard {
    keychain: Box<dyn SecretStore>,
    session_only: SessionMemory,
    backend: Box<dyn SettingsBackend>,
    client_config: ClientConfig,
    /// Held across `.await` when starting the sandbox or switching environments.
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
        let settings = backend.load();
        Wizard {
            keychain,
            session_only: SessionMemory::default(),
            backend,
            client_config,
            current: tokio::sync::Mutex::new(Current { settings, client: None, sandbox: OfflineSandbox::new(sandbox_state) }),
            log: Arc::new(RequestLog::default()),
            creating: AtomicBool::new(false),
        }
    }

    /// Everything the front end draws from.
    pub async fn status(&self) -> Status {
        let mut current = self.current.lock().await;
        let (endpoints, environment_error) = match self.endpoints(&mut current).await {
            Ok(endpoints) => (Some(endpoints), None),
            Err(error) => (None, Some(error)),
        };
        let key = current.settings.progress_key();
        Status {
            pat: self.pat_status(&key),
            session: current.client.as_ref().and_then(|c| c.session_info()),
            demo_controller_id: current.sandbox.info().map(|info| info.data_controller_id.clone()),
            settings: current.settings.view(),
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
        {
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
            self.backend.save(&current.settings)?;
        }
        Ok(self.status().await)
    }

    /// Starts the offline sandbox (if not running) and selects it; with `use_demo`, also saves
    /// its demo PAT (to the keychain, or this session when none is usable) and controller ID.
    pub async fn start_sandbox(&self, use_demo: bool) -> Result<Status, AppError> {
        {
            let mut current = self.current.lock().await;
            if current.settings.environment != EnvChoice::Sandbox {
                current.settings.environment = EnvChoice::Sandbox;
                current.client = None;
            }
            let info = current.sandbox.ensure().await?.clone();
            if use_demo {
                let pat = SecretString::from(info.personal_access_token);
                if self.keychain.set("sandbox", &pat).is_err() {
                    self.session_only.set("sandbox", &pat)?;
                }
                current.settings.progress_mut().controller_id = info.data_controller_id;
                current.client = None;
            }
            self.backend.save(&current.settings)?;
        }
        Ok(self.status().await)
    }

    /// Saves the PAT for the current environment: in the keychain, or for this session only.
    pub async fn save_pat(&self, pat: String, session_only: bool) -> Result<PatStatus, AppError> {
        // Checked before anything is touched: a bad PAT never replaces a working one.
        let secret = SecretString::from(validate::pat(&pat)?);
        let mut current = self.current.lock().await;
        let key = current.settings.progress_key();
        if session_only {
            self.session_only.set(&key, &secret)?;
        } else {
            self.keychain.set(&key, &secret)?;
            self.session_only.delete(&key)?;
        }
        current.client = None;
        Ok(self.pat_status(&key))
    }

    /// Deletes the PAT of the current environment from the keychain and memory. The client and
    /// its session are dropped first, whatever the keychain says, so the old PAT is never used again.
    pub async fn forget_pat(&self) -> Result<PatStatus, AppError> {
        let mut current = self.current.lock().await;
        if let Some(client) = current.client.take() {
            client.clear_pat().await;
        }
        let key = current.settings.progress_key();
        self.session_only.delete(&key)?;
        self.keychain.delete(&key)?;
        Ok(self.pat_status(&key))
    }

    fn pat_status(&self, env: &str) -> PatStatus {
        match self.find_pat(env) {
            Ok(Some((pat, store))) => PatStatus { saved: true, masked: Some(mask(&pat)), store: Some(store), keychain_error: None },
            Ok(None) => PatStatus { saved: false, masked: None, store: None, keychain_error: None },
            Err(error) => PatStatus { saved: false, masked: None, store: None, keychain_error: Some(error.to_string()) },
        }
    }

    /// The PAT of `env` and the name of the store holding it: this session's memory first,
    /// then the keychain.
    fn find_pat(&self, env: &str) -> Result<Option<(SecretString, &'static str)>, AppError> {
        if let Some(pat) = self.session_only.get(env)? {
            return Ok(Some((pat, self.session_only.name())));
        }
        Ok(self.keychain.get(env)?.map(|pat| (pat, self.keychain.name())))
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
        let mut current = self.current.lock().await;
        let key = current.settings.progress_key();
        let progress = current.settings.progress();
        if let Some(client) = &current.client {
            return Ok(Bound { client: client.clone(), key, progress });
        }
        let environment = self.environment(&mut current).await?;
        let client = Arc::new(DxtraClient::new(&environment, self.client_config.clone())?);
        client.set_observer(self.log.clone());
        // Keyed by environment, and for Custom by auth origin: a PAT goes only where it was saved for.
        match self.find_pat(&current.settings.progress_key())? {
            Some((pat, _)) => client.set_pat(pat).await,
            None => return Err(ApiError::MissingPat.into()),
        }
        current.client = Some(client.clone());
        Ok(Bound { client, key, progress })
    }

    /// Records progress of the environment `key` (in memory at once, then on disk).
    async fn advance(&self, key: &str, step: u8, change: impl FnOnce(&mut crate::settings::Progress)) -> Result<(), AppError> {
        let mut current = self.current.lock().await;
        let progress = current.settings.progress.entry(key.to_owned()).or_default();
        progress.step_reached = progress.step_reached.max(step);
        change(progress);
        self.backend.save(&current.settings)
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
        let settings = &current.settings;
        let controller_id = settings.progress().controller_id;
        Ok(SnippetContext {
            environment: settings.environment,
            auth_url: endpoints.as_ref().map_or_else(|| "https://auth.dxtra.ai/v1".into(), |e| e.auth_root().to_owned()),
            signin_url: endpoints.as_ref().map_or_else(|| "https://auth.dxtra.ai/v1/signin/pat".into(), Endpoints::signin_pat),
            token_url: endpoints.as_ref().map_or_else(|| "https://auth.dxtra.ai/v1/token".into(), Endpoints::token),
            graphql_url: endpoints.as_ref().map_or_else(|| "https://api.dxtra.ai/v1/graphql".into(), |e| e.graphql().to_owned()),
            controller_id: if controller_id.is_empty() { "YOUR_CONTROLLER_ID".into() } else { controller_id },
        })
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

/// After a lost answer: the subject this email resolves to, if reading it back shows the
/// mutation landed. Absent is only taken as "not recorded" once the service can no longer be
/// working on it (`settle` after sending); until then the read is repeated.
async fn read_back(
    client: &DxtraClient,
    input: &CreateDataSubjectInput,
    sent_at: std::time::Instant,
    settle: std::time::Duration,
    cause: ApiError,
) -> Result<DataSubjectRecord, AppError> {
    let unknown = |cause: ApiError, reason: String| AppError::OutcomeUnknown { cause, reason };
    let reads = match client.verification_reads().await {
        Ok(reads) => reads,
        Err(error) => return Err(unknown(cause, format!("it could not be read back: {error}"))),
    };
    if !reads.subject_by_email {
        return Err(unknown(cause, "this server offers no read by email to check it".into()));
    }
    let since = now_secs().saturating_sub(sent_at.elapsed().as_secs());
    loop {
        match client.subject_by_email(&input.data_controller_id, &input.payload.email).await {
            Ok(Some(record)) if touched_since(&record, since) => return Ok(record),
            Ok(Some(_)) => {
                return Err(unknown(cause, "a subject for this email existed before, and whether this event was added cannot be read".into()))
            }
            Ok(None) if sent_at.elapsed() >= settle => return Err(AppError::NotRecorded { cause }),
            Ok(None) => {
                let wait = settle.saturating_sub(sent_at.elapsed()).min(std::time::Duration::from_secs(5));
                tracing::info!(?wait, "not recorded yet; the service may still be working on it");
                tokio::time::sleep(wait).await;
            }
            Err(error) => return Err(unknown(cause, format!("reading it back failed: {error}"))),
        }
    }
}

/// Whether the record was created or updated at or after `since` (allowing for clock skew).
fn touched_since(record: &DataSubjectRecord, since: u64) -> bool {
    let parse = |text: &Option<String>| text.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| t.timestamp());
    let since = i64::try_from(since).unwrap_or(i64::MAX).saturating_sub(5);
    [parse(&record.updated_at), parse(&record.created_at)].into_iter().flatten().any(|at| at >= since)
}

const SUBJECT_CHECK: &str = "Dashboard: the data subject appears in Data Subject Support";
const ACTIVITY_CHECK: &str = "Activity Log: the processing activity was recorded";
const SCORE_CHECK: &str = "Compliance Score: the Assurance dashboard reflects the activity";

/// A read this deployment refuses by its schema or permissions: the API cannot confirm the check
/// here (the dashboard can), which is no failure of the integration.
fn refused_by_schema(error: &ApiError) -> bool {
    matches!(error, ApiError::ValidationFailed { .. } | ApiError::GraphQl { .. } | ApiError::AccessDenied { .. })
}

/// A failed read as a check's state: not confirmable here, or failed (say why either way).
fn read_failed(what: &str, error: &ApiError) -> (CheckState, String) {
    if refused_by_schema(error) {
        (CheckState::Dashboard, format!("This deployment does not offer {what} through the API ({error}); only the dashboard can confirm it."))
    } else {
        (CheckState::Failed, format!("Reading {what} failed: {error}. Press Verify again once the API answers."))
    }
}

/// Runs each check's read on its own.
async fn verification(client: &DxtraClient, created: &CreatedSubject) -> Verification {
    let subject_id = &created.data_subject_id;
    let controller_id = &created.controller_id;
    let reads = client.verification_reads().await;
    let schema_unread = |error: &ApiError| read_failed("its schema (introspection)", error);

    let mut subject = None;
    let (state, detail) = match &reads {
        Err(error) => schema_unread(error),
        Ok(reads) if reads.data_subject || reads.data_subjects => {
            let found = if reads.data_subject {
                client.data_subject(subject_id).await
            } else {
                client.data_subjects(controller_id).await.map(|all| all.into_iter().find(|s| &s.id == subject_id))
            };
            match found {
                Ok(Some(record)) => {
                    let detail = format!(
                        "Read back through the API: {} (created {}).",
                        record.did.as_deref().unwrap_or(&record.id),
                        record.created_at.as_deref().unwrap_or("at an unknown time")
                    );
                    subject = Some(record);
                    (CheckState::Confirmed, detail)
                }
                Ok(None) => (CheckState::Failed, format!("The API does not return subject {subject_id}; look for it in Data Subject Support.")),
                Err(error) => read_failed("the data subject", &error),
            }
        }
        Ok(_) => (CheckState::Dashboard, "This deployment offers no API read of data subjects; only the dashboard can confirm it.".into()),
    };
    let subject_check = Check::new("subject", SUBJECT_CHECK, state, detail, DASHBOARD.to_owned());

    let mut activities = Vec::new();
    let (state, detail) = match &reads {
        Err(error) => schema_unread(error),
        Ok(reads) if reads.processing_activities => match client.processing_activities(subject_id).await {
            Ok(found) if !found.is_empty() => {
                let latest = found.last().and_then(|a| a.event.clone()).unwrap_or_else(|| "?".into());
                let detail = format!("{} record(s), latest event \"{latest}\".", found.len());
                activities = found;
                (CheckState::Confirmed, detail)
            }
            Ok(_) => (CheckState::Dashboard, "The API returns no activity record for this subject yet (recording may take a moment): look in the Processing Activity Log, or press Verify again.".into()),
            Err(error) => read_failed("the activity log", &error),
        },
        Ok(_) => (CheckState::Dashboard, "This deployment offers no API read of the activity log; open the Processing Activity Log.".into()),
    };
    let activity_check = Check::new("activity", ACTIVITY_CHECK, state, detail, DASHBOARD.to_owned());

    let score_check = Check::new(
        "score",
        SCORE_CHECK,
        CheckState::Dashboard,
        "No API gives the compliance score: only the Assurance dashboard shows it.".into(),
        format!("{DASHBOARD}/data-controllers/{controller_id}/dashboard/assurance"),
    );
    let checks = vec![subject_check, activity_check, score_check];
    let finished = checks.iter().all(|c| c.state != CheckState::Failed);
    Verification { reads: reads.ok(), subject, activities, checks, finished }
}

//! The wizard's logic, free of Tauri: the environment (starting the offline sandbox when it is
//! chosen), the PAT's store, the client, the request log and the settings. Each Tauri command
//! is a thin call into one method here.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dxtra_api::{
    ApiError, ClientConfig, CreateDataSubjectInput, CreatedDataSubject, DataController, DataSubjectRecord,
    DxtraClient, Endpoints, Environment, ProcessingActivity, SessionInfo, VerificationReads,
};
use secrecy::SecretString;
use serde::Serialize;

use crate::error::AppError;
use crate::keychain::{mask, SecretStore, SessionMemory};
use crate::requests::{LogEntry, RequestLog};
use crate::sandbox::OfflineSandbox;
use crate::settings::{CreatedSubject, EnvChoice, Settings, SettingsBackend, SettingsPatch};

/// The dashboard the guide's pages live in.
pub const DASHBOARD: &str = "https://app.dxtra.ai";

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// What the front end needs to draw any step.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub settings: Settings,
    pub auth_url: Option<String>,
    pub graphql_url: Option<String>,
    /// Why the URLs are missing (a bad custom URL), if they are.
    pub environment_error: Option<AppError>,
    pub pat: PatStatus,
    pub session: Option<SessionInfo>,
    /// The sandbox's demo controller, offered with one click.
    pub demo_controller_id: Option<String>,
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

/// The result of the verify step.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub reads: VerificationReads,
    pub subject: Option<DataSubjectRecord>,
    pub activities: Vec<ProcessingActivity>,
    pub checks: Vec<Check>,
}

/// One of the guide's three checks.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub title: &'static str,
    pub confirmed: bool,
    pub detail: String,
    pub dashboard_url: String,
}

/// Non-secret values the code snippets are filled with.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnippetContext {
    pub environment: EnvChoice,
    pub auth_url: String,
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
        }
    }

    /// Everything the front end draws from.
    pub async fn status(&self) -> Status {
        let mut current = self.current.lock().await;
        let (endpoints, environment_error) = match self.endpoints(&mut current).await {
            Ok(endpoints) => (Some(endpoints), None),
            Err(error) => (None, Some(error)),
        };
        let env_id = current.settings.environment.id();
        Status {
            pat: self.pat_status(env_id),
            session: current.client.as_ref().and_then(|c| c.session_info()),
            demo_controller_id: current.sandbox.info().map(|info| info.data_controller_id.clone()),
            settings: current.settings.clone(),
            auth_url: endpoints.as_ref().map(|e| e.auth_base().to_owned()),
            graphql_url: endpoints.as_ref().map(|e| e.graphql().to_owned()),
            environment_error,
        }
    }

    /// Changes settings; a changed environment or URL drops the client (and its session).
    pub async fn save_settings(&self, patch: SettingsPatch) -> Result<Status, AppError> {
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
            if let Some(id) = patch.controller_id {
                s.controller_id = id.trim().to_owned();
            }
            if let Some(step) = patch.step_reached {
                s.step_reached = step.clamp(1, 4);
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
                current.settings.controller_id = info.data_controller_id;
                current.client = None;
            }
            self.backend.save(&current.settings)?;
        }
        Ok(self.status().await)
    }

    /// Saves the PAT for the current environment: in the keychain, or for this session only.
    pub async fn save_pat(&self, pat: String, session_only: bool) -> Result<PatStatus, AppError> {
        let pat = pat.trim();
        if pat.is_empty() {
            return Err(AppError::InvalidInput { field: "Personal Access Token", problem: "it is empty".into() });
        }
        if pat.chars().any(char::is_whitespace) {
            return Err(AppError::InvalidInput {
                field: "Personal Access Token",
                problem: "it contains spaces or line breaks inside; paste it exactly as shown".into(),
            });
        }
        let secret = SecretString::from(pat.to_owned());
        let mut current = self.current.lock().await;
        let env = current.settings.environment.id();
        if session_only {
            self.session_only.set(env, &secret)?;
        } else {
            self.keychain.set(env, &secret)?;
            self.session_only.delete(env)?;
        }
        current.client = None;
        Ok(self.pat_status(env))
    }

    /// Deletes the PAT of the current environment from the keychain and memory.
    pub async fn forget_pat(&self) -> Result<PatStatus, AppError> {
        let mut current = self.current.lock().await;
        let env = current.settings.environment.id();
        self.session_only.delete(env)?;
        self.keychain.delete(env)?;
        current.client = None;
        Ok(self.pat_status(env))
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
        let mut current = self.current.lock().await;
        if let Some(client) = &current.client {
            return Ok(client.clone());
        }
        let environment = self.environment(&mut current).await?;
        let client = Arc::new(DxtraClient::new(&environment, self.client_config.clone())?);
        client.set_observer(self.log.clone());
        match self.find_pat(current.settings.environment.id())? {
            Some((pat, _)) => client.set_pat(pat).await,
            None => return Err(ApiError::MissingPat.into()),
        }
        current.client = Some(client.clone());
        Ok(client)
    }

    async fn advance(&self, step: u8, change: impl FnOnce(&mut Settings)) -> Result<(), AppError> {
        let mut current = self.current.lock().await;
        current.settings.step_reached = current.settings.step_reached.max(step);
        change(&mut current.settings);
        self.backend.save(&current.settings)
    }

    /// Signs in with the stored PAT (step 2).
    pub async fn sign_in(&self) -> Result<SessionInfo, AppError> {
        let info = self.client().await?.sign_in().await?;
        self.advance(3, |_| {}).await?;
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

    /// The guide's `createDataSubject` mutation (step 3); remembers the answer for step 4.
    pub async fn create_data_subject(&self, input: CreateDataSubjectInput) -> Result<CreatedDataSubject, AppError> {
        let created = self.client().await?.create_data_subject(&input).await?;
        let remembered = CreatedSubject {
            data_subject_id: created.data_subject_id.clone(),
            message: created.message.clone(),
            event: input.event.clone(),
            controller_id: input.data_controller_id.clone(),
            created_at: now_secs(),
        };
        self.advance(4, |s| {
            s.controller_id = input.data_controller_id.clone();
            s.created = Some(remembered);
        })
        .await?;
        Ok(created)
    }

    /// Step 4: reads the subject back where the API allows, and the guide's three checks.
    pub async fn verify(&self, subject_id: String) -> Result<Verification, AppError> {
        let client = self.client().await?;
        let reads = client.verification_reads().await?;
        let controller_id = self.current.lock().await.settings.controller_id.clone();
        let subject = if reads.data_subject {
            client.data_subject(&subject_id).await?
        } else if reads.data_subjects {
            client.data_subjects(&controller_id).await?.into_iter().find(|s| s.id == subject_id)
        } else {
            None
        };
        let activities = if reads.processing_activities {
            client.processing_activities(&subject_id).await?
        } else {
            Vec::new()
        };
        let checks = checks(&controller_id, &subject, &activities, reads);
        if subject.is_some() {
            self.advance(4, |s| s.verified_at = Some(now_secs())).await?;
        }
        Ok(Verification { reads, subject, activities, checks })
    }

    /// The non-secret values for the code snippets.
    pub async fn snippet_context(&self) -> Result<SnippetContext, AppError> {
        // Called on every keystroke of the step-3 form: settings and URLs only, no keychain.
        let mut current = self.current.lock().await;
        let endpoints = self.endpoints(&mut current).await.ok();
        let settings = &current.settings;
        Ok(SnippetContext {
            environment: settings.environment,
            auth_url: endpoints.as_ref().map_or_else(|| "https://auth.dxtra.ai".into(), |e| e.auth_base().to_owned()),
            graphql_url: endpoints.as_ref().map_or_else(|| "https://api.dxtra.ai/v1/graphql".into(), |e| e.graphql().to_owned()),
            controller_id: if settings.controller_id.is_empty() { "YOUR_CONTROLLER_ID".into() } else { settings.controller_id.clone() },
        })
    }

    /// The requests made so far, newest last.
    pub fn request_log(&self) -> Vec<LogEntry> {
        self.log.entries()
    }
}

fn checks(controller_id: &str, subject: &Option<DataSubjectRecord>, activities: &[ProcessingActivity], reads: VerificationReads) -> Vec<Check> {
    vec![
        Check {
            title: "Dashboard: the data subject appears in Data Subject Support",
            confirmed: subject.is_some(),
            detail: match (subject, reads.data_subject || reads.data_subjects) {
                (Some(s), _) => format!("Read back through the API: {} (created {}).", s.did, s.created_at),
                (None, true) => "The API does not return this subject yet; check the dashboard.".into(),
                (None, false) => "This deployment offers no read to confirm it; check the dashboard.".into(),
            },
            dashboard_url: DASHBOARD.to_owned(),
        },
        Check {
            title: "Activity Log: the processing activity was recorded",
            confirmed: !activities.is_empty(),
            detail: if activities.is_empty() {
                "Not readable through the API here; open the Processing Activity Log.".into()
            } else {
                format!("{} record(s), latest event \"{}\".", activities.len(), activities.last().map(|a| a.event.as_str()).unwrap_or(""))
            },
            dashboard_url: DASHBOARD.to_owned(),
        },
        Check {
            title: "Compliance Score: the Assurance dashboard reflects the activity",
            confirmed: false,
            detail: "Only the dashboard shows the score: open Assurance to confirm.".into(),
            dashboard_url: format!("{DASHBOARD}/data-controllers/{controller_id}/dashboard/assurance"),
        },
    ]
}

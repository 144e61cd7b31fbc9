//! What the page draws any step from: [`Status`] (settings, endpoints, the PAT's status, the
//! session's non-secret facts, the sandbox's notes) and the request log. Reads only: changing
//! anything is `setup`'s and the steps'.

use dxtra_api::{Endpoints, SessionInfo};
use serde::Serialize;

use super::Wizard;
use crate::error::AppError;
use crate::requests::LogEntry;
use crate::settings::SettingsView;
use crate::stores::PatStatus;

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
    /// What of the saved settings could not be read at start-up (and where the file was kept).
    pub settings_notice: Option<String>,
    /// In the Sandbox only: its practice PAT, which is public (the sandbox prints it, the docs
    /// show it), for the places a newcomer's own code needs it. Never a PAT from the keychain.
    pub practice_pat: Option<String>,
    /// "Record my program's calls", while on: the loopback URLs to point a program at.
    pub forwarder: Option<ForwarderView>,
}

/// The forwarder's two loopback URLs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ForwarderView {
    pub auth_url: String,
    pub graphql_url: String,
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
        EndpointsView {
            signin_url: e.signin_pat(),
            token_url: e.token(),
            graphql_url: e.graphql().to_owned(),
        }
    }
}

impl Wizard {
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
        let practice_pat = current.practice_pat();
        let forwarder = current
            .forwarder
            .as_ref()
            .map(|f| ForwarderView { auth_url: f.auth_url.clone(), graphql_url: f.graphql_url.clone() });
        let sandbox_notice = current.sandbox.notice().map(str::to_owned);
        let settings = current.settings.view();
        drop(current);
        Status {
            pat: if read_pat { self.pats.status(&key).await } else { PatStatus::pending() },
            session,
            demo_controller_id,
            sandbox_notice,
            settings_notice: self.file.notice(),
            practice_pat,
            forwarder,
            settings,
            auth_url: endpoints.as_ref().map(|e| e.auth_root().to_owned()),
            graphql_url: endpoints.as_ref().map(|e| e.graphql().to_owned()),
            endpoints: endpoints.as_ref().map(EndpointsView::from),
            environment_error,
        }
    }

    /// The requests made so far, newest last.
    pub fn request_log(&self) -> Vec<LogEntry> {
        self.log.entries()
    }
}

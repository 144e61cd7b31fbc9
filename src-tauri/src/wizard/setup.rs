//! Step 1: the environment and its URLs, the PAT (saved, forgotten, or the sandbox's demo one),
//! and the checks made before anything is saved (the endpoints a paste leads to, "Check
//! connection"). Signing in is `session`'s.

use dxtra_api::{ConnectionCheck, Environment};
use secrecy::SecretString;

use super::status::{EndpointsView, Status};
use super::Wizard;
use crate::error::AppError;
use crate::progress::{EnvChoice, ProgressKey};
use crate::settings::SettingsPatch;
use crate::stores::PatStatus;
use crate::validate;

impl Wizard {
    /// Changes settings; a changed environment or URL drops the client (and its session). The
    /// answer does not wait for the keychain (the PAT's status is `pending`): a locked keyring's
    /// prompt never holds up a switch of environment.
    pub async fn save_settings(&self, patch: SettingsPatch) -> Result<Status, AppError> {
        // Every value is checked before any is applied: a bad patch changes nothing.
        for url in [&patch.custom_auth_url, &patch.custom_graphql_url].into_iter().flatten() {
            validate::url_length(url)?;
            if !url.trim().is_empty() {
                dxtra_api::checked_url(url)?;
            }
        }
        let controller_id = patch
            .controller_id
            .as_deref()
            .map(|id| validate::optional_uuid(id, "The Data Controller ID"))
            .transpose()?;
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
                s.progress_mut().open(step);
            }
            if (s.environment, &s.custom_auth_url, &s.custom_graphql_url)
                != (before.environment, &before.custom_auth_url, &before.custom_graphql_url)
            {
                current.client = None;
                current.forwarder = None;
            }
            current.snapshot()
        };
        self.file.save(snapshot, generation).await?;
        Ok(self.first_status().await)
    }

    /// Starts the offline sandbox (if not running) and selects it; with `use_demo`, also saves
    /// its demo PAT (to the keychain, or this session when none is usable) and controller ID.
    pub async fn start_sandbox(&self, use_demo: bool) -> Result<Status, AppError> {
        let (demo_pat, snapshot, generation) = {
            let mut current = self.current.lock().await;
            if current.settings.environment != EnvChoice::Sandbox {
                current.settings.environment = EnvChoice::Sandbox;
                current.client = None;
                current.forwarder = None;
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
            self.pats.save_anywhere(&ProgressKey::Sandbox, pat).await?;
            self.pat_changed(&ProgressKey::Sandbox).await;
        }
        self.file.save(snapshot, generation).await?;
        Ok(self.status().await)
    }

    /// Saves the PAT for the environment `key` the page showed when it was typed: in the
    /// keychain, or for this session only. Refused when the environment changed meanwhile, so a
    /// PAT is never filed under (and sent to) another origin than the one it was typed for.
    pub async fn save_pat(
        &self,
        pat: String,
        session_only: bool,
        key: ProgressKey,
    ) -> Result<PatStatus, AppError> {
        // Checked before anything is touched: a bad PAT never replaces a working one.
        let secret = SecretString::from(validate::pat(&pat)?);
        self.still_current(&key).await?;
        let warning = self.pats.save(&key, secret, session_only).await?;
        self.pat_changed(&key).await;
        let mut status = self.pats.status(&key).await;
        status.warning = warning;
        Ok(status)
    }

    /// Deletes the PAT of the environment `key` from the keychain and memory, before anything
    /// else: the client of that environment is dropped at once and its session forgotten in the
    /// background (a sign-in in flight may hold it for a while), so the PAT is never used again.
    pub async fn forget_pat(&self, key: ProgressKey) -> Result<PatStatus, AppError> {
        self.still_current(&key).await?;
        let client = self.pat_changed(&key).await;
        let forgotten = self.pats.forget(&key).await;
        if let Some(client) = client {
            tokio::spawn(async move { client.clear_pat().await });
        }
        forgotten?;
        Ok(self.pats.status(&key).await)
    }

    /// Refuses an action meant for environment `key` when the current one is another.
    async fn still_current(&self, key: &ProgressKey) -> Result<(), AppError> {
        let current = self.current.lock().await.settings.progress_key();
        if &current != key {
            return Err(AppError::EnvironmentChanged { meant: key.label(), current: current.label() });
        }
        Ok(())
    }

    /// The endpoints a pair of pasted URLs leads to, before anything is saved.
    pub fn preview_endpoints(&self, auth_url: &str, graphql_url: &str) -> Result<EndpointsView, AppError> {
        validate::url_length(auth_url)?;
        validate::url_length(graphql_url)?;
        let environment =
            Environment::Custom { auth_url: auth_url.to_owned(), graphql_url: graphql_url.to_owned() };
        Ok(EndpointsView::from(&environment.endpoints()?))
    }

    /// "Check connection": probes the given URLs (or the current environment's) without any
    /// credential, and says per URL what answers there.
    pub async fn check_connection(
        &self,
        urls: Option<(String, String)>,
    ) -> Result<ConnectionCheck, AppError> {
        let endpoints = match urls {
            Some((auth_url, graphql_url)) => {
                validate::url_length(&auth_url)?;
                validate::url_length(&graphql_url)?;
                Environment::Custom { auth_url, graphql_url }.endpoints()?
            }
            None => {
                let mut current = self.current.lock().await;
                self.endpoints(&mut current).await?
            }
        };
        Ok(dxtra_api::check_connection(&endpoints, self.config_now().await?).await?)
    }
}

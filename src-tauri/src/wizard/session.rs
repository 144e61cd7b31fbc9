//! Step 2: signing in with the stored PAT and the session's non-secret facts (renewed near
//! expiry), and where the auth service is when its sign-in endpoint answers 404. The tokens stay
//! inside the client; nothing here returns one.

use dxtra_api::{ApiError, SessionInfo, UrlCheck};

use super::{Bound, Wizard};
use crate::error::AppError;
use crate::progress::EnvChoice;

impl Wizard {
    /// Signs in with the stored PAT (step 2).
    pub async fn sign_in(&self) -> Result<SessionInfo, AppError> {
        let Bound { client, key, .. } = self.bound().await?;
        let info = match client.sign_in().await {
            Ok(info) => info,
            Err(cause @ ApiError::NotFound { .. }) => return Err(self.where_auth_is(cause).await),
            Err(error) => return Err(error.into()),
        };
        if let Err(error) = self.advance(&key, |p| p.reach(3)).await {
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

    /// Nothing answered at the sign-in endpoint: the probe "Check connection" runs says where the
    /// auth service is, when it is elsewhere on that host (a server without `/v1`), and a Custom
    /// environment is offered the corrected URL; otherwise the 404 is said as it is.
    async fn where_auth_is(&self, cause: ApiError) -> AppError {
        let endpoints = {
            let mut current = self.current.lock().await;
            if current.settings.environment != EnvChoice::Custom {
                return cause.into();
            }
            match self.endpoints(&mut current).await {
                Ok(endpoints) => endpoints,
                Err(_) => return cause.into(),
            }
        };
        let Ok(config) = self.config_now().await else { return cause.into() };
        match dxtra_api::probe_auth(&endpoints, config).await {
            Ok(UrlCheck { corrected: Some(corrected), summary, .. }) => {
                AppError::AuthElsewhere { cause, summary, corrected }
            }
            _ => cause.into(),
        }
    }
}

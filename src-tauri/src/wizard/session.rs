//! Step 2: signing in with the stored PAT and the session's non-secret facts (renewed near
//! expiry). The tokens stay inside the client; nothing here returns one.

use dxtra_api::SessionInfo;

use super::{Bound, Wizard};
use crate::error::AppError;

impl Wizard {
    /// Signs in with the stored PAT (step 2).
    pub async fn sign_in(&self) -> Result<SessionInfo, AppError> {
        let Bound { client, key, .. } = self.bound().await?;
        let info = client.sign_in().await?;
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
}

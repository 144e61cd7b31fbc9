//! Step 4 as a wizard action: which subject to verify (this environment's), and the progress a
//! finished verification leaves. The checks themselves are `crate::verify`'s.

use super::{Bound, Wizard};
use crate::clock::now_secs;
use crate::error::AppError;
use crate::verify::{verification, Verification};

const NOTHING_CREATED: &str =
    "No data subject was created in this environment yet: create one in step 3 first.";

impl Wizard {
    /// Step 4: each of the guide's three checks on its own: confirmed by an API read, left to
    /// the dashboard (saying why), or failed (saying why). Never fails as a whole.
    pub async fn verify(&self) -> Result<Verification, AppError> {
        let nothing_created = || AppError::InvalidInput { field: "subject", problem: NOTHING_CREATED.into() };
        let progress = self.current.lock().await.settings.progress();
        if progress.created.is_none() {
            return Err(nothing_created());
        }
        let Bound { client, key, progress } = self.bound().await?;
        let Some(created) = progress.created else {
            return Err(nothing_created());
        };
        let verification = verification(&client, &created).await;
        if verification.finished {
            if let Err(error) = self.advance(&key, |p| p.record_verified(now_secs())).await {
                tracing::warn!(%error, "verified, but the progress could not be saved");
            }
        }
        Ok(verification)
    }
}

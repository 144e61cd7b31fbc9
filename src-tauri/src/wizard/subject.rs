//! Step 3: the guide's `dataControllers` query and its `createDataSubject` mutation, sent at most
//! once per intent, with the read-back that decides a lost answer. The read-back's own logic is
//! in `crate::verify`; the progress it leaves is written through `Wizard::advance`.

use dxtra_api::{CreateDataSubjectInput, DataController};
use serde::Serialize;

use super::{Bound, Wizard};
use crate::clock::now_secs;
use crate::error::AppError;
use crate::progress::CreatedSubject;
use crate::validate;
use crate::verify::read_back;

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

/// What makes two creates the same: the subject and event, the email as the service compares
/// it (case aside).
fn fingerprint(input: &CreateDataSubjectInput) -> String {
    let mut input = input.clone();
    input.payload.email = input.payload.email.to_lowercase();
    format!("create {}", serde_json::to_string(&input).unwrap_or_default())
}

impl Wizard {
    /// The guide's `dataControllers` query.
    pub async fn list_controllers(&self) -> Result<Vec<DataController>, AppError> {
        Ok(self.client().await?.data_controllers().await?)
    }

    /// The guide's `createDataSubject` mutation (step 3), sent at most once per intent: a second
    /// call while one is in flight is refused. When the answer is lost after sending (timeout,
    /// dropped connection, 5xx, a damaged answer), the subject is looked up by email before
    /// anything is said: recorded, not recorded, or unknown (then the dashboard decides).
    /// The same input as the last one recorded here, within [`super::REPEAT_WINDOW`], is refused
    /// unsent unless `again` says it is meant.
    pub async fn create_data_subject(
        &self,
        input: CreateDataSubjectInput,
        again: bool,
    ) -> Result<CreateOutcome, AppError> {
        let input = validate::subject_input(input)?;
        let _in_flight = self.one_mutation("a data subject is being created")?;
        let Bound { client, key, .. } = self.bound().await?;
        if let Some(seconds_ago) = self.repeated(&key, &fingerprint(&input)).filter(|_| !again) {
            return Err(AppError::RepeatedCreate { seconds_ago });
        }
        // A sign-in that fails now fails before anything is sent: that is no uncertain outcome.
        client.access_token().await?;
        let sent_at = std::time::Instant::now();
        let (created, confirmed_by_read_back) = match client.create_data_subject(&input).await {
            Ok(created) => {
                // Once per client: the read that decides "not recorded" after a lost answer is
                // seen to find a subject known to exist, or that verdict is never given.
                let (controller, email) = (&input.data_controller_id, &input.payload.email);
                client.prove_email_lookup(controller, email, &created.data_subject_id).await;
                ((created.data_subject_id, created.message), false)
            }
            Err(error) if error.outcome_unknown() => {
                tracing::warn!(
                    kind = error.kind(),
                    "the createDataSubject answer was lost; reading the subject back"
                );
                let settle = self.client_config.mutation_settle;
                let record = read_back(&client, &input, sent_at, settle, error).await?;
                let message = "Recorded: confirmed by reading it back after the answer was lost";
                ((record.id, Some(message.to_owned())), true)
            }
            Err(error) => return Err(error.into()),
        };
        self.carried_out(&key, fingerprint(&input));
        let remembered = CreatedSubject {
            data_subject_id: created.0.clone(),
            message: created.1.clone(),
            event: input.event.clone(),
            controller_id: input.data_controller_id.clone(),
            created_at: now_secs(),
        };
        // The subject is recorded: a failure to save the progress must not hide that.
        let progress_warning =
            self.advance(&key, |p| p.record_created(remembered)).await.err().map(|error| {
                format!("The data subject is recorded, but this progress could not be saved: {error}.")
            });
        Ok(CreateOutcome {
            data_subject_id: created.0,
            message: created.1,
            confirmed_by_read_back,
            progress_warning,
        })
    }
}

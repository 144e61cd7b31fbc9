//! Step 4 and the check after a lost answer: reading back what `createDataSubject` recorded.
//! Each of the guide's three checks stands alone (confirmed by an API read, left to the dashboard,
//! or failed, each saying why), so one failing read never hides what the others found.

use dxtra_api::{
    ApiError, CreateDataSubjectInput, DataSubjectRecord, DxtraClient, ProcessingActivity, VerificationReads,
};
use serde::Serialize;

use crate::clock::now_secs;
use crate::error::AppError;
use crate::links::{self, DASHBOARD};
use crate::progress::CreatedSubject;

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
    fn new(
        id: &'static str,
        title: &'static str,
        state: CheckState,
        detail: String,
        dashboard_url: String,
    ) -> Check {
        Check { id, title, state, confirmed: state == CheckState::Confirmed, detail, dashboard_url }
    }
}

/// After a lost answer: the subject this email resolves to, if reading it back shows the
/// mutation landed. Absent means "not recorded" only when both hold: the service can no longer
/// be working on it (`settle`, longer than an action may run, counted from the last sign of the
/// service: the failure's arrival, since a gateway's 504 or a timeout says nothing of the work
/// behind it), and a read by email has been seen to find a subject known to exist. Otherwise it
/// may have been recorded, and the user is sent to the dashboard instead of creating it again.
pub(crate) async fn read_back(
    client: &DxtraClient,
    input: &CreateDataSubjectInput,
    sent_at: std::time::Instant,
    settle: std::time::Duration,
    cause: ApiError,
) -> Result<DataSubjectRecord, AppError> {
    let failed_at = std::time::Instant::now();
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
            Ok(Some(record)) if touched_since(&record, since) => {
                client.prove_email_lookup(&input.data_controller_id, &input.payload.email, &record.id).await;
                return Ok(record);
            }
            Ok(Some(_)) => return Err(unknown(
                cause,
                "a subject for this email existed before, and whether this event was added cannot be read"
                    .into(),
            )),
            Ok(None) if failed_at.elapsed() >= settle && !client.email_lookup_proven() => return Err(unknown(
                cause,
                "it is not found by its email, but that read has not yet been seen to find a subject on this server, so not finding it proves nothing"
                    .into(),
            )),
            Ok(None) if failed_at.elapsed() >= settle => return Err(AppError::NotRecorded { cause }),
            Ok(None) => {
                let wait = settle.saturating_sub(failed_at.elapsed()).min(std::time::Duration::from_secs(5));
                tracing::info!(?wait, "not recorded yet; the service may still be working on it");
                tokio::time::sleep(wait).await;
            }
            Err(error) => return Err(unknown(cause, format!("reading it back failed: {error}"))),
        }
    }
}

/// Whether the record was created or updated at or after `since` (allowing for clock skew).
fn touched_since(record: &DataSubjectRecord, since: u64) -> bool {
    let parse = |text: &Option<String>| {
        text.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| t.timestamp())
    };
    let since = i64::try_from(since).unwrap_or(i64::MAX).saturating_sub(5);
    [parse(&record.updated_at), parse(&record.created_at)].into_iter().flatten().any(|at| at >= since)
}

const SUBJECT_CHECK: &str = "Dashboard: the data subject appears in Data Subject Support";
const ACTIVITY_CHECK: &str = "Activity Log: the processing activity was recorded";
const SCORE_CHECK: &str = "Compliance Score: the Assurance dashboard reflects the activity";

/// A read this deployment refuses by its schema or permissions: the API cannot confirm the check
/// here (the dashboard can), which is no failure of the integration.
fn refused_by_schema(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::ValidationFailed { .. } | ApiError::GraphQl { .. } | ApiError::AccessDenied { .. }
    )
}

/// A failed read as a check's state: not confirmable here, or failed (say why either way).
fn read_failed(what: &str, error: &ApiError) -> (CheckState, String) {
    if refused_by_schema(error) {
        (CheckState::Dashboard, format!("This deployment does not offer {what} through the API ({error}); only the dashboard can confirm it."))
    } else {
        (
            CheckState::Failed,
            format!("Reading {what} failed: {error}. Press Verify again once the API answers."),
        )
    }
}

/// Runs each check's read on its own.
pub(crate) async fn verification(client: &DxtraClient, created: &CreatedSubject) -> Verification {
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
                client.subject_in(controller_id, subject_id).await
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
                Ok(None) => (
                    CheckState::Failed,
                    format!(
                        "The API does not return subject {subject_id}; look for it in Data Subject Support."
                    ),
                ),
                Err(error) => read_failed("the data subject", &error),
            }
        }
        Ok(_) => (
            CheckState::Dashboard,
            "This deployment offers no API read of data subjects; only the dashboard can confirm it.".into(),
        ),
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
        links::assurance(controller_id),
    );
    let checks = vec![subject_check, activity_check, score_check];
    let finished = checks.iter().all(|c| c.state != CheckState::Failed);
    Verification { reads: reads.ok(), subject, activities, checks, finished }
}

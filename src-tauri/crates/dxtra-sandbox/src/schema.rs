//! The GraphQL schema the sandbox serves, named as Hasura names things (`query_root`,
//! `mutation_root`, scalars `uuid` and `timestamptz`, `where` filters with `_eq`), and the
//! `createDataSubject` action with the handler's checks.

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, InputObject, Object, Schema, SimpleObject};
use chrono::Utc;
use uuid::Uuid;

use crate::faults::ActionFault;
use crate::persist::Snapshot;
use crate::state::{sha256_hex, Activity, Data, Shared, Subject};
use crate::types::*;

pub(crate) type DxtraSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Who is calling: from the verified JWT's `x-hasura-user-id`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caller {
    pub(crate) user_id: Uuid,
}

/// Deepest selection accepted (a full introspection query needs 13).
pub(crate) const MAX_DEPTH: usize = 16;
/// Most fields (aliases included) one request may select.
pub(crate) const MAX_COMPLEXITY: usize = 2000;

pub(crate) fn build(shared: Arc<Shared>) -> DxtraSchema {
    // Cost limits, as a Hasura deployment has them: an alias or depth bomb is refused before it runs.
    Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .data(shared)
        .limit_depth(MAX_DEPTH)
        .limit_recursive_depth(MAX_DEPTH * 2)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_directives(16)
        .finish()
}

/// `Some(id)` when a filter asks for one id; `None` when it does not filter.
fn wanted(filter: &Option<UuidComparisonExp>) -> async_graphql::Result<Option<Uuid>> {
    match filter.as_ref().and_then(|f| f.eq.as_ref()) {
        Some(text) => text.parse_uuid().map(Some),
        None => Ok(None),
    }
}

fn subject_object(data: &Data, subject: &Subject) -> Option<DataSubjectObject> {
    let controller = data.controllers.iter().find(|c| c.id == subject.controller_id)?;
    Some(DataSubjectObject {
        id: UuidText::of(subject.id),
        did: subject.did.clone(),
        data_controller_id: UuidText::of(subject.controller_id),
        created_at: subject.created_at.into(),
        updated_at: subject.updated_at.into(),
        data_controller: controller.into(),
    })
}

fn owned_by(data: &Data, caller: Caller, controller_id: Uuid) -> bool {
    data.controllers.iter().any(|c| c.id == controller_id && c.owner_id == caller.user_id)
}

pub(crate) struct QueryRoot;

#[Object(name = "query_root")]
impl QueryRoot {
    /// The caller's data controllers.
    async fn data_controllers(&self, ctx: &Context<'_>) -> Vec<DataControllerObject> {
        let caller = *ctx.data_unchecked::<Caller>();
        let data = ctx.data_unchecked::<Arc<Shared>>().data.lock();
        data.controllers.iter().filter(|c| c.owner_id == caller.user_id).map(Into::into).collect()
    }

    /// Data subjects of the caller's controllers.
    async fn data_subjects(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: Option<DataSubjectsBoolExp>,
    ) -> async_graphql::Result<Vec<DataSubjectObject>> {
        let caller = *ctx.data_unchecked::<Caller>();
        let (id, controller) = match &filter {
            Some(f) => (wanted(&f.id)?, wanted(&f.data_controller_id)?),
            None => (None, None),
        };
        let email_hash =
            filter.as_ref().and_then(|f| f.email.as_ref()).and_then(|e| e.eq.as_deref()).map(email_hash);
        let data = ctx.data_unchecked::<Arc<Shared>>().data.lock();
        Ok(data
            .subjects
            .iter()
            .filter(|s| owned_by(&data, caller, s.controller_id))
            .filter(|s| id.is_none_or(|id| s.id == id))
            .filter(|s| controller.is_none_or(|c| s.controller_id == c))
            .filter(|s| email_hash.as_ref().is_none_or(|hash| s.id == subject_id(s.controller_id, hash)))
            .filter_map(|s| subject_object(&data, s))
            .collect())
    }

    /// One data subject by id.
    async fn data_subject(
        &self,
        ctx: &Context<'_>,
        id: UuidText,
    ) -> async_graphql::Result<Option<DataSubjectObject>> {
        let caller = *ctx.data_unchecked::<Caller>();
        let id = id.parse_uuid()?;
        let data = ctx.data_unchecked::<Arc<Shared>>().data.lock();
        Ok(data
            .subjects
            .iter()
            .find(|s| s.id == id && owned_by(&data, caller, s.controller_id))
            .and_then(|s| subject_object(&data, s)))
    }

    /// Processing-activity records, oldest first: one per accepted event.
    async fn processing_activities(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: Option<ProcessingActivitiesBoolExp>,
    ) -> async_graphql::Result<Vec<ProcessingActivityObject>> {
        let caller = *ctx.data_unchecked::<Caller>();
        let (subject, controller) = match &filter {
            Some(f) => (wanted(&f.data_subject_id)?, wanted(&f.data_controller_id)?),
            None => (None, None),
        };
        let data = ctx.data_unchecked::<Arc<Shared>>().data.lock();
        Ok(data
            .activities
            .iter()
            .filter(|a| owned_by(&data, caller, a.data_controller_id))
            .filter(|a| subject.is_none_or(|s| a.data_subject_id == s))
            .filter(|a| controller.is_none_or(|c| a.data_controller_id == c))
            .map(|a| ProcessingActivityObject {
                id: UuidText::of(a.id),
                event: a.event.clone(),
                data_subject_id: UuidText::of(a.data_subject_id),
                data_controller_id: UuidText::of(a.data_controller_id),
                created_at: a.created_at.into(),
            })
            .collect())
    }
}

#[derive(InputObject)]
pub(crate) struct DataSubjectPayload {
    display_name: Option<String>,
    email: String,
    country: Option<String>,
}

#[derive(InputObject)]
pub(crate) struct CreateDataSubjectInput {
    event: String,
    data_controller_id: UuidText,
    payload: DataSubjectPayload,
}

#[derive(SimpleObject)]
pub(crate) struct CreateDataSubjectOutput {
    data_subject_id: UuidText,
    message: String,
}

pub(crate) struct MutationRoot;

#[Object(name = "mutation_root")]
impl MutationRoot {
    /// Registers a data subject for a controller (a Hasura Action): the same email for the
    /// same controller resolves to the same subject; each accepted call records one activity.
    async fn create_data_subject(
        &self,
        ctx: &Context<'_>,
        input: CreateDataSubjectInput,
    ) -> async_graphql::Result<CreateDataSubjectOutput> {
        let caller = *ctx.data_unchecked::<Caller>();
        let shared = ctx.data_unchecked::<Arc<Shared>>();
        shared.stats.count_mutation();
        match shared.faults.action() {
            Some(ActionFault::InternalError) => return Err(hasura_error("unexpected", "internal error")),
            Some(ActionFault::Unreachable) => {
                return Err(hasura_error("unexpected", "http exception when calling webhook"))
            }
            None => {}
        }
        let controller_id = input.data_controller_id.parse_uuid()?;
        check_action_input(&input)?;

        // Recorded under the lock; written to the state file after it is released.
        let (subject_id, message, snapshot) = record(shared, caller, controller_id, &input)?;
        shared.state_file.write(snapshot).await;
        Ok(CreateDataSubjectOutput { data_subject_id: UuidText::of(subject_id), message: message.to_owned() })
    }
}

/// Records one event (and the subject, the first time) and snapshots the data for the file.
fn record(
    shared: &Shared,
    caller: Caller,
    controller_id: Uuid,
    input: &CreateDataSubjectInput,
) -> async_graphql::Result<(Uuid, &'static str, Snapshot<Data>)> {
    let mut data = shared.data.lock();
    if !owned_by(&data, caller, controller_id) {
        return Err(hasura_error(
            "constraint-violation",
            "Foreign key violation. insert or update on table \"data_subjects\" violates \
                 foreign key constraint \"data_subjects_data_controller_id_fkey\"",
        ));
    }
    let email_hash = email_hash(&input.payload.email);
    let subject_id = subject_id(controller_id, &email_hash);
    let now = Utc::now();
    let message = match data.subjects.iter_mut().find(|s| s.id == subject_id) {
        Some(existing) => {
            existing.updated_at = now;
            "Data subject already exists; event recorded"
        }
        None => {
            data.subjects.push(Subject {
                id: subject_id,
                controller_id,
                did: format!("did:dep:{}", sha256_hex(&format!("{controller_id}:{email_hash}"))),
                created_at: now,
                updated_at: now,
            });
            "Data subject created"
        }
    };
    data.activities.push(Activity {
        id: Uuid::new_v4(),
        data_subject_id: subject_id,
        data_controller_id: controller_id,
        event: input.event.clone(),
        created_at: now,
    });
    data.trim();
    let snapshot = shared.state_file.snapshot(&data);
    Ok((subject_id, message, snapshot))
}

/// What the service keeps of an email: its hash, never the text.
fn email_hash(email: &str) -> String {
    sha256_hex(&email.trim().to_lowercase())
}

/// The one subject an email resolves to for a controller.
fn subject_id(controller_id: Uuid, email_hash: &str) -> Uuid {
    Uuid::new_v5(&controller_id, email_hash.as_bytes())
}

/// The action handler's own checks; Hasura reports a handler's 4xx `{message}` as `unexpected`.
fn check_action_input(input: &CreateDataSubjectInput) -> async_graphql::Result<()> {
    let event = input.event.as_str();
    let event_ok = event.starts_with(|c: char| c.is_ascii_lowercase())
        && event.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !event_ok {
        return Err(hasura_error(
            "unexpected",
            format!("invalid event \"{event}\": use a lowercase name such as \"signup\""),
        ));
    }
    let email = input.payload.email.trim();
    let email_ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if !email_ok {
        return Err(hasura_error(
            "unexpected",
            format!("payload.email \"{email}\" is not a valid email address"),
        ));
    }
    if let Some(country) = &input.payload.country {
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(hasura_error(
                "unexpected",
                format!("payload.country \"{country}\" is not an ISO 3166-1 alpha-2 code such as \"US\""),
            ));
        }
    }
    Ok(())
}

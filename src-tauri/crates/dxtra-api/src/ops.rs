//! The typed operations of the guide and of verification: `dataControllers`,
//! `createDataSubject`, introspection of `CreateDataSubjectInput` and of the available reads,
//! and the reads themselves (`dataSubject`, `dataSubjects`, `processingActivities`).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::atomic::Ordering;

use crate::client::{DxtraClient, EMAIL_LOOKUP_ABSENT, EMAIL_LOOKUP_PROVEN};
use crate::error::ApiError;
use crate::graphql::{Operation, OperationKind};

/// The guide's query, verbatim.
pub const DATA_CONTROLLERS_QUERY: &str = "query { dataControllers { id title did createdAt } }";

/// The guide's mutation, verbatim.
pub const CREATE_DATA_SUBJECT_MUTATION: &str = "mutation CreateDataSubject($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }";

const INPUT_FIELDS_QUERY: &str = "query CreateDataSubjectInputFields { __type(name: \"CreateDataSubjectInput\") { inputFields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }";
const QUERY_FIELDS_QUERY: &str = "query QueryRootFields { __schema { queryType { fields { name } } } subjectFilter: __type(name: \"dataSubjects_bool_exp\") { inputFields { name } } }";
/// The standard introspection query (graphql-js's, with descriptions): what a console needs for
/// completion, validation and docs.
const INTROSPECTION_QUERY: &str = "query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name } \
types { ...FullType } directives { name description locations args { ...InputValue } } } } \
fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } \
inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } } \
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue } \
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
const DATA_SUBJECT_QUERY: &str = "query DataSubject($id: uuid!) { dataSubject(id: $id) { id did createdAt updatedAt dataController { id title } } }";
const DATA_SUBJECTS_QUERY: &str = "query DataSubjects($id: uuid!) { dataSubjects(where: {dataControllerId: {_eq: $id}}) { id did createdAt } }";
const SUBJECT_IN_QUERY: &str = "query DataSubjectIn($controller: uuid!, $id: uuid!) { dataSubjects(where: {dataControllerId: {_eq: $controller}, id: {_eq: $id}}) { id did createdAt } }";
const SUBJECT_BY_EMAIL_QUERY: &str = "query DataSubjectByEmail($controller: uuid!, $email: String!) { dataSubjects(where: {dataControllerId: {_eq: $controller}, email: {_eq: $email}}) { id did createdAt updatedAt } }";
const ACTIVITIES_QUERY: &str = "query ProcessingActivities($id: uuid!) { processingActivities(where: {dataSubjectId: {_eq: $id}}) { id event dataSubjectId dataControllerId createdAt } }";

/// One row of `dataControllers`. Only `id` is essential: a controller with a null `title`, `did`
/// or `createdAt` is still listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataController {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub did: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// The personal data sent with an event; Dxtra hashes it and does not store it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSubjectPayload {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// `CreateDataSubjectInput` as the guide fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDataSubjectInput {
    pub event: String,
    pub data_controller_id: String,
    pub payload: DataSubjectPayload,
}

/// What `createDataSubject` answers. The id is what matters; a null `message` is still a success.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedDataSubject {
    pub data_subject_id: String,
    #[serde(default)]
    pub message: Option<String>,
}

/// One field of `CreateDataSubjectInput`, as introspection tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputField {
    pub name: String,
    /// The GraphQL type as written in SDL, e.g. `String!` or `[uuid!]`.
    pub type_name: String,
    pub required: bool,
}

/// Which verification reads this deployment offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationReads {
    pub data_subject: bool,
    pub data_subjects: bool,
    pub processing_activities: bool,
    /// `dataSubjects(where: {email: {_eq}})`: a subject can be found by its email (the server
    /// hashes it the same way), so an uncertain `createDataSubject` can be checked.
    pub subject_by_email: bool,
}

/// A data subject read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSubjectRecord {
    pub id: String,
    #[serde(default)]
    pub did: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub data_controller: Option<ControllerRef>,
}

/// The controller a subject belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControllerRef {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// One processing-activity record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingActivity {
    pub id: String,
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub data_subject_id: Option<String>,
    #[serde(default)]
    pub data_controller_id: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

impl Operation {
    pub fn data_controllers() -> Operation {
        Operation {
            name: "dataControllers".into(),
            query: DATA_CONTROLLERS_QUERY.into(),
            variables: json!({}),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn create_data_subject(input: &CreateDataSubjectInput) -> Operation {
        Operation {
            name: "createDataSubject".into(),
            query: CREATE_DATA_SUBJECT_MUTATION.into(),
            variables: json!({ "input": input }),
            kind: OperationKind::Mutation,
            operation_name: None,
        }
    }
    pub fn create_input_fields() -> Operation {
        Operation {
            name: "introspectCreateDataSubjectInput".into(),
            query: INPUT_FIELDS_QUERY.into(),
            variables: json!({}),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn query_fields() -> Operation {
        Operation {
            name: "introspectQueryRoot".into(),
            query: QUERY_FIELDS_QUERY.into(),
            variables: json!({}),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn introspection() -> Operation {
        Operation {
            name: "introspection".into(),
            query: INTROSPECTION_QUERY.into(),
            variables: json!({}),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn data_subject(id: &str) -> Operation {
        Operation {
            name: "dataSubject".into(),
            query: DATA_SUBJECT_QUERY.into(),
            variables: json!({ "id": id }),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn data_subjects(controller_id: &str) -> Operation {
        Operation {
            name: "dataSubjects".into(),
            query: DATA_SUBJECTS_QUERY.into(),
            variables: json!({ "id": controller_id }),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn subject_in(controller_id: &str, subject_id: &str) -> Operation {
        Operation {
            name: "dataSubjects".into(),
            query: SUBJECT_IN_QUERY.into(),
            variables: json!({ "controller": controller_id, "id": subject_id }),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn subject_by_email(controller_id: &str, email: &str) -> Operation {
        Operation {
            name: "dataSubjectByEmail".into(),
            query: SUBJECT_BY_EMAIL_QUERY.into(),
            variables: json!({ "controller": controller_id, "email": email }),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
    pub fn processing_activities(subject_id: &str) -> Operation {
        Operation {
            name: "processingActivities".into(),
            query: ACTIVITIES_QUERY.into(),
            variables: json!({ "id": subject_id }),
            kind: OperationKind::Read,
            operation_name: None,
        }
    }
}

fn field<T: serde::de::DeserializeOwned>(mut data: Value, name: &str) -> Result<T, ApiError> {
    serde_json::from_value(data.get_mut(name).map(Value::take).unwrap_or(Value::Null))
        .map_err(|error| ApiError::MalformedJson { detail: format!("`{name}` is not as expected: {error}") })
}

/// Renders an introspected type reference as SDL (`String!`, `[uuid!]!`).
fn type_name(reference: &Value) -> String {
    let inner = reference.get("ofType").map(type_name).unwrap_or_default();
    match reference.get("kind").and_then(Value::as_str) {
        Some("NON_NULL") => format!("{inner}!"),
        Some("LIST") => format!("[{inner}]"),
        _ => reference.get("name").and_then(Value::as_str).unwrap_or("?").to_owned(),
    }
}

impl DxtraClient {
    /// The guide's `dataControllers` query.
    pub async fn data_controllers(&self) -> Result<Vec<DataController>, ApiError> {
        field(self.execute(&Operation::data_controllers()).await?, "dataControllers")
    }

    /// The guide's `createDataSubject` mutation (sent at most once per call).
    pub async fn create_data_subject(
        &self,
        input: &CreateDataSubjectInput,
    ) -> Result<CreatedDataSubject, ApiError> {
        field(self.execute(&Operation::create_data_subject(input)).await?, "createDataSubject")
    }

    /// The fields `CreateDataSubjectInput` has on this server (empty when the type is absent).
    pub async fn create_input_fields(&self) -> Result<Vec<InputField>, ApiError> {
        let data = self.execute(&Operation::create_input_fields()).await?;
        let fields =
            data.pointer("/__type/inputFields").and_then(Value::as_array).cloned().unwrap_or_default();
        Ok(fields
            .iter()
            .map(|f| {
                let type_name = f.get("type").map(type_name).unwrap_or_default();
                InputField {
                    name: f.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
                    required: type_name.ends_with('!'),
                    type_name,
                }
            })
            .collect())
    }

    /// Which of the verification reads exist here, by introspection of the query root.
    pub async fn verification_reads(&self) -> Result<VerificationReads, ApiError> {
        let data = self.execute(&Operation::query_fields()).await?;
        let fields =
            data.pointer("/__schema/queryType/fields").and_then(Value::as_array).cloned().unwrap_or_default();
        let has = |name: &str| fields.iter().any(|f| f.get("name").and_then(Value::as_str) == Some(name));
        let filters =
            data.pointer("/subjectFilter/inputFields").and_then(Value::as_array).cloned().unwrap_or_default();
        let filters_by_email = filters.iter().any(|f| f.get("name").and_then(Value::as_str) == Some("email"));
        Ok(VerificationReads {
            data_subject: has("dataSubject"),
            data_subjects: has("dataSubjects"),
            processing_activities: has("processingActivities"),
            subject_by_email: has("dataSubjects") && filters_by_email,
        })
    }

    /// `dataSubject(id:)`; `None` when no such subject is visible.
    /// The server's schema as the introspection query returns it (`{"__schema": …}`).
    pub async fn introspect(&self) -> Result<Value, ApiError> {
        self.execute(&Operation::introspection()).await
    }

    pub async fn data_subject(&self, id: &str) -> Result<Option<DataSubjectRecord>, ApiError> {
        field(self.execute(&Operation::data_subject(id)).await?, "dataSubject")
    }

    /// `dataSubjects` of one controller.
    pub async fn data_subjects(&self, controller_id: &str) -> Result<Vec<DataSubjectRecord>, ApiError> {
        field(self.execute(&Operation::data_subjects(controller_id)).await?, "dataSubjects")
    }

    /// One subject of one controller, by id, through `dataSubjects` (where `dataSubject(id:)` is
    /// absent): filtered by the server, so a controller with many subjects stays one small answer.
    pub async fn subject_in(
        &self,
        controller_id: &str,
        subject_id: &str,
    ) -> Result<Option<DataSubjectRecord>, ApiError> {
        let subjects: Vec<DataSubjectRecord> =
            field(self.execute(&Operation::subject_in(controller_id, subject_id)).await?, "dataSubjects")?;
        Ok(subjects.into_iter().find(|s| s.id == subject_id))
    }

    /// The subject a `createDataSubject` with this email resolves to, if it exists (only where
    /// [`VerificationReads::subject_by_email`] says the server offers this read).
    pub async fn subject_by_email(
        &self,
        controller_id: &str,
        email: &str,
    ) -> Result<Option<DataSubjectRecord>, ApiError> {
        let subjects: Vec<DataSubjectRecord> =
            field(self.execute(&Operation::subject_by_email(controller_id, email)).await?, "dataSubjects")?;
        Ok(subjects.into_iter().next())
    }

    /// Whether a read by email has been seen, on this client, to find a subject known to exist
    /// (and only it). Until then, finding nothing by email proves nothing: the server may ignore
    /// or mis-hash the filter, and "not recorded" would invite a duplicate create.
    pub fn email_lookup_proven(&self) -> bool {
        self.email_lookup.load(Ordering::SeqCst) == EMAIL_LOOKUP_PROVEN
    }

    /// After a create answered `subject_id`: reads `email` back, and remembers when that finds
    /// exactly this subject. Read once per client (until it succeeds); failures prove nothing.
    /// A server that offers no read by email is asked once, not after every create.
    pub async fn prove_email_lookup(&self, controller_id: &str, email: &str, subject_id: &str) -> bool {
        match self.email_lookup.load(Ordering::SeqCst) {
            EMAIL_LOOKUP_PROVEN => return true,
            EMAIL_LOOKUP_ABSENT => return false,
            _ => {}
        }
        match self.verification_reads().await {
            Ok(reads) if reads.subject_by_email => {}
            Ok(_) => {
                self.email_lookup.store(EMAIL_LOOKUP_ABSENT, Ordering::SeqCst);
                return false;
            }
            Err(_) => return false,
        }
        let found = self.execute(&Operation::subject_by_email(controller_id, email)).await;
        let subjects: Vec<DataSubjectRecord> = match found.and_then(|data| field(data, "dataSubjects")) {
            Ok(subjects) => subjects,
            Err(_) => return false,
        };
        let proven = subjects.len() == 1 && subjects[0].id == subject_id;
        if proven {
            self.email_lookup.store(EMAIL_LOOKUP_PROVEN, Ordering::SeqCst);
        }
        proven
    }

    /// Processing-activity records of one subject.
    pub async fn processing_activities(&self, subject_id: &str) -> Result<Vec<ProcessingActivity>, ApiError> {
        field(self.execute(&Operation::processing_activities(subject_id)).await?, "processingActivities")
    }
}

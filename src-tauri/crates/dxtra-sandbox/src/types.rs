//! The GraphQL types the sandbox's schema is made of, named as Hasura names them: the scalars
//! `uuid` and `timestamptz`, the objects (`dataControllers`, `dataSubjects`,
//! `processingActivities`), the `where` filters with `_eq`, and Hasura's error shape. The roots
//! and resolvers that use them are `schema`'s.

use async_graphql::{
    ErrorExtensions, InputObject, InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value,
};
use chrono::{DateTime, SecondsFormat, Utc};
use uuid::Uuid;

use crate::state::Controller;

/// An error as Hasura reports it: a message and `extensions.code`.
pub(crate) fn hasura_error(code: &'static str, message: impl Into<String>) -> async_graphql::Error {
    async_graphql::Error::new(message).extend_with(|_, extensions| extensions.set("code", code))
}

/// Postgres' `uuid` type: any string is accepted by GraphQL; a malformed one fails in the database.
#[derive(Debug, Clone)]
pub(crate) struct UuidText(String);

#[Scalar(name = "uuid")]
impl ScalarType for UuidText {
    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::String(text) => Ok(UuidText(text)),
            other => Err(InputValueError::expected_type(other)),
        }
    }
    fn to_value(&self) -> Value {
        Value::String(self.0.clone())
    }
}

impl UuidText {
    pub(crate) fn of(id: Uuid) -> Self {
        UuidText(id.to_string())
    }
    /// Parses as Postgres would, failing with Hasura's `data-exception`.
    pub(crate) fn parse_uuid(&self) -> async_graphql::Result<Uuid> {
        Uuid::try_parse(&self.0).map_err(|_| {
            hasura_error("data-exception", format!("invalid input syntax for type uuid: \"{}\"", self.0))
        })
    }
}

/// Postgres' `timestamptz`, as Hasura prints it.
#[derive(Debug, Clone)]
pub(crate) struct Timestamptz(String);

#[Scalar(name = "timestamptz")]
impl ScalarType for Timestamptz {
    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::String(text) => Ok(Timestamptz(text)),
            other => Err(InputValueError::expected_type(other)),
        }
    }
    fn to_value(&self) -> Value {
        Value::String(self.0.clone())
    }
}

impl From<DateTime<Utc>> for Timestamptz {
    fn from(at: DateTime<Utc>) -> Self {
        Timestamptz(at.to_rfc3339_opts(SecondsFormat::Micros, false))
    }
}

#[derive(SimpleObject, Clone)]
#[graphql(name = "dataControllers")]
pub(crate) struct DataControllerObject {
    pub(crate) id: UuidText,
    pub(crate) title: String,
    pub(crate) did: String,
    pub(crate) created_at: Timestamptz,
}

impl From<&Controller> for DataControllerObject {
    fn from(c: &Controller) -> Self {
        DataControllerObject {
            id: UuidText::of(c.id),
            title: c.title.clone(),
            did: c.did.clone(),
            created_at: c.created_at.into(),
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "dataSubjects")]
pub(crate) struct DataSubjectObject {
    pub(crate) id: UuidText,
    pub(crate) did: String,
    pub(crate) data_controller_id: UuidText,
    pub(crate) created_at: Timestamptz,
    pub(crate) updated_at: Timestamptz,
    pub(crate) data_controller: DataControllerObject,
}

#[derive(SimpleObject)]
#[graphql(name = "processingActivities")]
pub(crate) struct ProcessingActivityObject {
    pub(crate) id: UuidText,
    pub(crate) event: String,
    pub(crate) data_subject_id: UuidText,
    pub(crate) data_controller_id: UuidText,
    pub(crate) created_at: Timestamptz,
}

#[derive(InputObject)]
#[graphql(name = "uuid_comparison_exp")]
pub(crate) struct UuidComparisonExp {
    #[graphql(name = "_eq")]
    pub(crate) eq: Option<UuidText>,
}

#[derive(InputObject)]
#[graphql(name = "String_comparison_exp")]
pub(crate) struct StringComparisonExp {
    #[graphql(name = "_eq")]
    pub(crate) eq: Option<String>,
}

#[derive(InputObject)]
#[graphql(name = "dataSubjects_bool_exp")]
pub(crate) struct DataSubjectsBoolExp {
    pub(crate) id: Option<UuidComparisonExp>,
    pub(crate) data_controller_id: Option<UuidComparisonExp>,
    /// Matches the subject that `createDataSubject` resolves this email to (the email is hashed,
    /// never stored): how a client checks whether an uncertain mutation was recorded.
    pub(crate) email: Option<StringComparisonExp>,
}

#[derive(InputObject)]
#[graphql(name = "processingActivities_bool_exp")]
pub(crate) struct ProcessingActivitiesBoolExp {
    pub(crate) data_subject_id: Option<UuidComparisonExp>,
    pub(crate) data_controller_id: Option<UuidComparisonExp>,
}

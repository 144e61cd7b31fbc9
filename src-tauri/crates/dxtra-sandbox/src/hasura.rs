//! Hasura's way of answering: HTTP 200 with `{"errors": [{"message", "extensions": {"path", "code"}}]}`,
//! and the translation of async-graphql's own error messages into Hasura's codes and wording.

use async_graphql::parser::types::{BaseType, ExecutableDocument};
use async_graphql::{ServerError, Variables};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// One Hasura error, as the whole answer.
pub(crate) fn error_response(code: &str, message: &str, path: &str) -> Response {
    (StatusCode::OK, Json(json!({ "errors": [error_value(code, message, path)] }))).into_response()
}

fn error_value(code: &str, message: &str, path: &str) -> Value {
    json!({ "message": message, "extensions": { "path": path, "code": code } })
}

/// The answer to an executed request: `data`, or only `errors` when there are any.
pub(crate) fn shape(response: async_graphql::Response) -> Response {
    if response.errors.is_empty() {
        return (StatusCode::OK, Json(json!({ "data": response.data }))).into_response();
    }
    let errors: Vec<Value> = response.errors.iter().map(translate).collect();
    (StatusCode::OK, Json(json!({ "errors": errors }))).into_response()
}

fn translate(error: &ServerError) -> Value {
    let code =
        error.extensions.as_ref().and_then(|extensions| extensions.get("code")).and_then(|code| match code {
            async_graphql::Value::String(code) => Some(code.clone()),
            _ => None,
        });
    if let Some(code) = code {
        return error_value(&code, &error.message, "$");
    }
    error_value("validation-failed", &hasura_wording(&error.message), "$.selectionSet")
}

/// async-graphql's validation messages, reworded as Hasura words the same situation.
fn hasura_wording(message: &str) -> String {
    // `Unknown field "x" on type "query_root".` → `field 'x' not found in type: 'query_root'`
    if let Some(rest) = message.strip_prefix("Unknown field \"") {
        let mut parts = rest.split('"');
        if let (Some(field), Some(_), Some(ty)) = (parts.next(), parts.next(), parts.next()) {
            return format!("field '{field}' not found in type: '{ty}'");
        }
    }
    message.to_owned()
}

/// Hasura checks that every non-nullable variable without a default has a value before running
/// anything: `expecting a value for non-nullable variable: "input"`.
pub(crate) fn missing_variable(
    document: &ExecutableDocument,
    operation: Option<&str>,
    variables: &Variables,
) -> Option<String> {
    let operation = document
        .operations
        .iter()
        .find(|(name, _)| operation.is_none() || name.map(|n| n.as_str()) == operation)?
        .1;
    operation.node.variable_definitions.iter().find_map(|definition| {
        let definition = &definition.node;
        let required = matches!(definition.var_type.node.base, BaseType::Named(_) | BaseType::List(_))
            && !definition.var_type.node.nullable
            && definition.default_value.is_none();
        let name = definition.name.node.as_str();
        let given = variables.get(name).is_some_and(|v| !matches!(v, async_graphql::Value::Null));
        (required && !given).then(|| format!("expecting a value for non-nullable variable: \"{name}\""))
    })
}

#[cfg(test)]
mod tests {
    use super::hasura_wording;

    #[test]
    fn unknown_field_is_reworded_like_hasura() {
        assert_eq!(
            hasura_wording("Unknown field \"nope\" on type \"query_root\"."),
            "field 'nope' not found in type: 'query_root'"
        );
        assert_eq!(hasura_wording("something else"), "something else");
    }
}

//! Hasura's answers: HTTP 200 with `errors` is a failure, decided by `extensions.code`; a proxy
//! may answer 401/403 instead. Turns one response into data or an [`ApiError`].

use serde_json::Value;

use crate::error::ApiError;
use crate::http::RawResponse;

/// Whether an operation only reads (safe to repeat) or writes (never repeated blindly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OperationKind {
    Read,
    Mutation,
}

/// A GraphQL request: the text, its variables and its kind.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Operation {
    /// A short name for logs and UIs, e.g. `dataControllers`.
    pub name: std::borrow::Cow<'static, str>,
    pub query: String,
    pub variables: Value,
    pub kind: OperationKind,
    /// Which of the document's operations to run, when it holds several (`operationName`).
    pub operation_name: Option<String>,
}

impl Operation {
    /// The JSON body sent to `/v1/graphql`.
    pub fn body(&self) -> Value {
        let mut body = serde_json::json!({ "query": self.query, "variables": self.variables });
        if let Some(name) = &self.operation_name {
            body["operationName"] = Value::String(name.clone());
        }
        body
    }
}

/// A whole GraphQL answer, `data` and `errors` as the server sent them: what a console shows.
/// Only a refused token (renewed and retried by the client), a non-GraphQL answer (proxy page,
/// HTTP error, `{"status":"error"}`) or a network failure becomes an [`ApiError`].
pub(crate) fn classify_answer(response: &RawResponse, kind: OperationKind) -> Result<Value, ApiError> {
    if response.status != 200 {
        return classify(response, kind);
    }
    let body = response.json()?;
    if let Some(error) = answer_error(&body, kind) {
        // A refused token is renewed and the operation sent again; a mutation whose action failed
        // after Hasura passed it on may have been carried out, which the caller must be told.
        if error.is_token_refused() || (kind == OperationKind::Mutation && error.outcome_unknown()) {
            return Err(error);
        }
    }
    if body.get("status").and_then(Value::as_str) == Some("error") {
        let message = body.get("message").and_then(Value::as_str).unwrap_or("no message").to_owned();
        return Err(ApiError::DxtraError { message });
    }
    match &body {
        Value::Object(fields) if fields.contains_key("data") || fields.contains_key("errors") => Ok(body),
        _ => Err(ApiError::MalformedJson { detail: "the answer has neither data nor errors".into() }),
    }
}

/// Interprets a raw answer of the GraphQL endpoint exactly as the client does: its `data`, or
/// the error it carries. For answers obtained outside the client (tests, request logs).
pub fn interpret_answer(
    url: &str,
    status: u16,
    content_type: &str,
    body: &[u8],
    kind: OperationKind,
) -> Result<Value, ApiError> {
    classify(
        &RawResponse {
            url: url.to_owned(),
            status,
            content_type: content_type.to_ascii_lowercase(),
            retry_after: None,
            body: body.to_vec(),
        },
        kind,
    )
}

/// The `data` of a successful answer, or the error it carries.
pub(crate) fn classify(response: &RawResponse, kind: OperationKind) -> Result<Value, ApiError> {
    match response.status {
        200 => {}
        // A 401/403 as an HTML page is a proxy's refusal: re-authenticating would not help.
        401 | 403 if response.is_html() => {
            return Err(ApiError::ProxyRefused {
                url: response.url.clone(),
                status: response.status,
                snippet: crate::error::snippet(&response.body),
            })
        }
        401 => {
            return Err(ApiError::InvalidJwt {
                status: 401,
                message: first_error(response).unwrap_or_else(|| "HTTP 401 Unauthorized".into()),
            })
        }
        403 => {
            return Err(ApiError::AccessDenied {
                status: 403,
                message: first_error(response).unwrap_or_else(|| "HTTP 403 Forbidden".into()),
            })
        }
        _ => return Err(response.status_error()),
    }
    let mut body = response.json()?;
    if let Some(error) = body.get("errors").and_then(Value::as_array).and_then(|errors| errors.first()) {
        return Err(from_hasura_error(error, kind));
    }
    if body.get("status").and_then(Value::as_str) == Some("error") {
        let message = body.get("message").and_then(Value::as_str).unwrap_or("no message").to_owned();
        return Err(ApiError::DxtraError { message });
    }
    match body.get_mut("data").map(Value::take) {
        Some(data) if !data.is_null() => Ok(data),
        _ => Err(ApiError::MalformedJson { detail: "the answer has neither data nor errors".into() }),
    }
}

/// The first error of a GraphQL answer, named as [`classify`] names it: what a console shows
/// beside the whole answer (its kind and fix).
pub fn answer_error(answer: &Value, kind: OperationKind) -> Option<ApiError> {
    let error = answer.get("errors")?.as_array()?.first()?;
    Some(from_hasura_error(error, kind))
}

/// The message of a refusal: Hasura's `errors[0].message`, or a proxy's own `message`/`error`.
fn first_error(response: &RawResponse) -> Option<String> {
    let body: Value = serde_json::from_slice(&response.body).ok()?;
    ["/errors/0/message", "/message", "/error"]
        .iter()
        .find_map(|pointer| body.pointer(pointer).and_then(Value::as_str))
        .map(str::to_owned)
}

fn from_hasura_error(error: &Value, kind: OperationKind) -> ApiError {
    let message = error.get("message").and_then(Value::as_str).unwrap_or("").to_owned();
    let code = error.pointer("/extensions/code").and_then(Value::as_str).unwrap_or("").to_owned();
    match code.as_str() {
        "invalid-jwt" => ApiError::InvalidJwt { status: 200, message },
        "access-denied" => ApiError::AccessDenied { status: 200, message },
        "invalid-headers" => ApiError::MissingHeaders { message },
        "validation-failed" | "parse-failed" => ApiError::ValidationFailed { message },
        "constraint-violation" if message.starts_with("Foreign key violation") => {
            ApiError::ForeignKeyViolation { message }
        }
        "constraint-violation" => ApiError::ConstraintViolation { message },
        "data-exception" => ApiError::DataException { message },
        // Hasura's `unexpected` is the action's failure for the mutation, a database error on a read.
        "unexpected" if kind == OperationKind::Mutation => ApiError::ActionFailed { message },
        "unexpected" => ApiError::DatabaseError { message },
        _ => ApiError::GraphQl { code, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> RawResponse {
        RawResponse {
            url: "u".into(),
            status: 200,
            content_type: "application/json".into(),
            retry_after: None,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn errors_at_http_200_are_failures_by_code() {
        let cases = [
            ("invalid-jwt", "Could not verify JWT: JWTExpired", "invalid-jwt"),
            ("access-denied", "Your requested role is not in allowed roles", "access-denied"),
            (
                "invalid-headers",
                "Missing 'Authorization' or 'Cookie' header in JWT authentication mode",
                "invalid-headers",
            ),
            ("validation-failed", "field 'x' not found in type: 'query_root'", "validation-failed"),
            (
                "constraint-violation",
                "Foreign key violation. insert or update on table \"t\"",
                "foreign-key-violation",
            ),
            ("constraint-violation", "Uniqueness violation. duplicate key", "constraint-violation"),
            ("data-exception", "invalid input syntax for type uuid: \"x\"", "data-exception"),
            ("unexpected", "http exception when calling webhook", "action-failed"),
            ("something-new", "?", "graphql-error"),
        ];
        for (code, message, kind) in cases {
            let body = serde_json::json!({"errors": [{"message": message, "extensions": {"path": "$", "code": code}}]});
            let error = classify(&ok(&body.to_string()), OperationKind::Mutation).unwrap_err();
            assert_eq!(error.kind(), kind);
            assert!(error.to_string().contains(message));
        }
        assert_eq!(classify(&ok(r#"{"data":{"a":1}}"#), OperationKind::Read).unwrap()["a"], 1);
    }
}

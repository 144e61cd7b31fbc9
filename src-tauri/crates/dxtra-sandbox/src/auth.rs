//! The auth service: `POST /v1/signin/pat`, `POST /v1/token`, `POST /v1/signout` and
//! `GET /v1/healthz` (or the same without `/v1`, as hasura-auth serves them by default), with
//! hasura-auth's request validation, error bodies and error concealment. Anything else is a
//! plain-text 404. One deliberate difference: a sign-out with the PAT (or `all`) answers `"OK"` as
//! Dxtra does, but keeps the practice PAT, which Dxtra would revoke; the Inspector says so.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::state::{AuthState, Shared};
use crate::{inject, recorder};

pub(crate) fn router(shared: Arc<Shared>, v1: bool) -> Router {
    let prefix = if v1 { "/v1" } else { "" };
    Router::new()
        .route(&format!("{prefix}/signin/pat"), post(signin_pat))
        .route(&format!("{prefix}/token"), post(refresh))
        .route(&format!("{prefix}/signout"), post(signout))
        .route(&format!("{prefix}/healthz"), get(|| async { "OK" }))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), inject::apply))
        .layer(middleware::from_fn_with_state((shared.clone(), "auth"), recorder::record))
        // A sign-in body is a few dozen bytes.
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024))
        .with_state(shared)
}

async fn signin_pat(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let pat = match validated_field(&headers, &body, "personalAccessToken") {
        Ok(pat) => pat,
        Err(response) => return response,
    };
    let mut auth = shared.auth.lock();
    if !auth.pat_is_valid(&pat) {
        return credential_error(&auth, "invalid-pat", "Invalid or expired personal access token");
    }
    if auth.user.disabled {
        return credential_error(&auth, "disabled-user", "User is disabled");
    }
    let session = auth.issue_session(None);
    drop(auth);
    shared.stats.count_signin();
    Json(json!({ "session": session })).into_response()
}

async fn refresh(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let token = match validated_field(&headers, &body, "refreshToken") {
        Ok(token) => token,
        Err(response) => return response,
    };
    let mut auth = shared.auth.lock();
    let Some(entry) = auth.take_refresh_token(&token) else {
        return credential_error(&auth, "invalid-refresh-token", "Invalid or expired refresh token");
    };
    if auth.user.disabled {
        return credential_error(&auth, "disabled-user", "User is disabled");
    }
    let session = auth.issue_session(Some(entry.refresh_token_id));
    drop(auth);
    shared.stats.count_refresh();
    Json(session).into_response()
}

/// hasura-auth's sign-out: `{"refreshToken": "<uuid>", "all"?: bool}`, answered `"OK"`; the
/// refresh token stops working. `all` needs the caller's JWT.
async fn signout(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(response) = json_content_type(&headers) {
        return response;
    }
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(&body) else {
        return validation_error("doesn't match schema: value must be an object");
    };
    if let Some(extra) = object.keys().find(|key| !matches!(key.as_str(), "refreshToken" | "all")) {
        return validation_error(&format!("doesn't match schema: property \"{extra}\" is unsupported"));
    }
    let mut auth = shared.auth.lock();
    if object.get("all").and_then(Value::as_bool) == Some(true) {
        let bearer = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let token = bearer.and_then(|b| b.strip_prefix("Bearer ")).unwrap_or_default();
        if auth.keys.verify(token).is_err() {
            return error_body(StatusCode::UNAUTHORIZED, "unauthenticated-user", "User is not authenticated");
        }
        auth.revoke_refresh_tokens();
    } else {
        let Some(token) = object.get("refreshToken").and_then(Value::as_str) else {
            return validation_error("doesn't match schema: property \"refreshToken\" is missing");
        };
        let _ = auth.take_refresh_token(token);
    }
    drop(auth);
    Json("OK").into_response()
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "404 page not found")
        .into_response()
}

/// hasura-auth's error body; with concealment on, credential errors all look alike.
fn credential_error(auth: &AuthState, code: &str, message: &str) -> Response {
    if auth.conceal_errors {
        return error_body(StatusCode::BAD_REQUEST, "invalid-request", "The request payload is incorrect");
    }
    error_body(StatusCode::UNAUTHORIZED, code, message)
}

fn error_body(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({ "status": status.as_u16(), "message": message, "error": code }))).into_response()
}

/// The OpenAPI request validation hasura-auth runs before any handler: a JSON object holding
/// exactly one string property, `field`, in UUID format. Failures are
/// `400 {"error": "error in openapi3filter.RequestError: ..."}`.
// The early answer of an axum handler is a `Response`: boxing it would buy nothing here.
#[allow(clippy::result_large_err)]
fn validated_field(headers: &HeaderMap, body: &[u8], field: &str) -> Result<String, Response> {
    json_content_type(headers)?;
    let value: Value = serde_json::from_slice(body)
        .map_err(|error| validation_error(&format!("failed to decode request body: {error}")))?;
    let Value::Object(object) = value else {
        return Err(validation_error("doesn't match schema: value must be an object"));
    };
    if let Some(extra) = object.keys().find(|key| *key != field) {
        return Err(validation_error(&format!("doesn't match schema: property \"{extra}\" is unsupported")));
    }
    let Some(value) = object.get(field) else {
        return Err(validation_error(&format!("doesn't match schema: property \"{field}\" is missing")));
    };
    let Value::String(text) = value else {
        return Err(validation_error(&format!(
            "doesn't match schema: Error at \"/{field}\": value must be a string"
        )));
    };
    if !contains_lowercase_uuid(text) {
        return Err(validation_error(&format!(
            "doesn't match schema: Error at \"/{field}\": string doesn't match the format \"uuid\" \
             (regular expression \"[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}\")"
        )));
    }
    Ok(text.clone())
}

#[allow(clippy::result_large_err)]
fn json_content_type(headers: &HeaderMap) -> Result<(), Response> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    if !content_type.trim_start().to_ascii_lowercase().starts_with("application/json") {
        return Err(validation_error(&format!(
            "header Content-Type has unexpected value \"{content_type}\""
        )));
    }
    Ok(())
}

/// The format check hasura-auth's validator applies: an unanchored, lowercase-only UUID pattern.
/// So `" <uuid>\n"` passes here (and fails later as an unknown PAT) while an upper-case UUID fails.
fn contains_lowercase_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(36).any(|window| {
        let candidate = std::str::from_utf8(window).unwrap_or("");
        candidate.chars().all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_lowercase())
            && Uuid::parse_str(candidate).is_ok()
            && candidate.matches('-').count() == 4
    })
}

fn validation_error(detail: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        json!({ "error": format!("error in openapi3filter.RequestError: request body has an error: {detail}") })
            .to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::contains_lowercase_uuid;

    #[test]
    fn uuid_format_check_is_unanchored_and_lowercase_only() {
        let pat = "5a1db0c5-0000-4000-8000-d7a5a2db0c51";
        assert!(contains_lowercase_uuid(pat));
        assert!(contains_lowercase_uuid(&format!(" {pat}\n")));
        assert!(!contains_lowercase_uuid(&pat.to_uppercase()));
        assert!(!contains_lowercase_uuid("dxtra_pat_abc"));
        assert!(!contains_lowercase_uuid("5a1db0c5000040008000d7a5a2db0c51abcd"));
    }
}

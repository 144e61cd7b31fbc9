//! The GraphQL service: `POST /v1/graphql` as Hasura answers it in JWT mode. The
//! Authorization header and the JWT are checked first, then the role, then the request is run by
//! async-graphql and its answer reshaped into Hasura's.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{middleware, Json, Router};
use serde_json::json;
use uuid::Uuid;

use crate::config::ExpiredJwtStatus;
use crate::hasura::{error_response, missing_variable, shape};
use crate::schema::{self, Caller, DxtraSchema};
use crate::state::Shared;
use crate::{inject, recorder};

#[derive(Clone)]
struct App {
    shared: Arc<Shared>,
    schema: DxtraSchema,
}

/// Largest request body accepted; larger ones get HTTP 413.
pub(crate) const MAX_BODY_BYTES: usize = 1024 * 1024;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let app = App { schema: schema::build(shared.clone()), shared: shared.clone() };
    Router::new()
        .route("/v1/graphql", post(graphql))
        .route("/healthz", axum::routing::get(|| async { "OK" }))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), inject::apply))
        .layer(middleware::from_fn_with_state((shared, "graphql"), recorder::record))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(app)
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "path": "$", "error": "resource does not exist", "code": "not-found" })),
    )
        .into_response()
}

/// Deepest bracket nesting (`{`, `(`, `[`) read before parsing: four per selection level allowed.
const MAX_BRACKETS: usize = crate::schema::MAX_DEPTH * 4;

async fn graphql(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let caller = match authorize(&app.shared, &headers) {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return error_response("parse-failed", &format!("Error in $: {error}"), "$"),
    };
    // The parser (pest) recurses once per bracket: a bracket bomb is refused before it runs.
    let depth = graphql_nesting::nesting(&request.query);
    if depth > MAX_BRACKETS {
        let message = format!("the query nests {depth} levels deep; at most {MAX_BRACKETS} are accepted");
        return error_response("validation-failed", &message, "$.query");
    }
    let document = match async_graphql::parser::parse_query(&request.query) {
        Ok(document) => document,
        Err(_) => return error_response("validation-failed", "not a valid graphql query", "$.query"),
    };
    if let Some(message) = missing_variable(&document, request.operation_name.as_deref(), &request.variables)
    {
        return error_response("validation-failed", &message, "$");
    }
    shape(app.schema.execute(request.data(caller)).await)
}

/// Hasura's JWT mode: a Bearer token signed with our key and not expired, and a requested role
/// among the token's allowed roles (the default role when none is requested).
// The early answer of an axum handler is a `Response`: boxing it would buy nothing here.
#[allow(clippy::result_large_err)]
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<Caller, Response> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(error_response(
            "invalid-headers",
            "Missing 'Authorization' or 'Cookie' header in JWT authentication mode",
            "$",
        ));
    };
    let Some(token) = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")) else {
        return Err(error_response("invalid-headers", "Malformed Authorization header", "$"));
    };
    let auth = shared.auth.lock();
    let verified = if auth.is_force_expired(token.trim()) {
        Err(crate::jwt::JwtProblem::Expired)
    } else {
        auth.keys.verify(token.trim())
    };
    let claims = match verified {
        Ok(claims) => claims,
        Err(problem) => {
            return Err(match auth.expired_jwt_status {
                ExpiredJwtStatus::Ok200 => error_response("invalid-jwt", problem.hasura_message(), "$"),
                ExpiredJwtStatus::Unauthorized401 => (
                    StatusCode::UNAUTHORIZED,
                    [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                    "Unauthorized",
                )
                    .into_response(),
            })
        }
    };
    drop(auth);
    let role =
        headers.get("x-hasura-role").and_then(|v| v.to_str().ok()).unwrap_or(&claims.hasura.default_role);
    if !claims.hasura.allowed_roles.iter().any(|allowed| allowed == role) {
        return Err(error_response("access-denied", "Your requested role is not in allowed roles", "$"));
    }
    let user_id = Uuid::parse_str(&claims.hasura.user_id)
        .map_err(|_| error_response("invalid-jwt", "Could not verify JWT: invalid x-hasura-user-id", "$"))?;
    Ok(Caller { user_id })
}

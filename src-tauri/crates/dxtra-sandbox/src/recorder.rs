//! The middleware that feeds the Inspector's record (`traffic`): outermost on both routers, it
//! numbers each request (`X-Request-Id` on the answer), reads what the rules need and describes
//! the request's secrets before it is answered (a refresh token is live until the handler uses
//! it), lets it be answered (faults included), then describes the answer and explains what was
//! wrong (`explain`). What it leaves out: requests whose answer never comes (a dropped
//! connection is not recorded).

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::explain::{explain, Seen, SignOut, TokenSeen};
use crate::jwt::JwtProblem;
use crate::secrets::describe_secrets;
use crate::state::{AuthState, Shared};
use crate::traffic::{client_of, Exchange, MAX_BODY_SHOWN, OWN_AGENT};

/// Middleware: records the exchange; the answer gains `X-Request-Id`.
pub(crate) async fn record(
    State((shared, service)): State<(Arc<Shared>, &'static str)>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let at_ms = Utc::now().timestamp_millis();
    let request_id = format!("sbx-{}", uuid::Uuid::new_v4().simple());
    let (parts, body) = request.into_parts();
    // A body over 1 MB is refused as the routes refuse it (graphql's MAX_BODY_BYTES).
    let Ok(body) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response();
    };
    let method = parts.method.to_string();
    let path = parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_owned(), |p| p.to_string());
    let user_agent = header(&parts.headers, "user-agent");
    let body_text = String::from_utf8_lossy(&body).into_owned();
    let (request_headers, request_body, token, jwt_as_pat, refresh_reused, sign_out, shown_path, shown_agent) = {
        let auth = shared.auth.lock();
        let now = Utc::now();
        let described =
            headers_of(&parts.headers).into_iter().map(|(k, v)| (k, describe_secrets(&v, &auth, now)));
        let field = |name: &str| {
            serde_json::from_str::<serde_json::Value>(&body_text).ok()?.get(name)?.as_str().map(str::to_owned)
        };
        let jwt_as_pat = field("personalAccessToken").is_some_and(|pat| pat.starts_with("eyJ"));
        let refresh_reused =
            field("refreshToken").is_some_and(|token| auth.refresh_token_state(&token) == Some(false));
        let all = serde_json::from_str::<serde_json::Value>(&body_text)
            .ok()
            .and_then(|v| v.get("all")?.as_bool())
            .unwrap_or(false);
        let sign_out = (service == "auth"
            && path.split('?').next().unwrap_or_default().ends_with("/signout"))
        .then(|| match field("refreshToken") {
            _ if all => SignOut::All,
            Some(token) if auth.pat_is_valid(&token.to_ascii_lowercase()) => SignOut::Pat,
            _ => SignOut::RefreshToken,
        });
        (
            described.collect::<Vec<_>>(),
            describe_secrets(&shown(&body), &auth, now),
            token_seen(parts.headers.get("authorization").and_then(|v| v.to_str().ok()), &auth, now),
            jwt_as_pat,
            refresh_reused,
            sign_out,
            // A token in the query string (`?access_token=…`) or an odd User-Agent: described too.
            describe_secrets(&path, &auth, now),
            describe_secrets(&user_agent, &auth, now),
        )
    };
    let content_type = header(&parts.headers, "content-type");
    let role = parts.headers.get("x-hasura-role").and_then(|v| v.to_str().ok()).map(str::to_owned);

    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    let (mut head, answer) = response.into_parts();
    let answer = axum::body::to_bytes(answer, usize::MAX).await.unwrap_or_default();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        head.headers.insert("x-request-id", value);
    }
    let status = head.status.as_u16();
    let answer_text = String::from_utf8_lossy(&answer).into_owned();
    let client = client_of(&user_agent);
    let minute_ago = at_ms - 60_000;
    let signed_in = |e: &Exchange| e.status == 200 && e.method == "POST" && e.path.ends_with("/signin/pat");
    let is_signin = service == "auth" && status == 200 && method == "POST" && path.ends_with("/signin/pat");
    let recent_signins = if is_signin {
        1 + shared.traffic.count_since(minute_ago, |e| e.client == client && signed_in(e))
    } else {
        0
    };
    let created = |text: &str| text.contains("\"createDataSubject\"") && text.contains("dataSubjectId");
    let repeat_of = if status == 200 && body_text.contains("createDataSubject") && created(&answer_text) {
        shared
            .traffic
            .last_since(minute_ago, |e| e.request_body == request_body && created(&e.response_body))
            .map(|(id, at)| (id, (at_ms - at) / 1000))
    } else {
        None
    };
    let visible_controllers = match (&token, answer_text.contains("Foreign key violation")) {
        (TokenSeen::Jwt { user_id, .. }, true) => shared
            .data
            .lock()
            .controllers
            .iter()
            .filter(|c| c.owner_id.to_string() == *user_id)
            .map(|c| format!("{} ({})", c.title, c.id))
            .collect(),
        _ => Vec::new(),
    };
    let seen = Seen {
        service,
        method: method.clone(),
        path: path.clone(),
        content_type,
        token,
        role,
        body: body_text,
        jwt_as_pat,
        refresh_reused,
        answer: answer_text,
        client: client.clone(),
        recent_signins,
        repeat_of,
        visible_controllers,
        sign_out,
    };
    let explanations = explain(&seen);
    let (response_headers, response_body) = {
        let auth = shared.auth.lock();
        let now = Utc::now();
        let described =
            headers_of(&head.headers).into_iter().map(|(k, v)| (k, describe_secrets(&v, &auth, now)));
        (described.collect(), describe_secrets(&shown(&answer), &auth, now))
    };
    shared.traffic.keep(Exchange {
        request_id,
        at_ms,
        service,
        client,
        own: user_agent.starts_with(OWN_AGENT),
        user_agent: shown_agent,
        method,
        path: shown_path,
        status,
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        request_headers,
        request_body,
        response_headers,
        response_body,
        explanations,
    });
    Response::from_parts(head, Body::from(answer))
}

/// What the `Authorization` header carries, as this sandbox can tell.
fn token_seen(header: Option<&str>, auth: &AuthState, now: DateTime<Utc>) -> TokenSeen {
    let Some(header) = header else { return TokenSeen::Missing };
    let is_pat = |text: &str| auth.pat_is_valid(&text.trim().to_ascii_lowercase());
    let Some(token) = header.strip_prefix("Bearer ").map(str::trim) else {
        return if is_pat(header) { TokenSeen::Pat } else { TokenSeen::NotBearer };
    };
    if is_pat(token) {
        return TokenSeen::Pat;
    }
    match auth.keys.verify_ignoring_expiry(token) {
        Ok(claims) => {
            let left = claims.exp - now.timestamp();
            TokenSeen::Jwt {
                user_id: claims.hasura.user_id,
                roles: claims.hasura.allowed_roles,
                expired_secs_ago: (left <= 0).then_some(-left),
            }
        }
        Err(JwtProblem::BadSignature) => TokenSeen::ForeignJwt,
        Err(_) => TokenSeen::Other,
    }
}

fn header(headers: &HeaderMap, name: &str) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn headers_of(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect()
}

/// A body as text, cut at [`MAX_BODY_SHOWN`] bytes (on a character boundary).
fn shown(bytes: &Bytes) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.len() <= MAX_BODY_SHOWN {
        return text.into_owned();
    }
    let mut cut = MAX_BODY_SHOWN;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} bytes in all; the rest is not shown)", &text[..cut], bytes.len())
}

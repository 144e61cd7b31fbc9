//! The middleware that feeds the Inspector's record (`traffic`): outermost on both of the
//! sandbox's routers and on the app's forwarder (each a [`Witness`] of its tokens), it
//! numbers each request (`X-Request-Id` on the answer), reads what the rules need and describes
//! the request's secrets before it is answered (a refresh token is live until the handler uses
//! it), lets it be answered (faults included), then describes the answer and explains what was
//! wrong (`explain`). What it leaves out: requests whose answer never comes (a dropped
//! connection is not recorded).

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::explain::{explain, Explanation, Seen, SignOut, TokenSeen};
use crate::jwt::JwtProblem;
use crate::redact;
use crate::secrets::describe_secrets;
use crate::state::{AuthState, Shared};
use crate::traffic::{client_of, Exchange, Traffic, MAX_BODY_SHOWN, OWN_AGENT};

/// What a recorder can tell of the tokens it sees: the sandbox knows its own (its auth state,
/// `Shared`), the app's forwarder only what a token says of itself and what it saw pass.
pub trait Witness: Send + Sync + 'static {
    /// The record kept.
    fn traffic(&self) -> &Traffic;
    /// Told of each request's body before anything is described (the forwarder learns the PATs
    /// that pass).
    fn saw_request(&self, _body: &str) {}
    /// Told of each answer before it is described (the forwarder learns the refresh tokens
    /// issued and used).
    fn saw_answer(&self, _request_body: &str, _status: u16, _answer: &str) {}
    /// `text` with every secret this witness recognises replaced by `⟨description⟩` (a secret
    /// by its place, a credential header or a secret-named field, is `redact`'s).
    fn describe(&self, text: &str) -> String;
    /// What `Authorization` carries.
    fn token(&self, authorization: Option<&str>) -> TokenSeen;
    /// Whether `text` is a Personal Access Token.
    fn is_pat(&self, text: &str) -> bool;
    /// Whether `token` is a refresh token already used once.
    fn refresh_used(&self, token: &str) -> bool;
    /// The controllers `user_id` can see ("title (id)"), where known.
    fn controllers_of(&self, _user_id: &str) -> Vec<String> {
        Vec::new()
    }
}

/// Middleware: records the exchange; the answer gains `X-Request-Id`.
pub async fn record<W: Witness>(
    State((witness, service)): State<(Arc<W>, &'static str)>,
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
    witness.saw_request(&body_text);
    let describe = |text: &str| witness.describe(text);
    let described = |headers: &HeaderMap| -> Vec<(String, String)> {
        let each = |(name, value): (String, String)| {
            let value = redact::header(&describe, &name, &value);
            (name, value)
        };
        headers_of(headers).into_iter().map(each).collect()
    };
    let request_headers = described(&parts.headers);
    let request_body = cut(redact::body(&describe, &body_text), body.len());
    let field = |name: &str| {
        serde_json::from_str::<serde_json::Value>(&body_text).ok()?.get(name)?.as_str().map(str::to_owned)
    };
    let token = witness.token(parts.headers.get("authorization").and_then(|v| v.to_str().ok()));
    let jwt_as_pat = field("personalAccessToken").is_some_and(|pat| pat.starts_with("eyJ"));
    let refresh_reused = field("refreshToken").is_some_and(|token| witness.refresh_used(&token));
    let all = serde_json::from_str::<serde_json::Value>(&body_text)
        .ok()
        .and_then(|v| v.get("all")?.as_bool())
        .unwrap_or(false);
    let sign_out = (service == "auth" && path.split('?').next().unwrap_or_default().ends_with("/signout"))
        .then(|| match field("refreshToken") {
            _ if all => SignOut::All,
            Some(token) if witness.is_pat(&token.to_ascii_lowercase()) => SignOut::Pat,
            _ => SignOut::RefreshToken,
        });
    // A token in the query string (`?access_token=…`) or an odd User-Agent: described too.
    let shown_path = redact::path(&describe, &path);
    let shown_agent = describe(&user_agent);
    let content_type = header(&parts.headers, "content-type");
    let role = parts.headers.get("x-hasura-role").and_then(|v| v.to_str().ok()).map(str::to_owned);

    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    let (mut head, answer) = response.into_parts();
    let Ok(answer) = axum::body::to_bytes(answer, usize::MAX).await else {
        return (StatusCode::BAD_GATEWAY, "the answer could not be read").into_response();
    };
    // Behind the forwarder, the service's own id stays, beside ours.
    if let Some(theirs) = head.headers.remove("x-request-id") {
        head.headers.insert("x-upstream-request-id", theirs);
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        head.headers.insert("x-request-id", value);
    }
    let status = head.status.as_u16();
    let answer_text = String::from_utf8_lossy(&answer).into_owned();
    witness.saw_answer(&body_text, status, &answer_text);
    let traffic = witness.traffic();
    let client = client_of(&user_agent);
    let minute_ago = at_ms - 60_000;
    let signed_in = |e: &Exchange| e.status == 200 && e.method == "POST" && e.path.ends_with("/signin/pat");
    let is_signin = service == "auth" && status == 200 && method == "POST" && path.ends_with("/signin/pat");
    let recent_signins = if is_signin {
        1 + traffic.count_since(minute_ago, |e| e.client == client && signed_in(e))
    } else {
        0
    };
    let created = |text: &str| text.contains("\"createDataSubject\"") && text.contains("dataSubjectId");
    let repeat_of = if status == 200 && body_text.contains("createDataSubject") && created(&answer_text) {
        traffic
            .last_since(minute_ago, |e| e.request_body == request_body && created(&e.response_body))
            .map(|(id, at)| (id, (at_ms - at) / 1000))
    } else {
        None
    };
    let visible_controllers = match (&token, answer_text.contains("Foreign key violation")) {
        (TokenSeen::Jwt { user_id, .. }, true) => witness.controllers_of(user_id),
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
        // A refused sign-out (`all` without a JWT) revoked nothing.
        sign_out: sign_out.filter(|_| status == 200),
    };
    // Their words quote what was sent or answered (Hasura's message): described like the rest.
    let explanations = explain(&seen)
        .into_iter()
        .map(|e| Explanation { what: describe(&e.what), fix: describe(&e.fix), ..e })
        .collect();
    let response_headers = described(&head.headers);
    let response_body = cut(redact::body(&describe, &seen.answer), answer.len());
    traffic.keep(Exchange {
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

/// The sandbox as a witness: it knows every token it issued.
impl Witness for Shared {
    fn traffic(&self) -> &Traffic {
        &self.traffic
    }

    fn describe(&self, text: &str) -> String {
        describe_secrets(text, &self.auth.lock(), Utc::now())
    }

    fn token(&self, authorization: Option<&str>) -> TokenSeen {
        token_seen(authorization, &self.auth.lock(), Utc::now())
    }

    fn is_pat(&self, text: &str) -> bool {
        self.auth.lock().pat_is_valid(text)
    }

    fn refresh_used(&self, token: &str) -> bool {
        self.auth.lock().refresh_token_state(token) == Some(false)
    }

    fn controllers_of(&self, user_id: &str) -> Vec<String> {
        let data = self.data.lock();
        data.controllers
            .iter()
            .filter(|c| c.owner_id.to_string() == user_id)
            .map(|c| format!("{} ({})", c.title, c.id))
            .collect()
    }
}

/// A bearer token as read without checking its signature: a JWT's user, roles and expiry, or
/// `Other` when it is not a readable JWT.
pub fn token_unverified(token: &str, now: DateTime<Utc>) -> TokenSeen {
    crate::jwt::Keys::read_unverified(token).map_or(TokenSeen::Other, |claims| jwt_seen(claims, now))
}

fn jwt_seen(claims: crate::jwt::Claims, now: DateTime<Utc>) -> TokenSeen {
    let left = claims.exp - now.timestamp();
    TokenSeen::Jwt {
        user_id: claims.hasura.user_id,
        roles: claims.hasura.allowed_roles,
        expired_secs_ago: (left <= 0).then_some(-left),
    }
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
        Ok(claims) => jwt_seen(claims, now),
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

/// A described body, cut at [`MAX_BODY_SHOWN`] bytes (on a character boundary); `sent` is the
/// length of the body as sent.
fn cut(text: String, sent: usize) -> String {
    if text.len() <= MAX_BODY_SHOWN {
        return text;
    }
    let mut at = MAX_BODY_SHOWN;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    format!("{}… ({sent} bytes in all; the rest is not shown)", &text[..at])
}

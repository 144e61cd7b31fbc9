//! The auth service's wire protocol: PAT sign-in (`/v1/signin/pat`, session wrapped in
//! `session`), refresh (`/v1/token`, session unwrapped, refresh token rotated), the four error
//! body shapes, and the [`Session`] built from an answer.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::environment::Endpoints;
use crate::error::ApiError;
use crate::http::{RawResponse, Transport};

/// A signed-in session. Holds secrets: its `Debug` shows none of them.
pub(crate) struct Session {
    pub(crate) access_token: SecretString,
    pub(crate) refresh_token: SecretString,
    /// When it was obtained, by the monotonic clock (which stops while the computer sleeps).
    pub(crate) obtained_at: Instant,
    pub(crate) lifetime: Duration,
    /// `info.expires_at` is the wall-clock expiry, which keeps running through a suspend.
    pub(crate) info: SessionInfo,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("access_token", &"[redacted]")
            .field("refresh_token", &"[redacted]")
            .field("lifetime", &self.lifetime)
            .field("info", &self.info)
            .finish()
    }
}

impl Session {
    /// Due for renewal: within the margin (at most 10% of the lifetime) of expiring, by either
    /// clock. The monotonic clock stops while a laptop sleeps; the wall clock does not, so after a
    /// resume the session is renewed before the first request instead of after a refusal.
    pub(crate) fn is_stale(&self, margin: Duration) -> bool {
        self.is_stale_at(margin, unix_now())
    }

    pub(crate) fn is_stale_at(&self, margin: Duration, now_unix: u64) -> bool {
        self.freshness().is_stale_at(margin, now_unix)
    }

    /// What decides whether the token is still fresh, with the token: copied out so that a fresh
    /// token can be read without the session's lock.
    pub(crate) fn freshness(&self) -> Freshness {
        Freshness {
            token: self.access_token.clone(),
            obtained_at: self.obtained_at,
            lifetime: self.lifetime,
            expires_at: self.info.expires_at,
        }
    }
}

/// The access token with when it goes stale.
#[derive(Clone)]
pub(crate) struct Freshness {
    pub(crate) token: SecretString,
    obtained_at: Instant,
    lifetime: Duration,
    expires_at: u64,
}

impl Freshness {
    /// Stale within `margin` (at most a tenth of the lifetime) of expiry, by the monotonic clock
    /// (which stops while the computer sleeps) or by the wall clock (which does not).
    pub(crate) fn is_stale_at(&self, margin: Duration, now_unix: u64) -> bool {
        let margin = margin.min(self.lifetime / 10);
        let by_monotonic = self.obtained_at.elapsed().saturating_add(margin) >= self.lifetime;
        let by_wall_clock = now_unix.saturating_add(margin.as_secs()) >= self.expires_at;
        by_monotonic || by_wall_clock
    }

    pub(crate) fn is_stale(&self, margin: Duration) -> bool {
        self.is_stale_at(margin, unix_now())
    }
}

/// What may be shown about a session: no token, only decoded non-secret facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub user_id: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub default_role: Option<String>,
    /// Roles from the JWT's `x-hasura-allowed-roles` (or the user record when absent).
    pub roles: Vec<String>,
    /// Seconds the access token is valid for, as issued.
    pub lifetime_secs: u64,
    /// Unix time (seconds) at which the access token expires, by this computer's clock.
    pub expires_at: u64,
}

/// The session as sent. No `Debug`: it holds the raw tokens.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireSession {
    access_token: String,
    access_token_expires_in: u64,
    refresh_token: String,
    #[serde(default)]
    user: Option<WireUser>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireUser {
    id: Option<String>,
    display_name: Option<String>,
    email: Option<String>,
    default_role: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

/// The JWT payload fields the client reads (for display and the expiry cross-check only).
#[derive(Debug, Default, Deserialize)]
struct JwtPayload {
    sub: Option<String>,
    iat: Option<i64>,
    exp: Option<i64>,
    #[serde(rename = "https://hasura.io/jwt/claims", default)]
    hasura: Option<JwtHasura>,
}

#[derive(Debug, Deserialize)]
struct JwtHasura {
    #[serde(rename = "x-hasura-allowed-roles", default)]
    allowed_roles: Vec<String>,
    #[serde(rename = "x-hasura-default-role")]
    default_role: Option<String>,
}

/// The longest access-token lifetime believed: a server (or a bug) may claim anything.
pub(crate) const MAX_LIFETIME_SECS: u64 = 7 * 24 * 3600;

pub(crate) fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn decode_payload(jwt: &str) -> Option<JwtPayload> {
    let payload = jwt.split('.').nth(1)?;
    let bytes =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Where a call leaves its answer as received (the last one, when it was retried).
#[derive(Default)]
pub(crate) struct WireSlot(std::sync::Mutex<Option<crate::wire::Wire>>);

impl WireSlot {
    pub(crate) fn keep(&self, response: &RawResponse) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(crate::wire::Wire::of(response));
    }

    pub(crate) fn take(&self) -> Option<crate::wire::Wire> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// `POST {auth}/v1/signin/pat` with the PAT, trimmed of surrounding whitespace (never re-cased).
/// The answer as received goes to `wire`, for the request log.
pub(crate) async fn sign_in(
    transport: &Transport,
    endpoints: &Endpoints,
    pat: SecretString,
    wire: &WireSlot,
) -> Result<Session, ApiError> {
    let pat = pat.expose_secret().trim();
    if pat.is_empty() {
        return Err(ApiError::MissingPat);
    }
    let body = json!({ "personalAccessToken": pat });
    let response =
        transport.post_json(&endpoints.signin_pat(), &body, None, transport.config.read_timeout).await?;
    wire.keep(&response);
    if response.status != 200 {
        return Err(match auth_failure(&response) {
            // hasura-auth validates the PAT's form first: say so in plain words.
            // (An upper-case UUID keeps request-validation, whose fix is to keep the letter case.)
            ApiError::RequestInvalid { detail } if !is_uuid_shaped(pat) => ApiError::PatNotUuid { detail },
            other => other,
        });
    }
    let mut value = response.json()?;
    let session = value.get_mut("session").map(Value::take).unwrap_or(Value::Null);
    if session.is_null() {
        return Err(ApiError::MalformedJson { detail: "the sign-in answer has no session".into() });
    }
    session_from(session)
}

/// 8-4-4-4-12 hex digits, in any letter case.
fn is_uuid_shaped(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// `POST {auth}/v1/token` with the refresh token; the answer carries a new one to keep.
pub(crate) async fn refresh(
    transport: &Transport,
    endpoints: &Endpoints,
    refresh_token: &SecretString,
    wire: &WireSlot,
) -> Result<Session, ApiError> {
    let body = json!({ "refreshToken": refresh_token.expose_secret() });
    let response =
        transport.post_json(&endpoints.token(), &body, None, transport.config.read_timeout).await?;
    wire.keep(&response);
    if response.status != 200 {
        return Err(auth_failure(&response));
    }
    let value = response.json()?;
    // The contract says unwrapped; accept a wrapped one too.
    let session = match value.get("session") {
        Some(inner) if inner.is_object() => inner.clone(),
        _ => value,
    };
    session_from(session)
}

pub(crate) fn session_from(value: Value) -> Result<Session, ApiError> {
    let wire: WireSession = serde_json::from_value(value).map_err(|error| ApiError::MalformedJson {
        detail: format!("the session is not as expected: {error}"),
    })?;
    let payload = decode_payload(&wire.access_token).unwrap_or_default();
    // Never trust one number alone: take the shorter of the field and the JWT's own exp - iat.
    // Both numbers come from outside: checked arithmetic, clamped to a sane range.
    let claimed = wire.access_token_expires_in;
    let from_jwt = match (payload.iat, payload.exp) {
        (Some(iat), Some(exp)) => {
            exp.checked_sub(iat).and_then(|secs| u64::try_from(secs).ok()).filter(|secs| *secs > 0)
        }
        _ => None,
    };
    let lifetime_secs = from_jwt.map_or(claimed, |jwt| jwt.min(claimed)).clamp(1, MAX_LIFETIME_SECS);
    let now_unix = unix_now();
    let user = wire.user;
    let hasura = payload.hasura;
    let info = SessionInfo {
        user_id: user.as_ref().and_then(|u| u.id.clone()).or(payload.sub).unwrap_or_default(),
        display_name: user.as_ref().and_then(|u| u.display_name.clone()),
        email: user.as_ref().and_then(|u| u.email.clone()),
        default_role: hasura
            .as_ref()
            .and_then(|h| h.default_role.clone())
            .or_else(|| user.as_ref().and_then(|u| u.default_role.clone())),
        roles: match (&hasura, &user) {
            (Some(h), _) if !h.allowed_roles.is_empty() => h.allowed_roles.clone(),
            (_, Some(u)) => u.roles.clone(),
            _ => Vec::new(),
        },
        lifetime_secs,
        expires_at: now_unix.saturating_add(lifetime_secs),
    };
    Ok(Session {
        access_token: SecretString::from(wire.access_token),
        refresh_token: SecretString::from(wire.refresh_token),
        obtained_at: Instant::now(),
        lifetime: Duration::from_secs(lifetime_secs),
        info,
    })
}

/// Classifies a failed sign-in or refresh: hasura-auth's `{status, message, error}`, its
/// validation body `{error}`, Dxtra's `{status: "error", message}`, or no JSON at all.
pub(crate) fn auth_failure(response: &RawResponse) -> ApiError {
    if response.status == 429 {
        return response.status_error();
    }
    let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&response.body) else {
        return match response.status {
            404 | 500..=599 => response.status_error(),
            _ => response.not_json(),
        };
    };
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    let message = text("message").unwrap_or_default();
    // Whatever its shape, a 5xx is the server failing, never a fault of the request.
    if response.status >= 500 {
        return ApiError::Server { status: response.status };
    }
    match (body.get("status"), text("error")) {
        (Some(Value::Number(_)), Some(code)) => match code.as_str() {
            "invalid-pat" => ApiError::InvalidPat { message },
            "disabled-user" => ApiError::DisabledUser { message },
            "invalid-refresh-token" => ApiError::InvalidRefreshToken { message },
            "invalid-request" => ApiError::RequestConcealed { message },
            _ if response.status >= 500 => ApiError::Server { status: response.status },
            _ => ApiError::AuthRefused { status: response.status, code, message },
        },
        // Dxtra's own shape: at 401 on sign-in it means the PAT was refused.
        (Some(Value::String(status)), _) if status == "error" && response.status == 401 => {
            ApiError::InvalidPat { message }
        }
        (Some(Value::String(status)), _) if status == "error" => ApiError::DxtraError { message },
        (None, Some(detail)) => ApiError::RequestInvalid {
            detail: detail
                .strip_prefix("error in openapi3filter.RequestError: request body has an error: ")
                .unwrap_or(&detail)
                .to_owned(),
        },
        _ => response.status_error(),
    }
}

#[cfg(test)]
mod tests;

//! Secrets as the Inspector shows them: every Personal Access Token, JWT and refresh token in a
//! recorded header or body replaced by a description of it, never the value ("a JWT issued
//! 14 min ago for roles user, me; expired 2 min ago"). Which tokens are what is read from the
//! sandbox's own auth state (PATs by hash, its signing key, the refresh tokens it issued). What
//! it leaves out: secrets of other services (the text is kept; nothing else is known of them),
//! and explaining what was wrong (`explain`).

use chrono::{DateTime, Utc};

use crate::jwt::JwtProblem;
use crate::state::AuthState;
use crate::words::span;

/// `text` with each secret this sandbox can recognise replaced by `⟨description⟩`.
pub(crate) fn describe_secrets(text: &str, auth: &AuthState, now: DateTime<Utc>) -> String {
    replace_tokens(text, |token| describe(token, auth, now))
}

/// `text` with each token-like run `describe` knows replaced by `⟨description⟩`.
pub fn replace_tokens(text: &str, describe: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, end)) = next_token(rest) {
        out.push_str(&rest[..start]);
        let token = &rest[start..end];
        match describe(token) {
            Some(description) => {
                out.push('⟨');
                out.push_str(&description);
                out.push('⟩');
            }
            None => out.push_str(token),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// What `token` is, if it is a secret: a JWT (by its shape), a PAT or refresh token (by lookup).
pub(crate) fn describe(token: &str, auth: &AuthState, now: DateTime<Utc>) -> Option<String> {
    if looks_like_jwt(token) {
        return Some(describe_jwt(token, auth, now));
    }
    // PATs are lowercase UUIDs; one echoed or retyped in capitals is the same secret.
    if auth.pat_is_valid(token) || auth.pat_is_valid(&token.to_ascii_lowercase()) {
        return Some("a Personal Access Token (the Sandbox's practice PAT)".to_owned());
    }
    match auth.refresh_token_state(token) {
        Some(true) => Some("a refresh token (live: good for one refresh)".to_owned()),
        Some(false) => {
            Some("a refresh token already used once (each works once: keep the new one)".to_owned())
        }
        None => None,
    }
}

fn describe_jwt(token: &str, auth: &AuthState, now: DateTime<Utc>) -> String {
    let claims = match auth.keys.verify_ignoring_expiry(token) {
        Ok(claims) => claims,
        Err(JwtProblem::BadSignature) => {
            return "a JWT signed by another Sandbox run or environment (this one cannot verify it)"
                .to_owned()
        }
        Err(_) => return "a malformed JWT".to_owned(),
    };
    jwt_words(&claims, now)
}

/// A JWT read without its signature checked (the forwarder cannot check it), or `None` when
/// `token` is not shaped like one.
pub fn describe_unverified_jwt(token: &str, now: DateTime<Utc>) -> Option<String> {
    if !looks_like_jwt(token) {
        return None;
    }
    Some(match crate::jwt::Keys::read_unverified(token) {
        Some(claims) => jwt_words(&claims, now),
        None => "a JWT (its claims could not be read)".to_owned(),
    })
}

fn jwt_words(claims: &crate::jwt::Claims, now: DateTime<Utc>) -> String {
    let issued = ago(now.timestamp() - claims.iat);
    let roles = claims.hasura.allowed_roles.join(", ");
    let left = claims.exp - now.timestamp();
    let expiry =
        if left > 0 { format!("expires in {}", span(left)) } else { format!("expired {} ago", span(-left)) };
    format!("a JWT issued {issued} for roles {roles}; {expiry}")
}

/// "just now", "40 s ago", "14 min ago", "3 h ago".
fn ago(secs: i64) -> String {
    if secs < 2 {
        "just now".to_owned()
    } else {
        format!("{} ago", span(secs))
    }
}

fn looks_like_jwt(token: &str) -> bool {
    token.starts_with("eyJ") && token.split('.').count() == 3 && token.split('.').all(|part| !part.is_empty())
}

/// The next run of token characters (letters, digits, `-`, `_`, `.`) at least 20 long: where
/// a PAT (a UUID), a JWT or a refresh token can be. Byte offsets into `text`.
fn next_token(text: &str) -> Option<(usize, usize)> {
    let is_token = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_token(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) if text[s..i].trim_end_matches('.').len() >= 20 => {
                return Some((s, s + text[s..i].trim_end_matches('.').len()))
            }
            (false, Some(_)) => start = None,
            _ => {}
        }
    }
    let s = start?;
    let run = text[s..].trim_end_matches('.');
    (run.len() >= 20).then(|| (s, s + run.len()))
}

//! The forwarder's witness of the tokens that pass: what a JWT says of itself (unverified), and
//! the PATs and refresh tokens it saw go by, remembered as keyed hashes only (bounded), so the
//! record can say "a Personal Access Token" or "a refresh token already used once" without ever
//! keeping a value. What it leaves out: secrets by their place (`dxtra_sandbox`'s recorder
//! describes credential headers and secret-named fields whole) and forwarding (`super`).

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Mutex;

use chrono::Utc;
use dxtra_sandbox::inspect::{describe_unverified_jwt, replace_tokens, TokenSeen, Traffic, Witness};
use serde_json::Value;

/// Tokens remembered (as hashes) at most; past it, all are forgotten and learnt again.
const REMEMBERED: usize = 10_000;

/// What the forwarder saw pass: PATs (sent to sign-in) and refresh tokens (issued, used), as
/// keyed hashes only.
#[derive(Default)]
pub(super) struct Seen {
    traffic: Traffic,
    hasher: std::collections::hash_map::RandomState,
    pats: Mutex<std::collections::HashSet<u64>>,
    /// Refresh tokens issued: `true` once used.
    refresh: Mutex<HashMap<u64, bool>>,
}

impl Seen {
    /// The keyed hash a token is remembered by (trimmed: a PAT pasted with a space is the same).
    fn key(&self, token: &str) -> u64 {
        self.hasher.hash_one(token.trim())
    }

    fn remember_pat(&self, pat: &str) {
        let key = self.key(&pat.to_ascii_lowercase());
        let mut pats = lock(&self.pats);
        if pats.len() >= REMEMBERED {
            pats.clear();
        }
        pats.insert(key);
    }

    /// A refresh token issued (`used`: false) or used (true). Past [`REMEMBERED`] tokens, all
    /// are forgotten and learnt again: a long session stays bounded.
    fn remember_refresh(&self, token: &str, used: bool) {
        let key = self.key(token);
        let mut refresh = lock(&self.refresh);
        if refresh.len() >= REMEMBERED {
            refresh.clear();
        }
        refresh.insert(key, used);
    }

    fn word(&self, token: &str) -> Option<String> {
        if let Some(words) = describe_unverified_jwt(token, Utc::now()) {
            return Some(words);
        }
        if lock(&self.pats).contains(&self.key(&token.to_ascii_lowercase())) {
            return Some("a Personal Access Token".to_owned());
        }
        match lock(&self.refresh).get(&self.key(token)) {
            Some(false) => Some("a refresh token (live: good for one refresh)".to_owned()),
            Some(true) => {
                Some("a refresh token already used once (each works once: keep the new one)".to_owned())
            }
            None => None,
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

fn field<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(value, |v, name| v.get(name))?.as_str()
}

fn is_uuid(text: &str) -> bool {
    uuid::Uuid::try_parse(text.trim()).is_ok()
}

impl Witness for Seen {
    fn traffic(&self) -> &Traffic {
        &self.traffic
    }

    fn saw_request(&self, body: &str) {
        let Ok(value) = serde_json::from_str::<Value>(body) else { return };
        if let Some(pat) = field(&value, &["personalAccessToken"]) {
            self.remember_pat(pat);
        }
    }

    fn saw_answer(&self, request_body: &str, status: u16, answer: &str) {
        let sent = serde_json::from_str::<Value>(request_body).ok();
        if let (Some(used), 200) = (sent.as_ref().and_then(|v| field(v, &["refreshToken"])), status) {
            self.remember_refresh(used, true);
        }
        let Ok(value) = serde_json::from_str::<Value>(answer) else { return };
        let issued = field(&value, &["session", "refreshToken"]).or_else(|| field(&value, &["refreshToken"]));
        if let Some(issued) = issued {
            self.remember_refresh(issued, false);
        }
    }

    fn describe(&self, text: &str) -> String {
        replace_tokens(text, |token| self.word(token))
    }

    fn token(&self, authorization: Option<&str>) -> TokenSeen {
        let Some(header) = authorization else { return TokenSeen::Missing };
        let Some(token) = header.strip_prefix("Bearer ").map(str::trim) else {
            return if self.is_pat(header.trim()) { TokenSeen::Pat } else { TokenSeen::NotBearer };
        };
        // Dxtra's PATs are UUIDs; so are its refresh tokens, which never go in a header.
        if self.is_pat(token) || is_uuid(token) {
            return TokenSeen::Pat;
        }
        dxtra_sandbox::inspect::token_unverified(token, Utc::now())
    }

    fn is_pat(&self, text: &str) -> bool {
        lock(&self.pats).contains(&self.key(&text.to_ascii_lowercase()))
    }

    fn refresh_used(&self, token: &str) -> bool {
        lock(&self.refresh).get(&self.key(token)) == Some(&true)
    }
}

//! The Inspector's record: every request the sandbox answers, on both ports, as it was on the
//! wire (method, path, headers, body, the answer), each secret replaced by a description of it
//! (`secrets`), kept in memory only, the last [`MAX_EXCHANGES`]; every answer carries an
//! `X-Request-Id`, so a line in the developer's own log leads to its entry. New entries go to
//! subscribers as they happen (the app's Inspector updates live, nothing polls). Requests from
//! the app itself are recorded and marked `own`. A leaf: the middleware that records is
//! `recorder`. What it leaves out: what was wrong and how to fix it (`explain`), and anything of
//! a request it never received (a refused connection) or never answered (a dropped one).

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use tokio::sync::broadcast;

use crate::explain::Explanation;

/// Requests kept: the newest, the oldest forgotten first.
pub const MAX_EXCHANGES: usize = 500;
/// Of each body, this many bytes are kept (the rest is said to be cut).
pub const MAX_BODY_SHOWN: usize = 16 * 1024;
/// The `User-Agent` the app's own client sends (`dxtra_api::USER_AGENT`'s start).
pub(crate) const OWN_AGENT: &str = "dxtra-first-integration/";

/// One request and its answer, secrets described.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    /// The answer's `X-Request-Id`.
    pub request_id: String,
    /// Unix milliseconds when the request arrived.
    pub at_ms: i64,
    /// `auth` or `graphql`: the port it came to.
    pub service: &'static str,
    /// Who sent it, as its `User-Agent` shows: `curl`, `Node`, `Python`, `Rust`, `a browser`,
    /// `the app` or the agent's own first word.
    pub client: String,
    pub user_agent: String,
    /// Sent by the app itself (its requests are in its own request log too).
    pub own: bool,
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    pub status: u16,
    pub duration_ms: u64,
    pub request_headers: Vec<(String, String)>,
    pub request_body: String,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
    /// What was wrong, and how to fix it (empty when nothing was).
    pub explanations: Vec<Explanation>,
}

/// The kept exchanges and the live feed.
pub struct Traffic {
    kept: Mutex<VecDeque<Exchange>>,
    feed: broadcast::Sender<Exchange>,
}

impl Default for Traffic {
    fn default() -> Self {
        Traffic { kept: Mutex::new(VecDeque::new()), feed: broadcast::channel(64).0 }
    }
}

impl Traffic {
    fn lock(&self) -> MutexGuard<'_, VecDeque<Exchange>> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The kept exchanges, oldest first.
    pub fn all(&self) -> Vec<Exchange> {
        self.lock().iter().cloned().collect()
    }

    /// Every exchange from now on (a slow reader misses some and is told so by the channel).
    pub fn subscribe(&self) -> broadcast::Receiver<Exchange> {
        self.feed.subscribe()
    }

    /// How many kept exchanges since `since_ms` match.
    pub(crate) fn count_since(&self, since_ms: i64, matching: impl Fn(&Exchange) -> bool) -> usize {
        self.lock().iter().rev().take_while(|e| e.at_ms >= since_ms).filter(|e| matching(e)).count()
    }

    /// The newest kept exchange since `since_ms` that matches: its id and when it came.
    pub(crate) fn last_since(
        &self,
        since_ms: i64,
        matching: impl Fn(&Exchange) -> bool,
    ) -> Option<(String, i64)> {
        let kept = self.lock();
        let found = kept.iter().rev().take_while(|e| e.at_ms >= since_ms).find(|e| matching(e))?;
        Some((found.request_id.clone(), found.at_ms))
    }

    pub(crate) fn keep(&self, exchange: Exchange) {
        let mut kept = self.lock();
        kept.push_back(exchange.clone());
        while kept.len() > MAX_EXCHANGES {
            kept.pop_front();
        }
        drop(kept);
        let _ = self.feed.send(exchange);
    }
}

/// Who a `User-Agent` says sent the request.
pub(crate) fn client_of(user_agent: &str) -> String {
    let agent = user_agent.to_ascii_lowercase();
    let known = [
        ("dxtra-first-integration/", "the app"),
        ("curl/", "curl"),
        ("node", "Node"),
        ("undici", "Node"),
        ("axios", "Node"),
        ("python", "Python"),
        ("aiohttp", "Python"),
        ("reqwest", "Rust"),
        ("hyper", "Rust"),
        ("go-http-client", "Go"),
        ("java", "Java"),
        ("okhttp", "Java"),
        ("wget", "Wget"),
        ("postman", "Postman"),
        ("insomnia", "Insomnia"),
        ("mozilla/", "a browser"),
    ];
    if let Some((_, name)) =
        known.iter().find(|(needle, _)| agent.starts_with(needle) || agent.contains(needle))
    {
        return (*name).to_owned();
    }
    match user_agent.split(['/', ' ']).next().filter(|w| !w.is_empty()) {
        Some(word) => word.to_owned(),
        None => "no User-Agent".to_owned(),
    }
}

//! "Record my program's calls": for an environment other than the Sandbox, two loopback ports
//! (auth and GraphQL) that pass each request through the app's own transport (its trust store
//! and proxy) to that environment's two origins, and record it for the Inspector with the
//! Sandbox's explanations (`dxtra_sandbox::inspect`). It forwards only to those two origins: a
//! request's path and query are kept, any host it names is not, so it is never an open proxy.
//! Tokens pass unchanged; the record describes them and keeps no value (a token is remembered
//! only as a keyed hash in memory, to tell a PAT or a used refresh token when it comes back).
//! What it leaves out: verifying tokens (it cannot; it reads what a JWT says of itself), HTTP
//! upgrades (WebSocket subscriptions), and bodies over 1 MB.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{middleware, Router};
use chrono::Utc;
use dxtra_sandbox::inspect::{describe_unverified_jwt, record, replace_tokens, TokenSeen, Traffic, Witness};
use dxtra_sandbox::Exchange;
use serde_json::Value;

/// The largest answer passed on (as `ClientConfig::max_response_bytes`).
const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;
/// A request is given this long (an action may take 60 s).
const FORWARD_TIMEOUT: Duration = Duration::from_secs(75);
/// Headers that belong to one connection, not to the request (RFC 9110 §7.6.1), and the ones
/// the way out sets itself.
const NOT_FORWARDED: &[HeaderName] = &[
    header::CONNECTION,
    header::HOST,
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
    header::TE,
    header::TRAILER,
    header::UPGRADE,
    header::PROXY_AUTHORIZATION,
    header::PROXY_AUTHENTICATE,
];

/// The two loopback ports while they run; dropping it stops them.
pub struct Forwarder {
    /// `http://127.0.0.1:PORT` plus the environment's auth path (e.g. `/v1`).
    pub auth_url: String,
    /// `http://127.0.0.1:PORT` plus the environment's GraphQL path (e.g. `/v1/graphql`).
    pub graphql_url: String,
    witness: Arc<Seen>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Forwarder {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Forwarder {
    /// Listens on two free loopback ports, forwarding to the origins of `auth_root` and
    /// `graphql` through `client`.
    pub async fn start(
        auth_root: &str,
        graphql: &str,
        client: reqwest::Client,
    ) -> std::io::Result<Forwarder> {
        let witness = Arc::new(Seen::default());
        let mut urls = Vec::new();
        let mut tasks = Vec::new();
        for (service, target) in [("auth", auth_root), ("graphql", graphql)] {
            let target = url::Url::parse(target).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{target}: {e}"))
            })?;
            let origin = target.origin().ascii_serialization();
            let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
            let port = listener.local_addr()?.port();
            urls.push(format!("http://127.0.0.1:{port}{}", target.path().trim_end_matches('/')));
            let to = Arc::new(To { origin, client: client.clone() });
            let router = Router::new()
                .fallback(forward)
                .with_state(to)
                .layer(middleware::from_fn_with_state((witness.clone(), service), record::<Seen>));
            tasks.push(tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, router).await {
                    tracing::warn!(%error, "the forwarder stopped");
                }
            }));
        }
        let graphql_url = urls.pop().expect("two");
        let auth_url = urls.pop().expect("two");
        Ok(Forwarder { auth_url, graphql_url, witness, tasks })
    }

    /// What it recorded, newest first.
    pub fn entries(&self) -> Vec<Exchange> {
        self.witness.traffic.all().into_iter().rev().collect()
    }

    /// Every exchange from now on.
    pub fn feed(&self) -> tokio::sync::broadcast::Receiver<Exchange> {
        self.witness.traffic.subscribe()
    }
}

/// Where one port forwards to.
struct To {
    origin: String,
    client: reqwest::Client,
}

async fn forward(State(to): State<Arc<To>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response();
    };
    // Only the path and query: an absolute URI naming another host still goes to this origin.
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let url = format!("{}{path}", to.origin);
    let mut out = to.client.request(parts.method, &url).timeout(FORWARD_TIMEOUT).body(body);
    for (name, value) in &parts.headers {
        if !NOT_FORWARDED.contains(name) {
            out = out.header(name, value);
        }
    }
    match out.send().await {
        Ok(answer) => {
            let status = answer.status();
            let headers = answer.headers().clone();
            let bytes = match capped(answer).await {
                Ok(bytes) => bytes,
                Err(why) => {
                    return (StatusCode::BAD_GATEWAY, format!("{}: {why}", to.origin)).into_response()
                }
            };
            let mut response = Response::new(Body::from(bytes));
            *response.status_mut() = status;
            for (name, value) in &headers {
                if !NOT_FORWARDED.contains(name) {
                    response.headers_mut().append(name, value.clone());
                }
            }
            response
        }
        Err(error) => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("The app could not forward this to {}: {error}", to.origin),
        )
            .into_response(),
    }
}

/// An answer's body, refused past [`MAX_ANSWER_BYTES`] (the app's own client's cap).
async fn capped(mut answer: reqwest::Response) -> Result<Bytes, String> {
    let mut body = Vec::new();
    while let Some(chunk) = answer.chunk().await.map_err(|e| format!("the answer was cut: {e}"))? {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(format!(
                "the answer is over {} MB; the forwarder passes on at most that",
                MAX_ANSWER_BYTES >> 20
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// What the forwarder saw pass: PATs (sent to sign-in) and refresh tokens (issued, used), as
/// keyed hashes only.
#[derive(Default)]
struct Seen {
    traffic: Traffic,
    hasher: std::collections::hash_map::RandomState,
    pats: Mutex<std::collections::HashSet<u64>>,
    /// Refresh tokens issued: `true` once used.
    refresh: Mutex<HashMap<u64, bool>>,
}

impl Seen {
    fn key(&self, token: &str) -> u64 {
        self.hasher.hash_one(token)
    }

    fn word(&self, token: &str) -> Option<String> {
        if let Some(words) = describe_unverified_jwt(token, Utc::now()) {
            return Some(words);
        }
        let key = self.key(token);
        if lock(&self.pats).contains(&key) {
            return Some("a Personal Access Token".to_owned());
        }
        match lock(&self.refresh).get(&key) {
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
            lock(&self.pats).insert(self.key(pat));
        }
    }

    fn saw_answer(&self, request_body: &str, status: u16, answer: &str) {
        let sent = serde_json::from_str::<Value>(request_body).ok();
        if let (Some(used), 200) = (sent.as_ref().and_then(|v| field(v, &["refreshToken"])), status) {
            lock(&self.refresh).insert(self.key(used), true);
        }
        let Ok(value) = serde_json::from_str::<Value>(answer) else { return };
        let issued = field(&value, &["session", "refreshToken"]).or_else(|| field(&value, &["refreshToken"]));
        if let Some(issued) = issued {
            lock(&self.refresh).insert(self.key(issued), false);
        }
    }

    fn describe(&self, text: &str, header: Option<&str>) -> String {
        // A credential header is described whole, whatever it holds: none is ever shown.
        if matches!(header, Some("authorization" | "cookie" | "set-cookie")) {
            return replace_tokens(text, |token| {
                Some(
                    self.word(token)
                        .unwrap_or_else(|| "a credential this forwarder did not see issued".to_owned()),
                )
            });
        }
        replace_tokens(text, |token| self.word(token))
    }

    fn token(&self, authorization: Option<&str>) -> TokenSeen {
        let Some(header) = authorization else { return TokenSeen::Missing };
        let Some(token) = header.strip_prefix("Bearer ").map(str::trim) else {
            return if self.is_pat(header.trim()) { TokenSeen::Pat } else { TokenSeen::NotBearer };
        };
        if self.is_pat(token) {
            return TokenSeen::Pat;
        }
        dxtra_sandbox::inspect::token_unverified(token, Utc::now())
    }

    fn is_pat(&self, text: &str) -> bool {
        // Dxtra's PATs are UUIDs; so are its refresh tokens, which this forwarder saw issued.
        lock(&self.pats).contains(&self.key(text))
            || (is_uuid(text) && !lock(&self.refresh).contains_key(&self.key(text)))
    }

    fn refresh_used(&self, token: &str) -> bool {
        lock(&self.refresh).get(&self.key(token)) == Some(&true)
    }
}

//! "Record my program's calls": for an environment other than the Sandbox, two loopback ports
//! (auth and GraphQL) that pass each request through the app's own transport (its trust store
//! and proxy) to that environment's two origins, and record it for the Inspector with the
//! Sandbox's explanations (`dxtra_sandbox::inspect`). It forwards only to those two origins: a
//! request's path and query are kept, any host it names is not, and a request addressed to
//! another host or from a web page's origin is refused, so it is never an open proxy nor a
//! browser's way in. Tokens pass unchanged; the record describes them and keeps no value
//! (`witness`). What it leaves out: verifying tokens (it cannot; it reads what a JWT says of
//! itself), HTTP upgrades (WebSocket subscriptions), bodies over 1 MB and answers over 8 MB.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{middleware, Router};
use dxtra_sandbox::inspect::{record, Witness};
use dxtra_sandbox::Exchange;

mod witness;
use witness::Seen;

/// The largest answer passed on (as `ClientConfig::max_response_bytes`).
const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;
/// A request is given this long (an action may take 60 s).
const FORWARD_TIMEOUT: Duration = Duration::from_secs(75);
/// Headers that belong to one connection, not to the request (RFC 9110 §7.6.1), and the ones
/// the way out sets itself.
const NOT_FORWARDED: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "host",
    "content-length",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "expect",
    "proxy-authorization",
    "proxy-authenticate",
    // The way out decompresses nothing: an answer is passed on, and recorded, as sent.
    "accept-encoding",
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
            let to = Arc::new(To { origin, port, client: client.clone() });
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
        self.witness.traffic().all().into_iter().rev().collect()
    }

    /// Every exchange from now on.
    pub fn feed(&self) -> tokio::sync::broadcast::Receiver<Exchange> {
        self.witness.traffic().subscribe()
    }
}

/// Where one port forwards to.
struct To {
    origin: String,
    /// Its own loopback port: the only `Host` it answers.
    port: u16,
    client: reqwest::Client,
}

/// Whether a request is from a program on this computer addressing this port: its `Host` is
/// loopback with this port, and it carries no web page's `Origin` from elsewhere (a page in a
/// browser, or a DNS rebinding, may not use the app's way out).
fn from_this_computer(headers: &axum::http::HeaderMap, port: u16) -> bool {
    let loopback = |authority: &str| {
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")]
            .iter()
            .any(|ok| authority.eq_ignore_ascii_case(ok))
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let origin_ok = origin.is_none_or(|origin| {
        let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|h| authority == *h || authority.starts_with(&format!("{h}:")))
    });
    loopback(host) && origin_ok
}

async fn forward(State(to): State<Arc<To>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if !from_this_computer(&parts.headers, to.port) {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(
                "This address passes on calls of programs on this computer only, addressed to 127.0.0.1:{}.",
                to.port
            ),
        )
            .into_response();
    }
    let Ok(body) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response();
    };
    // Only the path and query: an absolute URI naming another host still goes to this origin.
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let url = format!("{}{path}", to.origin);
    let mut out = to.client.request(parts.method, &url).timeout(FORWARD_TIMEOUT).body(body);
    // Headers `Connection` names belong to this connection too.
    let named: Vec<String> = parts
        .headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(',').map(|n| n.trim().to_ascii_lowercase()))
        .collect();
    for (name, value) in &parts.headers {
        if !NOT_FORWARDED.contains(&name.as_str()) && !named.iter().any(|n| n == name.as_str()) {
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
                if !NOT_FORWARDED.contains(&name.as_str()) {
                    response.headers_mut().append(name, value.clone());
                }
            }
            response
        }
        // reqwest's error names the URL, query included: only the origin is said.
        Err(error) => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("The app could not forward this to {}: {}", to.origin, error.without_url()),
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

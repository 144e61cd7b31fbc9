//! The HTTP transport: one pooled `reqwest` client with connect and total timeouts, JSON POSTs,
//! a cap on the response size, and the translation of non-JSON or oversize answers into
//! [`ApiError`]. Its proxy, trust and the naming of transport failures are `network`'s.

use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderValue};
use serde_json::Value;

use crate::error::{snippet, ApiError};
use crate::network::{self, Network, ProxyPlan, Route, TrustLog};

/// The `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("dxtra-first-integration/", env!("CARGO_PKG_VERSION"));

/// Timeouts, limits and retry policy of a client.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Time allowed to open a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Total time for a sign-in, refresh or GraphQL read, body included.
    pub read_timeout: Duration,
    /// Total time for a mutation: `createDataSubject` is an action that may take 60 s.
    pub mutation_timeout: Duration,
    /// Largest response body accepted, in bytes.
    pub max_response_bytes: usize,
    /// How many times a read is repeated after 429/502/503/504.
    pub read_retries: u32,
    /// First backoff delay; it doubles on each retry.
    pub backoff: Duration,
    /// A `Retry-After` longer than this is not waited for: the error is returned instead.
    pub max_retry_after: Duration,
    /// Refresh this long before expiry at most (and never earlier than 10% of the lifetime).
    pub refresh_margin: Duration,
    /// How long the service may go on working on a mutation whose answer was lost: longer than
    /// an action may run (Dxtra's actions time out after 30 to 60 s), counted from the last sign
    /// of the service (the failure's arrival). Only after it does a read that finds nothing mean
    /// it was not recorded.
    pub mutation_settle: Duration,
    /// The proxy and the extra certificates.
    pub network: Network,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            mutation_timeout: Duration::from_secs(75),
            max_response_bytes: 8 * 1024 * 1024,
            read_retries: 3,
            backoff: Duration::from_millis(300),
            max_retry_after: Duration::from_secs(30),
            refresh_margin: Duration::from_secs(60),
            mutation_settle: Duration::from_secs(75),
            network: Network::default(),
        }
    }
}

/// A response read in full (within the cap). Its `Debug` shows no body: a sign-in answer holds tokens.
pub(crate) struct RawResponse {
    pub(crate) url: String,
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) body: Vec<u8>,
}

impl std::fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawResponse")
            .field("url", &self.url)
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("[{} bytes, redacted]", self.body.len()))
            .finish()
    }
}

impl RawResponse {
    /// The body as JSON; a body that is not JSON at all, or JSON cut short, is an error.
    pub(crate) fn json(&self) -> Result<Value, ApiError> {
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(value) => Ok(value),
            Err(error) if self.content_type.contains("json") || error.is_eof() => {
                Err(ApiError::MalformedJson { detail: error.to_string() })
            }
            Err(_) => Err(self.not_json()),
        }
    }

    pub(crate) fn not_json(&self) -> ApiError {
        ApiError::NotJson {
            status: self.status,
            content_type: if self.content_type.is_empty() {
                "no content type".into()
            } else {
                self.content_type.clone()
            },
            snippet: snippet(&self.body),
        }
    }

    /// An HTML page (a proxy's, a gateway's or a captive portal's), not an API's answer.
    pub(crate) fn is_html(&self) -> bool {
        self.content_type.contains("html") || self.body.trim_ascii_start().first() == Some(&b'<')
    }

    /// The error for a status that no service-specific rule explains.
    pub(crate) fn status_error(&self) -> ApiError {
        match self.status {
            404 => ApiError::NotFound { url: self.url.clone() },
            429 => ApiError::RateLimited { retry_after: self.retry_after },
            500..=599 if self.is_html() => {
                ApiError::ProxyFailed { url: self.url.clone(), status: self.status }
            }
            500..=599 => ApiError::Server { status: self.status },
            status => ApiError::UnexpectedStatus { status, snippet: snippet(&self.body) },
        }
    }
}

/// The app's way out for requests of other programs (the Inspector's forwarder): the same proxy
/// plan and trust as the app's own client, no redirects followed, and none of its headers (each
/// request carries its sender's own).
pub fn forwarding_client(config: &ClientConfig) -> Result<reqwest::Client, ApiError> {
    let plan = ProxyPlan::resolve(&config.network);
    builder(config, &plan, &TrustLog::default())?
        .build()
        .map_err(|error| ApiError::Connection { url: String::new(), detail: error.to_string() })
}

/// A client builder with `plan`'s proxy, the system's trust plus the extra certificates, the
/// connect timeout, and redirects left to the caller.
fn builder(
    config: &ClientConfig,
    plan: &ProxyPlan,
    trust: &TrustLog,
) -> Result<reqwest::ClientBuilder, ApiError> {
    let tls = network::client_config(&config.network.extra_certs, trust.clone())
        .map_err(|detail| ApiError::Tls { url: String::new(), detail })?;
    let builder = reqwest::Client::builder().tls_backend_preconfigured(tls);
    let builder = match plan.reqwest_proxy() {
        Some(proxy) => builder.proxy(proxy),
        None => builder.no_proxy(),
    };
    Ok(builder.connect_timeout(config.connect_timeout).redirect(reqwest::redirect::Policy::none()))
}

/// The pooled HTTP client; cheap to share, one per environment.
#[derive(Clone)]
pub(crate) struct Transport {
    client: reqwest::Client,
    pub(crate) config: ClientConfig,
    pub(crate) plan: ProxyPlan,
    pub(crate) trust: TrustLog,
}

impl Transport {
    /// A client with the proxy plan of `config.network` (loopback never proxied, decided per
    /// request) and the system's trust plus its extra certificates.
    pub(crate) fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let plan = ProxyPlan::resolve(&config.network);
        let trust = TrustLog::default();
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let client = builder(&config, &plan, &trust)?
            .default_headers(headers)
            .user_agent(USER_AGENT)
            .build()
            .map_err(|error| ApiError::Connection { url: String::new(), detail: error.to_string() })?;
        Ok(Transport { client, config, plan, trust })
    }

    /// How a request to `url` goes (direct, or which proxy).
    pub(crate) fn route(&self, url: &str) -> Route {
        match url::Url::parse(url) {
            Ok(parsed) => self.plan.route(&parsed),
            Err(_) => Route::Direct("not a URL"),
        }
    }

    fn transport_error(&self, error: reqwest::Error, url: &str, timeout: Duration) -> ApiError {
        network::transport_error(
            error,
            url,
            timeout,
            self.config.connect_timeout,
            &self.route(url),
            &self.trust,
        )
    }

    /// POSTs `body` as JSON; with a bearer token, also sends `X-Hasura-Role: user`.
    pub(crate) async fn post_json(
        &self,
        url: &str,
        body: &Value,
        bearer: Option<&str>,
        timeout: Duration,
    ) -> Result<RawResponse, ApiError> {
        let mut request = self.client.post(url).timeout(timeout).json(body);
        if let Some(token) = bearer {
            request = request.bearer_auth(token).header("X-Hasura-Role", "user");
        }
        let response = request.send().await.map_err(|e| self.transport_error(e, url, timeout))?;
        let status = response.status().as_u16();
        let headers = response.headers();
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let retry_after = headers
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        // Redirects are not followed (the PAT or a token would go along): they are named.
        if (300..400).contains(&status) {
            let location =
                headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("elsewhere").to_owned();
            return Err(ApiError::Redirected { url: url.to_owned(), status, location });
        }
        let body = self.read_capped(response, url, timeout).await?;
        tracing::debug!(url, status, bytes = body.len(), "response");
        Ok(RawResponse { url: url.to_owned(), status, content_type, retry_after, body })
    }

    /// GETs `url` (a probe: no credentials, answer capped like any other).
    pub(crate) async fn get(&self, url: &str, timeout: Duration) -> Result<RawResponse, ApiError> {
        let response = self
            .client
            .get(url)
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| self.transport_error(e, url, timeout))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let body = self.read_capped(response, url, timeout).await?;
        Ok(RawResponse { url: url.to_owned(), status, content_type, retry_after: None, body })
    }

    async fn read_capped(
        &self,
        mut response: reqwest::Response,
        url: &str,
        timeout: Duration,
    ) -> Result<Vec<u8>, ApiError> {
        let limit = self.config.max_response_bytes;
        if response.content_length().is_some_and(|length| length as usize > limit) {
            return Err(ApiError::TooLarge { limit });
        }
        let mut body = Vec::with_capacity(response.content_length().map_or(0, |length| length as usize));
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport_error(e, url, timeout))? {
            if body.len() + chunk.len() > limit {
                return Err(ApiError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

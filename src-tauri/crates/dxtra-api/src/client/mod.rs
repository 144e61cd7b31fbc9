//! [`DxtraClient`]: the session (sign-in, refresh with rotation, PAT fallback, renewal shortly
//! before expiry, single-flight) and the request log's observer. Executing operations (with
//! re-authentication and retries) is `execute.rs`'s, a second `impl DxtraClient`.

mod execute;

use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};
use tokio::sync::Mutex;

use crate::auth::{self, Session, SessionInfo};
use crate::environment::{Endpoints, Environment};
use crate::error::ApiError;

use crate::http::{ClientConfig, Transport};

/// One request and its outcome, as a request log may show it: secrets already replaced by
/// `[redacted]`, sessions shown only as their non-secret [`SessionInfo`].
#[derive(Debug)]
pub struct Exchange<'a> {
    /// `signIn`, `refresh`, or the operation's name.
    pub operation: &'a str,
    pub url: &'a str,
    pub request: Value,
    pub outcome: Result<Value, &'a ApiError>,
    /// The answer as received (status and redacted body); `None` when none came (a network error).
    pub wire: Option<crate::wire::Wire>,
    pub elapsed: Duration,
}

/// Told of every request the client sends, after its answer.
pub trait Observer: Send + Sync {
    fn observe(&self, exchange: Exchange<'_>);
}

/// A client for one environment. Share it (`Arc`) across tasks: concurrent calls that find the
/// token stale wait for one renewal instead of each starting their own.
pub struct DxtraClient {
    transport: Transport,
    endpoints: Endpoints,
    pat: RwLock<Option<SecretString>>,
    /// Held across the renewal's `.await`: this lock is what makes renewal single-flight.
    session: Mutex<Option<Session>>,
    /// A copy of the session's non-secret facts, readable without waiting for a renewal.
    info: RwLock<Option<SessionInfo>>,
    /// The current token, its freshness and generation, readable without the session's lock:
    /// concurrent calls on a fresh token do not queue on it.
    fresh: RwLock<Option<(auth::Freshness, u64)>>,
    observer: RwLock<Option<Arc<dyn Observer>>>,
    /// Counts stored sessions. Tokens cannot tell sessions apart: two JWTs issued in the same
    /// second for the same user are identical.
    generation: AtomicU64,
    /// Whether a read by email was seen to find a subject known to exist here, and only it
    /// (then, and only then, does finding nothing by email mean nothing was recorded), or the
    /// server offers no such read (`ops`).
    pub(crate) email_lookup: AtomicU8,
}

/// `DxtraClient::email_lookup`: not known yet, seen to find a known subject, or not offered.
const EMAIL_LOOKUP_UNKNOWN: u8 = 0;
pub(crate) const EMAIL_LOOKUP_PROVEN: u8 = 1;
pub(crate) const EMAIL_LOOKUP_ABSENT: u8 = 2;

impl std::fmt::Debug for DxtraClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DxtraClient")
            .field("endpoints", &self.endpoints)
            .field("pat", &"[redacted]")
            .field("session", &self.session_info())
            .finish()
    }
}

impl DxtraClient {
    /// A client for `environment`, with no PAT yet.
    pub fn new(environment: &Environment, config: ClientConfig) -> Result<Self, ApiError> {
        let endpoints = environment.endpoints()?;
        Ok(DxtraClient {
            transport: Transport::new(config)?,
            endpoints,
            pat: RwLock::new(None),
            session: Mutex::new(None),
            info: RwLock::new(None),
            fresh: RwLock::new(None),
            generation: AtomicU64::new(0),
            observer: RwLock::new(None),
            email_lookup: AtomicU8::new(EMAIL_LOOKUP_UNKNOWN),
        })
    }

    /// Reports every request from now on to `observer`.
    pub fn set_observer(&self, observer: Arc<dyn Observer>) {
        *self.observer.write().unwrap_or_else(|p| p.into_inner()) = Some(observer);
    }

    fn report(
        &self,
        operation: &str,
        url: &str,
        request: Value,
        outcome: Result<Value, &ApiError>,
        wire: Option<crate::wire::Wire>,
        started: Instant,
    ) {
        let observer = self.observer.read().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(observer) = observer {
            // An answer or error that echoes the PAT is logged without it.
            let (mut wire, mut scrubbed) = (wire, None);
            if let Ok(pat) = self.current_pat() {
                let pat = pat.expose_secret().trim();
                wire.iter_mut().for_each(|wire| crate::wire::redact_secret(&mut wire.body, pat));
                scrubbed = outcome.as_ref().err().map(|error| {
                    let mut error = (*error).clone();
                    error.redact_secret(pat);
                    error
                });
            }
            let outcome = match (&scrubbed, outcome) {
                (Some(error), Err(_)) => Err(error),
                (_, outcome) => outcome,
            };
            observer.observe(Exchange { operation, url, request, outcome, wire, elapsed: started.elapsed() });
        }
    }

    /// `result` with the PAT redacted from its error's text (a server may echo the token it refused).
    pub(crate) fn without_pat<T>(&self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        result.map_err(|mut error| {
            if let Ok(pat) = self.current_pat() {
                error.redact_secret(pat.expose_secret());
            }
            error
        })
    }

    /// PAT sign-in, reported to the observer with the PAT redacted.
    async fn pat_sign_in(&self) -> Result<Session, ApiError> {
        let started = Instant::now();
        let wire = auth::WireSlot::default();
        let result = self
            .retrying_reads(|| {
                Ok(auth::sign_in(&self.transport, &self.endpoints, self.current_pat()?, &wire))
            })
            .await;
        let outcome = result.as_ref().map(|s| serde_json::to_value(&s.info).unwrap_or(Value::Null));
        self.report(
            "signIn",
            &self.endpoints.signin_pat(),
            json!({ "personalAccessToken": "[redacted]" }),
            outcome,
            wire.take(),
            started,
        );
        self.without_pat(result)
    }

    /// How requests to this client's two URLs go (direct or which proxy) and, for https, who
    /// issued the certificate each showed last and which store trusted it: for diagnostics.
    pub fn network_report(&self) -> Vec<String> {
        let urls =
            [("Sign-in", self.endpoints.signin_pat()), ("GraphQL", self.endpoints.graphql().to_owned())];
        urls.into_iter()
            .map(|(label, url)| {
                let route = self.transport.route(&url).describe();
                let certificate = if !url.starts_with("https:") {
                    "plain http (no certificate)".to_owned()
                } else {
                    url::Url::parse(&url)
                        .ok()
                        .and_then(|u| u.host_str().and_then(|host| self.transport.trust.seen(host)))
                        .map_or_else(|| "no certificate seen yet".to_owned(), |seen| seen.describe())
                };
                format!("{label} {url}: {route}; {certificate}")
            })
            .collect()
    }

    /// The checked URLs this client talks to.
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// Sets the PAT used to sign in (trimmed when sent). Forgets any session of the old one.
    pub async fn set_pat(&self, pat: SecretString) {
        *self.pat.write().unwrap_or_else(|p| p.into_inner()) = Some(pat);
        self.forget_session().await;
    }

    /// Forgets the PAT and the session.
    pub async fn clear_pat(&self) {
        *self.pat.write().unwrap_or_else(|p| p.into_inner()) = None;
        self.forget_session().await;
    }

    /// Drops the tokens held in memory (nothing is sent to the server: signing out with a PAT
    /// would revoke it).
    pub async fn forget_session(&self) {
        // The lock-free copy goes at once: a caller must not get the old token while this waits
        // for the lock (held through a sign-in's network round trip).
        *self.fresh.write().unwrap_or_else(|p| p.into_inner()) = None;
        self.store(&mut *self.session.lock().await, None);
    }

    /// Whether `text` contains the PAT or one of the current session's tokens (so it must not
    /// be kept anywhere, e.g. in a console's history).
    pub async fn mentions_secret(&self, text: &str) -> bool {
        let found =
            |secret: &SecretString| crate::wire::contains_ignoring_case(text, secret.expose_secret().trim());
        if self.pat.read().unwrap_or_else(|p| p.into_inner()).as_ref().is_some_and(found) {
            return true;
        }
        let session = self.session.lock().await;
        session.as_ref().is_some_and(|s| found(&s.access_token) || found(&s.refresh_token))
    }

    /// The non-secret facts of the current session, if signed in.
    pub fn session_info(&self) -> Option<SessionInfo> {
        self.info.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Signs in with the PAT now, replacing any session.
    pub async fn sign_in(&self) -> Result<SessionInfo, ApiError> {
        let mut slot = self.session.lock().await;
        let session = self.pat_sign_in().await?;
        let info = session.info.clone();
        self.store(&mut slot, Some(session));
        Ok(info)
    }

    /// A valid access token, renewing the session first if it is missing or about to expire.
    pub async fn access_token(&self) -> Result<SecretString, ApiError> {
        Ok(self.current_token().await?.0)
    }

    /// The token and the generation of the session it belongs to.
    async fn current_token(&self) -> Result<(SecretString, u64), ApiError> {
        if let Some((fresh, generation)) = self.fresh.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
            if !fresh.is_stale(self.transport.config.refresh_margin) {
                return Ok((fresh.token.clone(), *generation));
            }
        }
        let mut slot = self.session.lock().await;
        if let Some(session) = slot.as_ref() {
            if !session.is_stale(self.transport.config.refresh_margin) {
                return Ok((session.access_token.clone(), self.generation.load(Ordering::SeqCst)));
            }
        }
        let token = self.renew(&mut slot).await?;
        Ok((token, self.generation.load(Ordering::SeqCst)))
    }

    /// Called when the server refused the token of session `refused`: renews unless another
    /// task already did.
    async fn reauthenticate(&self, refused: u64) -> Result<(), ApiError> {
        let mut slot = self.session.lock().await;
        if slot.is_some() && self.generation.load(Ordering::SeqCst) != refused {
            return Ok(());
        }
        self.renew(&mut slot).await.map(drop)
    }

    /// Refresh with the refresh token (keeping the rotated one); if the auth service refuses
    /// it, sign in with the PAT. Network failures are returned as they are, the session kept
    /// when the refresh never left this computer.
    async fn renew(&self, slot: &mut Option<Session>) -> Result<SecretString, ApiError> {
        if let Some(old) = slot.take() {
            self.store(slot, None);
            let started = Instant::now();
            let wire = auth::WireSlot::default();
            let refreshed = self
                .retrying_reads(|| {
                    Ok(auth::refresh(&self.transport, &self.endpoints, &old.refresh_token, &wire))
                })
                .await;
            let outcome = refreshed.as_ref().map(|s| serde_json::to_value(&s.info).unwrap_or(Value::Null));
            self.report(
                "refresh",
                &self.endpoints.token(),
                json!({ "refreshToken": "[redacted]" }),
                outcome,
                wire.take(),
                started,
            );
            match refreshed {
                Ok(session) => {
                    let token = session.access_token.clone();
                    self.store(slot, Some(session));
                    return Ok(token);
                }
                Err(error) if is_network(&error) => {
                    // Nothing was sent (no network yet after a sleep): the refresh token is
                    // still good, so the session stays for the next try.
                    if error.nothing_sent() {
                        self.store(slot, Some(old));
                    }
                    return Err(error);
                }
                Err(error) => tracing::info!(kind = error.kind(), "refresh refused; signing in with the PAT"),
            }
        }
        let session = self.pat_sign_in().await?;
        let token = session.access_token.clone();
        self.store(slot, Some(session));
        Ok(token)
    }

    fn current_pat(&self) -> Result<SecretString, ApiError> {
        self.pat.read().unwrap_or_else(|p| p.into_inner()).clone().ok_or(ApiError::MissingPat)
    }

    fn store(&self, slot: &mut Option<Session>, session: Option<Session>) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        *self.info.write().unwrap_or_else(|p| p.into_inner()) = session.as_ref().map(|s| s.info.clone());
        *self.fresh.write().unwrap_or_else(|p| p.into_inner()) =
            session.as_ref().map(|s| (s.freshness(), generation));
        *slot = session;
    }

    /// Repeats an idempotent call on transient failures.
    async fn retrying_reads<T, F, Fut>(&self, mut call: F) -> Result<T, ApiError>
    where
        F: FnMut() -> Result<Fut, ApiError>,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let mut retries = 0;
        loop {
            match call()?.await {
                Err(error) => match self.retry_delay(&error, retries) {
                    Some(delay) => {
                        retries += 1;
                        tokio::time::sleep(delay).await;
                    }
                    None => return Err(error),
                },
                ok => return ok,
            }
        }
    }

    /// How long to wait before retry number `retries + 1`, or `None` to give up.
    fn retry_delay(&self, error: &ApiError, retries: u32) -> Option<Duration> {
        let config = &self.transport.config;
        if !error.is_transient() || retries >= config.read_retries {
            return None;
        }
        match error {
            ApiError::RateLimited { retry_after: Some(wait) } => {
                (*wait <= config.max_retry_after).then_some(*wait)
            }
            _ => Some(config.backoff * 2u32.pow(retries)),
        }
    }
}

/// A failure of the network: before anything was sent (`ApiError::nothing_sent`), or after
/// (a timeout, an answer lost on the way back).
fn is_network(error: &ApiError) -> bool {
    error.nothing_sent() || matches!(error, ApiError::AnswerLost { .. } | ApiError::Timeout { .. })
}

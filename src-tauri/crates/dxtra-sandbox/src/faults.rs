//! Injected faults and latency as values: what a flaky network, a proxy or an overloaded
//! service would answer instead of the real thing ([`Fault`], per [`Route`]), the action's
//! failures, and the registry of those in force. Applying them to a request is `inject`'s; this
//! module imports nothing else of the crate, so the settings and the state can both name it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// The routes a fault can be put on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// `POST {auth}/v1/signin/pat`
    SignIn,
    /// `POST {auth}/v1/token`
    Token,
    /// `POST {graphql}` (`/v1/graphql`)
    GraphQl,
}

impl Route {
    /// The route a request path belongs to, if any (auth routes with or without `/v1`).
    pub fn from_path(path: &str) -> Option<Route> {
        match path.strip_prefix("/v1").unwrap_or(path) {
            "/signin/pat" => Some(Route::SignIn),
            "/token" => Some(Route::Token),
            "/graphql" if path == "/v1/graphql" => Some(Route::GraphQl),
            _ => None,
        }
    }
}

/// What the sandbox answers instead of the real response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The given 5xx status with a short plain-text body, as a load balancer would.
    ServerError(u16),
    /// An HTML error page (a proxy's or a captive portal's) with the given status.
    HtmlPage(u16),
    /// The connection is closed without any answer.
    DropConnection,
    /// HTTP 200, `Content-Type: application/json`, and a body that is cut off mid-JSON.
    MalformedJson,
    /// The request is carried out, then its answer is cut off halfway: the work is done but the
    /// caller cannot read the result (a mutation whose outcome is unknown to the client).
    Truncated,
    /// HTTP 200 with a valid JSON body of about this many bytes.
    Oversize(usize),
    /// HTTP 503 with `Retry-After: <secs>`: a service down for maintenance.
    Unavailable { retry_after_secs: u64 },
    /// HTTP 429 with `Retry-After: <secs>`.
    RateLimited { retry_after_secs: u64 },
    /// The request is handled at once, but the answer is held back this long: a slow action or
    /// a slow way back. The work is done even if the caller gives up waiting.
    Delay(Duration),
    /// A gateway gives up with HTTP 504 after `answer_after`, while the service behind it
    /// carries the request out after `record_after` (later): a mutation answered as failed that
    /// is recorded after all, after the answer.
    Late { answer_after: Duration, record_after: Duration },
    /// HTTP 307 to another host (a captive portal or a misconfigured proxy): a client must not
    /// follow it with the PAT or a token.
    Redirect(String),
    /// The error shape of Dxtra's troubleshooting page: `{"status": "error", "message", "data": null}`.
    DxtraError { status: u16, message: String },
    /// Any JSON body at any status: what a proxy, another version of the service or a failing
    /// backend may send (`{"error":"Service Unavailable"}` at 503, `{"message":"JWT token has
    /// expired"}` at 401, an error without `extensions` at 200, a `null` field...).
    Json { status: u16, body: String },
}

impl std::str::FromStr for Route {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "signin" => Ok(Route::SignIn),
            "token" => Ok(Route::Token),
            "graphql" => Ok(Route::GraphQl),
            other => Err(format!("unknown route \"{other}\": use signin, token or graphql")),
        }
    }
}

impl std::str::FromStr for Fault {
    type Err = String;
    /// `500`..`599`, `html[:STATUS]`, `drop`, `malformed-json`, `oversize[:BYTES]`,
    /// `429[:RETRY_AFTER_SECS]`, `delay:MILLIS`, `json:STATUS:BODY`.
    fn from_str(text: &str) -> Result<Self, String> {
        let (kind, arg) = match text.split_once(':') {
            Some((kind, arg)) => (kind, Some(arg)),
            None => (text, None),
        };
        let number = |default: u64| -> Result<u64, String> {
            arg.map_or(Ok(default), |a| {
                a.parse().map_err(|_| format!("\"{a}\" is not a number in \"{text}\""))
            })
        };
        match kind {
            "429" => Ok(Fault::RateLimited { retry_after_secs: number(1)? }),
            "unavailable" => Ok(Fault::Unavailable { retry_after_secs: number(1)? }),
            "html" => Ok(Fault::HtmlPage(number(502)? as u16)),
            "drop" => Ok(Fault::DropConnection),
            "truncated" => Ok(Fault::Truncated),
            "redirect" => Ok(Fault::Redirect(arg.unwrap_or("http://127.0.0.2:9/elsewhere").to_owned())),
            "malformed-json" => Ok(Fault::MalformedJson),
            "oversize" => Ok(Fault::Oversize(number(16 * 1024 * 1024)? as usize)),
            "delay" => Ok(Fault::Delay(Duration::from_millis(number(1000)?))),
            "late" => {
                // late:RECORD_MILLIS (504 at once) or late:RECORD_MILLIS,ANSWER_MILLIS.
                let (record, answer) = arg.unwrap_or("1000").split_once(',').unwrap_or((arg.unwrap_or("1000"), "0"));
                let millis = |a: &str| a.parse().map_err(|_| format!("\"{a}\" is not a number in \"{text}\""));
                let (record_after, answer_after) = (millis(record)?, millis(answer)?);
                if answer_after >= record_after && record_after > 0 {
                    return Err(format!("\"{text}\": the 504 comes before the record (ANSWER < RECORD)"));
                }
                Ok(Fault::Late {
                    answer_after: Duration::from_millis(answer_after),
                    record_after: Duration::from_millis(record_after),
                })
            }
            "json" => {
                let (status, body) = arg
                    .and_then(|a| a.split_once(':'))
                    .ok_or_else(|| format!("\"{text}\": use json:STATUS:BODY"))?;
                let status = status.parse().map_err(|_| format!("\"{status}\" is not a status in \"{text}\""))?;
                serde_json::from_str::<serde_json::Value>(body).map_err(|e| format!("the body in \"{text}\" is not JSON: {e}"))?;
                Ok(Fault::Json { status, body: body.to_owned() })
            }
            status => match status.parse::<u16>() {
                Ok(code @ 500..=599) => Ok(Fault::ServerError(code)),
                _ => Err(format!("unknown fault \"{text}\": use 5xx, html[:STATUS], drop, malformed-json, oversize[:BYTES], 429[:SECS] delay:MILLIS, late:MILLIS[,ANSWER_MILLIS] or json:STATUS:BODY")),
            },
        }
    }
}

/// How the `createDataSubject` action's handler fails, as Hasura reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionFault {
    /// The handler answered 5xx: `unexpected` / `internal error`.
    InternalError,
    /// The handler was unreachable or timed out: `unexpected` / `http exception when calling webhook`.
    Unreachable,
}

#[derive(Debug, Clone)]
struct Armed {
    fault: Fault,
    remaining: Option<u32>,
    /// Requests to let through untouched before the fault applies.
    skip: u32,
}

/// The faults in force, changeable while the sandbox runs.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    inner: Mutex<FaultsInner>,
}

#[derive(Debug, Default)]
struct FaultsInner {
    routes: HashMap<Route, Armed>,
    action: Option<ActionFault>,
    latency: Duration,
}

impl Faults {
    pub(crate) fn new(latency: Duration, initial: &[(Route, Fault)]) -> Self {
        let faults = Faults::default();
        faults.set_latency(latency);
        for (route, fault) in initial {
            faults.set(*route, fault.clone(), None);
        }
        faults
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FaultsInner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn set(&self, route: Route, fault: Fault, remaining: Option<u32>) {
        self.lock().routes.insert(route, Armed { fault, remaining, skip: 0 });
    }

    /// The fault on the `nth` next request to `route` (1 is the next one), once.
    pub(crate) fn set_nth(&self, route: Route, fault: Fault, nth: u32) {
        self.lock().routes.insert(route, Armed { fault, remaining: Some(1), skip: nth.saturating_sub(1) });
    }

    pub(crate) fn clear(&self, route: Route) {
        self.lock().routes.remove(&route);
    }

    pub(crate) fn clear_all(&self) {
        let mut inner = self.lock();
        inner.routes.clear();
        inner.action = None;
    }

    pub(crate) fn set_action(&self, fault: Option<ActionFault>) {
        self.lock().action = fault;
    }

    pub(crate) fn action(&self) -> Option<ActionFault> {
        self.lock().action
    }

    pub(crate) fn set_latency(&self, latency: Duration) {
        self.lock().latency = latency;
    }

    /// The latency, and the fault for one request to `route` (counting it down).
    pub(crate) fn take(&self, route: Option<Route>) -> (Duration, Option<Fault>) {
        let mut inner = self.lock();
        let latency = inner.latency;
        let Some(route) = route else { return (latency, None) };
        let Some(armed) = inner.routes.get_mut(&route) else { return (latency, None) };
        if armed.skip > 0 {
            armed.skip -= 1;
            return (latency, None);
        }
        let fault = armed.fault.clone();
        if let Some(left) = armed.remaining.as_mut() {
            *left = left.saturating_sub(1);
            if *left == 0 {
                inner.routes.remove(&route);
            }
        }
        (latency, Some(fault))
    }
}

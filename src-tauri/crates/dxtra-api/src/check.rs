//! "Check connection": probes the two URLs of an environment without sending any credential, and
//! says per URL what answers there: the auth service (its health route, with and without `/v1`),
//! Hasura's GraphQL endpoint (an unauthenticated request, which Hasura refuses recognisably), or
//! what is wrong, with a corrected URL when the probe found the right one.

use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use crate::environment::Endpoints;
use crate::error::ApiError;
use crate::http::{ClientConfig, Transport};

/// What a probe found at one URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UrlState {
    /// The expected service answers there.
    Ok,
    /// Something answers, but not the expected service at this path.
    Wrong,
    /// Nothing could be reached (DNS, refused, TLS, timeout).
    Unreachable,
}

/// The verdict on one URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UrlCheck {
    /// The endpoint probed (as the app will call it).
    pub url: String,
    pub state: UrlState,
    /// In plain words: what answers there, or what is wrong.
    pub summary: String,
    /// A URL to put in the field instead, when the probe found where the service really is.
    pub corrected: Option<String>,
    /// How the request went: "direct: this computer …" or "through the proxy … (source)".
    pub route: String,
    /// Who issued the certificate the server showed and which store trusted it (https only).
    pub certificate: Option<String>,
}

/// Both URLs of an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    pub auth: UrlCheck,
    pub graphql: UrlCheck,
}

/// Probes both services of `endpoints`; never sends a PAT or a token.
pub async fn check_connection(
    endpoints: &Endpoints,
    config: ClientConfig,
) -> Result<ConnectionCheck, ApiError> {
    let timeout = config.read_timeout.min(Duration::from_secs(10));
    let transport = Transport::new(config)?;
    let (auth, graphql) = tokio::join!(
        check_auth(&transport, endpoints, timeout),
        check_graphql(&transport, endpoints, timeout)
    );
    Ok(ConnectionCheck { auth: said_how(auth, &transport), graphql: said_how(graphql, &transport) })
}

/// Probes the auth service alone, as the check does (after a sign-in answered 404: where is it?).
pub async fn probe_auth(endpoints: &Endpoints, config: ClientConfig) -> Result<UrlCheck, ApiError> {
    let timeout = config.read_timeout.min(Duration::from_secs(10));
    let transport = Transport::new(config)?;
    Ok(check_auth(&transport, endpoints, timeout).await)
}

/// Adds how the request went and what certificate the server showed.
fn said_how(mut check: UrlCheck, transport: &Transport) -> UrlCheck {
    check.route = transport.route(&check.url).describe();
    let host = url::Url::parse(&check.url).ok().and_then(|u| u.host_str().map(str::to_owned));
    if check.url.starts_with("https:") {
        check.certificate = host.and_then(|host| transport.trust.seen(&host)).map(|seen| seen.describe());
    }
    check
}

/// A failure to reach the host at all, said as a verdict.
fn unreachable(url: &str, error: &ApiError) -> UrlCheck {
    UrlCheck {
        url: url.to_owned(),
        state: UrlState::Unreachable,
        summary: format!("Not reachable: {error}."),
        corrected: None,
        route: String::new(),
        certificate: None,
    }
}

async fn health(transport: &Transport, url: &str, timeout: Duration) -> Result<u16, ApiError> {
    Ok(transport.get(url, timeout).await?.status)
}

async fn check_auth(transport: &Transport, endpoints: &Endpoints, timeout: Duration) -> UrlCheck {
    let root = endpoints.auth_root().to_owned();
    let signin = endpoints.signin_pat();
    let here = format!("{root}/healthz");
    match health(transport, &here, timeout).await {
        Err(error) => return unreachable(&signin, &error),
        Ok(200) => {
            return UrlCheck {
                url: signin,
                state: UrlState::Ok,
                summary: format!("The auth service answers at {root} (health check {here}: OK)."),
                corrected: None,
                route: String::new(),
                certificate: None,
            }
        }
        Ok(_) => {}
    }
    // The other form: without /v1 when the URL has it, with it when it has not.
    let other_root = match root.strip_suffix("/v1") {
        Some(bare) => bare.to_owned(),
        None => format!("{root}/v1"),
    };
    let there = format!("{other_root}/healthz");
    if let Ok(200) = health(transport, &there, timeout).await {
        let (summary, corrected) = if endpoints.auth_has_v1() {
            (format!("Nothing answers at {here}, but the auth service answers without /v1 ({there}: OK): use {other_root}/signin/pat."), format!("{other_root}/signin/pat"))
        } else {
            (
                format!("Nothing answers at {here}, but the auth service answers under /v1 ({there}: OK)."),
                other_root.clone(),
            )
        };
        return UrlCheck {
            url: signin,
            state: UrlState::Wrong,
            summary,
            corrected: Some(corrected),
            route: String::new(),
            certificate: None,
        };
    }
    UrlCheck {
        url: signin,
        state: UrlState::Wrong,
        summary: format!("The host answers, but no auth service was found: {here} and {there} have no health route. Check the auth URL (the guide's form is https://auth.dxtra.ai)."),
        corrected: None,
        route: String::new(),
        certificate: None,
    }
}

/// Hasura refuses an unauthenticated request with `invalid-headers` (or runs it as its
/// unauthorized role): either way the answer names it.
fn is_hasura(body: &Value) -> bool {
    let code = body.pointer("/errors/0/extensions/code").and_then(Value::as_str);
    matches!(code, Some("invalid-headers" | "access-denied" | "invalid-jwt" | "validation-failed"))
        || body.pointer("/data/__typename").and_then(Value::as_str) == Some("query_root")
}

async fn graphql_probe(
    transport: &Transport,
    url: &str,
    timeout: Duration,
) -> Result<(u16, Option<Value>), ApiError> {
    let response =
        transport.post_json(url, &json!({ "query": "query { __typename }" }), None, timeout).await?;
    Ok((response.status, serde_json::from_slice(&response.body).ok()))
}

async fn check_graphql(transport: &Transport, endpoints: &Endpoints, timeout: Duration) -> UrlCheck {
    let url = endpoints.graphql().to_owned();
    match graphql_probe(transport, &url, timeout).await {
        Err(error) => unreachable(&url, &error),
        Ok((_, Some(body))) if is_hasura(&body) => UrlCheck {
            url,
            state: UrlState::Ok,
            summary: "Hasura's GraphQL endpoint answers here (it asks for a token, as it should).".into(),
            corrected: None,
            route: String::new(),
            certificate: None,
        },
        Ok((status, _)) => {
            let standard = match url::Url::parse(&url) {
                Ok(parsed) => format!("{}/v1/graphql", parsed.origin().ascii_serialization()),
                Err(_) => url.clone(),
            };
            if standard != url {
                if let Ok((_, Some(body))) = graphql_probe(transport, &standard, timeout).await {
                    if is_hasura(&body) {
                        return UrlCheck {
                            url,
                            state: UrlState::Wrong,
                            summary: format!("This is not the GraphQL endpoint (HTTP {status}), but Hasura answers at {standard}."),
                            corrected: Some(standard),
                            route: String::new(),
                            certificate: None,
                        };
                    }
                }
            }
            UrlCheck {
                url,
                state: UrlState::Wrong,
                summary: format!("The host answers (HTTP {status}), but not as Hasura's GraphQL endpoint. Check the GraphQL URL (the guide's form is https://api.dxtra.ai/v1/graphql)."),
                corrected: None,
                route: String::new(),
                certificate: None,
            }
        }
    }
}

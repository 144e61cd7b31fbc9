//! Where the client talks to: the guide's Production and Local Dev hosts, a Custom pair of URLs,
//! or a running sandbox. Plain `http` is accepted only for loopback addresses.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::ApiError;

/// A Dxtra environment, as the user picks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Environment {
    /// `https://auth.dxtra.ai` and `https://api.dxtra.ai/v1/graphql`.
    Production,
    /// `https://local.auth.local.dxtra.ai` and `https://local.graphql.local.dxtra.ai/v1/graphql`.
    LocalDev,
    /// Any auth base URL and GraphQL endpoint.
    #[serde(rename_all = "camelCase")]
    Custom { auth_url: String, graphql_url: String },
    /// A running `dxtra-sandbox`, with the URLs it printed.
    #[serde(rename_all = "camelCase")]
    Sandbox { auth_url: String, graphql_url: String },
}

/// Checked URLs of the two services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    auth_base: Url,
    graphql: Url,
}

impl Environment {
    /// A short stable name: `production`, `local-dev`, `custom`, `sandbox`.
    pub fn id(&self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::LocalDev => "local-dev",
            Environment::Custom { .. } => "custom",
            Environment::Sandbox { .. } => "sandbox",
        }
    }

    /// The checked URLs, or why they cannot be used.
    pub fn endpoints(&self) -> Result<Endpoints, ApiError> {
        let (auth, graphql) = match self {
            Environment::Production => ("https://auth.dxtra.ai", "https://api.dxtra.ai/v1/graphql"),
            Environment::LocalDev => (
                "https://local.auth.local.dxtra.ai",
                "https://local.graphql.local.dxtra.ai/v1/graphql",
            ),
            Environment::Custom { auth_url, graphql_url }
            | Environment::Sandbox { auth_url, graphql_url } => (auth_url.as_str(), graphql_url.as_str()),
        };
        Ok(Endpoints { auth_base: checked_url(auth)?, graphql: checked_url(graphql)? })
    }
}

impl Endpoints {
    /// The auth base URL, without a trailing slash.
    pub fn auth_base(&self) -> &str {
        self.auth_base.as_str().trim_end_matches('/')
    }

    /// `{auth}/v1/signin/pat`
    pub fn signin_pat(&self) -> String {
        format!("{}/v1/signin/pat", self.auth_base())
    }

    /// `{auth}/v1/token`
    pub fn token(&self) -> String {
        format!("{}/v1/token", self.auth_base())
    }

    /// The GraphQL endpoint.
    pub fn graphql(&self) -> &str {
        self.graphql.as_str()
    }
}

/// Parses `text` (trimmed) and requires https, or http on a loopback host.
pub fn checked_url(text: &str) -> Result<Url, ApiError> {
    let text = text.trim();
    let invalid = |reason: &str| ApiError::InvalidUrl { url: text.to_owned(), reason: reason.to_owned() };
    let url = Url::parse(text).map_err(|error| invalid(&error.to_string()))?;
    if url.cannot_be_a_base() || url.host_str().is_none() {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("credentials do not belong in the URL"));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(ApiError::InsecureUrl { url: text.to_owned() }),
        other => Err(invalid(&format!("the scheme must be https, not {other}"))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_urls_come_from_the_guide() {
        let endpoints = Environment::Production.endpoints().unwrap();
        assert_eq!(endpoints.signin_pat(), "https://auth.dxtra.ai/v1/signin/pat");
        assert_eq!(endpoints.token(), "https://auth.dxtra.ai/v1/token");
        assert_eq!(endpoints.graphql(), "https://api.dxtra.ai/v1/graphql");
    }

    #[test]
    fn custom_requires_https_except_on_loopback() {
        let custom = |auth: &str| Environment::Custom { auth_url: auth.into(), graphql_url: "https://g.example/v1/graphql".into() };
        assert!(custom("https://auth.example.com/").endpoints().is_ok());
        assert!(custom("http://127.0.0.1:4000").endpoints().is_ok());
        assert!(custom("http://localhost:4000").endpoints().is_ok());
        assert!(custom("http://[::1]:4000").endpoints().is_ok());
        assert_eq!(custom("http://auth.example.com").endpoints().unwrap_err().kind(), "insecure-url");
        assert_eq!(custom("http://10.0.0.5").endpoints().unwrap_err().kind(), "insecure-url");
        assert_eq!(custom("auth.example.com").endpoints().unwrap_err().kind(), "invalid-url");
        assert_eq!(custom("ftp://auth.example.com").endpoints().unwrap_err().kind(), "invalid-url");
        assert_eq!(custom("https://u:p@auth.example.com").endpoints().unwrap_err().kind(), "invalid-url");
    }

    #[test]
    fn trailing_slash_on_the_auth_base_is_ignored() {
        let env = Environment::Custom { auth_url: " https://a.example/ ".into(), graphql_url: "https://g.example/v1/graphql".into() };
        assert_eq!(env.endpoints().unwrap().signin_pat(), "https://a.example/v1/signin/pat");
    }
}

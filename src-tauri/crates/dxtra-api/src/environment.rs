//! Where the client talks to: the guide's Production and Local Dev hosts, a Custom pair of URLs,
//! or a running sandbox. Plain `http` is accepted only for loopback addresses.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::loopback::is_loopback;

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

/// Checked URLs of the two services, normalised from any of the forms people paste: the auth
/// service as its base (`https://auth.example`, taken to serve `/v1`), its API root
/// (`https://auth.example/v1`) or a full endpoint (`…/v1/signin/pat`, or `…/signin/pat` for a
/// server without the `/v1` prefix); GraphQL as its host (`https://api.example`) or its endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The auth API's root: sign-in is `{root}/signin/pat`.
    auth_root: Url,
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
            Environment::LocalDev => {
                ("https://local.auth.local.dxtra.ai", "https://local.graphql.local.dxtra.ai/v1/graphql")
            }
            Environment::Custom { auth_url, graphql_url }
            | Environment::Sandbox { auth_url, graphql_url } => (auth_url.as_str(), graphql_url.as_str()),
        };
        Ok(Endpoints {
            auth_root: auth_root(checked_url(auth)?),
            graphql: graphql_endpoint(checked_url(graphql)?),
        })
    }
}

/// The auth API's root for a pasted URL (see [`Endpoints`]).
fn auth_root(mut url: Url) -> Url {
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_owned();
    let root = match ["/signin/pat", "/token", "/healthz"].iter().find_map(|end| path.strip_suffix(end)) {
        Some(root) => root.to_owned(),
        None if path.ends_with("/v1") => path,
        None => format!("{path}/v1"),
    };
    url.set_path(&root);
    url
}

/// The GraphQL endpoint for a pasted URL: a bare host or `/v1` gets `/v1/graphql`.
fn graphql_endpoint(mut url: Url) -> Url {
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_owned();
    let endpoint = if path.is_empty() {
        "/v1/graphql".to_owned()
    } else if path.ends_with("/v1") {
        format!("{path}/graphql")
    } else {
        path
    };
    url.set_path(&endpoint);
    url
}

impl Endpoints {
    /// The auth API's root without a trailing slash, e.g. `https://auth.dxtra.ai/v1`.
    pub fn auth_root(&self) -> &str {
        self.auth_root.as_str().trim_end_matches('/')
    }

    /// The auth service's origin, e.g. `https://auth.dxtra.ai`.
    pub fn auth_origin(&self) -> String {
        self.auth_root.origin().ascii_serialization()
    }

    /// Whether the auth API sits under `/v1` (Dxtra's and the guide's form).
    pub fn auth_has_v1(&self) -> bool {
        self.auth_root().ends_with("/v1")
    }

    /// `{root}/signin/pat`
    pub fn signin_pat(&self) -> String {
        format!("{}/signin/pat", self.auth_root())
    }

    /// `{root}/token`
    pub fn token(&self) -> String {
        format!("{}/token", self.auth_root())
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
        let custom = |auth: &str| Environment::Custom {
            auth_url: auth.into(),
            graphql_url: "https://g.example/v1/graphql".into(),
        };
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
    fn every_pasted_form_reaches_the_right_endpoints() {
        let endpoints = |auth: &str, graphql: &str| {
            let e = Environment::Custom { auth_url: auth.into(), graphql_url: graphql.into() }
                .endpoints()
                .unwrap();
            (e.signin_pat(), e.token(), e.graphql().to_owned())
        };
        for auth in [
            "https://auth.example",
            "https://auth.example/",
            "https://auth.example/v1",
            "https://auth.example/v1/",
            "https://auth.example/v1/signin/pat",
            "https://auth.example/v1/token?x=1",
        ] {
            for graphql in [
                "https://api.example",
                "https://api.example/",
                "https://api.example/v1",
                "https://api.example/v1/graphql",
            ] {
                assert_eq!(
                    endpoints(auth, graphql),
                    (
                        "https://auth.example/v1/signin/pat".into(),
                        "https://auth.example/v1/token".into(),
                        "https://api.example/v1/graphql".into()
                    ),
                    "{auth} {graphql}"
                );
            }
        }
        // A hasura-auth with its default settings serves its routes without /v1.
        let (signin, token, _) = endpoints("https://auth.example/signin/pat", "https://api.example");
        assert_eq!(
            (signin.as_str(), token.as_str()),
            ("https://auth.example/signin/pat", "https://auth.example/token")
        );
        let (signin, _, graphql) =
            endpoints("http://127.0.0.1:4000/auth/v1", "http://127.0.0.1:4001/hasura/v1/graphql");
        assert_eq!(
            (signin.as_str(), graphql.as_str()),
            ("http://127.0.0.1:4000/auth/v1/signin/pat", "http://127.0.0.1:4001/hasura/v1/graphql")
        );
    }

    #[test]
    fn trailing_slash_on_the_auth_base_is_ignored() {
        let env = Environment::Custom {
            auth_url: " https://a.example/ ".into(),
            graphql_url: "https://g.example/v1/graphql".into(),
        };
        assert_eq!(env.endpoints().unwrap().signin_pat(), "https://a.example/v1/signin/pat");
    }
}

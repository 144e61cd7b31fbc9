//! Which proxy a request goes through, decided per request host: never one for this computer
//! (loopback), else by the mode the user chose: *Automatic* (the environment variables curl
//! reads, then the desktop's settings on Linux, the system's on macOS and Windows), *Manual*,
//! or *None*. A PAC script is detected and named, never run. Building the `reqwest` proxy and
//! describing a route in words are here; reading desktop settings is `desktop.rs`'s.

use hyper_util::client::proxy::matcher::Matcher;
use url::Url;

use super::desktop;
use super::settings::{Network, ProxyMode};

/// How one request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// To this computer: never proxied.
    Loopback,
    /// Directly, and why (no proxy set, or the host is on the bypass list).
    Direct(&'static str),
    /// Through `proxy` (shown without its password), set by `source`.
    Proxy { proxy: String, source: String },
}

impl Route {
    /// "direct: this computer (loopback is never proxied)", "through the proxy http://… (HTTPS_PROXY)".
    pub fn describe(&self) -> String {
        match self {
            Route::Loopback => "direct: this computer (loopback is never proxied)".into(),
            Route::Direct(why) => format!("direct ({why})"),
            Route::Proxy { proxy, source } => format!("through the proxy {proxy} ({source})"),
        }
    }

    /// The proxy's address, when there is one.
    pub fn proxy(&self) -> Option<&str> {
        match self {
            Route::Proxy { proxy, .. } => Some(proxy),
            _ => None,
        }
    }
}

/// The proxy rules of one client, resolved once when it is built.
#[derive(Clone)]
pub struct ProxyPlan {
    rules: Rules,
    /// Where the rules came from, in words ("HTTPS_PROXY (environment)", "GNOME proxy settings").
    pub source: String,
    /// A proxy auto-configuration URL the system names (or "automatic detection (WPAD)").
    pub pac: Option<String>,
}

#[derive(Clone)]
enum Rules {
    None,
    Matcher(std::sync::Arc<Matcher>),
}

impl std::fmt::Debug for ProxyPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyPlan").field("source", &self.source).field("pac", &self.pac).finish()
    }
}

/// Environment variables that name a proxy, in curl's order of precedence per scheme.
const HTTPS_VARS: [&str; 4] = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];
const HTTP_VARS: [&str; 4] = ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];

fn first_env(names: &[&'static str]) -> Option<&'static str> {
    names.iter().copied().find(|name| std::env::var(name).is_ok_and(|v| !v.trim().is_empty()))
}

impl ProxyPlan {
    /// The rules `network` asks for, reading the environment and the system's settings now.
    pub fn resolve(network: &Network) -> ProxyPlan {
        match network.mode {
            ProxyMode::None => {
                ProxyPlan { rules: Rules::None, source: "no proxy (Network settings)".into(), pac: None }
            }
            ProxyMode::Manual => {
                let manual = &network.manual;
                let mut proxy = format!("http://{}:{}", bracket(manual.host.trim()), manual.port);
                if !manual.username.is_empty() {
                    if let Ok(mut url) = Url::parse(&proxy) {
                        let _ = url.set_username(&manual.username);
                        let _ = url.set_password(manual.password_text().as_deref());
                        proxy = url.as_str().trim_end_matches('/').to_owned();
                    }
                }
                let matcher = Matcher::builder().all(proxy).no(manual.bypass.clone()).build();
                ProxyPlan {
                    rules: Rules::Matcher(matcher.into()),
                    source: "Manual proxy (Network settings)".into(),
                    pac: None,
                }
            }
            ProxyMode::Automatic => Self::automatic(),
        }
    }

    fn automatic() -> ProxyPlan {
        let env_https = first_env(&HTTPS_VARS);
        let env_http = first_env(&HTTP_VARS);
        if env_https.is_some() || env_http.is_some() {
            let mut names: Vec<&str> = [env_https, env_http].into_iter().flatten().collect();
            names.dedup();
            return ProxyPlan {
                rules: Rules::Matcher(Matcher::from_env().into()),
                source: format!("{} (environment)", names.join(", ")),
                pac: None,
            };
        }
        match desktop::read() {
            Some(desktop::Desktop { source, matcher: Some(matcher), pac }) => {
                ProxyPlan { rules: Rules::Matcher(matcher.into()), source, pac }
            }
            Some(desktop::Desktop { source, matcher: None, pac }) => {
                ProxyPlan { rules: Rules::None, source, pac }
            }
            None => ProxyPlan { rules: Rules::None, source: "no system proxy".into(), pac: None },
        }
    }

    /// How a request to `url` goes.
    pub fn route(&self, url: &Url) -> Route {
        if crate::loopback::is_loopback(url) {
            return Route::Loopback;
        }
        match self.intercept(url) {
            Some(proxy) => {
                let mut shown = proxy;
                let _ = shown.set_password(None);
                let _ = shown.set_username("");
                Route::Proxy {
                    proxy: shown.as_str().trim_end_matches('/').to_owned(),
                    source: self.source.clone(),
                }
            }
            None if matches!(self.rules, Rules::None) => Route::Direct("no proxy is set"),
            None => Route::Direct("on the proxy's bypass list"),
        }
    }

    /// The proxy for `url` with its credentials, as `reqwest` needs it; `None` for direct.
    fn intercept(&self, url: &Url) -> Option<Url> {
        let Rules::Matcher(matcher) = &self.rules else { return None };
        let uri: http::Uri = url.as_str().parse().ok()?;
        let intercept = matcher.intercept(&uri)?;
        let mut proxy = Url::parse(&intercept.uri().to_string()).ok()?;
        if let Some((user, password)) =
            intercept.raw_auth().map(|(u, p)| (u.to_owned(), p.to_owned())).or_else(|| {
                // HTTP proxies' credentials come back as the `Proxy-Authorization` value they make.
                let header = intercept.basic_auth()?.to_str().ok()?.strip_prefix("Basic ")?.to_owned();
                let decoded =
                    base64::Engine::decode(&base64::engine::general_purpose::STANDARD, header).ok()?;
                let text = String::from_utf8(decoded).ok()?;
                text.split_once(':').map(|(u, p)| (u.to_owned(), p.to_owned()))
            })
        {
            let _ = proxy.set_username(&user);
            let _ = proxy.set_password(Some(&password));
        }
        Some(proxy)
    }

    /// The `reqwest` proxy that applies this plan per request (loopback never proxied).
    pub(crate) fn reqwest_proxy(&self) -> Option<reqwest::Proxy> {
        if matches!(self.rules, Rules::None) {
            return None;
        }
        let plan = self.clone();
        Some(reqwest::Proxy::custom(move |url| {
            if crate::loopback::is_loopback(url) {
                None
            } else {
                plan.intercept(url)
            }
        }))
    }

    /// What Automatic does with a PAC URL, said plainly.
    pub fn pac_note(&self) -> Option<String> {
        self.pac.as_ref().map(|pac| {
            format!(
                "This computer asks for proxy auto-configuration ({pac}). The app does not run PAC scripts: \
                 in Automatic mode it uses the environment's proxy variables if set, else connects directly. \
                 If your network requires a proxy, choose Manual and enter the proxy your PAC script names \
                 (your IT department can tell you)."
            )
        })
    }
}

/// An IPv6 literal as a URL host.
fn bracket(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::settings::ManualProxy;

    fn manual(bypass: &str, user: &str) -> Network {
        Network {
            mode: ProxyMode::Manual,
            manual: ManualProxy {
                host: "proxy.corp.example".into(),
                port: 3128,
                bypass: bypass.into(),
                username: user.into(),
                password: Some("p@ss word".to_owned().into()),
            },
            extra_certs: Vec::new(),
        }
    }

    #[test]
    fn a_manual_proxy_is_decided_per_host_and_never_shows_its_password() {
        let plan = ProxyPlan::resolve(&manual(".intranet.example, 10.0.0.0/8", "alice"));
        let via = Route::Proxy {
            proxy: "http://proxy.corp.example:3128".into(),
            source: "Manual proxy (Network settings)".into(),
        };
        for (url, route) in [
            ("https://api.dxtra.ai/v1/graphql", via.clone()),
            ("http://127.0.0.1:4000/v1/signin/pat", Route::Loopback),
            ("http://localhost:4000", Route::Loopback),
            ("http://[::1]:4000", Route::Loopback),
            ("https://wiki.intranet.example/", Route::Direct("on the proxy's bypass list")),
            ("https://10.1.2.3/", Route::Direct("on the proxy's bypass list")),
        ] {
            assert_eq!(plan.route(&Url::parse(url).unwrap()), route, "{url}");
        }
        // reqwest gets the credentials; nothing shown to people does.
        let with_auth = plan.intercept(&Url::parse("https://api.dxtra.ai/").unwrap()).unwrap();
        assert_eq!(with_auth.username(), "alice");
        assert_eq!(with_auth.password(), Some("p%40ss%20word"));
        assert!(!format!("{plan:?}{}", via.describe()).contains("p@ss"));
    }

    #[test]
    fn none_is_direct_for_every_host() {
        let plan = ProxyPlan::resolve(&Network { mode: ProxyMode::None, ..Network::default() });
        assert!(plan.reqwest_proxy().is_none());
        assert_eq!(
            plan.route(&Url::parse("https://api.dxtra.ai/").unwrap()),
            Route::Direct("no proxy is set")
        );
    }
}

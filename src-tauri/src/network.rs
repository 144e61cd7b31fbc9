//! The Network settings as the app keeps and shows them: the proxy mode, a manual proxy (its
//! password in the keychain, never here), the extra certificates (PEM, public); what the page
//! sees (with what Automatic would use right now, and a PAC URL named) and sends; checks that
//! refuse a bad value with the field it belongs to. Turning them into a client's
//! `dxtra_api::Network` is [`NetworkSettings::to_network`]; when that happens is the wizard's.

use dxtra_api::{parse_extra_certs, ManualProxy, Network, ProxyMode, ProxyPlan, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The keychain entry of the manual proxy's password (beside the PATs' `pat:` entries).
pub const PROXY_PASSWORD_KEY: &str = "network:proxy-password";

/// What the settings file keeps.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NetworkSettings {
    pub mode: ProxyMode,
    pub host: String,
    pub port: Option<u16>,
    pub bypass: String,
    pub username: String,
    pub extra_certificates: String,
}

impl NetworkSettings {
    /// A client's network: the extra certificates read (they were checked when saved; one
    /// that no longer reads is left out), the password as the keychain gave it.
    pub fn to_network(&self, password: Option<SecretString>) -> Network {
        Network {
            mode: self.mode,
            manual: ManualProxy {
                host: self.host.clone(),
                port: self.port.unwrap_or(0),
                bypass: self.bypass.clone(),
                username: self.username.clone(),
                password,
            },
            extra_certs: parse_extra_certs(&self.extra_certificates)
                .map(|certs| certs.into_iter().map(|(der, _)| der).collect())
                .unwrap_or_default(),
        }
    }

    /// Whether a client needs the proxy's password from the keychain.
    pub fn needs_password(&self) -> bool {
        self.mode == ProxyMode::Manual && !self.username.is_empty()
    }
}

/// The proxy part of what the page sees.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyView {
    pub mode: ProxyMode,
    pub host: String,
    pub port: Option<u16>,
    pub bypass: String,
    pub username: String,
    pub password_saved: bool,
}

/// What Automatic would use now.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SystemView {
    pub summary: String,
    pub pac: Option<String>,
    pub pac_note: Option<String>,
}

/// The Network dialog's data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkView {
    pub proxy: ProxyView,
    pub extra_certificates: String,
    pub extra_certificate_names: Vec<String>,
    pub system: SystemView,
}

/// The system's proxy as Automatic sees it, for a request to Production. Reads the desktop's
/// settings: call it on a blocking thread.
pub fn system_view() -> SystemView {
    let plan = ProxyPlan::resolve(&Network::default());
    let production = dxtra_api::Environment::Production.endpoints().expect("Production's URLs are valid");
    let probe = url::Url::parse(production.graphql()).expect("a valid URL");
    let summary = match plan.route(&probe) {
        dxtra_api::Route::Proxy { proxy, source } => format!("{source}: {proxy}"),
        _ if plan.source == "no system proxy" => "No system proxy: connections go direct.".to_owned(),
        _ => format!("{}: no proxy for Dxtra's hosts; connections go direct.", plan.source),
    };
    SystemView { summary, pac_note: plan.pac_note(), pac: plan.pac }
}

impl NetworkView {
    pub fn new(settings: &NetworkSettings, password_saved: bool, system: SystemView) -> NetworkView {
        let names = parse_extra_certs(&settings.extra_certificates)
            .map(|certs| certs.iter().map(|(_, facts)| facts.label()).collect())
            .unwrap_or_default();
        NetworkView {
            proxy: ProxyView {
                mode: settings.mode,
                host: settings.host.clone(),
                port: settings.port,
                bypass: settings.bypass.clone(),
                username: settings.username.clone(),
                password_saved,
            },
            extra_certificates: settings.extra_certificates.clone(),
            extra_certificate_names: names,
            system,
        }
    }
}

/// The proxy part of what the page sends.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyPatch {
    pub mode: ProxyMode,
    #[serde(default)]
    pub host: String,
    /// A number from the page: checked to be a whole port number.
    #[serde(default)]
    pub port: Option<f64>,
    #[serde(default)]
    pub bypass: String,
    #[serde(default)]
    pub username: String,
    /// `None` keeps the saved password, `""` removes it.
    #[serde(default)]
    pub password: Option<String>,
}

/// What the page sends on Save.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPatch {
    pub proxy: ProxyPatch,
    #[serde(default)]
    pub extra_certificates: String,
}

/// Longest value accepted in a text field (a bypass list or a bundle of certificates is longer).
const MAX_FIELD: usize = 1024;
const MAX_CERTIFICATES: usize = 256 * 1024;

impl NetworkPatch {
    /// The settings this patch asks for, every value checked; nothing is applied on an error.
    pub fn checked(&self) -> Result<NetworkSettings, AppError> {
        let p = &self.proxy;
        let host = p.host.trim();
        let bad_host = |problem: &str| AppError::ProxySetting { field: "host", problem: problem.to_owned() };
        let manual = p.mode == ProxyMode::Manual;
        if manual && host.is_empty() {
            return Err(bad_host("Enter the proxy's host name or IP address, e.g. proxy.example.com."));
        }
        if host.len() > MAX_FIELD || p.bypass.len() > MAX_FIELD || p.username.len() > MAX_FIELD {
            return Err(bad_host("That value is too long for a host, bypass list or user name."));
        }
        if !host.is_empty() {
            if host.contains("://") {
                return Err(bad_host(
                    "Enter the host alone, without http:// or https:// (e.g. proxy.example.com).",
                ));
            }
            if host.contains(['/', '@', ' ', '?', '#']) {
                return Err(bad_host(
                    "Enter the host alone: no path, spaces or user name (those have their own fields).",
                ));
            }
            let bracketed = if host.contains(':') && !host.starts_with('[') {
                format!("[{host}]")
            } else {
                host.to_owned()
            };
            if url::Url::parse(&format!("http://{bracketed}:1/")).map_or(true, |u| u.host_str().is_none()) {
                return Err(bad_host("That is not a host name or IP address."));
            }
        }
        let port = match p.port {
            None if manual => {
                return Err(AppError::ProxySetting {
                    field: "port",
                    problem: "Enter the proxy's port (1 to 65535), e.g. 3128 or 8080.".into(),
                })
            }
            None => None,
            Some(n) if n.fract() == 0.0 && (1.0..=65535.0).contains(&n) => Some(n as u16),
            Some(_) => {
                return Err(AppError::ProxySetting {
                    field: "port",
                    problem: "The port is a whole number from 1 to 65535.".into(),
                })
            }
        };
        if self.extra_certificates.len() > MAX_CERTIFICATES {
            return Err(AppError::ExtraCertificate { problem: "the text is longer than 256 KiB".into() });
        }
        parse_extra_certs(&self.extra_certificates)
            .map_err(|e| AppError::ExtraCertificate { problem: e.0 })?;
        Ok(NetworkSettings {
            mode: p.mode,
            host: host.to_owned(),
            port,
            bypass: p.bypass.trim().to_owned(),
            username: p.username.trim().to_owned(),
            extra_certificates: self.extra_certificates.trim().to_owned(),
        })
    }
}

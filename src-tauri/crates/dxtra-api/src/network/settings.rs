//! The user's network choices as a client is built from them: the proxy mode, a manual proxy
//! (its password a secret, never in `Debug`), and the extra CAs. A leaf: where the choices are
//! kept is the app's, what they do is `proxy.rs`'s and `trust.rs`'s.

use rustls::pki_types::CertificateDer;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// How requests find their way out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProxyMode {
    /// This computer's settings: environment variables, then the desktop's or system's.
    #[default]
    Automatic,
    /// The proxy in [`ManualProxy`].
    Manual,
    /// Always direct.
    None,
}

/// A proxy the user typed in.
#[derive(Clone, Default)]
pub struct ManualProxy {
    pub host: String,
    pub port: u16,
    /// Hosts, domains (`.example.com`, `*.example.com`) and networks (`10.0.0.0/8`), comma-separated.
    pub bypass: String,
    pub username: String,
    pub password: Option<SecretString>,
}

impl ManualProxy {
    pub(crate) fn password_text(&self) -> Option<String> {
        self.password.as_ref().map(|p| p.expose_secret().to_owned())
    }
}

impl std::fmt::Debug for ManualProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManualProxy")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("bypass", &self.bypass)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// The user's network choices, as a client is built from them.
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub mode: ProxyMode,
    pub manual: ManualProxy,
    /// CAs trusted besides the system's (never instead of them).
    pub extra_certs: Vec<CertificateDer<'static>>,
}

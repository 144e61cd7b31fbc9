//! The network between the app and Dxtra as this computer has it: the proxy (`proxy.rs`, with
//! the desktop's settings in `desktop.rs`), whom TLS trusts (`trust.rs`, certificates read in
//! `cert.rs`), and transport failures named for what they are (`failure.rs`). The user's choices
//! are [`Network`]; where they are kept (settings file, keychain) is the app's business.

mod cert;
mod desktop;
mod failure;
mod proxy;
mod settings;
mod trust;

pub use cert::{parse_extra_certs, CertFacts, ExtraCertError};
pub(crate) use failure::transport_error;
pub use proxy::{ProxyPlan, Route};
pub use settings::{ManualProxy, Network, ProxyMode};
pub(crate) use trust::client_config;
pub use trust::{Seen, TrustLog, TrustedBy};

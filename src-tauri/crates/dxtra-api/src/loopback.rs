//! Whether a URL names this computer (loopback: `localhost`, `127.0.0.0/8`, `::1`): plain
//! http is allowed there and no proxy is ever used for it. A leaf, so that the environment, the
//! errors and the network can all ask.

use std::net::IpAddr;

use url::Url;

/// Whether `url` (text) names this computer.
pub(crate) fn is_loopback_url(url: &str) -> bool {
    Url::parse(url).is_ok_and(|url| is_loopback(&url))
}

/// Whether `url` names this computer.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

//! A transport failure named for what it is. Only a failure while connecting (DNS, refused, the
//! proxy, TLS) is said to be one: the request was never sent, so repeating it is safe. Anything
//! after the request was written (a server or proxy closing without TLS `close_notify`, a restart
//! mid-answer) is a lost answer, whose outcome is unknown. Certificate refusals name the issuer
//! the server showed, from the [`TrustLog`].

use std::error::Error as _;
use std::time::Duration;

use rustls::CertificateError;

use super::proxy::Route;
use super::trust::TrustLog;
use crate::error::ApiError;

/// The `rustls` error somewhere in `error`'s causes: hyper-rustls wraps it in an `io::Error`,
/// sometimes twice, whose `source()` skips it, so each `io::Error`'s inner error is looked into.
fn find_rustls<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        if let Some(inner) = cause.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            if let Some(tls) = find_rustls(inner) {
                return Some(tls);
            }
        }
        source = cause.source();
    }
    None
}

/// Names a transport failure of a request to `url` that went by `route`.
pub(crate) fn transport_error(
    error: reqwest::Error,
    url: &str,
    timeout: Duration,
    connect_timeout: Duration,
    route: &Route,
    trust: &TrustLog,
) -> ApiError {
    let url = url.to_owned();
    if error.is_timeout() {
        // While connecting, the connect timeout fired, not the request's.
        let after = if error.is_connect() { connect_timeout } else { timeout };
        return ApiError::Timeout { url, after };
    }
    let mut chain = String::new();
    let mut refused = false;
    let mut source: Option<&(dyn std::error::Error + 'static)> = error.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => refused = true,
                std::io::ErrorKind::TimedOut => return ApiError::Timeout { url, after: connect_timeout },
                _ => {}
            }
        }
        chain.push_str(&cause.to_string());
        chain.push_str(": ");
        source = cause.source();
    }
    let detail =
        if chain.is_empty() { error.to_string() } else { chain.trim_end_matches([':', ' ']).to_owned() };
    if !error.is_connect() {
        return ApiError::AnswerLost { url, detail };
    }
    if let Some(tls) = error.source().and_then(find_rustls) {
        return certificate_error(tls, url, detail, route, trust);
    }
    let lower = detail.to_ascii_lowercase();
    if let Some(proxy) = route.proxy() {
        let proxy = proxy.to_owned();
        if lower.contains("proxy authorization required") {
            return ApiError::ProxyAuth { proxy };
        }
        if lower.contains("tunnel error: unsuccessful") || lower.contains("tunnel error: unexpected end") {
            return ApiError::ProxyTunnelRefused { proxy, url };
        }
        // Every connection goes to the proxy: failing to reach a host is failing to reach it.
        return ApiError::ProxyUnreachable { proxy, detail };
    }
    if refused {
        return ApiError::ConnectionRefused { url };
    }
    if error.is_dns()
        || lower.contains("dns error")
        || lower.contains("failed to lookup address")
        || lower.contains("name or service not known")
    {
        return ApiError::Dns { url };
    }
    if lower.contains("tls") || lower.contains("handshake") || lower.contains("certificate") {
        return ApiError::Tls { url, detail };
    }
    ApiError::Connection { url, detail }
}

fn host_of(url: &str) -> String {
    url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_default()
}

fn certificate_error(
    tls: &rustls::Error,
    url: String,
    detail: String,
    route: &Route,
    trust: &TrustLog,
) -> ApiError {
    let seen = trust.seen(&host_of(&url));
    let proxy = route.proxy().map(str::to_owned);
    let rustls::Error::InvalidCertificate(problem) = tls else {
        return ApiError::Tls { url, detail };
    };
    match problem {
        CertificateError::UnknownIssuer | CertificateError::BadSignature => match seen {
            Some(seen) if seen.leaf.as_ref().is_some_and(|leaf| leaf.self_signed) => {
                ApiError::CertSelfSigned {
                    url,
                    subject: seen.leaf.map(|leaf| leaf.subject).unwrap_or_default(),
                }
            }
            Some(seen) => ApiError::CertUnknownIssuer { url, issuer: seen.anchor_issuer, proxy },
            None => ApiError::CertUnknownIssuer { url, issuer: "an unknown issuer".into(), proxy },
        },
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => ApiError::CertExpired {
            url,
            not_after: seen
                .and_then(|s| s.leaf)
                .map(|leaf| leaf.not_after)
                .unwrap_or_else(|| "an earlier date".into()),
        },
        CertificateError::NotValidForName => ApiError::CertWrongHost { url, presented: String::new() },
        CertificateError::NotValidForNameContext { presented, .. } => {
            let names: Vec<String> = presented.iter().map(|name| plain_name(name)).collect();
            ApiError::CertWrongHost { url, presented: names.join(", ") }
        }
        _ => ApiError::Tls { url, detail },
    }
}

/// rustls names a certificate's names as `DnsName("example.com")` or `IpAddress(…)`: the name alone.
fn plain_name(name: &str) -> String {
    let inner = name.split_once('(').and_then(|(_, rest)| rest.strip_suffix(')')).unwrap_or(name);
    inner.trim_matches('"').to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn certificate_names_are_said_plainly() {
        for (raw, plain) in [
            ("DnsName(\"other.example\")", "other.example"),
            ("IpAddress(127.0.0.1)", "127.0.0.1"),
            ("example.com", "example.com"),
        ] {
            assert_eq!(super::plain_name(raw), plain);
        }
    }
}

//! Certificates as people name them: who a certificate is for and who issued it (the common
//! name, else the organisation), when it expires, whether it signed itself; and the "Extra
//! certificate" setting's PEM text read into certificates, refused with a reason a person can act
//! on. Parsing is `x509-cert`'s and PEM `rustls-pki-types`'; nothing here decides trust.

use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::CertificateDer;
use x509_cert::der::Decode;
use x509_cert::name::Name;
use x509_cert::Certificate;

/// The facts of one certificate a person needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertFacts {
    /// The subject's common name (or organisation, or the whole name).
    pub subject: String,
    /// The issuer's common name (or organisation, or the whole name).
    pub issuer: String,
    /// `YYYY-MM-DD` of the last day it is valid.
    pub not_after: String,
    /// Seconds since 1970 when it stops being valid.
    pub not_after_unix: u64,
    /// It is its own issuer.
    pub self_signed: bool,
    /// A CA certificate (basic constraints `cA`), so it can stand as a root.
    pub is_ca: bool,
}

impl CertFacts {
    /// Reads a DER certificate; `None` when it is not one.
    pub fn from_der(der: &[u8]) -> Option<CertFacts> {
        let cert = Certificate::from_der(der).ok()?;
        let tbs = &cert.tbs_certificate;
        let not_after = tbs.validity.not_after;
        let date = not_after.to_date_time();
        let is_ca = tbs.extensions.iter().flatten().any(|ext| {
            ext.extn_id.to_string() == "2.5.29.19"
                && x509_cert::ext::pkix::BasicConstraints::from_der(ext.extn_value.as_bytes())
                    .is_ok_and(|bc| bc.ca)
        });
        Some(CertFacts {
            subject: short_name(&tbs.subject),
            issuer: short_name(&tbs.issuer),
            not_after: format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            not_after_unix: not_after.to_unix_duration().as_secs(),
            self_signed: tbs.subject == tbs.issuer,
            is_ca,
        })
    }

    /// "Example Corp Root CA (valid until 2027-01-02)".
    pub fn label(&self) -> String {
        format!("{} (valid until {})", self.subject, self.not_after)
    }
}

/// The common name, else the organisation, else the RFC 4514 form of the whole name.
fn short_name(name: &Name) -> String {
    const CN: &str = "2.5.4.3";
    const O: &str = "2.5.4.10";
    let find = |oid: &str| {
        name.0.iter().rev().flat_map(|rdn| rdn.0.iter()).find(|atv| atv.oid.to_string() == oid).map(|atv| {
            // `CN=value` with RFC 4514's escapes; the value is what follows the first `=`.
            let text = atv.to_string();
            text.split_once('=').map_or(text.clone(), |(_, value)| value.replace('\\', ""))
        })
    };
    find(CN).or_else(|| find(O)).unwrap_or_else(|| name.to_string())
}

/// Puts every `-----BEGIN …-----` and `-----END …-----` marker on a line of its own: text that
/// went through a chat or a form that joined lines still reads.
fn with_marker_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    let next_marker =
        |text: &str| [text.find("-----BEGIN "), text.find("-----END ")].into_iter().flatten().min();
    while let Some(start) = next_marker(rest) {
        let Some(close) = rest[start + 5..].find("-----").map(|i| start + 5 + i + 5) else { break };
        out.push_str(&rest[..start]);
        out.push('\n');
        out.push_str(&rest[start..close]);
        out.push('\n');
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Why the extra-certificate text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraCertError(pub String);

/// Reads the "Extra certificate" setting: zero or more PEM certificates, each a CA that can be
/// a root. Anything else (a private key, a certificate that is not a CA, broken base64, text
/// that is no PEM at all) is refused, naming which one and why.
pub fn parse_extra_certs(text: &str) -> Result<Vec<(CertificateDer<'static>, CertFacts)>, ExtraCertError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let text = with_marker_lines(text);
    let mut found = Vec::new();
    for (index, item) in <(pem::SectionKind, Vec<u8>)>::pem_slice_iter(text.as_bytes()).enumerate() {
        let n = index + 1;
        let (kind, der) = item.map_err(|error| {
            let what = match error {
                pem::Error::MissingSectionEnd { .. } => "its END line is missing",
                pem::Error::IllegalSectionStart { .. } => "its BEGIN line is damaged",
                pem::Error::Base64Decode(_) => "its text between the BEGIN and END lines is damaged",
                _ => "it cannot be read",
            };
            ExtraCertError(format!(
                "certificate {n} is not valid PEM ({what}): paste it with its BEGIN and END lines, unchanged"
            ))
        })?;
        match kind {
            pem::SectionKind::Certificate => {}
            pem::SectionKind::PrivateKey | pem::SectionKind::RsaPrivateKey | pem::SectionKind::EcPrivateKey => {
                return Err(ExtraCertError(format!(
                    "block {n} is a private key, not a certificate: never paste a private key here; paste the CA's certificate (BEGIN CERTIFICATE)"
                )))
            }
            _ => {
                return Err(ExtraCertError(format!(
                    "block {n} is not a certificate: only BEGIN CERTIFICATE blocks are accepted"
                )))
            }
        }
        let facts = CertFacts::from_der(&der).ok_or_else(|| {
            ExtraCertError(format!("certificate {n} could not be read as an X.509 certificate"))
        })?;
        if !facts.is_ca {
            return Err(ExtraCertError(format!(
                "certificate {n} ({}) is a server's certificate, not a certificate authority's: paste the root (or intermediate) CA that issued it{}",
                facts.subject,
                if facts.issuer != facts.subject { format!(" ('{}')", facts.issuer) } else { String::new() }
            )));
        }
        found.push((CertificateDer::from(der), facts));
    }
    if found.is_empty() {
        return Err(ExtraCertError(
            "no certificate was found: paste PEM text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----".into(),
        ));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    #[test]
    fn markers_joined_to_their_neighbours_get_lines_of_their_own() {
        for (text, expected) in [
            (
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                "\n-----BEGIN CERTIFICATE-----\n\nAAAA\n\n-----END CERTIFICATE-----\n\n",
            ),
            (
                "-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----",
                "\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            ),
            ("no markers", "no markers"),
        ] {
            assert_eq!(super::with_marker_lines(text), expected, "{text:?}");
        }
    }
}

//! Whom the client trusts: this computer's verifier and store (`rustls-platform-verifier`: the
//! system's on macOS and Windows, the system bundle on Linux, which honours `SSL_CERT_FILE` and
//! `SSL_CERT_DIR`), then the "Extra certificate" setting's CAs, never one instead of the other.
//! Every certificate a server shows is remembered by host (who issued it, which store trusted
//! it, or why none did) so that Check connection, diagnostics and errors can say so. What to do
//! about a refusal is `failure.rs`'s.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::cert::CertFacts;

/// Which store vouched for a server's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustedBy {
    /// This computer's certificate store (or the platform's verifier).
    System,
    /// The app's "Extra certificate" setting.
    Extra,
}

/// What the client saw of one server's certificate at its last handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The server's own certificate.
    pub leaf: Option<CertFacts>,
    /// The issuer that must be trusted: the top of the chain the server sent.
    pub anchor_issuer: String,
    pub trusted_by: Option<TrustedBy>,
}

impl Seen {
    /// "certificate issued by 'mitmproxy', trusted by this computer's certificate store".
    pub fn describe(&self) -> String {
        let by = match self.trusted_by {
            Some(TrustedBy::System) => "trusted by this computer's certificate store",
            Some(TrustedBy::Extra) => "trusted through the app's extra certificate (Network settings)",
            None => "not trusted",
        };
        if self.leaf.as_ref().is_some_and(|leaf| leaf.self_signed) {
            return format!("a self-signed certificate, {by}");
        }
        format!("certificate issued by '{}', {by}", self.anchor_issuer)
    }
}

/// Certificates seen, by host name or IP address (without brackets), shared by a client's
/// connections.
#[derive(Debug, Clone, Default)]
pub struct TrustLog(Arc<Mutex<HashMap<String, Seen>>>);

impl TrustLog {
    /// What the last handshake with `host` showed.
    pub fn seen(&self, host: &str) -> Option<Seen> {
        let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(&host).cloned()
    }

    fn record(&self, host: String, seen: Seen) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(host, seen);
    }
}

/// The system's verifier first, then the extra CAs; each verdict recorded.
#[derive(Debug)]
pub(crate) struct Verifier {
    system: Option<Arc<dyn ServerCertVerifier>>,
    /// Why the system's verifier could not be made (no certificate store at all).
    system_error: Option<String>,
    extra: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
    log: TrustLog,
}

impl Verifier {
    pub(crate) fn new(extra: &[CertificateDer<'static>], log: TrustLog) -> Result<Verifier, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let (system, system_error) = match rustls_platform_verifier::Verifier::new(provider.clone()) {
            Ok(verifier) => (Some(Arc::new(verifier) as Arc<dyn ServerCertVerifier>), None),
            Err(error) => (None, Some(error.to_string())),
        };
        let extra = if extra.is_empty() {
            None
        } else {
            let mut roots = RootCertStore::empty();
            for cert in extra {
                roots.add(cert.clone()).map_err(|e| e.to_string())?;
            }
            Some(
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        };
        if system.is_none() && extra.is_none() {
            return Err(system_error.unwrap_or_else(|| "no certificate store".into()));
        }
        Ok(Verifier { system, system_error, extra, provider, log })
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verify = |verifier: &dyn ServerCertVerifier| {
            verifier.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        };
        let system = match &self.system {
            Some(system) => verify(system.as_ref()),
            None => Err(rustls::Error::General(self.system_error.clone().unwrap_or_default())),
        };
        let (result, trusted_by) = match system {
            Ok(verified) => (Ok(verified), Some(TrustedBy::System)),
            Err(error) => match self.extra.as_deref().map(|extra| verify(extra)) {
                Some(Ok(verified)) => (Ok(verified), Some(TrustedBy::Extra)),
                _ => (Err(error), None),
            },
        };
        let leaf = CertFacts::from_der(end_entity);
        let top = intermediates.last().and_then(|der| CertFacts::from_der(der));
        let anchor_issuer = top
            .or_else(|| leaf.clone())
            .map(|facts| facts.issuer)
            .unwrap_or_else(|| "an unreadable issuer".into());
        self.log.record(server_name.to_str().to_ascii_lowercase(), Seen { leaf, anchor_issuer, trusted_by });
        result
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// The TLS configuration of a client: this module's verifier, HTTP/2 and HTTP/1.1 offered.
pub(crate) fn client_config(
    extra: &[CertificateDer<'static>],
    log: TrustLog,
) -> Result<rustls::ClientConfig, String> {
    let verifier = Verifier::new(extra, log)?;
    let provider = verifier.provider.clone();
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

//! Real network parts for the tests: throwaway certificate authorities and certificates made
//! with `openssl` (never installed anywhere), a TLS server on loopback that forwards to the
//! sandbox (and, on request, cuts the connection without `close_notify` after a mutation was
//! answered), and mitmproxy as a TLS-inspecting proxy that maps `*.test` names to the sandbox.
//! Nothing here touches the machine's own trust store or settings.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The proxy variables curl reads, in both letter cases: cleared before a test sets its own.
pub const PROXY_VARS: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Removes every proxy variable from this process's environment.
pub fn clear_proxy_env() {
    for name in PROXY_VARS {
        std::env::remove_var(name);
    }
}

/// The company-network URLs the tests use; mitmproxy maps their names to a sandbox.
pub const CORP_AUTH: &str = "https://auth.dxtra.corp.test/v1";
pub const CORP_GRAPHQL: &str = "https://api.dxtra.corp.test/v1/graphql";

/// The 127.0.0.1 address of a loopback URL's port (a sandbox's), for a proxy's map or a forwarder.
pub fn loopback_addr(url: &str) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], url::Url::parse(url).unwrap().port().unwrap()))
}

/// mitmproxy's map for `sandbox`: the company names to its two services.
pub fn corp_map(sandbox: &dxtra_sandbox::SandboxInfo) -> [(&'static str, SocketAddr); 2] {
    [
        ("auth.dxtra.corp.test", loopback_addr(&sandbox.auth_url)),
        ("api.dxtra.corp.test", loopback_addr(&sandbox.graphql_url)),
    ]
}

/// A fresh folder under the system's temporary folder.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dxtra-{name}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A throwaway certificate authority.
pub struct Ca {
    dir: PathBuf,
    pub name: String,
    /// Its certificate, PEM.
    pub pem: String,
    pub cert_path: PathBuf,
}

impl Ca {
    pub fn new(name: &str) -> Ca {
        let dir = scratch("ca");
        openssl(
            &dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3",
                "-subj",
                &format!("/O=Dxtra tests/CN={name}"),
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        let cert_path = dir.join("ca.pem");
        Ca { pem: std::fs::read_to_string(&cert_path).unwrap(), cert_path, dir, name: name.to_owned() }
    }

    /// A server certificate for `names` (DNS names or IP addresses), valid for `days` from now
    /// (negative: it expired that many days ago). Returns the certificate's and key's paths.
    pub fn issue(&self, names: &[&str], days: i32) -> (PathBuf, PathBuf) {
        let id = uuid::Uuid::new_v4().to_string();
        let alt: Vec<String> =
            names
                .iter()
                .map(|n| {
                    if n.parse::<std::net::IpAddr>().is_ok() {
                        format!("IP:{n}")
                    } else {
                        format!("DNS:{n}")
                    }
                })
                .collect();
        std::fs::write(
            self.dir.join(format!("{id}.ext")),
            format!(
                "subjectAltName={}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
                alt.join(",")
            ),
        )
        .unwrap();
        let (key, csr, pem, ext) =
            (format!("{id}.key"), format!("{id}.csr"), format!("{id}.pem"), format!("{id}.ext"));
        openssl(
            &self.dir,
            &[
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                &key,
                "-out",
                &csr,
                "-subj",
                &format!("/CN={}", names[0]),
            ],
        );
        openssl(
            &self.dir,
            &[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                &days.to_string(),
                "-extfile",
                &ext,
                "-out",
                &pem,
            ],
        );
        (self.dir.join(pem), self.dir.join(key))
    }
}

/// A self-signed server certificate for `name` (no CA): certificate and key paths.
pub fn self_signed(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch("self-signed");
    openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "s.key",
            "-out",
            "s.pem",
            "-days",
            "2",
            "-subj",
            &format!("/CN={name}"),
            "-addext",
            &format!("subjectAltName=DNS:{name},IP:127.0.0.1"),
            "-addext",
            "basicConstraints=CA:FALSE",
        ],
    );
    (dir.join("s.pem"), dir.join("s.key"))
}

/// A certificate bundle file holding exactly `pems`: what `SSL_CERT_FILE` points at.
pub fn bundle(pems: &[&str]) -> PathBuf {
    let path = scratch("bundle").join("bundle.pem");
    std::fs::write(&path, pems.join("\n")).unwrap();
    path
}

/// What the TLS server does with a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Forwards both ways until either side closes.
    Forward,
    /// Forwards; but a request that carries `createDataSubject` is forwarded, its answer read
    /// from the sandbox (so it is recorded), and the client's connection then closed without
    /// TLS `close_notify` and without the answer.
    CutAfterMutation,
}

/// An HTTPS server on 127.0.0.1 with the given certificate, in front of `target` (plain HTTP).
pub async fn tls_server(cert: &Path, key: &Path, target: SocketAddr, mode: TlsMode) -> SocketAddr {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(cert).unwrap().map(|c| c.unwrap()).collect();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let mut config =
        rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(chain, key).unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else { return };
                let Ok(mut upstream) = TcpStream::connect(target).await else { return };
                if mode == TlsMode::Forward {
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut upstream).await;
                    return;
                }
                // One request at a time: read it whole (headers + Content-Length body).
                loop {
                    let Some(request) = read_request(&mut tls).await else { return };
                    if upstream.write_all(&request).await.is_err() {
                        return;
                    }
                    let Some(answer) = read_request(&mut upstream).await else { return };
                    if String::from_utf8_lossy(&request).contains("createDataSubject") {
                        // Recorded by the sandbox; the client gets nothing, not even close_notify.
                        let (tcp, _) = tls.into_inner();
                        drop(tcp);
                        return;
                    }
                    if tls.write_all(&answer).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    addr
}

/// Reads one HTTP/1.1 message with a Content-Length body.
async fn read_request<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> Option<Vec<u8>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buffer.len() >= end + 4 + length {
                return Some(buffer);
            }
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// mitmproxy (mitmdump) on 127.0.0.1, inspecting TLS with its own throwaway CA and sending the
/// mapped `*.test` names to loopback targets. Stopped when dropped.
pub struct Mitm {
    child: Child,
    pub port: u16,
    /// Its CA certificate (issuer name "mitmproxy"), PEM.
    pub ca_pem: String,
    log: PathBuf,
}

impl Mitm {
    /// `mitmdump` from `DXTRA_MITMDUMP` (the virtualenv the test command makes), else from PATH.
    pub fn start(map: &[(&str, SocketAddr)]) -> Mitm {
        Mitm::start_with(map, &[])
    }

    /// With more mitmdump options, e.g. `["--proxyauth", "user:pass"]`.
    pub fn start_with(map: &[(&str, SocketAddr)], options: &[&str]) -> Mitm {
        let dir = scratch("mitmproxy");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let program = std::env::var("DXTRA_MITMDUMP").unwrap_or_else(|_| "mitmdump".into());
        let addon = Path::new(env!("CARGO_MANIFEST_DIR")).join("proxy/map_to_sandbox.py");
        let mapping: Vec<String> = map.iter().map(|(name, addr)| format!("{name}={addr}")).collect();
        let log = dir.join("requests.log");
        std::fs::write(&log, "").unwrap();
        let child = Command::new(&program)
            .args(["--quiet", "--listen-host", "127.0.0.1", "--listen-port", &port.to_string()])
            .args(["--set", &format!("confdir={}", dir.display())])
            .args(["--set", "connection_strategy=lazy", "--set", "upstream_cert=false"])
            .args(["-s", addon.to_str().unwrap()])
            .args(options)
            .env("DXTRA_MAP", mapping.join(","))
            .env("DXTRA_PROXY_LOG", &log)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{program} starts (is mitmproxy installed? tests/run.sh installs it): {e}")
            });
        let ca = dir.join("mitmproxy-ca-cert.pem");
        let started = Instant::now();
        while !(ca.exists() && std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()) {
            assert!(started.elapsed() < Duration::from_secs(60), "mitmproxy did not start within 60 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        Mitm { child, port, ca_pem: std::fs::read_to_string(ca).unwrap(), log }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every request the proxy saw, as "METHOD scheme://host/path".
    pub fn requests(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log).unwrap_or_default().lines().map(str::to_owned).collect()
    }
}

impl Drop for Mitm {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

//! Real networks: a TLS-inspecting proxy (mitmproxy) through `HTTPS_PROXY` and as a Manual
//! proxy, HTTPS on loopback with certificates from throwaway CAs (trusted through the extra
//! certificate setting, through the store, or not at all; expired; for another host;
//! self-signed), an answer cut without `close_notify`, and the sandbox on both loopbacks. The
//! store the platform verifier reads is a temporary bundle (`SSL_CERT_FILE`), never the
//! machine's. Its own binary: it sets process-wide environment variables, one test at a time.
use dxtra_api::{parse_extra_certs, ApiError, Network, ProxyMode};
use dxtra_tests::network::*;
use dxtra_tests::*;

/// The environment is the process's: one test at a time touches it (held across awaits).
static ENV: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Sets the store to exactly `pems` and the proxy variables to `proxy` (or none).
fn set_env(pems: &[&str], proxy: Option<&str>) {
    clear_proxy_env();
    if let Some(proxy) = proxy {
        std::env::set_var("HTTPS_PROXY", proxy);
    }
    std::env::set_var("SSL_CERT_FILE", bundle(pems));
    std::env::remove_var("SSL_CERT_DIR");
}

fn with_network(network: Network) -> ClientConfig {
    ClientConfig { network, ..test_config() }
}

fn extra(pem: &str) -> Vec<rustls::pki_types::CertificateDer<'static>> {
    parse_extra_certs(pem).unwrap().into_iter().map(|(der, _)| der).collect()
}

fn corp() -> Environment {
    Environment::Custom { auth_url: CORP_AUTH.into(), graphql_url: CORP_GRAPHQL.into() }
}

fn mitm_for(sandbox: &Sandbox) -> Mitm {
    Mitm::start(&corp_map(sandbox.info()))
}

async fn corp_client(sandbox: &Sandbox, config: ClientConfig) -> DxtraClient {
    let client = DxtraClient::new(&corp(), config).unwrap();
    client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
    client
}

/// Sign-in, the controllers, a create and its read-back: the guide's steps.
async fn every_step(client: &DxtraClient, email: &str) {
    client.sign_in().await.expect("signs in");
    let controllers = client.data_controllers().await.expect("lists controllers");
    let controller = controllers[0].id.clone();
    client.create_data_subject(&guide_input(&controller, email)).await.expect("creates");
    let found = client.subject_by_email(&controller, email).await.expect("reads back");
    assert!(found.is_some(), "the subject is found");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tls_inspecting_proxy_the_computer_trusts_lets_every_step_through() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let mitm = mitm_for(&sandbox);
    set_env(&[&mitm.ca_pem], Some(&mitm.url()));
    let client = corp_client(&sandbox, test_config()).await;
    every_step(&client, "through-proxy@example.com").await;
    let seen = mitm.requests();
    assert!(seen.iter().any(|r| r == "POST https://auth.dxtra.corp.test/v1/signin/pat"), "{seen:?}");
    assert!(seen.iter().any(|r| r == "POST https://api.dxtra.corp.test/v1/graphql"), "{seen:?}");

    let check = dxtra_api::check_connection(client.endpoints(), test_config()).await.unwrap();
    assert_eq!(check.auth.state, dxtra_api::UrlState::Ok, "{check:?}");
    assert_eq!(check.graphql.route, format!("through the proxy {} (HTTPS_PROXY (environment))", mitm.url()));
    assert_eq!(
        check.graphql.certificate.as_deref(),
        Some("certificate issued by 'mitmproxy', trusted by this computer's certificate store")
    );
    let report = client.network_report().join("\n");
    assert!(report.contains("issued by 'mitmproxy'") && report.contains(&mitm.url()), "{report}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tls_inspecting_proxy_the_computer_does_not_trust_is_named_with_its_issuer() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let mitm = mitm_for(&sandbox);
    let unrelated = Ca::new("Unrelated Root");
    set_env(&[&unrelated.pem], Some(&mitm.url()));
    let client = corp_client(&sandbox, test_config()).await;
    let error = client.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "tls-unknown-issuer", "{error}");
    let message = error.to_string();
    assert!(message.contains("issued by 'mitmproxy'"), "{message}");
    assert!(message.contains("inspects HTTPS") && message.contains(&mitm.url()), "{message}");
    assert!(error.hint().contains("Extra certificates"), "{}", error.hint());
    assert_eq!(sandbox.stats().signin_requests, 0, "nothing reached the service");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manual_proxy_is_used_and_an_extra_certificate_is_trusted_beside_the_store() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let mitm = mitm_for(&sandbox);
    let unrelated = Ca::new("Unrelated Root");
    set_env(&[&unrelated.pem], None);
    let mut network =
        Network { mode: ProxyMode::Manual, extra_certs: extra(&mitm.ca_pem), ..Network::default() };
    network.manual.host = "127.0.0.1".into();
    network.manual.port = mitm.port;
    let client = corp_client(&sandbox, with_network(network.clone())).await;
    every_step(&client, "manual-proxy@example.com").await;
    assert!(mitm.requests().len() >= 4, "{:?}", mitm.requests());
    let report = client.network_report().join("\n");
    assert!(report.contains("Manual proxy (Network settings)"), "{report}");
    assert!(report.contains("trusted through the app's extra certificate"), "{report}");

    // None: straight to the .test names, which do not resolve: named as DNS, not as the proxy.
    let direct = corp_client(&sandbox, with_network(Network { mode: ProxyMode::None, ..network })).await;
    let error = direct.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "dns", "{error}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_proxy_that_is_not_running_is_named_as_the_proxy() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    set_env(&[&Ca::new("Unrelated Root").pem], Some(&format!("http://{free}")));
    let client = corp_client(&sandbox, test_config()).await;
    let error = client.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "proxy-unreachable", "{error}");
    assert!(error.to_string().contains(&free.to_string()), "{error}");
}

/// An HTTPS pair on loopback in front of the sandbox, with certificates from `cert`.
async fn https_pair(
    sandbox: &Sandbox,
    cert: &(std::path::PathBuf, std::path::PathBuf),
    mode: TlsMode,
) -> Environment {
    let auth = tls_server(&cert.0, &cert.1, loopback_addr(&sandbox.info().auth_url), TlsMode::Forward).await;
    let graphql = tls_server(&cert.0, &cert.1, loopback_addr(&sandbox.info().graphql_url), mode).await;
    Environment::Custom {
        auth_url: format!("https://localhost:{}", auth.port()),
        graphql_url: format!("https://localhost:{}/v1/graphql", graphql.port()),
    }
}

async fn loopback_client(sandbox: &Sandbox, environment: &Environment, config: ClientConfig) -> DxtraClient {
    let client = DxtraClient::new(environment, config).unwrap();
    client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
    client
}

#[tokio::test(flavor = "multi_thread")]
async fn https_on_loopback_from_a_private_ca_is_trusted_through_the_setting_or_the_store_and_named_otherwise()
{
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let ca = Ca::new("Dxtra Test Local CA");
    let unrelated = Ca::new("Unrelated Root");
    let environment = https_pair(&sandbox, &ca.issue(&["localhost", "127.0.0.1"], 2), TlsMode::Forward).await;

    // Through the extra certificate setting (the store does not know the CA).
    set_env(&[&unrelated.pem], None);
    let network = Network { extra_certs: extra(&ca.pem), ..Network::default() };
    let client = loopback_client(&sandbox, &environment, with_network(network)).await;
    every_step(&client, "extra-ca@example.com").await;

    // Through the store.
    set_env(&[&ca.pem], None);
    let client = loopback_client(&sandbox, &environment, test_config()).await;
    client.sign_in().await.expect("trusted through the store");

    // Neither: named, with the CA's name and the right words for this computer.
    set_env(&[&unrelated.pem], None);
    let client = loopback_client(&sandbox, &environment, test_config()).await;
    let error = client.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "tls-unknown-issuer", "{error}");
    assert!(error.to_string().contains("issued by 'Dxtra Test Local CA'"), "{error}");
    assert!(error.to_string().contains("a private CA"), "{error}");
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_wrong_host_and_self_signed_certificates_each_get_their_own_words() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let ca = Ca::new("Dxtra Test Local CA");
    set_env(&[&ca.pem], None);
    let cases: [(_, &str, &str); 3] = [
        (ca.issue(&["localhost", "127.0.0.1"], -1), "tls-expired", "expired on 20"),
        (ca.issue(&["other.example"], 2), "tls-wrong-host", "is for other.example"),
        (self_signed("localhost"), "tls-self-signed", "self-signed certificate ('localhost')"),
    ];
    for (cert, kind, words) in cases {
        let environment = https_pair(&sandbox, &cert, TlsMode::Forward).await;
        let client = loopback_client(&sandbox, &environment, test_config()).await;
        let error = client.sign_in().await.unwrap_err();
        assert_eq!(error.kind(), kind, "{error}");
        assert!(error.to_string().contains(words), "{kind}: {error}");
        assert!(!error.outcome_unknown(), "nothing was sent");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_cut_without_close_notify_is_a_lost_answer_not_a_certificate_error() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let ca = Ca::new("Dxtra Test Local CA");
    set_env(&[&ca.pem], None);
    let cert = ca.issue(&["localhost", "127.0.0.1"], 2);
    let environment = https_pair(&sandbox, &cert, TlsMode::CutAfterMutation).await;
    let client = loopback_client(&sandbox, &environment, test_config()).await;
    client.sign_in().await.unwrap();
    let controller = client.data_controllers().await.unwrap()[0].id.clone();
    let error = client.create_data_subject(&guide_input(&controller, "cut@example.com")).await.unwrap_err();
    assert_eq!(error.kind(), "answer-lost", "{error}");
    assert!(error.outcome_unknown(), "a lost answer may have been carried out");
    assert_eq!(sandbox.stats().mutations, 1, "recorded once, and never sent again");
    let found = client.subject_by_email(&controller, "cut@example.com").await.unwrap();
    assert!(found.is_some(), "it was recorded");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sandbox_answers_on_both_loopbacks_at_the_same_ports() {
    let sandbox = sandbox().await;
    assert!(sandbox.info().ipv6, "this machine has ::1, so the sandbox listens there too");
    for host in ["127.0.0.1", "[::1]"] {
        let port = |url: &str| url::Url::parse(url).unwrap().port().unwrap();
        let environment = Environment::Custom {
            auth_url: format!("http://{host}:{}", port(&sandbox.info().auth_url)),
            graphql_url: format!("http://{host}:{}/v1/graphql", port(&sandbox.info().graphql_url)),
        };
        let client = loopback_client(&sandbox, &environment, test_config()).await;
        client.sign_in().await.unwrap_or_else(|e| panic!("{host}: {e}"));
        client.data_controllers().await.unwrap_or_else(|e| panic!("{host}: {e}"));
    }
    // A client that connects to ::1 only, as Node 17-19's fetch does for localhost.
    let v6 = std::net::SocketAddr::from((
        std::net::Ipv6Addr::LOCALHOST,
        loopback_addr(&sandbox.info().auth_url).port(),
    ));
    let url = format!("http://{v6}/v1/signin/pat");
    let body = format!("{{\"personalAccessToken\":\"{}\"}}", sandbox.info().personal_access_token);
    let (status, _, _) = post_raw(&url, &body, &[("content-type", "application/json")]).await;
    assert_eq!(status, 200);
}

#[test]
fn an_error_kind_is_never_a_network_failure_and_an_answer_at_once() {
    // The classification used by the mutation path: lost answers are unknown outcomes, failures
    // while connecting are not.
    let lost = ApiError::AnswerLost { url: "u".into(), detail: "d".into() };
    let refused = ApiError::ConnectionRefused { url: "u".into() };
    let issuer = ApiError::CertUnknownIssuer { url: "u".into(), issuer: "x".into(), proxy: None };
    assert!(lost.outcome_unknown() && !refused.outcome_unknown() && !issuer.outcome_unknown());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_proxy_is_decided_per_request_host_not_per_client() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let mitm = mitm_for(&sandbox);
    set_env(&[&mitm.ca_pem], Some(&mitm.url()));
    // A local auth server with a remote GraphQL URL: only the remote calls cross the proxy.
    let environment =
        Environment::Custom { auth_url: sandbox.info().auth_url.clone(), graphql_url: CORP_GRAPHQL.into() };
    let client = loopback_client(&sandbox, &environment, test_config()).await;
    client.sign_in().await.expect("signs in directly");
    client.data_controllers().await.expect("reads through the proxy");
    let seen = mitm.requests();
    assert!(
        seen.iter().all(|r| !r.contains("signin")),
        "the loopback sign-in went around the proxy: {seen:?}"
    );
    assert!(seen.iter().any(|r| r == "POST https://api.dxtra.corp.test/v1/graphql"), "{seen:?}");
    let report = client.network_report();
    assert!(report[0].contains("direct: this computer"), "{report:?}");
    assert!(report[1].contains(&format!("through the proxy {}", mitm.url())), "{report:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_proxy_that_asks_for_a_password_gets_the_manual_one() {
    let _env = ENV.lock().await;
    let sandbox = sandbox().await;
    let map = corp_map(sandbox.info());
    let mitm = Mitm::start_with(&map, &["--proxyauth", "alice:p@ss word"]);
    set_env(&[&mitm.ca_pem], None);
    let mut network = Network { mode: ProxyMode::Manual, ..Network::default() };
    network.manual.host = "127.0.0.1".into();
    network.manual.port = mitm.port;
    let without = corp_client(&sandbox, with_network(network.clone())).await;
    let error = without.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "proxy-auth", "{error}");

    network.manual.username = "alice".into();
    network.manual.password = Some("p@ss word".to_owned().into());
    let with = corp_client(&sandbox, with_network(network)).await;
    with.sign_in().await.expect("the proxy lets the request through with its password");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_never_finishes_the_handshake_is_named_with_the_connect_timeout() {
    let _env = ENV.lock().await;
    set_env(&[&Ca::new("Unrelated Root").pem], None);
    // Accepts TCP and says nothing: the TLS handshake waits until the connect timeout.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let environment = Environment::Custom {
        auth_url: format!("https://127.0.0.1:{port}"),
        graphql_url: format!("https://127.0.0.1:{port}/v1/graphql"),
    };
    let config = ClientConfig { connect_timeout: std::time::Duration::from_secs(1), ..test_config() };
    let client = DxtraClient::new(&environment, config).unwrap();
    client.set_pat(SecretString::from("5a1db0c5-0000-4000-8000-d7a5a2db0c51".to_owned())).await;
    let error = client.sign_in().await.unwrap_err();
    assert_eq!(error.kind(), "timeout", "{error}");
    assert!(
        error.to_string().contains("within 1 s"),
        "the connect timeout (1 s), not the read timeout (3 s): {error}"
    );
}

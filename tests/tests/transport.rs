//! Failures below HTTP: an unknown host, a closed port, TLS against a plain-HTTP server.

use dxtra_tests::*;

async fn sign_in_error(auth_url: &str) -> ApiError {
    let env =
        Environment::Custom { auth_url: auth_url.into(), graphql_url: format!("{auth_url}/v1/graphql") };
    let client = DxtraClient::new(&env, test_config()).unwrap();
    client.set_pat(SecretString::from("5a1db0c5-0000-4000-8000-d7a5a2db0c51".to_owned())).await;
    client.sign_in().await.unwrap_err()
}

#[tokio::test]
async fn an_unknown_host_is_a_dns_error() {
    let error = sign_in_error("https://no-such-host.invalid").await;
    assert_eq!(error.kind(), "dns", "{error}");
}

#[tokio::test]
async fn a_closed_port_is_connection_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let error = sign_in_error(&format!("http://127.0.0.1:{port}")).await;
    assert_eq!(error.kind(), "connection-refused", "{error}");
}

#[tokio::test]
async fn https_to_a_plain_http_server_is_a_tls_error() {
    let sandbox = sandbox().await;
    let https = sandbox.info().auth_url.replace("http://", "https://");
    let error = sign_in_error(&https).await;
    assert_eq!(error.kind(), "tls", "{error}");
}

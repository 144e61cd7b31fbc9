//! With a proxy set in the environment (as on many company desktops), the client never sends
//! traffic for a loopback service through it: the sandbox's PAT, JWTs and refresh tokens would
//! cross it in clear text. Its own test binary: it sets process-wide environment variables.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use dxtra_tests::*;

#[tokio::test]
async fn loopback_services_are_never_reached_through_a_proxy() {
    // A "proxy" that counts who connects to it and answers nothing useful.
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = proxy.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    for name in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        std::env::set_var(name, &proxy_url);
    }
    for name in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(name);
    }

    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.expect("signs in directly");
    client.data_controllers().await.expect("reads directly");
    let check = dxtra_api::check_connection(client.endpoints(), test_config()).await.unwrap();
    assert_eq!(check.auth.state, dxtra_api::UrlState::Ok);
    assert_eq!(seen.load(Ordering::SeqCst), 0, "nothing went through the proxy");

    // A remote service does go through the proxy the user configured.
    let remote = DxtraClient::new(&Environment::Production, test_config()).unwrap();
    remote.set_pat(SecretString::from("00000000-0000-4000-8000-000000000000".to_owned())).await;
    let _ = remote.sign_in().await;
    assert!(seen.load(Ordering::SeqCst) >= 1, "the proxy is used for other hosts");
}

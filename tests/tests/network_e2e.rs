//! End-to-end: a company network in the real window. The app (trusting only a temporary store,
//! without mitmproxy's CA) is pointed at `*.test` URLs that mitmproxy maps to a sandbox; Network
//! settings set a Manual proxy; signing in shows the unknown-issuer panel naming 'mitmproxy';
//! its fix opens Network settings at the extra certificate, the CA pasted there lets sign-in
//! through the proxy, and diagnostics name the route and the certificate. Run by tests/run.sh
//! under with-desktop.sh.

mod desktop;

use desktop::*;
use dxtra_tests::network::{bundle, corp_map, Ca, Mitm, CORP_AUTH, CORP_GRAPHQL};
use dxtra_tests::*;
use serde_json::json;

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn behind_a_tls_inspecting_proxy_the_issuer_is_named_and_its_certificate_lets_sign_in_through() {
    clear_keychain();
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let mitm = Mitm::start(&corp_map(&info));
    let store = bundle(&[&Ca::new("Unrelated Root").pem]);
    let home = temp_home("network");
    let app = App::launch_with(&home, &[("SSL_CERT_FILE", store.to_str().unwrap())]).await;
    app.save_custom(CORP_AUTH, CORP_GRAPHQL, &info.personal_access_token, Some(&info.data_controller_id))
        .await;

    // Network settings: a Manual proxy.
    app.click("#open-network").await;
    app.until("the Network dialog opens", "return document.getElementById('network').open").await;
    app.idle().await;
    app.click("#proxy-mode-manual").await;
    app.until("the manual fields show", "return !document.getElementById('manual-proxy').hidden").await;
    app.fill("#proxy-host", "127.0.0.1").await;
    app.fill("#proxy-port", &mitm.port.to_string()).await;
    app.screenshot("network-settings-manual").await;
    app.click("#save-network").await;
    app.until("the dialog closes", "return !document.getElementById('network').open").await;
    app.idle().await;

    // Signing in: the proxy's certificate is not trusted here, and the panel says whose it is.
    app.click("#sign-in").await;
    app.until("the error panel shows", "return !document.getElementById('error-panel').hidden").await;
    let message = app.text("#error-message").await;
    assert!(message.contains("issued by 'mitmproxy'") && message.contains("inspects HTTPS"), "{message}");
    let hint = app.text("#error-hint").await;
    assert!(hint.contains("Extra certificates"), "{hint}");
    assert!(app.text("#error-fix").await.contains("Network"), "the fix opens Network settings");
    app.screenshot("network-unknown-issuer").await;
    assert!(mitm.requests().is_empty(), "nothing was sent through an untrusted proxy");

    // The fix: Network settings at the extra certificate, the company's CA pasted there.
    app.click("#error-fix").await;
    app.until("the Network dialog opens", "return document.getElementById('network').open").await;
    app.until(
        "the certificate field has the focus",
        "return document.activeElement?.id === 'extra-certificates'",
    )
    .await;
    app.fill("#extra-certificates", &mitm.ca_pem).await;
    app.click("#save-network").await;
    app.until("the dialog closes", "return !document.getElementById('network').open").await;
    app.idle().await;

    app.click("#sign-in").await;
    app.until("signed in", "return !document.getElementById('session').hidden").await;
    app.idle().await;
    let seen = mitm.requests();
    assert!(seen.iter().any(|r| r == "POST https://auth.dxtra.corp.test/v1/signin/pat"), "{seen:?}");
    app.screenshot("network-signed-in-through-the-proxy").await;

    let about = app.ipc("about", json!({})).await;
    let diagnostics = about["ok"]["diagnostics"].as_str().unwrap().to_owned();
    assert!(
        diagnostics.contains(&format!("through the proxy {} (Manual proxy (Network settings))", mitm.url())),
        "{diagnostics}"
    );
    assert!(
        diagnostics.contains("issued by 'mitmproxy', trusted through the app's extra certificate"),
        "{diagnostics}"
    );
    app.quit().await;
}

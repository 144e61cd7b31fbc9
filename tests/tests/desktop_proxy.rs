//! The desktop's own proxy settings, read for real: GNOME's through GSettings in a private D-Bus
//! session (dconf, written with the `gsettings` command as the Settings app would), KDE's from
//! its `kioslaverc`. The app in Automatic mode with no proxy variables uses them, and names a
//! PAC URL instead of running it. Ignored by default: tests/run.sh runs them under
//! `dbus-run-session` with fresh XDG folders, so the machine's own settings are never touched.

use std::process::Command;

use dxtra_api::{Network, ProxyPlan, Route};
use dxtra_tests::network::*;
use dxtra_tests::*;

static ENV: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Refuses to run outside the private session tests/run.sh makes.
fn private_desktop() {
    assert_eq!(
        std::env::var("DXTRA_PRIVATE_DESKTOP").as_deref(),
        Ok("1"),
        "run under tests/run.sh's private D-Bus session and XDG folders, never on a real desktop"
    );
    clear_proxy_env();
}

fn gsettings(args: &[&str]) {
    let status = Command::new("gsettings").args(args).status().expect("gsettings runs");
    assert!(status.success(), "gsettings {args:?}");
}

async fn corp_sign_in_through(mitm: &Mitm, sandbox: &Sandbox) {
    std::env::set_var("SSL_CERT_FILE", bundle(&[&mitm.ca_pem]));
    let environment = Environment::Custom { auth_url: CORP_AUTH.into(), graphql_url: CORP_GRAPHQL.into() };
    let client = DxtraClient::new(&environment, test_config()).unwrap();
    client.set_pat(SecretString::from(sandbox.info().personal_access_token.clone())).await;
    client.sign_in().await.expect("signs in through the desktop's proxy");
    client.data_controllers().await.expect("reads through the desktop's proxy");
    let seen = mitm.requests();
    assert!(seen.iter().any(|r| r == "POST https://auth.dxtra.corp.test/v1/signin/pat"), "{seen:?}");
}

fn mitm_for(sandbox: &Sandbox) -> Mitm {
    Mitm::start(&corp_map(sandbox.info()))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a private D-Bus session with dconf: tests/run.sh"]
async fn gnome_proxy_settings_are_used_in_automatic_mode_and_a_pac_url_is_named() {
    let _env = ENV.lock().await;
    private_desktop();
    std::env::set_var("XDG_CURRENT_DESKTOP", "GNOME");
    let sandbox = sandbox().await;
    let mitm = mitm_for(&sandbox);
    gsettings(&["set", "org.gnome.system.proxy", "mode", "manual"]);
    gsettings(&["set", "org.gnome.system.proxy.https", "host", "127.0.0.1"]);
    gsettings(&["set", "org.gnome.system.proxy.https", "port", &mitm.port.to_string()]);
    gsettings(&[
        "set",
        "org.gnome.system.proxy",
        "ignore-hosts",
        "['localhost', '127.0.0.0/8', '::1', '*.intranet.test']",
    ]);
    let plan = ProxyPlan::resolve(&Network::default());
    assert_eq!(plan.source, "GNOME proxy settings");
    let bypassed = plan.route(&url::Url::parse("https://wiki.intranet.test/").unwrap());
    assert_eq!(bypassed, Route::Direct("on the proxy's bypass list"));
    corp_sign_in_through(&mitm, &sandbox).await;

    gsettings(&["set", "org.gnome.system.proxy", "mode", "auto"]);
    gsettings(&["set", "org.gnome.system.proxy", "autoconfig-url", "http://wpad.corp.test/proxy.pac"]);
    let plan = ProxyPlan::resolve(&Network::default());
    assert_eq!(plan.pac.as_deref(), Some("http://wpad.corp.test/proxy.pac"));
    assert!(plan.pac_note().unwrap().contains("does not run PAC scripts"), "{:?}", plan.pac_note());
    assert!(matches!(plan.route(&url::Url::parse("https://api.dxtra.ai/").unwrap()), Route::Direct(_)));
    gsettings(&["set", "org.gnome.system.proxy", "mode", "none"]);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs fresh XDG folders: tests/run.sh"]
async fn kde_proxy_settings_are_used_in_automatic_mode() {
    let _env = ENV.lock().await;
    private_desktop();
    let config = scratch("kde-config");
    std::env::set_var("XDG_CONFIG_HOME", &config);
    std::env::set_var("XDG_CURRENT_DESKTOP", "KDE");
    let sandbox = sandbox().await;
    let mitm = mitm_for(&sandbox);
    std::fs::write(
        config.join("kioslaverc"),
        format!(
            "[Proxy Settings]\nProxyType=1\nhttpsProxy=http://127.0.0.1 {}\nNoProxyFor=localhost,127.0.0.1\n",
            mitm.port
        ),
    )
    .unwrap();
    assert_eq!(ProxyPlan::resolve(&Network::default()).source, "KDE proxy settings");
    corp_sign_in_through(&mitm, &sandbox).await;

    std::fs::write(
        config.join("kioslaverc"),
        "[Proxy Settings]\nProxyType=2\nProxy Config Script=http://wpad.corp.test/kde.pac\n",
    )
    .unwrap();
    let plan = ProxyPlan::resolve(&Network::default());
    assert_eq!(plan.pac.as_deref(), Some("http://wpad.corp.test/kde.pac"));
    std::env::set_var("XDG_CURRENT_DESKTOP", "GNOME");
}

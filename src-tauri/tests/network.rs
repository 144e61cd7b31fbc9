//! The Network settings through the commands: every bad value refused with its field and
//! nothing saved; the proxy's password kept in the keychain only (never the settings file, the
//! view or the diagnostics); an extra CA that makes a private HTTPS server trusted; and over
//! that HTTPS, an answer cut without `close_notify` read back and recorded once.

mod common;

use std::sync::Arc;

use common::*;
use dxtra_tests::network::{Ca, TlsMode};
use dxtra_wizard_lib::keychain::{SecretStore, SessionMemory};
use dxtra_wizard_lib::settings::{MemorySettings, SettingsBackend};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

/// A keychain the test can look into.
struct Shared(Arc<SessionMemory>);

impl SecretStore for Shared {
    fn name(&self) -> &'static str {
        "the test's keychain"
    }
    fn get(&self, key: &str) -> Result<Option<SecretString>, dxtra_wizard_lib::error::AppError> {
        self.0.get(key)
    }
    fn set(&self, key: &str, secret: &SecretString) -> Result<(), dxtra_wizard_lib::error::AppError> {
        self.0.set(key, secret)
    }
    fn delete(&self, key: &str) -> Result<(), dxtra_wizard_lib::error::AppError> {
        self.0.delete(key)
    }
}

fn patch(mode: &str, host: &str, port: Value, certificates: &str) -> Value {
    json!({ "network": { "proxy": { "mode": mode, "host": host, "port": port, "bypass": "", "username": "", "password": null }, "extraCertificates": certificates } })
}

#[test]
fn bad_network_values_are_refused_with_their_field_and_nothing_is_saved() {
    let window = window();
    let ca = Ca::new("Dxtra Test Local CA");
    let (leaf, key) = ca.issue(&["localhost"], 2);
    let leaf = std::fs::read_to_string(leaf).unwrap();
    let key = std::fs::read_to_string(key).unwrap();
    let cases = [
        (patch("manual", "", json!(3128), ""), "proxy-host-invalid", "Enter the proxy's host"),
        (
            patch("manual", "http://proxy.example.com", json!(3128), ""),
            "proxy-host-invalid",
            "without http://",
        ),
        (patch("manual", "proxy.example.com/path", json!(3128), ""), "proxy-host-invalid", "no path"),
        (
            patch("manual", "proxy.example.com", Value::Null, ""),
            "proxy-port-invalid",
            "Enter the proxy's port",
        ),
        (patch("manual", "proxy.example.com", json!(70000), ""), "proxy-port-invalid", "1 to 65535"),
        (patch("manual", "proxy.example.com", json!(80.5), ""), "proxy-port-invalid", "whole number"),
        (
            patch("automatic", "", Value::Null, "not a certificate"),
            "extra-cert-invalid",
            "no certificate was found",
        ),
        (patch("automatic", "", Value::Null, &key), "extra-cert-invalid", "private key"),
        (patch("automatic", "", Value::Null, &leaf), "extra-cert-invalid", "not a certificate authority's"),
        (
            patch(
                "automatic",
                "",
                Value::Null,
                "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
            ),
            "extra-cert-invalid",
            "not valid PEM",
        ),
    ];
    for (patch, kind, words) in cases {
        let error = invoke(&window, "save_network_settings", patch.clone()).unwrap_err();
        assert_eq!(error["kind"], kind, "{patch}: {error}");
        assert!(error["message"].as_str().unwrap().contains(words), "{patch}: {error}");
    }
    let view = invoke(&window, "network_settings", json!({})).unwrap();
    assert_eq!(view["proxy"]["mode"], "automatic", "nothing was saved: {view}");
    assert_eq!(view["extraCertificates"], "");
}

#[test]
fn the_proxy_password_lives_in_the_keychain_only() {
    let keychain = Arc::new(SessionMemory::default());
    let settings = Arc::new(MemorySettings::default());
    let window = window_of(
        Box::new(Shared(keychain.clone())),
        Box::new(SharedSettings(settings.clone())),
        dxtra_api::ClientConfig::default(),
    );
    let ca = Ca::new("Dxtra Test Local CA");
    let saved = invoke(&window, "save_network_settings", json!({ "network": {
        "proxy": { "mode": "manual", "host": "127.0.0.1", "port": 3128, "bypass": "*.intranet.example", "username": "alice", "password": "s3cret-proxy-password" },
        "extraCertificates": ca.pem,
    } }))
    .unwrap();
    assert_eq!(saved["proxy"]["passwordSaved"], true, "{saved}");
    assert_eq!(saved["proxy"]["host"], "127.0.0.1");
    let names = saved["extraCertificateNames"].as_array().unwrap();
    assert!(names[0].as_str().unwrap().starts_with("Dxtra Test Local CA (valid until 20"), "{names:?}");
    let in_keychain = keychain.get("network:proxy-password").unwrap().unwrap();
    assert_eq!(in_keychain.expose_secret(), "s3cret-proxy-password");

    let file = serde_json::to_string(&settings.load()).unwrap();
    assert!(file.contains("\"username\":\"alice\"") && !file.contains("s3cret"), "{file}");
    assert!(!saved.to_string().contains("s3cret"), "the view never holds it");
    let about = invoke(&window, "about", json!({})).unwrap();
    let diagnostics = about["diagnostics"].as_str().unwrap();
    assert!(
        diagnostics.contains("Proxy: Manual, 127.0.0.1:3128, with a user name and password"),
        "{diagnostics}"
    );
    assert!(
        diagnostics.contains("Extra certificates: 1") && !diagnostics.contains("s3cret"),
        "{diagnostics}"
    );

    // Saving again without a password keeps it; an empty one removes it.
    let mut again = json!({ "network": { "proxy": { "mode": "manual", "host": "127.0.0.1", "port": 3128, "username": "alice", "password": null }, "extraCertificates": "" } });
    assert_eq!(
        invoke(&window, "save_network_settings", again.clone()).unwrap()["proxy"]["passwordSaved"],
        true
    );
    again["network"]["proxy"]["password"] = json!("");
    assert_eq!(invoke(&window, "save_network_settings", again).unwrap()["proxy"]["passwordSaved"], false);
    assert!(keychain.get("network:proxy-password").unwrap().is_none());
}

#[test]
fn over_https_from_a_private_ca_a_cut_answer_is_read_back_and_recorded_once() {
    let (runtime, sandbox) = own_sandbox();
    let ca = Ca::new("Dxtra Test Local CA");
    let cert = ca.issue(&["localhost", "127.0.0.1"], 2);
    let target = dxtra_tests::network::loopback_addr;
    let (auth, graphql) = runtime.block_on(async {
        let auth = dxtra_tests::network::tls_server(
            &cert.0,
            &cert.1,
            target(&sandbox.info().auth_url),
            TlsMode::Forward,
        )
        .await;
        let graphql = dxtra_tests::network::tls_server(
            &cert.0,
            &cert.1,
            target(&sandbox.info().graphql_url),
            TlsMode::CutAfterMutation,
        )
        .await;
        (auth, graphql)
    });
    let window =
        window_of(Box::new(SessionMemory::default()), Box::new(MemorySettings::default()), quick_config());
    let custom = json!({ "patch": { "environment": "custom",
        "customAuthUrl": format!("https://localhost:{}", auth.port()),
        "customGraphqlUrl": format!("https://localhost:{}/v1/graphql", graphql.port()) } });
    invoke(&window, "save_settings", custom).unwrap();
    invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": true, "key": key_of(&window) }),
    )
    .unwrap();

    // Not trusted yet: named, with the CA's name.
    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(error["kind"], "tls-unknown-issuer", "{error}");
    assert!(error["message"].as_str().unwrap().contains("'Dxtra Test Local CA'"), "{error}");

    invoke(&window, "save_network_settings", patch("none", "", Value::Null, &ca.pem)).unwrap();
    invoke(&window, "sign_in", json!({})).expect("trusted through the extra certificate");
    let check = invoke(&window, "check_connection", json!({})).unwrap();
    assert_eq!(
        check["graphql"]["certificate"],
        "certificate issued by 'Dxtra Test Local CA', trusted through the app's extra certificate (Network settings)",
        "{check}"
    );
    let controller = sandbox.info().data_controller_id.clone();
    let outcome =
        invoke(&window, "create_data_subject", subject_input(&controller, "cut-tls@example.com")).unwrap();
    assert_eq!(outcome["confirmedByReadBack"], true, "{outcome}");
    assert_eq!(sandbox.stats().mutations, 1, "sent once, never again");
}

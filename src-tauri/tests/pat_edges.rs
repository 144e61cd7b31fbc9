//! Where a PAT goes, and that a forget forgets: a PAT is filed under the environment the page
//! showed when it was typed (refused if that changed meanwhile); a forget is honoured even when
//! the keychain refuses to delete while still reading; forgetting never waits behind a sign-in;
//! a client built from a PAT read before a forget is never installed; "session only" leaves no
//! older keychain copy behind to come back after a restart.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use dxtra_wizard_lib::error::AppError;
use dxtra_wizard_lib::keychain::{SecretStore, SessionMemory};
use dxtra_wizard_lib::settings::MemorySettings;
use secrecy::SecretString;
use serde_json::json;

/// A keychain over memory that the test steers: reads can be slowed, deletes refused.
#[derive(Default)]
struct Steered {
    inner: SessionMemory,
    refuse_delete: AtomicBool,
    slow_reads: AtomicBool,
}

struct Shared(Arc<Steered>);

impl SecretStore for Shared {
    fn name(&self) -> &'static str {
        "the test's keychain"
    }
    /// A slow read answers what the keychain held when it began (a read that waited on a prompt).
    fn get(&self, key: &str) -> Result<Option<SecretString>, AppError> {
        let value = self.0.inner.get(key);
        if self.0.slow_reads.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(800));
        }
        value
    }
    fn set(&self, key: &str, secret: &SecretString) -> Result<(), AppError> {
        self.0.inner.set(key, secret)
    }
    fn delete(&self, key: &str) -> Result<(), AppError> {
        if self.0.refuse_delete.load(Ordering::SeqCst) {
            return Err(AppError::Keychain { detail: "the keyring refused to delete".into() });
        }
        self.0.inner.delete(key)
    }
}

fn steered_window() -> (Window, Arc<Steered>) {
    let keychain = Arc::new(Steered::default());
    let window =
        window_of(Box::new(Shared(keychain.clone())), Box::new(MemorySettings::default()), quick_config());
    (window, keychain)
}

/// Points the window at `sandbox` as Custom and saves its PAT in the (test's) keychain.
fn custom_with_keychain_pat(window: &Window, sandbox: &dxtra_sandbox::Sandbox) {
    let info = sandbox.info();
    invoke(window, "save_settings", json!({ "patch": { "environment": "custom", "customAuthUrl": info.auth_url, "customGraphqlUrl": info.graphql_url } })).unwrap();
    invoke(
        window,
        "save_pat",
        json!({ "pat": info.personal_access_token, "sessionOnly": false, "key": key_of(window) }),
    )
    .unwrap();
}

#[test]
fn a_pat_typed_for_one_environment_is_never_filed_under_another() {
    let window = window();
    let typed_for = key_of(&window);
    assert_eq!(typed_for, "sandbox");
    // Meanwhile (a keychain prompt open, say) the user picked Production.
    invoke(&window, "save_settings", json!({ "patch": { "environment": "production" } })).unwrap();
    let error = invoke(
        &window,
        "save_pat",
        json!({ "pat": dxtra_sandbox::DEMO_PAT, "sessionOnly": true, "key": typed_for }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "environment-changed", "{error}");
    assert!(error["message"].as_str().unwrap().contains("meant for the Sandbox"), "{error}");
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(status["pat"]["saved"], false, "Production got no PAT: {status}");
    let forget = invoke(&window, "forget_pat", json!({ "key": "sandbox" })).unwrap_err();
    assert_eq!(forget["kind"], "environment-changed");
}

#[test]
fn a_forget_is_honoured_when_the_keychain_refuses_to_delete_but_still_reads() {
    let (_runtime, sandbox) = own_sandbox();
    let (window, keychain) = steered_window();
    custom_with_keychain_pat(&window, &sandbox);
    invoke(&window, "sign_in", json!({})).unwrap();
    keychain.refuse_delete.store(true, Ordering::SeqCst);
    let error = invoke(&window, "forget_pat", json!({ "key": key_of(&window) })).unwrap_err();
    assert_eq!(error["kind"], "keychain", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("will not be used again in this session") && message.contains("after a restart"),
        "{message}"
    );
    // The keychain still holds it, yet the app says and does what it said.
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(status["pat"]["saved"], false, "{status}");
    let signins = sandbox.stats().signin_requests;
    let refused = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(refused["kind"], "missing-pat", "{refused}");
    assert_eq!(sandbox.stats().signin_requests, signins, "the forgotten PAT was not sent");
    // A new save lifts the forget.
    keychain.refuse_delete.store(false, Ordering::SeqCst);
    invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": false, "key": key_of(&window) }),
    )
    .unwrap();
    invoke(&window, "sign_in", json!({})).expect("the new PAT signs in");
}

/// An auth server that takes a request and holds it unanswered; `holding` is true from the
/// request's arrival until the client gives up and closes the connection.
fn black_hole() -> (String, Arc<AtomicBool>) {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let holding = Arc::new(AtomicBool::new(false));
    let flag = holding.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut buffer = [0u8; 4096];
            if stream.read(&mut buffer).unwrap_or(0) == 0 {
                continue;
            }
            flag.store(true, Ordering::SeqCst);
            while stream.read(&mut buffer).unwrap_or(0) > 0 {}
            flag.store(false, Ordering::SeqCst);
        }
    });
    (url, holding)
}

#[test]
fn forgetting_does_not_wait_behind_a_sign_in_the_server_has_not_answered() {
    let (_runtime, sandbox) = own_sandbox();
    let (window, keychain) = steered_window();
    let (auth_url, holding) = black_hole();
    invoke(&window, "save_settings", json!({ "patch": { "environment": "custom", "customAuthUrl": auth_url, "customGraphqlUrl": sandbox.info().graphql_url } })).unwrap();
    invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": false, "key": key_of(&window) }),
    )
    .unwrap();
    let signing_in = {
        let window = window.clone();
        std::thread::spawn(move || invoke(&window, "sign_in", json!({})))
    };
    while !holding.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let forgotten = invoke(&window, "forget_pat", json!({ "key": key_of(&window) })).unwrap();
    assert_eq!(forgotten["saved"], false);
    assert!(
        holding.load(Ordering::SeqCst),
        "the forget came back while the sign-in still waited for its answer"
    );
    let key = key_of(&window).as_str().unwrap().to_owned();
    assert!(keychain.inner.get(&key).unwrap().is_none(), "deleted from the keychain at once");
    let _ = signing_in.join();
}

#[test]
fn a_client_built_from_a_pat_read_before_a_forget_is_never_installed() {
    let (_runtime, sandbox) = own_sandbox();
    let (window, keychain) = steered_window();
    custom_with_keychain_pat(&window, &sandbox);
    // The sign-in reads the PAT slowly (an unlock prompt); the forget lands meanwhile.
    keychain.slow_reads.store(true, Ordering::SeqCst);
    let signing_in = {
        let window = window.clone();
        std::thread::spawn(move || invoke(&window, "sign_in", json!({})))
    };
    std::thread::sleep(Duration::from_millis(300));
    keychain.slow_reads.store(false, Ordering::SeqCst);
    invoke(&window, "forget_pat", json!({ "key": key_of(&window) })).unwrap();
    let outcome = signing_in.join().unwrap();
    assert_eq!(outcome.unwrap_err()["kind"], "missing-pat", "the forgotten PAT did not sign in");
    assert_eq!(sandbox.stats().signin_requests, 0, "nothing was sent with it");
}

#[test]
fn session_only_leaves_no_older_keychain_pat_to_come_back_after_a_restart() {
    let (_runtime, sandbox) = own_sandbox();
    let (window, keychain) = steered_window();
    custom_with_keychain_pat(&window, &sandbox);
    let key = key_of(&window).as_str().unwrap().to_owned();
    assert!(keychain.inner.get(&key).unwrap().is_some());
    let saved = invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": true, "key": key }),
    )
    .unwrap();
    assert_eq!(saved["store"], "this session only (memory, never written)");
    assert!(saved.get("warning").is_none(), "{saved}");
    assert!(keychain.inner.get(&key).unwrap().is_none(), "the older keychain copy is gone");

    // When the keychain refuses to delete, the answer says so.
    invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": false, "key": key }),
    )
    .unwrap();
    keychain.refuse_delete.store(true, Ordering::SeqCst);
    let saved = invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": true, "key": key }),
    )
    .unwrap();
    assert!(saved["warning"].as_str().unwrap().contains("would be after a restart"), "{saved}");
}

#[test]
fn a_pat_echoed_by_the_server_reaches_no_error_log_or_diagnostics() {
    let (_runtime, sandbox) = own_sandbox();
    let (window, _keychain) = steered_window();
    custom_with_keychain_pat(&window, &sandbox);
    let pat = sandbox.info().personal_access_token.clone();
    let body = json!({ "status": 401, "error": "invalid-pat", "message": format!("invalid token {}", pat.to_uppercase()) });
    sandbox.set_fault(
        dxtra_sandbox::Route::SignIn,
        dxtra_sandbox::Fault::Json { status: 401, body: body.to_string() },
    );
    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(error["kind"], "invalid-pat", "{error}");
    assert!(error["message"].as_str().unwrap().contains("invalid token [redacted]"), "{error}");
    let log = invoke(&window, "request_log", json!({})).unwrap();
    let about = invoke(&window, "about", json!({})).unwrap();
    for (what, text) in
        [("error", error.to_string()), ("request log", log.to_string()), ("diagnostics", about.to_string())]
    {
        assert!(
            !text.to_ascii_lowercase().contains(&pat.to_ascii_lowercase()),
            "{what} holds the PAT: {text}"
        );
    }
    assert!(log.to_string().contains("[redacted]"), "the log shows where it was: {log}");
}

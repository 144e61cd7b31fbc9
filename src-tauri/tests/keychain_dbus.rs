//! The real keychain's failure modes, over real D-Bus sessions (run by tests/run.sh, one at a time,
//! each in the session it needs): no Secret Service at all, and the entry deleted outside the app
//! between two runs. Each ends with a clear message and a way forward, never a freeze or a crash.
//! (A keyring waiting on its unlock prompt is `keychain_waits.rs`: the prompt cannot be answered
//! from a test, so a store that waits the same way stands in for it.)

mod common;

use std::process::Command;

use common::*;
use dxtra_wizard_lib::keychain::Keychain;
use serde_json::json;

#[test]
#[ignore = "needs a D-Bus session without a Secret Service: tests/run.sh runs it"]
fn with_no_secret_service_the_user_is_told_and_may_keep_the_pat_for_this_session() {
    let window = window_with(Box::new(Keychain));
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    let problem = status["pat"]["keychainError"].as_str().expect("the keychain's problem is said");
    assert!(problem.contains("cannot be used"), "{problem}");
    let error = invoke(&window, "start_sandbox", json!({ "useDemo": false })).map(|_| ()).and_then(|()| invoke(&window, "save_pat", json!({ "pat": dxtra_sandbox::DEMO_PAT, "sessionOnly": false })).map(|_| ())).unwrap_err();
    assert_eq!(error["kind"], "keychain-unavailable", "{error}");
    assert!(error["hint"].as_str().unwrap().contains("this session only"), "a way forward");
    let saved = invoke(&window, "save_pat", json!({ "pat": dxtra_sandbox::DEMO_PAT, "sessionOnly": true })).unwrap();
    assert_eq!(saved["saved"], true);
    invoke(&window, "sign_in", json!({})).expect("the session-only PAT signs in");
}

#[test]
#[ignore = "needs GNOME Keyring in a D-Bus session: tests/run.sh runs it in tests/e2e/with-desktop.sh"]
fn an_entry_deleted_outside_the_app_between_runs_asks_for_the_pat_again() {
    let _ = Command::new("secret-tool").args(["clear", "service", dxtra_wizard_lib::keychain::SERVICE]).status();
    let window = window_with(Box::new(Keychain));
    invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(status["pat"]["store"], "the system keyring (Secret Service)", "{status}");
    drop(window);

    // Deleted outside the app (a keyring manager, another tool) before the next run.
    let cleared = Command::new("secret-tool").args(["clear", "service", dxtra_wizard_lib::keychain::SERVICE, "username", "pat:sandbox"]).status().unwrap();
    assert!(cleared.success());

    let window = window_with(Box::new(Keychain));
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(status["pat"]["saved"], false, "{status}");
    assert!(status["pat"]["keychainError"].is_null(), "not an error, just absent");
    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(error["kind"], "missing-pat");
    assert!(error["hint"].as_str().unwrap().contains("Paste"), "the way forward: paste it again");
}

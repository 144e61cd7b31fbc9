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
    let error = invoke(&window, "start_sandbox", json!({ "useDemo": false }))
        .map(|_| ())
        .and_then(|()| {
            invoke(
                &window,
                "save_pat",
                json!({ "pat": dxtra_sandbox::DEMO_PAT, "sessionOnly": false, "key": key_of(&window) }),
            )
            .map(|_| ())
        })
        .unwrap_err();
    assert_eq!(error["kind"], "keychain-unavailable", "{error}");
    assert!(error["hint"].as_str().unwrap().contains("this session only"), "a way forward");
    let saved = invoke(
        &window,
        "save_pat",
        json!({ "pat": dxtra_sandbox::DEMO_PAT, "sessionOnly": true, "key": key_of(&window) }),
    )
    .unwrap();
    assert_eq!(saved["saved"], true);
    invoke(&window, "sign_in", json!({})).expect("the session-only PAT signs in");
}

#[test]
#[ignore = "needs GNOME Keyring in a D-Bus session: tests/run.sh runs it in tests/e2e/with-desktop.sh"]
fn an_entry_deleted_outside_the_app_between_runs_asks_for_the_pat_again() {
    let _ =
        Command::new("secret-tool").args(["clear", "service", dxtra_wizard_lib::keychain::SERVICE]).status();
    let window = window_with(Box::new(Keychain));
    invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(status["pat"]["store"], "your desktop's keyring", "{status}");
    drop(window);

    // Deleted outside the app (a keyring manager, another tool) before the next run.
    let cleared = Command::new("secret-tool")
        .args(["clear", "service", dxtra_wizard_lib::keychain::SERVICE, "username", "pat:sandbox"])
        .status()
        .unwrap();
    assert!(cleared.success());

    let window = window_with(Box::new(Keychain));
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(status["pat"]["saved"], false, "{status}");
    assert!(status["pat"]["keychainError"].is_null(), "not an error, just absent");
    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(error["kind"], "missing-pat");
    assert!(error["hint"].as_str().unwrap().contains("Paste"), "the way forward: paste it again");
}

/// Locks GNOME Keyring's login collection, as a screen lock or a timeout does.
fn lock_login_keyring() {
    let locked = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(locked.success(), "the keyring locks");
}

fn prompter_running() -> bool {
    Command::new("pgrep").args(["-f", "gcr-prompter"]).output().map(|o| o.status.success()).unwrap_or(false)
}

#[test]
#[ignore = "needs GNOME Keyring and a display: tests/run.sh runs it in its own tests/e2e/with-desktop.sh session"]
fn a_locked_keyring_with_its_unlock_prompt_open_freezes_nothing() {
    let window = window_with(Box::new(Keychain));
    invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    lock_login_keyring();
    // Let the keyring's prompter open its window on this display.
    let display = std::env::var("DISPLAY").expect("a display (xvfb-run)");
    let xauthority = std::env::var("XAUTHORITY").unwrap_or_default();
    let _ = Command::new("dbus-update-activation-environment")
        .args([format!("DISPLAY={display}"), format!("XAUTHORITY={xauthority}")])
        .status();

    let (sender, loading) = std::sync::mpsc::channel();
    {
        let window = window.clone();
        std::thread::spawn(move || {
            let _ = sender.send(invoke(&window, "get_settings", json!({})));
        });
    }
    let started = std::time::Instant::now();
    while !prompter_running() {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            panic!("no prompt; the load gave {:?}", loading.try_recv().map(|r| r.map(|v| v["pat"].clone())));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(loading.try_recv().is_err(), "reading the PAT waits for the prompt");
    // Meanwhile the app answers.
    for command in ["code_snippets", "session_status", "request_log"] {
        let (tx, rx) = std::sync::mpsc::channel();
        let window = window.clone();
        std::thread::spawn(move || {
            let _ = tx.send(invoke(&window, command, json!({})));
        });
        let answer = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("{command} froze behind the prompt"));
        assert!(answer.is_ok(), "{command}: {answer:?}");
    }
    // The user dismisses the prompt: a clear message and a way forward, no freeze, no crash.
    let _ = Command::new("pkill").args(["-f", "gcr-prompter"]).status();
    let status = loading
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the load ends when the prompt is dismissed")
        .unwrap();
    assert_eq!(status["pat"]["saved"], false, "{status}");
    assert!(
        status["pat"]["keychainError"].as_str().is_some_and(|e| !e.is_empty()),
        "the keychain's problem is said: {status}"
    );
    let error = invoke(
        &window,
        "save_pat",
        json!({ "pat": dxtra_sandbox::DEMO_PAT, "sessionOnly": true, "key": key_of(&window) }),
    )
    .unwrap();
    assert_eq!(error["saved"], true, "the way forward: this session only");
}

//! A keychain waiting on an unlock prompt freezes nothing: its calls run on blocking threads, never
//! while the wizard's lock is held, so every other command answers meanwhile; and forgetting the PAT
//! when the keychain is unusable still drops it, saying what could not be deleted where.

mod common;

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use common::*;
use dxtra_wizard_lib::error::AppError;
use dxtra_wizard_lib::keychain::SecretStore;
use secrecy::SecretString;
use serde_json::json;

/// A keychain whose every call waits until the user "answers the unlock prompt".
#[derive(Clone, Default)]
struct Prompting(Arc<(Mutex<bool>, Condvar)>);

impl Prompting {
    fn wait(&self) {
        let (answered, signal) = &*self.0;
        let mut answered = answered.lock().unwrap();
        while !*answered {
            answered = signal.wait(answered).unwrap();
        }
    }
    fn answer(&self) {
        *self.0 .0.lock().unwrap() = true;
        self.0 .1.notify_all();
    }
}

impl SecretStore for Prompting {
    fn name(&self) -> &'static str {
        "a locked keyring"
    }
    fn get(&self, _: &str) -> Result<Option<SecretString>, AppError> {
        self.wait();
        Ok(None)
    }
    fn set(&self, _: &str, _: &SecretString) -> Result<(), AppError> {
        self.wait();
        Ok(())
    }
    fn delete(&self, _: &str) -> Result<(), AppError> {
        self.wait();
        Ok(())
    }
}

/// Runs `command` on its own thread; its answer, or None if it has not come within `within`.
fn answer_within(
    window: &Window,
    command: &'static str,
    within: Duration,
) -> Option<Result<serde_json::Value, serde_json::Value>> {
    let (sender, receiver) = mpsc::channel();
    let window = window.clone();
    std::thread::spawn(move || {
        let _ = sender.send(invoke(&window, command, json!({})));
    });
    receiver.recv_timeout(within).ok()
}

#[test]
fn a_keychain_waiting_on_its_unlock_prompt_freezes_no_other_command() {
    let prompt = Prompting::default();
    let window = window_with(Box::new(prompt.clone()));
    // The start-up load asks the keychain and waits on the prompt...
    let (sender, loading) = mpsc::channel();
    {
        let window = window.clone();
        std::thread::spawn(move || {
            let _ = sender.send(invoke(&window, "get_settings", json!({})));
        });
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(loading.try_recv().is_err(), "the load waits for the prompt");
    // The first draw's quick load does not: settings now, the PAT's status marked pending.
    let quick = {
        let (sender, receiver) = mpsc::channel();
        let window = window.clone();
        std::thread::spawn(move || {
            let _ = sender.send(invoke(&window, "get_settings", json!({ "quick": true })));
        });
        receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the quick load froze behind the keychain")
            .unwrap()
    };
    assert_eq!(
        (quick["pat"]["pending"].as_bool(), quick["pat"]["saved"].as_bool()),
        (Some(true), Some(false)),
        "{quick}"
    );
    assert_eq!(quick["settings"]["environment"], "sandbox");
    // ...while the rest of the app answers.
    for command in ["code_snippets", "session_status", "request_log"] {
        let answer = answer_within(&window, command, Duration::from_secs(20))
            .unwrap_or_else(|| panic!("{command} froze behind the keychain"));
        assert!(answer.is_ok(), "{command}: {answer:?}");
    }
    prompt.answer();
    let status = loading
        .recv_timeout(Duration::from_secs(20))
        .expect("the load ends once the prompt is answered")
        .unwrap();
    assert_eq!(status["pat"]["saved"], false);
    assert!(status["pat"].get("pending").is_none(), "read, so no longer pending: {status}");
}

#[test]
fn forgetting_with_an_unusable_keychain_still_drops_the_pat_and_says_what_was_not_deleted() {
    let window = window_with(Box::new(NoKeychain));
    invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    invoke(&window, "sign_in", json!({})).unwrap();
    let error = invoke(&window, "forget_pat", json!({ "key": key_of(&window) })).unwrap_err();
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("will not be used again in this session") && message.contains("pat:sandbox"),
        "{message}"
    );
    let again = invoke(&window, "sign_in", json!({})).unwrap_err();
    // No PAT is left anywhere to sign in with (the keychain, unusable, is said to be so).
    assert!(
        matches!(again["kind"].as_str(), Some("missing-pat" | "keychain-unavailable")),
        "the old PAT signs in no more: {again}"
    );
    assert!(invoke(&window, "session_status", json!({})).unwrap().is_null(), "the session is gone too");
}

#[test]
fn switching_environment_does_not_wait_on_the_keychain_prompt() {
    let prompt = Prompting::default();
    let window = window_with(Box::new(prompt.clone()));
    let (sender, switched) = mpsc::channel();
    {
        let window = window.clone();
        std::thread::spawn(move || {
            let _ = sender.send(invoke(
                &window,
                "save_settings",
                json!({ "patch": { "environment": "production" } }),
            ));
        });
    }
    let status = switched
        .recv_timeout(Duration::from_secs(20))
        .expect("the switch froze behind the keychain's unlock prompt")
        .unwrap();
    assert_eq!(status["settings"]["environment"], "production");
    assert_eq!(
        status["pat"]["pending"], true,
        "the PAT's status follows once the keychain answers: {status}"
    );
    prompt.answer();
}

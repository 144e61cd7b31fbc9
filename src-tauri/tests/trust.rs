//! The command layer keeps its word: one mutation per intent (a second concurrent create is
//! refused, a lost answer is read back before anything is said), progress and PATs kept per
//! environment, a result that survives a failed save, and a verification whose checks stand alone.

mod common;

use std::time::Duration;

use common::*;
use dxtra_sandbox::{Fault, Route};
use serde_json::json;

#[test]
fn a_second_create_while_one_is_in_flight_is_refused_and_never_sent() {
    let (_runtime, sandbox) = own_sandbox();
    let window = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        dxtra_api::ClientConfig::default(),
    );
    use_custom(&window, &sandbox);
    invoke(&window, "sign_in", json!({})).unwrap();
    let controller = sandbox.info().data_controller_id.clone();
    // The action takes a while: the first call is still waiting when the second arrives.
    sandbox.set_fault(Route::GraphQl, Fault::Delay(Duration::from_millis(1500)));
    let first = {
        let window = window.clone();
        let input = subject_input(&controller, "once@example.com");
        std::thread::spawn(move || invoke(&window, "create_data_subject", input))
    };
    std::thread::sleep(Duration::from_millis(400));
    let second =
        invoke(&window, "create_data_subject", subject_input(&controller, "once@example.com")).unwrap_err();
    assert_eq!(second["kind"], "mutation-in-flight", "{second}");
    assert!(second["message"].as_str().unwrap().starts_with("a data subject is being created"), "{second}");
    assert!(second["hint"].as_str().unwrap().contains("Wait"));
    let first = first.join().unwrap().expect("the first one is recorded");
    assert!(first["dataSubjectId"].is_string());
    assert_eq!(sandbox.stats().mutations, 1, "exactly one mutation reached the server");
    sandbox.clear_faults();
    // Once the first has answered, a new intent may be sent.
    invoke(&window, "create_data_subject", subject_input(&controller, "twice@example.com")).unwrap();
    assert_eq!(sandbox.stats().mutations, 2);
}

/// After the answer, the same input again (a click that came late, a reflex Enter, a script's
/// retry) is refused unsent; a changed field, or a call that says it is meant, is sent.
#[test]
fn the_same_input_right_after_it_was_recorded_is_refused_unless_meant() {
    let (_runtime, sandbox) = own_sandbox();
    let window = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        quick_config(),
    );
    use_custom(&window, &sandbox);
    let controller = sandbox.info().data_controller_id.clone();
    invoke(&window, "create_data_subject", subject_input(&controller, "ada@example.com")).unwrap();

    let mut same = subject_input(&controller, "Ada@Example.com");
    let refused = invoke(&window, "create_data_subject", same.clone()).unwrap_err();
    assert_eq!(refused["kind"], "repeated-create", "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("s ago"), "{refused}");
    assert!(refused["hint"].as_str().unwrap().contains("record the same event twice"), "{refused}");
    assert_eq!(sandbox.stats().mutations, 1, "refused unsent");

    same["again"] = json!(true);
    invoke(&window, "create_data_subject", same).expect("meant: sent");
    assert_eq!(sandbox.stats().mutations, 2);
    let mut other_event = subject_input(&controller, "ada@example.com");
    other_event["input"]["event"] = json!("consent_given");
    invoke(&window, "create_data_subject", other_event).expect("another event: sent");
    assert_eq!(sandbox.stats().mutations, 3);
}

#[test]
fn a_lost_answer_is_read_back_before_anything_is_said() {
    let (_runtime, sandbox) = own_sandbox();
    let window = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        quick_config(),
    );
    use_custom(&window, &sandbox);
    let controller = sandbox.info().data_controller_id.clone();

    // Recorded, answer cut off: found by email, reported as the success it is.
    sandbox.set_fault_times(Route::GraphQl, Fault::Truncated, 1);
    let created =
        invoke(&window, "create_data_subject", subject_input(&controller, "cut@example.com")).unwrap();
    assert_eq!(created["confirmedByReadBack"], true, "{created}");
    assert_eq!(sandbox.stats().mutations, 1);
    assert_eq!(invoke(&window, "get_settings", json!({})).unwrap()["settings"]["stepReached"], 4);

    // Recorded, answer held back past the timeout: also found.
    sandbox.set_fault_times(Route::GraphQl, Fault::Delay(Duration::from_secs(2)), 1);
    let created =
        invoke(&window, "create_data_subject", subject_input(&controller, "slow@example.com")).unwrap();
    assert_eq!(created["confirmedByReadBack"], true, "{created}");
    assert_eq!(sandbox.stats().mutations, 2);

    // A gateway gives up at once while the service records it a little later: the read-back
    // waits for the service to settle and finds it.
    let late = |answer_ms, record_ms| Fault::Late {
        answer_after: Duration::from_millis(answer_ms),
        record_after: Duration::from_millis(record_ms),
    };
    sandbox.set_fault_times(Route::GraphQl, late(0, 600), 1);
    let created =
        invoke(&window, "create_data_subject", subject_input(&controller, "late@example.com")).unwrap();
    assert_eq!(created["confirmedByReadBack"], true, "{created}");
    assert_eq!(sandbox.stats().mutations, 3);

    // The 504 comes late too (0.8 s, within the 1 s timeout) and the record later still (1.6 s,
    // past the timeout counted from sending): the settle counts from the 504, so it is found,
    // not called "not recorded" (which would invite a second create).
    sandbox.set_fault_times(Route::GraphQl, late(800, 1600), 1);
    let created =
        invoke(&window, "create_data_subject", subject_input(&controller, "later@example.com")).unwrap();
    assert_eq!(created["confirmedByReadBack"], true, "{created}");
    assert_eq!(sandbox.stats().mutations, 4);

    // Refused before the service carried it out: once the service cannot be working on it any
    // more, reading back shows it is safe to send again.
    let webhook = Fault::Json { status: 200, body: r#"{"errors":[{"message":"http exception when calling webhook","extensions":{"path":"$","code":"unexpected"}}]}"#.into() };
    for fault in [Fault::ServerError(502), Fault::MalformedJson, Fault::DropConnection, webhook] {
        sandbox.set_fault_times(Route::GraphQl, fault.clone(), 1);
        let error = invoke(&window, "create_data_subject", subject_input(&controller, "lost@example.com"))
            .unwrap_err();
        assert_eq!(error["kind"], "not-recorded", "{fault:?}: {error}");
        assert!(error["hint"].as_str().unwrap().contains("safe to create it again"));
    }
    assert_eq!(sandbox.stats().mutations, 4, "nothing was sent twice");

    // A sign-in that fails before the mutation is sent is no uncertain outcome.
    let fresh = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        quick_config(),
    );
    use_custom(&fresh, &sandbox);
    sandbox.set_fault(Route::SignIn, Fault::ServerError(500));
    let error =
        invoke(&fresh, "create_data_subject", subject_input(&controller, "never@example.com")).unwrap_err();
    assert_eq!(error["kind"], "server-error", "{error}");
    sandbox.clear_faults();
    assert_eq!(sandbox.stats().mutations, 4);

    // Nothing can be read back: it may have been recorded; the dashboard decides, never "try again".
    sandbox.set_fault(Route::GraphQl, Fault::ServerError(500));
    let error = invoke(&window, "create_data_subject", subject_input(&controller, "unknown@example.com"))
        .unwrap_err();
    assert_eq!(error["kind"], "outcome-unknown", "{error}");
    let text = format!("{} {}", error["message"], error["hint"]).to_lowercase();
    assert!(text.contains("may have been recorded") && text.contains("data subject support"), "{text}");
    assert!(!text.contains("try again"), "{text}");
    sandbox.clear_faults();
}

/// "Not recorded, safe to create again" needs a read by email seen to work on this server: a
/// first create whose answer is lost, on a client that has never found a subject by email, may
/// have been recorded; once a create has been read back by its email, the verdict is given.
#[test]
fn not_recorded_is_said_only_once_the_read_by_email_was_seen_to_work() {
    let (_runtime, sandbox) = own_sandbox();
    let window = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        quick_config(),
    );
    use_custom(&window, &sandbox);
    let controller = sandbox.info().data_controller_id.clone();

    sandbox.set_fault_times(Route::GraphQl, Fault::ServerError(502), 1);
    let error =
        invoke(&window, "create_data_subject", subject_input(&controller, "first@example.com")).unwrap_err();
    assert_eq!(error["kind"], "outcome-unknown", "{error}");
    assert!(error["message"].as_str().unwrap().contains("proves nothing"), "{error}");
    assert_eq!(sandbox.stats().mutations, 0);

    invoke(&window, "create_data_subject", subject_input(&controller, "known@example.com")).unwrap();
    sandbox.set_fault_times(Route::GraphQl, Fault::ServerError(502), 1);
    let error =
        invoke(&window, "create_data_subject", subject_input(&controller, "first@example.com")).unwrap_err();
    assert_eq!(error["kind"], "not-recorded", "{error}");
    assert_eq!(sandbox.stats().mutations, 1, "one create, nothing repeated");
}

#[test]
fn progress_belongs_to_its_environment_and_a_pat_to_its_origin() {
    let (_runtime, sandbox) = own_sandbox();
    let (_runtime2, other) = own_sandbox();
    let window = window();
    // A finished Sandbox run.
    let status = invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    let demo_controller = status["demoControllerId"].as_str().unwrap().to_owned();
    invoke(&window, "sign_in", json!({})).unwrap();
    let created =
        invoke(&window, "create_data_subject", subject_input(&demo_controller, "sandbox@example.com"))
            .unwrap();
    assert_eq!(invoke(&window, "get_settings", json!({})).unwrap()["settings"]["stepReached"], 4);

    // Production starts afresh: no step 4, no controller, no subject; snippets and verify follow.
    let production =
        invoke(&window, "save_settings", json!({ "patch": { "environment": "production" } })).unwrap();
    assert_eq!(production["settings"]["stepReached"], 1);
    assert_eq!(production["settings"]["controllerId"], "");
    assert!(production["settings"]["created"].is_null());
    assert_eq!(invoke(&window, "code_snippets", json!({})).unwrap()["controllerId"], "YOUR_CONTROLLER_ID");
    assert_eq!(invoke(&window, "verify", json!({})).unwrap_err()["kind"], "invalid-input");
    // The page cannot skip steps either.
    let skipped = invoke(&window, "save_settings", json!({ "patch": { "stepReached": 4 } })).unwrap();
    assert_eq!(skipped["settings"]["stepReached"], 2);

    // Back in the Sandbox: its own progress is there.
    let back = invoke(&window, "save_settings", json!({ "patch": { "environment": "sandbox" } })).unwrap();
    assert_eq!(back["settings"]["stepReached"], 4);
    assert_eq!(back["settings"]["created"]["dataSubjectId"], created["dataSubjectId"]);

    // Custom: the PAT saved for one auth origin is never sent to another.
    use_custom(&window, &sandbox);
    invoke(&window, "sign_in", json!({})).unwrap();
    let moved = invoke(&window, "save_settings", json!({ "patch": { "customAuthUrl": other.info().auth_url, "customGraphqlUrl": other.info().graphql_url } })).unwrap();
    assert_eq!(moved["pat"]["pending"], true, "a switch does not wait for the keychain: {moved}");
    let moved = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(moved["pat"]["saved"], false, "another origin asks for its own PAT");
    assert_ne!(moved["settings"]["progressKey"], back["settings"]["progressKey"]);
    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(error["kind"], "missing-pat");
    assert_eq!(other.stats().signin_requests, 0, "nothing was sent to the new origin");
    let again = invoke(&window, "save_settings", json!({ "patch": { "customAuthUrl": sandbox.info().auth_url, "customGraphqlUrl": sandbox.info().graphql_url } })).unwrap();
    assert_eq!(again["settings"]["stepReached"], 3);
    let again = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(again["pat"]["saved"], true, "the first origin keeps its PAT");
}

#[test]
fn a_recorded_subject_survives_a_failed_save() {
    let (_runtime, sandbox) = own_sandbox();
    let settings = std::sync::Arc::new(dxtra_wizard_lib::settings::MemorySettings::default());
    let window = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(SharedSettings(settings.clone())),
        quick_config(),
    );
    use_custom(&window, &sandbox);
    settings.1.store(true, std::sync::atomic::Ordering::SeqCst);
    let created = invoke(
        &window,
        "create_data_subject",
        subject_input(&sandbox.info().data_controller_id, "kept@example.com"),
    )
    .unwrap();
    assert!(created["dataSubjectId"].is_string());
    assert!(created["progressWarning"].as_str().unwrap().contains("could not be saved"), "{created}");
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(
        status["settings"]["created"]["dataSubjectId"], created["dataSubjectId"],
        "shown for this session"
    );
}

#[test]
fn each_check_of_the_verification_stands_alone() {
    let (_runtime, sandbox) = own_sandbox();
    let window = window_of(
        Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
        Box::new(dxtra_wizard_lib::settings::MemorySettings::default()),
        quick_config(),
    );
    use_custom(&window, &sandbox);
    invoke(
        &window,
        "create_data_subject",
        subject_input(&sandbox.info().data_controller_id, "checked@example.com"),
    )
    .unwrap();
    let states = |v: &serde_json::Value| {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["state"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };

    let all = invoke(&window, "verify", json!({})).unwrap();
    assert_eq!(states(&all), ["confirmed", "confirmed", "dashboard"]);
    assert_eq!(all["finished"], true);

    // The third read (the activity log) fails: the subject is still confirmed, the step unfinished.
    sandbox.set_fault_on_nth(Route::GraphQl, Fault::ServerError(500), 3);
    let partly = invoke(&window, "verify", json!({})).unwrap();
    assert_eq!(states(&partly), ["confirmed", "failed", "dashboard"], "{partly}");
    assert!(partly["checks"][1]["detail"].as_str().unwrap().contains("HTTP 500"));
    assert_eq!(partly["finished"], false);

    // This deployment's schema has no such read: not a failure, the dashboard confirms it.
    sandbox.set_fault_on_nth(Route::GraphQl, Fault::Json { status: 200, body: r#"{"errors":[{"message":"field 'processingActivities' not found in type: 'query_root'","extensions":{"path":"$","code":"validation-failed"}}]}"#.into() }, 3);
    let other_schema = invoke(&window, "verify", json!({})).unwrap();
    assert_eq!(states(&other_schema), ["confirmed", "dashboard", "dashboard"], "{other_schema}");
    assert!(other_schema["checks"][1]["detail"].as_str().unwrap().contains("processingActivities"));
    assert_eq!(other_schema["finished"], true);

    // The API does not answer at all: nothing is "done".
    sandbox.set_fault(Route::GraphQl, Fault::ServerError(500));
    let down = invoke(&window, "verify", json!({})).unwrap();
    assert_eq!(states(&down), ["failed", "failed", "dashboard"], "{down}");
    assert_eq!(down["finished"], false);
    sandbox.clear_faults();

    // Introspection refused: nothing can be confirmed by the API, and the step still ends.
    sandbox.set_fault_times(Route::GraphQl, Fault::Json { status: 200, body: r#"{"errors":[{"message":"introspection is disabled","extensions":{"path":"$","code":"validation-failed"}}]}"#.into() }, 1);
    let blind = invoke(&window, "verify", json!({})).unwrap();
    assert_eq!(states(&blind), ["dashboard", "dashboard", "dashboard"]);
    assert!(blind["checks"][0]["detail"].as_str().unwrap().contains("introspection is disabled"));
}

//! The command layer on Tauri's mock runtime, with the real config and capability file: every
//! command is reachable through IPC, answers the webview with no secret, and errors arrive as
//! `{kind, message, hint}`.

mod common;

use common::*;
use serde_json::json;

#[test]
fn the_wizard_runs_through_ipc_and_no_secret_reaches_the_webview() {
    let window = window();
    let first = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(first["settings"]["environment"], "sandbox", "the Sandbox is selected on first launch");
    assert_eq!(first["settings"]["stepReached"], 1);
    assert!(first["authUrl"].as_str().unwrap().starts_with("http://127.0.0.1:"));
    assert_eq!(first["pat"]["saved"], false);

    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(error["kind"], "missing-pat");
    assert!(error["hint"].as_str().unwrap().contains("API Keys"));

    let status = invoke(&window, "start_sandbox", json!({ "useDemo": true })).unwrap();
    let controller = status["demoControllerId"].as_str().unwrap().to_owned();
    assert_eq!(status["settings"]["controllerId"], controller.as_str());
    assert_eq!(status["pat"]["masked"], "5a1d••••••••0c51");

    let session = invoke(&window, "sign_in", json!({})).unwrap();
    assert_eq!(session["roles"], json!(["user", "me"]));
    assert!(session["expiresAt"].as_u64().unwrap() > 0);
    assert_eq!(invoke(&window, "session_status", json!({})).unwrap()["userId"], session["userId"]);

    let controllers = invoke(&window, "list_controllers", json!({})).unwrap();
    assert_eq!(controllers[0]["id"], controller.as_str());

    let bad = json!({ "input": { "event": "signup", "dataControllerId": "11111111-2222-4333-8444-555555555555", "payload": { "email": "a@example.com" } } });
    let error = invoke(&window, "create_data_subject", bad).unwrap_err();
    assert_eq!(error["kind"], "foreign-key-violation");

    let input = json!({ "input": { "event": "signup", "dataControllerId": controller, "payload": { "displayName": "Test User", "email": "test@example.com", "country": "US" } } });
    let created = invoke(&window, "create_data_subject", input).unwrap();
    let subject = created["dataSubjectId"].as_str().unwrap().to_owned();
    let verified = invoke(&window, "verify", json!({})).unwrap();
    assert_eq!(verified["subject"]["id"], subject.as_str());
    let confirmed: Vec<bool> =
        verified["checks"].as_array().unwrap().iter().map(|c| c["confirmed"].as_bool().unwrap()).collect();
    assert_eq!(confirmed, [true, true, false], "the Assurance score is only in the dashboard");

    let settings = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(settings["settings"]["stepReached"], 4);
    assert_eq!(settings["settings"]["created"]["dataSubjectId"], subject.as_str());

    let snippets = invoke(&window, "code_snippets", json!({})).unwrap();
    assert_eq!(snippets["controllerId"], controller.as_str());

    let log = invoke(&window, "request_log", json!({})).unwrap();
    let operations: Vec<&str> =
        log.as_array().unwrap().iter().map(|e| e["operation"].as_str().unwrap()).collect();
    assert_eq!(operations[..3], ["signIn", "dataControllers", "createDataSubject"]);
    assert_eq!(log[0]["request"]["personalAccessToken"], "[redacted]");
    // What was on the wire: the status and the body as received, tokens redacted.
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[0]["received"]["session"]["accessToken"], "[redacted]");
    assert_eq!(log[0]["received"]["session"]["refreshToken"], "[redacted]");
    assert_eq!(log[1]["status"], 200);
    assert_eq!(log[1]["received"]["data"]["dataControllers"][0]["id"], controller.as_str());
    assert_eq!(log[2]["status"], 200, "Hasura answers a foreign-key violation with HTTP 200");
    assert!(log[2]["received"]["errors"][0]["message"].as_str().unwrap().contains("Foreign key violation"));

    // The About view: versions, and a diagnostics report naming the environment and the last error.
    let about = invoke(&window, "about", json!({})).unwrap();
    assert_eq!(about["appVersion"], env!("CARGO_PKG_VERSION"));
    assert!(about["tauriVersion"].as_str().unwrap().starts_with("2."));
    let report = about["diagnostics"].as_str().unwrap();
    for expected in [
        "Tauri 2.",
        "Environment: Sandbox",
        "PAT: saved",
        "Session: signed in",
        "foreign-key-violation",
        "OS: ",
    ] {
        assert!(report.contains(expected), "the diagnostics lack {expected:?}:\n{report}");
    }

    // In the Sandbox its practice PAT (public) is shown where a newcomer's code needs it; that
    // field aside, nothing the webview received holds the PAT or a token.
    assert_eq!(status["practicePat"], dxtra_sandbox::DEMO_PAT);
    let without_practice = |mut v: serde_json::Value| {
        if let Some(fields) = v.as_object_mut() {
            fields.remove("practicePat");
        }
        v
    };
    let everything = [first, status, session, controllers, verified, settings, snippets, log, about]
        .map(|v| without_practice(v).to_string())
        .join("\n");
    assert!(!everything.contains(dxtra_sandbox::DEMO_PAT), "the PAT reached the webview");
    assert!(!everything.contains("eyJ"), "a JWT reached the webview");
    let refresh_values = everything.split("refreshToken\":\"").skip(1);
    assert!(
        refresh_values.into_iter().all(|rest| rest.starts_with("[redacted]")),
        "a refresh token reached the webview"
    );
}

#[test]
fn bad_input_gets_a_specific_error_and_changes_nothing() {
    let window = window();
    let error =
        invoke(&window, "save_pat", json!({ "pat": "abc def", "sessionOnly": true, "key": key_of(&window) }))
            .unwrap_err();
    assert_eq!(error["kind"], "invalid-input");
    assert!(error["message"].as_str().unwrap().contains("spaces or line breaks"));
    assert_eq!(invoke(&window, "get_settings", json!({})).unwrap()["pat"]["saved"], false);

    let error = invoke(&window, "save_settings", json!({ "patch": { "environment": "custom", "customAuthUrl": "http://auth.example.com", "customGraphqlUrl": "https://api.example.com/v1/graphql" } })).unwrap_err();
    assert_eq!(error["kind"], "insecure-url");
    assert_eq!(
        invoke(&window, "get_settings", json!({})).unwrap()["settings"]["environment"],
        "sandbox",
        "nothing was saved"
    );

    let saved = invoke(
        &window,
        "save_pat",
        json!({ "pat": " 5a1db0c5-0000-4000-8000-d7a5a2db0c51\n", "sessionOnly": true, "key": key_of(&window) }),
    )
    .unwrap();
    assert_eq!(saved["store"], "this session only (memory, never written)");
    let forgotten = invoke(&window, "forget_pat", json!({ "key": key_of(&window) })).unwrap();
    assert_eq!(forgotten["saved"], false);
}

#[test]
fn the_page_says_it_is_interactive_with_or_without_its_start_up_moments() {
    let window = window();
    // Without DXTRA_BENCH the call is only logged; with marks or without, well-formed or absurd
    // numbers, the page is answered (what the benchmark prints is checked in bench.rs).
    assert!(invoke(&window, "interactive", json!({})).is_ok());
    assert!(
        invoke(&window, "interactive", json!({ "marks": { "navigation": 1.0, "scripts": null } })).is_ok()
    );
    assert!(
        invoke(&window, "interactive", json!({ "marks": { "navigation": 1e308, "settings": -5 } })).is_ok()
    );
    // A mark that is not a number is refused, as any malformed argument.
    assert!(invoke(&window, "interactive", json!({ "marks": { "navigation": "soon" } })).is_err());
}

#[test]
fn every_listed_command_answers_the_page_and_no_other_exists() {
    let window = window();
    // Each command the page may call is reachable through the capability file and the handler:
    // with no arguments it answers, or refuses its arguments, but is never unknown or forbidden
    // (a button whose command was left out of either would do nothing). Opening the logs folder
    // would start a file manager here, so it is called by the end-to-end test instead.
    for command in dxtra_wizard_lib::COMMANDS.iter().filter(|c| **c != "open_logs_folder") {
        if let Err(error) = invoke(&window, command, json!({})) {
            let text = error.to_string();
            assert!(!text.contains("not allowed") && !text.contains("not found"), "{command}: {text}");
        }
    }
    let error = invoke(&window, "delete_everything", json!({})).unwrap_err();
    assert!(error.to_string().contains("not found") || error.to_string().contains("not allowed"), "{error}");
}

#[test]
fn without_a_usable_keychain_the_user_is_told_and_may_keep_the_pat_for_this_session() {
    let window = window_with(Box::new(NoKeychain));
    let status = invoke(&window, "get_settings", json!({})).unwrap();
    assert!(status["pat"]["keychainError"].as_str().unwrap().contains("cannot be used"));

    let pat = dxtra_sandbox::DEMO_PAT;
    let error =
        invoke(&window, "save_pat", json!({ "pat": pat, "sessionOnly": false, "key": key_of(&window) }))
            .unwrap_err();
    assert_eq!(error["kind"], "keychain-unavailable");
    assert!(error["hint"].as_str().unwrap().contains("this session only"));

    let saved =
        invoke(&window, "save_pat", json!({ "pat": pat, "sessionOnly": true, "key": key_of(&window) }))
            .unwrap();
    assert_eq!(saved["store"], "this session only (memory, never written)");
    let session = invoke(&window, "sign_in", json!({})).unwrap();
    assert_eq!(session["displayName"], "Sandbox Developer", "the session-only PAT signs in");
}

/// The quoted names inside the first `[...]` after the `=` that follows `marker` in `text`.
fn names_after(text: &str, marker: &str) -> Vec<String> {
    let start = text.find(marker).unwrap_or_else(|| panic!("{marker} not found"));
    let start = start + text[start..].find('=').unwrap();
    let open = start + text[start..].find('[').unwrap();
    let close = open + text[open..].find(']').unwrap();
    text[open..close].split(['"', '\'']).skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn the_command_list_is_the_same_everywhere_it_is_mirrored() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
    let commands: Vec<String> = dxtra_wizard_lib::COMMANDS.iter().map(|c| (*c).to_owned()).collect();
    assert_eq!(names_after(&read("build.rs"), "const COMMANDS"), commands, "build.rs");
    assert_eq!(names_after(&read("../ui/ipc.js"), "export const COMMANDS"), commands, "ui/ipc.js");
    let handler: Vec<String> = read("src/lib.rs")
        .split("generate_handler![")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap()
        .split(',')
        .map(|name| name.trim().trim_start_matches("commands::").to_owned())
        .filter(|name| !name.is_empty())
        .collect();
    assert_eq!(handler, commands, "generate_handler!");
    let capability: serde_json::Value = serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(granted, commands, "capabilities/default.json");
}

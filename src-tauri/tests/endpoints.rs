//! The command layer for Custom URLs as people paste them: the normalised endpoints shown before
//! saving, and "Check connection" naming each URL's state, with no PAT sent.

mod common;

use common::*;
use serde_json::json;

#[test]
fn pasted_urls_are_shown_back_as_the_endpoints_the_app_will_call() {
    let window = window();
    for (auth, graphql) in [
        ("https://auth.example", "https://api.example"),
        ("https://auth.example/v1", "https://api.example/v1/graphql"),
        ("https://auth.example/v1/signin/pat", "https://api.example/"),
    ] {
        let shown =
            invoke(&window, "preview_endpoints", json!({ "authUrl": auth, "graphqlUrl": graphql })).unwrap();
        assert_eq!(
            shown,
            json!({ "signinUrl": "https://auth.example/v1/signin/pat", "tokenUrl": "https://auth.example/v1/token", "graphqlUrl": "https://api.example/v1/graphql" }),
            "{auth} {graphql}"
        );
    }
    let bare = invoke(
        &window,
        "preview_endpoints",
        json!({ "authUrl": "https://auth.example/signin/pat", "graphqlUrl": "https://api.example" }),
    )
    .unwrap();
    assert_eq!(bare["tokenUrl"], "https://auth.example/token");
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://auth.example",
        "https://user:pw@auth.example",
        "not a url",
    ] {
        let error = invoke(
            &window,
            "preview_endpoints",
            json!({ "authUrl": bad, "graphqlUrl": "https://api.example" }),
        )
        .unwrap_err();
        assert!(matches!(error["kind"].as_str(), Some("invalid-url" | "insecure-url")), "{bad}: {error}");
    }
}

#[test]
fn check_connection_names_each_url_and_offers_the_corrected_one() {
    let (runtime, sandbox) = own_sandbox();
    let bare = runtime
        .block_on(dxtra_sandbox::Sandbox::start(dxtra_sandbox::SandboxConfig {
            auth_v1: false,
            ..Default::default()
        }))
        .unwrap();
    let window = window();
    let api = bare.info().graphql_url.trim_end_matches("/v1/graphql").to_owned();
    let check =
        invoke(&window, "check_connection", json!({ "authUrl": bare.info().auth_url, "graphqlUrl": api }))
            .unwrap();
    assert_eq!(check["auth"]["state"], "wrong", "{check}");
    assert_eq!(check["auth"]["corrected"], format!("{}/signin/pat", bare.info().auth_url));
    assert_eq!(check["graphql"]["state"], "ok");
    assert_eq!(bare.stats().signin_requests, 0);

    // Without URLs: the current environment's (here a saved Custom pair).
    use_custom(&window, &sandbox);
    let current = invoke(&window, "check_connection", json!({})).unwrap();
    assert_eq!(
        (current["auth"]["state"].as_str(), current["graphql"]["state"].as_str()),
        (Some("ok"), Some("ok")),
        "{current}"
    );
    assert_eq!(sandbox.stats().signin_requests, 0, "no PAT was sent by the check");
}

#[test]
fn a_pasted_wall_of_text_is_refused_by_the_preview_and_the_check_before_any_work() {
    let window = window();
    let long = format!("https://auth.example.com/{}", "a".repeat(10_000));
    for (command, args) in [
        ("preview_endpoints", json!({ "authUrl": long, "graphqlUrl": "https://api.example.com" })),
        ("check_connection", json!({ "authUrl": "https://auth.example.com", "graphqlUrl": long })),
    ] {
        let error = invoke(&window, command, args).unwrap_err();
        assert_eq!(error["kind"], "invalid-input", "{command}: {error}");
        assert!(error["message"].as_str().unwrap().contains("longer than"), "{command}: {error}");
    }
}

/// Saved without pressing Check connection, a base URL for an auth service without `/v1`: the
/// sign-in's 404 runs the same probe and offers its corrected URL, which then signs in (the same
/// origin: the same PAT). A 404 with nothing found elsewhere is said as it is.
#[test]
fn a_sign_in_404_offers_the_url_the_probe_finds() {
    let (runtime, sandbox) = own_sandbox();
    let bare = runtime
        .block_on(dxtra_sandbox::Sandbox::start(dxtra_sandbox::SandboxConfig {
            auth_v1: false,
            ..Default::default()
        }))
        .unwrap();
    let window = window();
    use_custom(&window, &bare);
    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    let corrected = format!("{}/signin/pat", bare.info().auth_url);
    assert_eq!(error["kind"], "auth-elsewhere", "{error}");
    assert_eq!(error["detail"], corrected.as_str(), "{error}");
    assert!(error["message"].as_str().unwrap().contains("answers without /v1"), "{error}");
    assert!(!error["hint"].as_str().unwrap().contains("the base (no path)"), "{error}");

    invoke(&window, "save_settings", json!({ "patch": { "customAuthUrl": corrected } })).unwrap();
    let session =
        invoke(&window, "sign_in", json!({})).expect("the corrected URL signs in with the same PAT");
    assert!(session["userId"].is_string(), "{session}");

    // Under a path where no auth service answers, with or without /v1: the 404 as it is.
    let nowhere = format!("{}/elsewhere", sandbox.info().auth_url);
    let status = invoke(&window, "save_settings", json!({ "patch": { "customAuthUrl": nowhere } })).unwrap();
    assert!(status["environmentError"].is_null(), "{status}");
    invoke(
        &window,
        "save_pat",
        json!({ "pat": sandbox.info().personal_access_token, "sessionOnly": true, "key": key_of(&window) }),
    )
    .unwrap();
    let error = invoke(&window, "sign_in", json!({})).unwrap_err();
    assert_eq!(error["kind"], "not-found", "{error}");
}

//! End-to-end: the real app binary in a real window, driven through `tauri-driver` and
//! WebKitWebDriver, with GNOME Keyring's Secret Service, against the sandbox, clicking as a user
//! would. Needs a desktop session: `tests/run.sh` runs these inside `tests/e2e/with-desktop.sh`
//! (`cargo test --workspace --test e2e -- --ignored --test-threads=1`).

mod desktop;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use desktop::*;
use dxtra_tests::*;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn a_newcomer_completes_the_four_steps_in_the_sandbox_and_resumes_after_a_restart() {
    clear_keychain();
    let home = temp_home("sandbox");
    let app = App::launch(&home).await;

    // Step 1: first launch selects the offline Sandbox.
    app.step_shown(1).await;
    assert_eq!(app.js("return document.getElementById('env-sandbox').checked").await, json!(true));
    app.until(
        "the sandbox URLs show",
        "return document.getElementById('env-urls').textContent.includes('127.0.0.1')",
    )
    .await;
    app.screenshot("step-1-credentials").await;
    app.click("#use-demo").await;
    app.step_shown(2).await;
    assert_eq!(
        keychain_pat("sandbox").as_deref(),
        Some(dxtra_sandbox::DEMO_PAT),
        "the PAT is in the Secret Service"
    );

    // Step 2: sign in; who, roles, countdown.
    app.click("#sign-in").await;
    app.until("the session shows", "return document.getElementById('session-user').textContent.length > 0")
        .await;
    assert!(app.text("#session-user").await.contains("Sandbox Developer"));
    assert!(app.text("#session-roles").await.contains("user"));
    let countdown = app.text("#session-countdown").await;
    assert!(countdown == "59 min" || countdown == "60 min", "countdown: {countdown}");
    app.screenshot("step-2-authenticate").await;

    // Step 3: the controllers, a bad email caught before sending, then the subject.
    app.click("#to-step-3").await;
    app.step_shown(3).await;
    app.click("#load-controllers").await;
    app.until(
        "a controller is listed",
        "return document.querySelectorAll('#controllers-table tbody tr').length === 1",
    )
    .await;
    app.click("#controllers-table .use-controller").await;
    app.until(
        "the controller is chosen",
        &format!(
            "return document.getElementById('subject-controller').value === '{}'",
            dxtra_sandbox::DEMO_CONTROLLER_ID
        ),
    )
    .await;
    app.fill("#email", "not-an-email").await;
    app.click("#create-subject").await;
    app.until(
        "the email error shows",
        "return document.getElementById('email-error').textContent.length > 0",
    )
    .await;
    assert_eq!(
        app.js("return document.getElementById('email').getAttribute('aria-invalid')").await,
        json!("true")
    );
    let log = app.ipc("request_log", json!({})).await;
    assert!(!log.to_string().contains("createDataSubject"), "nothing was sent: {log}");
    app.fill("#email", "newcomer@example.com").await;
    app.click("#create-subject").await;
    app.until("the subject is created", "return !document.getElementById('to-step-4').disabled").await;
    assert!(app.text("#exchange-response").await.contains("dataSubjectId"));
    assert!(app.text("#exchange-request").await.contains("Bearer [redacted]"));
    // The request log shows the wire: status and bodies, tokens redacted, for every call.
    app.click("#log summary").await;
    let log_text = app.text("#log-list").await;
    for expected in [
        "signIn · HTTP 200",
        "dataControllers · HTTP 200",
        "createDataSubject · HTTP 200",
        "\"accessToken\": \"[redacted]\"",
        "\"dataControllers\": [",
    ] {
        assert!(log_text.contains(expected), "the request log lacks {expected:?}");
    }
    app.click("#log summary").await;
    app.screenshot("step-3-api-calls").await;

    // Step 4: verified automatically where the API allows.
    app.click("#to-step-4").await;
    app.step_shown(4).await;
    app.until("three checks show", "return document.querySelectorAll('#checks li').length === 3").await;
    assert_eq!(app.js("return document.querySelectorAll('#checks li.confirmed').length").await, json!(2));
    app.until(
        "the summary is written",
        "return document.getElementById('summary').value.includes('[x] Dashboard')",
    )
    .await;
    app.idle().await;
    // A clear end: the headline says done, and the fourth tab is done like the others.
    assert!(app.text("#verify-headline").await.starts_with("Done"));
    app.until(
        "the fourth tab is done",
        "return [1, 2, 3, 4].every((i) => document.getElementById('nav-' + i).classList.contains('done'))",
    )
    .await;
    app.screenshot("step-4-verify").await;
    // Saving says, visibly, where the file went.
    app.click("#save-summary").await;
    let saved = home.join("Downloads/dxtra-integration-summary.md");
    app.until("a visible notice names the saved file", &notice_says(&saved.display().to_string())).await;
    assert!(std::fs::read_to_string(&saved).unwrap().contains("Dxtra"));
    // Next: a starter project, written where the user says, filled with this sandbox's URLs.
    app.click("input[name='starter-language'][value='python']").await;
    assert_eq!(
        app.js("return document.getElementById('starter-folder').value").await,
        json!("~/dxtra-starter-python")
    );
    let starter = home.join("my starter");
    std::fs::create_dir_all(&starter).unwrap();
    std::fs::write(starter.join("notes.txt"), "mine").unwrap();
    app.fill("#starter-folder", &starter.display().to_string()).await;
    app.click("#create-starter").await;
    app.until(
        "a full folder is refused at the field",
        "return document.getElementById('starter-folder-error').textContent.includes('not empty')",
    )
    .await;
    assert_eq!(std::fs::read_dir(&starter).unwrap().count(), 1, "nothing was written into the user's folder");
    let starter = starter.join("dxtra");
    app.fill("#starter-folder", &starter.display().to_string()).await;
    app.click("#create-starter").await;
    app.until("the starter is written", "return !document.getElementById('starter-result').hidden").await;
    assert!(app.text("#starter-next").await.ends_with("python3 -m unittest -v"));
    let config = std::fs::read_to_string(starter.join("dxtra_starter/config.py")).unwrap();
    let graphql_url =
        app.ipc("code_snippets", json!({})).await["ok"]["graphqlUrl"].as_str().unwrap().to_owned();
    assert!(config.contains(&graphql_url), "the starter talks to this sandbox: {config}");
    let auth_url = app.ipc("get_settings", json!({})).await["ok"]["authUrl"].as_str().unwrap().to_owned();
    app.quit().await;

    // Restart: back at step 4, the PAT read back from the keychain, the sandbox on the same port.
    let app = App::launch(&home).await;
    app.step_shown(4).await;
    assert_eq!(
        app.ipc("get_settings", json!({})).await["ok"]["authUrl"],
        json!(auth_url),
        "the sandbox keeps its URLs across a restart"
    );
    assert_eq!(
        app.js("return document.getElementById('nav-4').getAttribute('aria-current')").await,
        json!("step")
    );
    app.until(
        "the checks are redone with the stored PAT",
        "return document.querySelectorAll('#checks li.confirmed').length === 2",
    )
    .await;
    app.click("#nav-1").await;
    app.step_shown(1).await;
    let status = app.text("#pat-status").await;
    assert!(status.contains("5a1d••••••••0c51") && status.contains("Secret Service"), "{status}");
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn errors_are_explained_and_fixed_tokens_recover_and_no_secret_leaks() {
    clear_keychain();
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let home = temp_home("custom");
    let app = App::launch(&home).await;

    // A Custom environment pointing at this test's sandbox, and a wrong PAT.
    app.save_custom(&info.auth_url, &info.graphql_url, "00000000-0000-4000-8000-000000000000", None).await;
    app.click("#sign-in").await;
    app.until("the invalid-PAT help shows", "return document.getElementById('error-panel').dataset.kind === 'invalid-pat' && !document.getElementById('error-panel').hidden").await;
    assert!(app.text("#error-message").await.contains("Invalid or expired personal access token"));
    assert_eq!(
        app.js("return document.querySelector('#errors-table tr.hit')?.dataset.id").await,
        json!("invalid-pat")
    );
    app.screenshot("error-invalid-pat").await;
    app.click("#error-fix").await;
    app.step_shown(1).await;
    assert_eq!(app.js("return document.activeElement.id").await, json!("pat"));
    app.fill("#pat", &info.personal_access_token).await;
    app.click("#save-credentials").await;
    app.step_shown(2).await;
    app.click("#sign-in").await;
    app.until("signed in", "return !document.getElementById('session').hidden").await;

    // A wrong controller ID: the foreign-key help, fixed by picking from the list.
    app.click("#to-step-3").await;
    app.step_shown(3).await;
    app.fill("#subject-controller", "11111111-2222-4333-8444-555555555555").await;
    app.click("#create-subject").await;
    app.until("the foreign-key help shows", "return document.getElementById('error-panel').dataset.kind === 'foreign-key-violation' && !document.getElementById('error-panel').hidden").await;
    assert_eq!(
        app.js("return document.querySelector('#errors-table tr.hit')?.dataset.id").await,
        json!("foreign-key")
    );
    assert_eq!(app.text("#error-fix").await, "Pick from the list");
    app.screenshot("error-foreign-key").await;
    app.click("#error-fix").await;
    app.until("the list is offered", "return document.activeElement.classList.contains('use-controller')")
        .await;
    app.click("#controllers-table .use-controller").await;
    app.until(
        "the controller is chosen",
        &format!(
            "return document.getElementById('subject-controller').value === '{}'",
            info.data_controller_id
        ),
    )
    .await;
    app.click("#create-subject").await;
    app.until("the subject is created", "return !document.getElementById('to-step-4').disabled").await;

    // A slow call can be cancelled; the window stays usable.
    sandbox.set_latency(Duration::from_secs(5));
    app.click("#load-controllers").await;
    assert_eq!(
        app.js("return document.getElementById('busy').hidden").await,
        json!(false),
        "a spinner shows"
    );
    assert!(app.text("#busy-label").await.contains("Loading data controllers"));
    app.click("#cancel").await;
    app.until("the spinner goes", "return document.getElementById('busy').hidden").await;
    app.until(
        "the cancel is announced",
        "return document.getElementById('announcer').textContent.includes('cancelled')",
    )
    .await;
    assert_eq!(app.js("return document.getElementById('error-panel').hidden").await, json!(true));
    app.click("#nav-2").await;
    app.step_shown(2).await;
    app.click("#nav-3").await;
    app.step_shown(3).await;
    sandbox.set_latency(Duration::ZERO);

    // The token expires mid-run: the next call recovers with no prompt.
    sandbox.expire_access_tokens();
    app.click("#load-controllers").await;
    app.idle().await;
    app.until(
        "the list reloads",
        "return document.querySelectorAll('#controllers-table tbody tr').length === 1",
    )
    .await;
    assert_eq!(app.js("return document.getElementById('error-panel').hidden").await, json!(true));
    assert_eq!(sandbox.stats().refreshes, 1, "renewed by refresh, without asking");

    // No PAT, JWT or refresh token in any IPC answer, the page, or any file the app wrote.
    let mut secrets = sandbox.issued_secrets();
    secrets.push(info.personal_access_token.clone());
    assert!(secrets.len() >= 5);
    let mut answers = String::new();
    for command in
        ["get_settings", "session_status", "request_log", "code_snippets", "list_controllers", "about"]
    {
        answers.push_str(&app.ipc(command, json!({})).await.to_string());
    }
    answers.push_str(app.js("return document.documentElement.outerHTML").await.as_str().unwrap());
    for secret in &secrets {
        assert!(!answers.contains(secret.as_str()), "a secret reached the webview");
    }
    app.quit().await;
    let written = files_under(&home);
    assert!(
        written.iter().any(|f| f.ends_with("settings.json")),
        "the settings file is among those checked: {written:?}"
    );
    assert!(
        written.iter().any(|f| f.to_string_lossy().contains("/logs/dxtra-wizard.")),
        "the log file (at trace level) is among those checked: {written:?}"
    );
    for file in written {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for secret in &secrets {
            assert!(!contains(&bytes, secret), "a secret is in {}", file.display());
        }
    }
    let _ = std::fs::remove_dir_all(&home);
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn the_wizard_works_by_keyboard_alone_in_a_dark_desktop() {
    clear_keychain();
    let home = temp_home("keyboard");
    // A desktop set to dark: the wizard follows it.
    let app = App::launch_with(&home, &[("GTK_THEME", "Adwaita:dark")]).await;
    app.step_shown(1).await;
    assert_eq!(app.js("return matchMedia('(prefers-color-scheme: dark)').matches").await, json!(true));
    assert_eq!(
        app.js("return getComputedStyle(document.body).backgroundColor").await,
        json!("rgb(18, 21, 28)")
    );
    assert_eq!(app.focused().await, "step-1-title", "the step's title has the focus, for screen readers");

    // Tab order follows the step: environment, the demo offer, then the PAT field.
    let path = app.tab_to("pat").await;
    assert_eq!(path, ["env-sandbox", "use-demo", "pat"]);
    let outline = app.js("return getComputedStyle(document.activeElement).outlineStyle").await;
    assert_ne!(outline, json!("none"), "the focus is visible");
    app.keys(dxtra_sandbox::DEMO_PAT).await;
    app.keys(&Key::Enter.to_string()).await;
    app.step_shown(2).await;
    assert_eq!(keychain_pat("sandbox").as_deref(), Some(dxtra_sandbox::DEMO_PAT));

    app.tab_to("sign-in").await;
    app.keys(&Key::Enter.to_string()).await;
    app.until("signed in, focus on Continue", "return document.activeElement.id === 'to-step-3'").await;
    app.keys(&Key::Enter.to_string()).await;
    app.step_shown(3).await;

    app.tab_to("load-controllers").await;
    app.keys(&Key::Enter.to_string()).await;
    app.until(
        "a controller is listed",
        "return document.querySelectorAll('#controllers-table .use-controller').length === 1",
    )
    .await;
    app.tab_to("use-controller").await;
    app.keys(&Key::Enter.to_string()).await;
    app.until("the controller is chosen and the focus moves to the email", "return document.activeElement.id === 'email' && document.getElementById('subject-controller').value.length === 36").await;
    app.keys(&Key::Enter.to_string()).await;
    app.until(
        "the subject is created and Continue has the focus",
        "return document.activeElement.id === 'to-step-4'",
    )
    .await;
    app.keys(&Key::Enter.to_string()).await;
    app.step_shown(4).await;
    app.until("the checks show", "return document.querySelectorAll('#checks li.confirmed').length === 2")
        .await;
    // Save as file: the summary lands in the Downloads folder, holding no secret.
    app.tab_to("save-summary").await;
    app.keys(&Key::Enter.to_string()).await;
    let saved = home.join("Downloads/dxtra-integration-summary.md");
    let started = Instant::now();
    while !saved.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the summary was not saved to {}",
            saved.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let summary = std::fs::read_to_string(&saved).unwrap();
    assert!(
        summary.contains("[x] Dashboard") && summary.contains(dxtra_sandbox::DEMO_CONTROLLER_ID),
        "{summary}"
    );
    assert!(!summary.contains(dxtra_sandbox::DEMO_PAT) && !summary.contains("eyJ"));
    app.screenshot("dark-step-4").await;
    let live = app.js("return document.getElementById('announcer').getAttribute('aria-live')").await;
    assert_eq!(live, json!("polite"), "results are announced");

    // The window shows only the app's own pages, and accepts only the summary as a download.
    app.js("const a = document.createElement('a'); a.href = URL.createObjectURL(new Blob(['#!/bin/sh'])); a.download = 'run-me.sh'; document.body.append(a); a.click(); return true").await;
    let _ = app.client.execute("location.href = 'https://example.com/'; return true", vec![]).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        app.js("return location.protocol + '//' + location.host").await,
        json!("tauri://localhost"),
        "navigation away was refused"
    );
    assert!(!home.join("Downloads/run-me.sh").exists(), "a download other than the summary was refused");
    app.until("the wizard is still there", "return !document.getElementById('step-4').hidden").await;
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn one_mutation_per_intent_and_progress_kept_per_environment() {
    clear_keychain();
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let home = temp_home("intent");
    let app = App::launch(&home).await;

    // A Custom environment pointing at this test's sandbox, signed in, its controller chosen.
    app.save_custom(
        &info.auth_url,
        &info.graphql_url,
        &info.personal_access_token,
        Some(&info.data_controller_id),
    )
    .await;
    app.click("#sign-in").await;
    app.until("signed in", "return !document.getElementById('session').hidden").await;
    app.click("#to-step-3").await;
    app.step_shown(3).await;

    // The action is slow: a double-click sends it once.
    sandbox.set_fault(Route::GraphQl, Fault::Delay(Duration::from_millis(1500)));
    app.fill("#email", "double-click@example.com").await;
    app.click_anyway("#create-subject").await;
    app.click_anyway("#create-subject").await;
    assert_eq!(
        app.js("return document.getElementById('create-subject').disabled").await,
        json!(true),
        "Create is a barrier while in flight"
    );
    app.until("the subject is created", "return !document.getElementById('to-step-4').disabled && !document.getElementById('create-subject').disabled").await;
    assert_eq!(sandbox.stats().mutations, 1, "a double-click sends one mutation");

    // A double Enter in the form: one mutation.
    app.fill("#email", "double-enter@example.com").await;
    app.js("document.getElementById('create-notice').textContent = ''; return true").await;
    app.client
        .find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(&format!("{}{}", Key::Enter, Key::Enter))
        .await
        .unwrap();
    app.until("the second subject is created", "return document.getElementById('create-notice').textContent.includes('Data subject') && !document.getElementById('create-subject').disabled").await;
    assert_eq!(sandbox.stats().mutations, 2, "a double Enter sends one mutation");

    // Cancel, then Create again: Cancel says it may still be recorded; the real result arrives.
    sandbox.set_fault(Route::GraphQl, Fault::Delay(Duration::from_secs(3)));
    app.fill("#email", "cancelled@example.com").await;
    app.js("document.getElementById('create-notice').textContent = ''; return true").await;
    app.click("#create-subject").await;
    app.until("the spinner shows", "return !document.getElementById('busy').hidden").await;
    app.click("#cancel").await;
    app.until(
        "the notice says it may still be recorded",
        "return document.getElementById('create-notice').textContent.includes('may still be recorded')",
    )
    .await;
    assert_eq!(
        app.js("return document.getElementById('create-subject').disabled").await,
        json!(true),
        "Create stays disabled until the answer"
    );
    app.screenshot("create-cancelled-waiting").await;
    app.click_anyway("#create-subject").await;
    app.client.find(Locator::Css("#email")).await.unwrap().send_keys(&Key::Enter.to_string()).await.unwrap();
    app.until("the real result arrives", "return document.getElementById('create-notice').textContent.includes('Data subject') && !document.getElementById('create-subject').disabled").await;
    assert_eq!(sandbox.stats().mutations, 3, "Cancel-then-Create sends one mutation");
    sandbox.clear_faults();

    // Progress belongs to its environment: the Sandbox starts at step 1, Custom keeps step 4.
    assert_eq!(app.js("return document.getElementById('nav-4').disabled").await, json!(false));
    app.click("#nav-1").await;
    app.step_shown(1).await;
    app.click("#env-sandbox").await;
    app.until(
        "the Sandbox's own progress shows",
        "return document.getElementById('nav-4').disabled && document.getElementById('nav-2').disabled",
    )
    .await;
    assert_eq!(app.js("return document.getElementById('controller-id').value").await, json!(""));
    app.click("#env-custom").await;
    app.until("Custom's progress is back", "return !document.getElementById('nav-4').disabled").await;
    assert_eq!(
        app.js("return document.getElementById('controller-id').value").await,
        json!(info.data_controller_id)
    );
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn custom_urls_as_pasted_reach_the_right_endpoints_and_the_check_corrects_them() {
    clear_keychain();
    let with_v1 = sandbox().await;
    let without_v1 = sandbox_with(|c| c.auth_v1 = false).await;
    let home = temp_home("urls");
    let app = App::launch(&home).await;
    app.step_shown(1).await;
    app.click("#env-custom").await;
    app.until("the URL fields show", "return !document.getElementById('custom-urls').hidden").await;
    app.idle().await;

    // The guide's curl form for auth, the guide's table form for GraphQL: shown back normalised.
    let auth = with_v1.info().auth_url.clone();
    let api = with_v1.info().graphql_url.trim_end_matches("/v1/graphql").to_owned();
    app.fill("#custom-auth-url", &format!("{auth}/v1/signin/pat")).await;
    app.fill("#custom-graphql-url", &api).await;
    app.until("the endpoints are shown before saving", &format!("return document.getElementById('env-urls').textContent.includes('Will call: Sign-in: {auth}/v1/signin/pat') && document.getElementById('env-urls').textContent.includes('GraphQL: {api}/v1/graphql')")).await;
    app.click("#check-connection").await;
    app.until(
        "both URLs are named reachable",
        "return document.querySelectorAll('#connection-results li.ok').length === 2",
    )
    .await;
    app.fill("#pat", &with_v1.info().personal_access_token).await;
    app.click("#save-credentials").await;
    app.step_shown(2).await;
    app.click("#sign-in").await;
    app.until("signed in", "return !document.getElementById('session').hidden").await;
    let log = app.ipc("request_log", json!({})).await;
    assert!(log.to_string().contains(&format!("{auth}/v1/signin/pat")), "{log}");

    // A hasura-auth without /v1: the check finds it and one click corrects the URL.
    app.click("#nav-1").await;
    app.step_shown(1).await;
    let bare = without_v1.info().auth_url.clone();
    app.fill("#custom-auth-url", &bare).await;
    app.fill("#custom-graphql-url", &without_v1.info().graphql_url).await;
    app.click("#check-connection").await;
    app.until(
        "the auth URL is named wrong, with a fix",
        "return document.querySelector('#connection-results li.wrong .use-corrected') !== null",
    )
    .await;
    assert!(app.text("#connection-results li.wrong").await.contains("without /v1"));
    app.screenshot("check-connection").await;
    app.click("#connection-results .use-corrected").await;
    assert_eq!(
        app.js("return document.getElementById('custom-auth-url').value").await,
        json!(format!("{bare}/signin/pat"))
    );
    app.until(
        "the corrected endpoints show",
        &format!(
            "return document.getElementById('env-urls').textContent.includes('Sign-in: {bare}/signin/pat')"
        ),
    )
    .await;
    // Another origin: the PAT saved for the first one is not offered to it.
    app.until(
        "the PAT is asked for again",
        "return document.getElementById('pat-status').textContent.includes('another server')",
    )
    .await;
    assert_eq!(app.js("return document.getElementById('pat').value").await, json!(""));
    app.click("#save-credentials").await;
    app.until(
        "saving without a PAT is refused",
        "return document.getElementById('pat-error').textContent.length > 0",
    )
    .await;
    // Bad input, as pasted: an invisible character is named, and nothing is saved.
    app.fill("#pat", &format!("{}\u{200B}", without_v1.info().personal_access_token)).await;
    app.click("#save-credentials").await;
    app.until(
        "the invisible character is named",
        "return document.getElementById('pat-error').textContent.includes('U+200B')",
    )
    .await;
    assert_eq!(
        keychain_pat(&format!(
            "custom:{bare} {}",
            without_v1.info().graphql_url.trim_end_matches("/v1/graphql")
        )),
        None,
        "nothing was saved"
    );
    app.fill("#pat", &without_v1.info().personal_access_token).await;
    app.click("#save-credentials").await;
    app.step_shown(2).await;
    app.click("#sign-in").await;
    app.idle().await;
    app.until(
        "signed in without /v1",
        "return !document.getElementById('session').hidden && document.getElementById('error-panel').hidden",
    )
    .await;
    assert_eq!(without_v1.stats().signins, 1);
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}

/// Whether a visible notice (not only the screen reader's region) says `text`.
fn notice_says(text: &str) -> String {
    format!("return [...document.querySelectorAll('#toasts .toast')].some((t) => t.offsetHeight > 0 && t.textContent.includes({text:?}))")
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn a_desktop_app_remembers_its_window_answers_a_second_launch_and_says_what_it_did() {
    clear_keychain();
    let home = temp_home("desktop");
    let app = App::launch(&home).await;
    app.step_shown(1).await;
    app.until(
        "the sandbox URLs show",
        "return document.getElementById('env-urls').textContent.includes('127.0.0.1')",
    )
    .await;

    // Copy and paste say what happened where a sighted user looks.
    app.click("#copy-code").await;
    app.until("a visible copy notice", &notice_says("Copied the curl code.")).await;
    app.click("#tab-python").await;
    app.click("#copy-program").await;
    app.until(
        "the whole program is copied",
        &notice_says("Copied all four steps as one program: save it as dxtra.py."),
    )
    .await;
    app.click("#tab-curl").await;

    // A wrong PAT in the Sandbox: the fix is the demo credentials, not a dashboard it lacks.
    app.fill("#pat", "00000000-0000-4000-8000-000000000000").await;
    app.click("#save-credentials").await;
    app.step_shown(2).await;
    app.click("#sign-in").await;
    app.until("the PAT error shows", "return !document.getElementById('error-panel').hidden").await;
    let hint = app.text("#error-hint").await;
    assert!(hint.contains("demo") && !hint.contains("API Keys"), "{hint}");
    assert_eq!(app.text("#error-fix").await, "Use the sandbox's demo credentials");
    // The error belongs to step 2: it does not follow the user back to step 1.
    app.click("#nav-1").await;
    app.step_shown(1).await;
    assert_eq!(
        app.js("return document.getElementById('error-panel').hidden").await,
        json!(true),
        "a stale error lingers"
    );
    app.click("#nav-2").await;
    app.click("#sign-in").await;
    app.until("the PAT error shows again", "return !document.getElementById('error-panel').hidden").await;
    app.click("#error-fix").await;
    app.step_shown(2).await;
    app.idle().await;
    app.click("#sign-in").await;
    app.until("signed in with the demo credentials", "return !document.getElementById('session').hidden")
        .await;

    // The database's words are detail under a plain headline.
    app.click("#to-step-3").await;
    app.step_shown(3).await;
    app.fill("#subject-controller", "11111111-2222-4333-8444-555555555555").await;
    app.click("#create-subject").await;
    app.until(
        "the foreign-key error shows",
        "return document.getElementById('error-panel').dataset.kind === 'foreign-key-violation'",
    )
    .await;
    let headline = app.text("#error-message").await;
    assert!(
        headline.starts_with("The Data Controller ID is unknown to Dxtra") && !headline.contains("violates"),
        "{headline}"
    );
    assert!(app
        .js("return document.getElementById('error-detail-text').textContent")
        .await
        .as_str()
        .unwrap()
        .contains("Foreign key violation"));

    // About: versions, and diagnostics copied without secrets.
    app.click("#open-about").await;
    app.until("the About dialog opens", "return document.getElementById('about').open").await;
    assert_eq!(app.text("#about-version").await, env!("CARGO_PKG_VERSION"));
    assert!(app.text("#about-tauri").await.starts_with("2."));
    app.screenshot("about").await;
    app.click("#copy-diagnostics").await;
    app.until("a visible diagnostics notice", &notice_says("Diagnostics copied")).await;
    let about = app.ipc("about", json!({})).await;
    let report = about["ok"]["diagnostics"].as_str().unwrap();
    assert!(
        report.contains("foreign-key-violation") && !report.contains(dxtra_sandbox::DEMO_PAT),
        "{report}"
    );
    app.click("#close-about").await;

    // A second launch shows this window and exits; the page says so.
    let second = Command::new(workspace().join("target/debug/dxtra-wizard"))
        .envs(folders(home.as_path()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let exited = tokio::task::spawn_blocking(move || {
        let mut second = second;
        let started = Instant::now();
        loop {
            if let Some(status) = second.try_wait().unwrap() {
                return Some(status);
            }
            if started.elapsed() > Duration::from_secs(20) {
                let _ = second.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    })
    .await
    .unwrap();
    assert!(exited.is_some_and(|s| s.success()), "the second launch did not hand over and exit: {exited:?}");
    app.until("the running window says it was asked again", &notice_says("already open")).await;

    // The narrowest window: every tab on one line, the code wrapped inside its panel.
    app.client.set_window_rect(0, 0, 720, 560).await.unwrap();
    app.click("#nav-1").await;
    app.step_shown(1).await;
    app.until("the window is at its narrowest", "return window.innerWidth <= 730").await;
    assert_eq!(
        app.js(
            "return new Set([1, 2, 3, 4].map((i) => document.getElementById('nav-' + i).offsetHeight)).size"
        )
        .await,
        json!(1),
        "a tab's label wraps"
    );
    assert_eq!(
        app.js("const c = document.getElementById('code'); return c.scrollWidth <= c.clientWidth").await,
        json!(true),
        "the code runs off its panel"
    );
    app.screenshot("narrowest-step-1").await;

    // Geometry is remembered, even when the app is not closed cleanly.
    app.client.set_window_rect(40, 30, 900, 640).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (_, _, width, height) = app.client.get_window_rect().await.unwrap();
    let state = home.join("config/ai.dxtra.first-integration/.window-state.json");
    app.until("the geometry is saved", "return true").await;
    let saved = std::fs::read_to_string(&state).unwrap_or_else(|e| panic!("{}: {e}", state.display()));
    app.quit().await;
    let app = App::launch(&home).await;
    let (_, _, width_after, height_after) = app.client.get_window_rect().await.unwrap();
    assert_eq!(
        (width_after, height_after),
        (width, height),
        "the window reopened at another size; saved: {saved}"
    );
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}

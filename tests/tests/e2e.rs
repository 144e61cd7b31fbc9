//! End-to-end: the real app binary in a real window, driven through `tauri-driver` and
//! WebKitWebDriver, with GNOME Keyring's Secret Service, against the sandbox, clicking as a user
//! would. Needs a desktop session: `tests/run.sh` runs these inside `tests/e2e/with-desktop.sh`
//! (`cargo test --workspace --test e2e -- --ignored --test-threads=1`).
//! This file: a newcomer's four steps and resuming after a restart; errors explained and fixed.

mod desktop;

use std::time::Duration;

use desktop::*;
use dxtra_tests::*;
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
    app.assert_accessible("step-1-credentials").await;
    app.primary_is("use-demo", "a first launch in the Sandbox").await;
    let badge =
        app.js("const b = document.getElementById('env-badge'); return [b.className, b.textContent]").await;
    assert_eq!(
        badge,
        json!(["env-badge env-sandbox", "Environment: Sandbox"]),
        "the environment, unmistakable"
    );
    app.click("#use-demo").await;
    app.step_shown(2).await;
    app.primary_is("sign-in", "before signing in").await;
    assert_eq!(
        keychain_pat("sandbox").as_deref(),
        Some(dxtra_sandbox::DEMO_PAT),
        "the PAT is in the Secret Service"
    );

    // What the press did is said on the step it led to (a notice about the action that moved on).
    app.until("step 2 says where the PAT went", &notice_says("Demo credentials saved")).await;

    // Step 2: sign in; who, roles, countdown.
    app.click("#sign-in").await;
    app.until("the session shows", "return document.getElementById('session-user').textContent.length > 0")
        .await;
    assert!(app.text("#session-user").await.contains("Sandbox Developer"));
    app.primary_is("to-step-3", "signed in: Continue is the next action").await;
    assert!(app.text("#session-roles").await.contains("user"));
    let countdown = app.text("#session-countdown").await;
    assert!(countdown == "59 min" || countdown == "60 min", "countdown: {countdown}");
    app.screenshot("step-2-authenticate").await;
    app.assert_accessible("step-2-authenticate").await;

    // Step 3: the controllers, a bad email caught before sending, then the subject.
    app.click("#to-step-3").await;
    app.step_shown(3).await;
    assert_eq!(
        app.js("return [...document.querySelectorAll('#toasts .toast')].map((t) => t.textContent)").await,
        json!([]),
        "a notice about step 2 followed the user to step 3"
    );
    app.primary_is("create-subject", "step 3 with the demo controller").await;
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
    // A double-click, no delay, then a reflex double Enter in the email field: in the Sandbox the
    // answer comes back in milliseconds, so the second click may land after it. One mutation.
    app.click_anyway("#create-subject").await;
    app.click_anyway("#create-subject").await;
    app.until("the subject is created", "return !document.getElementById('to-step-4').disabled").await;
    app.client
        .find(fantoccini::Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(&format!("{}{}", fantoccini::key::Key::Enter, fantoccini::key::Key::Enter))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let log = app.ipc("request_log", json!({})).await;
    let creates =
        log["ok"].as_array().unwrap().iter().filter(|e| e["operation"] == "createDataSubject").count();
    assert_eq!(creates, 1, "one createDataSubject for one intent");
    app.primary_is("to-step-4", "recorded: Continue, not a second create").await;
    assert_eq!(app.text("#create-subject").await, "Create another");
    app.toasts_cover_nothing("after the create").await;
    assert_eq!(
        app.js("return document.getElementById('create-subject').disabled").await,
        json!(true),
        "Create waits for a changed field"
    );
    app.until(
        "the notice says how to create another",
        "return document.getElementById('create-notice').textContent.includes('Change a field')",
    )
    .await;
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
    app.assert_accessible("step-3-api-calls").await;

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
    app.primary_is("to-console", "verified: the console is next").await;
    // A clear end: the headline says done, and the fourth tab is done like the others.
    assert!(app.text("#verify-headline").await.starts_with("Done"));
    app.until(
        "the fourth tab is done",
        "return [1, 2, 3, 4].every((i) => document.getElementById('nav-' + i).classList.contains('done'))",
    )
    .await;
    app.screenshot("step-4-verify").await;
    app.assert_accessible("step-4-verify").await;
    // Saving says, visibly, where the file went.
    app.click("#save-summary").await;
    let saved = home.join("Downloads/dxtra-integration-summary.md");
    app.until("a visible notice names the saved file", &notice_says(&saved.display().to_string())).await;
    app.toasts_cover_nothing("the summary saved").await;
    assert!(std::fs::read_to_string(&saved).unwrap().contains("Dxtra"));
    // The Inspector: the developer's own program (curl here) asks with a role the token lacks;
    // the entry, found by its X-Request-Id, says what was wrong, lights its Common Errors row,
    // and shows the token only as a description.
    let status = app.ipc("get_settings", json!({})).await["ok"].clone();
    let (signin, graphql) = (
        status["endpoints"]["signinUrl"].as_str().unwrap(),
        status["endpoints"]["graphqlUrl"].as_str().unwrap(),
    );
    let curl = raw_http().user_agent("curl/8.5.0").build().unwrap();
    let session: serde_json::Value = curl
        .post(signin)
        .header("content-type", "application/json")
        .body(json!({ "personalAccessToken": dxtra_sandbox::DEMO_PAT }).to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jwt = session["session"]["accessToken"].as_str().unwrap().to_owned();
    let answer = curl
        .post(graphql)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {jwt}"))
        .header("x-hasura-role", "admin")
        .body(r#"{"query": "{ dataControllers { id } }"}"#)
        .send()
        .await
        .unwrap();
    let request_id = answer.headers()["x-request-id"].to_str().unwrap().to_owned();
    app.click("#nav-6").await;
    app.step_shown(6).await;
    app.until("the request is listed", "return document.querySelectorAll('#inspector-list li').length >= 2")
        .await;
    app.fill("#inspector-search", &request_id).await;
    app.until(
        "the search finds it alone",
        "return document.querySelectorAll('#inspector-list li').length === 1",
    )
    .await;
    app.click("#inspector-list summary").await;
    app.until("its explanation shows", "return document.querySelector('#inspector-list .explanation')?.textContent.includes('X-Hasura-Role: admin is not among the token')").await;
    assert_eq!(
        app.js("return document.querySelector('#errors-table tr.hit')?.dataset.id").await,
        json!("forbidden")
    );
    let fix = app.text("#inspector-list pre.fix").await;
    assert!(
        fix.starts_with("curl ") && fix.contains("X-Hasura-Role: user"),
        "the fix in the client's language: {fix}"
    );
    // The practice PAT (public) is in the empty state's line for it and the code's comment for
    // it, and nowhere else.
    let code = app.js("return document.getElementById('code-text').textContent").await;
    let code = code.as_str().unwrap_or_default();
    assert!(
        code.lines()
            .any(|l| l.starts_with('#')
                && l.ends_with(&format!("export DXTRA_PAT={}", dxtra_sandbox::DEMO_PAT))),
        "the code panel names the practice PAT: {code}"
    );
    assert!(app
        .js("return document.getElementById('inspector-pat').textContent")
        .await
        .to_string()
        .contains(dxtra_sandbox::DEMO_PAT));
    let page = app
        .js("const copy = document.documentElement.cloneNode(true); copy.querySelector('#inspector-pat').remove(); copy.querySelector('#code-text').remove(); return copy.outerHTML")
        .await
        .to_string();
    assert!(!page.contains(&jwt) && !page.contains(dxtra_sandbox::DEMO_PAT), "no token or PAT on the page");
    assert!(page.contains("a JWT issued"), "the token is described");
    app.screenshot("inspector").await;
    app.assert_accessible("the Inspector").await;
    // Live: a request sent while the Inspector is open appears by itself.
    app.js("const f = document.getElementById('inspector-search'); f.value = ''; f.dispatchEvent(new Event('input')); return true").await;
    let before = app.js("return document.querySelectorAll('#inspector-list li').length").await;
    curl.get(graphql).send().await.unwrap();
    app.until(
        "the new request appears without a reload",
        &format!("return document.querySelectorAll('#inspector-list li').length === {before} + 1 && document.querySelector('#inspector-list summary').textContent.includes('GET /v1/graphql')"),
    )
    .await;
    app.click("#nav-4").await;
    app.step_shown(4).await;

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
    let next = app.text("#starter-next").await;
    assert!(
        next.ends_with(&format!("DXTRA_PAT='{}' python3 -m unittest -v", dxtra_sandbox::DEMO_PAT)),
        "runs as pasted: {next}"
    );
    assert!(app.text("#starter-written").await.contains("practice PAT (it is public)"));
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
    assert!(status.contains("5a1d••••••••0c51") && status.contains("your desktop's keyring"), "{status}");
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
    app.primary_is("error-fix", "a wrong PAT: its fix is the next action").await;
    // The fix sits right under the action that failed, with the Common Errors row quoted.
    assert_eq!(
        app.js("return document.getElementById('error-panel').previousElementSibling.contains(document.getElementById('sign-in'))").await,
        json!(true),
        "the error is not next to Sign in"
    );
    assert!(app.text("#error-row").await.contains("Invalid personal access token"));
    app.screenshot("error-invalid-pat").await;
    app.click("#error-fix").await;
    app.step_shown(1).await;
    assert_eq!(app.js("return document.activeElement.id").await, json!("pat"));
    // One press from here: Save says it signs in again, and does.
    assert_eq!(app.text("#save-credentials").await, "Save and sign in");
    app.fill("#pat", &info.personal_access_token).await;
    app.click("#save-credentials").await;
    app.step_shown(2).await;
    app.until(
        "signed in with the new PAT, no second press",
        "return !document.getElementById('session').hidden",
    )
    .await;
    app.primary_is("to-step-3", "signed in after the fix").await;

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
    sandbox.set_latency(Duration::from_secs(8));
    app.click("#load-controllers").await;
    assert_eq!(
        app.js("return document.getElementById('busy').hidden").await,
        json!(false),
        "a spinner shows"
    );
    assert!(app.text("#busy-label").await.contains("Loading data controllers"));
    assert_eq!(
        app.js("return document.getElementById('load-controllers').classList.contains('waiting')").await,
        json!(true),
        "the button pressed shows the wait"
    );
    app.until(
        "the label says what it waits for",
        "return document.getElementById('busy-label').textContent.includes('waiting for the server') && document.getElementById('busy-label').textContent.includes('up to 30 s')",
    )
    .await;
    app.click("#cancel").await;
    app.until("the spinner goes", "return document.getElementById('busy').hidden").await;
    assert_eq!(app.focused().await, "load-controllers", "Cancel gives the focus back to the button");
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

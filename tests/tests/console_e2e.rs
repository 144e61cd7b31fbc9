//! End-to-end: the GraphQL console in the real window (tauri-driver + WebKitWebDriver, GNOME
//! Keyring), against a sandbox reached as a Custom environment, so mutations need confirmation:
//! completion from the schema, a query with variables, a validation error caught before sending,
//! `createDataSubject` confirmed and sent once, the history after a restart with no secret in it,
//! and the code panel showing the operation. Run by `tests/run.sh` under `with-desktop.sh`.

mod desktop;

use desktop::*;
use dxtra_tests::*;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::json;

/// The editor's content element: CodeMirror draws inside the host's shadow root.
const CONTENT: &str = "document.getElementById('console-editor').shadowRoot.querySelector('.cm-content')";

/// Presses keys on whatever has the focus, as a keyboard does (WebDriver actions: key down, key
/// up), `chord` held down meanwhile.
async fn press(app: &App, chord: Option<Key>, text: &str) {
    let mut keys = KeyActions::new("keyboard".into());
    if let Some(modifier) = chord {
        keys = keys.then(KeyAction::Down { value: modifier.into() });
    }
    for c in text.chars() {
        keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    if let Some(modifier) = chord {
        keys = keys.then(KeyAction::Up { value: modifier.into() });
    }
    app.client.perform_actions(keys).await.unwrap();
}

/// Clicks into the editor, selects all and types `text` in its place (CodeMirror closes brackets
/// as they are typed and steps over them when the closing one is typed, so the text ends as typed).
async fn retype(app: &App, text: &str) {
    app.click("#console-editor").await;
    press(app, Some(Key::Control), "a").await;
    press(app, None, &format!("{}{text}", Key::Backspace)).await;
    press(app, None, &Key::Escape.to_string()).await; // close a completion list the last word opened
}

async fn editor_text(app: &App) -> String {
    app.js(&format!("return {CONTENT}.innerText")).await.as_str().unwrap_or_default().to_owned()
}

/// From step 2 with credentials saved to the console: sign in, record a subject, read it back,
/// then Console, once its schema is read.
async fn to_console(app: &App) {
    app.click("#sign-in").await;
    app.until("signed in", "return !document.getElementById('session').hidden").await;
    app.click("#to-step-3").await;
    app.step_shown(3).await;
    app.fill("#email", "wizard@example.com").await;
    app.click("#create-subject").await;
    app.until("the subject is created", "return !document.getElementById('to-step-4').disabled").await;
    app.click("#to-step-4").await;
    app.step_shown(4).await;
    // As a person would: once the read-back has answered and the page stopped moving (the
    // outcome and the starter arriving push the button down while it is clicked).
    app.until("the subject is read back", "return !document.getElementById('verify-outcome').hidden").await;
    app.idle().await;
    app.open_console().await;
}

#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn the_console_completes_checks_confirms_and_remembers() {
    clear_keychain();
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let home = temp_home("console");
    let app = App::launch(&home).await;

    // Through the four steps against this sandbox as a Custom environment.
    app.save_custom(
        &info.auth_url,
        &info.graphql_url,
        &info.personal_access_token,
        Some(&info.data_controller_id),
    )
    .await;
    assert_eq!(
        app.js("return document.getElementById('nav-5').disabled").await,
        json!(true),
        "the console comes after step 4"
    );
    to_console(&app).await;
    app.until(
        "the docs list the root fields",
        "return document.getElementById('console-docs').textContent.includes('createDataSubject')",
    )
    .await;

    // Completion: a field name from the schema, offered while typing and accepted with Enter.
    app.click("#console-editor").await;
    press(&app, Some(Key::Control), "a").await;
    press(&app, None, &format!("{}{{ dataCon", Key::Backspace)).await;
    press(&app, Some(Key::Control), " ").await; // Ctrl+Space, as the help says
    app.until("the completion list offers dataControllers", "return [...document.getElementById('console-editor').shadowRoot.querySelectorAll('.cm-tooltip-autocomplete li')].some((li) => li.textContent.includes('dataControllers'))").await;
    app.screenshot("console-completion").await;
    press(&app, None, &Key::Enter.to_string()).await;
    app.until("the field is completed", &format!("return {CONTENT}.innerText.includes('dataControllers')"))
        .await;

    // A query with variables: answered whole, the subject of step 3 in it.
    let graphql_before = sandbox.stats().graphql_requests;
    retype(&app, "query Mine($id: uuid!) { dataSubjects(where: {dataControllerId: {_eq: $id}}) { id did } }")
        .await;
    assert!(
        editor_text(&app).await.starts_with(
            "query Mine($id: uuid!) { dataSubjects(where: {dataControllerId: {_eq: $id}}) { id did } }"
        ),
        "typed as shown, spaces as spaces: {:?}",
        editor_text(&app).await
    );
    app.fill("#console-variables", &format!("{{\"id\": \"{}\"}}", info.data_controller_id)).await;
    app.click("#console-run").await;
    app.until("the answer shows", "return document.getElementById('console-outcome').textContent.includes('Mine') && document.getElementById('console-outcome').classList.contains('ok')").await;
    let answer = app.text("#console-result").await;
    assert!(answer.contains("\"dataSubjects\"") && answer.contains("did:"), "{answer}");
    assert!(sandbox.stats().graphql_requests > graphql_before);
    // The code panel shows this operation as a program.
    app.until(
        "the code panel shows the operation",
        "return document.getElementById('code-text').textContent.includes('query Mine')",
    )
    .await;
    assert!(app.text("#code-text").await.contains("dxtra_graphql"), "curl program with its helper");
    assert_eq!(app.js("return document.getElementById('copy-program').hidden").await, json!(true));

    // A field the schema lacks: named under the editor, and nothing sent.
    let graphql_before = sandbox.stats().graphql_requests;
    retype(&app, "{ dataControllers { nope } }").await;
    app.click("#console-run").await;
    app.until("the problem is named", "return document.getElementById('console-problems').textContent.includes('Cannot query field \"nope\"')").await;
    assert!(
        app.text("#console-outcome").await.starts_with("Not sent"),
        "{}",
        app.text("#console-outcome").await
    );
    app.screenshot("console-validation").await;
    assert_eq!(sandbox.stats().graphql_requests, graphql_before, "an invalid query is never sent");

    // createDataSubject outside the Sandbox: asked first, "Do not send" sends nothing, "Send it" once.
    let mutations = sandbox.stats().mutations;
    retype(&app, "mutation Make($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }").await;
    let variables = json!({ "input": { "event": "signup", "dataControllerId": info.data_controller_id, "payload": { "displayName": "Console User", "email": "console@example.com", "country": "US" } } });
    app.fill("#console-variables", &variables.to_string()).await;
    app.click("#console-run").await;
    app.until("the confirmation is asked", "return document.getElementById('confirm-mutation').open").await;
    assert!(
        app.text("#confirm-text").await.contains("`Make` is a mutation"),
        "{}",
        app.text("#confirm-text").await
    );
    assert_eq!(app.focused().await, "confirm-cancel", "the safe answer has the focus");
    app.screenshot("console-confirm").await;
    app.click("#confirm-cancel").await;
    app.until("nothing sent", "return !document.getElementById('confirm-mutation').open && document.getElementById('console-outcome').textContent === 'Not sent.'").await;
    assert_eq!(sandbox.stats().mutations, mutations);
    app.click("#console-run").await;
    app.until("the confirmation is asked again", "return document.getElementById('confirm-mutation').open")
        .await;
    app.click("#confirm-send").await;
    app.until("the subject is recorded", "return document.getElementById('console-result').textContent.includes('dataSubjectId') && document.getElementById('console-outcome').classList.contains('ok')").await;
    assert_eq!(sandbox.stats().mutations, mutations + 1, "sent once");
    // Two Ctrl+Enter right after, no delay: the same mutation is asked about again (it was
    // carried out seconds ago), never sent by itself.
    app.click("#console-editor").await;
    press(&app, Some(Key::Control), &format!("{}{}", Key::Enter, Key::Enter)).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    if app.js("return document.getElementById('confirm-mutation').open").await == json!(true) {
        let asked = app.text("#confirm-text").await;
        assert!(asked.contains("s ago: running it again does it twice"), "{asked}");
        app.click("#confirm-cancel").await;
    }
    app.until(
        "nothing more sent",
        "return document.getElementById('console-outcome').textContent === 'Not sent.'",
    )
    .await;
    assert_eq!(sandbox.stats().mutations, mutations + 1, "two Ctrl+Enter sent nothing more");
    app.until(
        "the history lists both runs (not the refused or cancelled ones)",
        "return document.querySelectorAll('#console-history li').length === 2",
    )
    .await;
    app.screenshot("console").await;
    app.assert_accessible("console").await;

    // No PAT, JWT or refresh token anywhere the page can see: the DOM (the editor's shadow root
    // included), the request log, the history.
    let mut secrets = sandbox.issued_secrets();
    secrets.push(info.personal_access_token.clone());
    let mut seen = app.js("return document.documentElement.outerHTML + document.getElementById('console-editor').shadowRoot.innerHTML").await.to_string();
    for command in ["request_log", "console_history", "graphql_schema"] {
        seen.push_str(&app.ipc(command, json!({})).await.to_string());
    }
    for secret in &secrets {
        assert!(!seen.contains(secret.as_str()), "a secret reached the page");
    }
    app.quit().await;

    // After a restart (on a dark desktop): the history is there, and a run of it loads back into
    // the editor.
    let app = App::launch_with(&home, &[("GTK_THEME", "Adwaita:dark")]).await;
    app.step_shown(4).await;
    app.click("#nav-5").await;
    app.step_shown(5).await;
    app.until("the history is back", "return document.querySelectorAll('#console-history li').length === 2")
        .await;
    let names = app.js("return document.getElementById('console-history').textContent").await.to_string();
    assert!(names.contains("Make") && names.contains("Mine"), "{names}");
    // Once the page has settled (the editor loaded, the schema read): a click while it loads may
    // land on the row that moved under the pointer.
    app.console_schema_read().await;
    app.click("#console-history-drawer summary").await;
    app.click("#console-history li:nth-child(2) button").await;
    app.until("the query is loaded", &format!("return {CONTENT}.innerText.includes('query Mine')")).await;
    app.screenshot("console-dark").await;
    app.assert_accessible("console, dark").await;
    assert!(app
        .js("return document.getElementById('console-variables').value")
        .await
        .as_str()
        .unwrap()
        .contains(&info.data_controller_id));
    app.quit().await;

    // The history is in the settings store, without the PAT or any token the sandbox issued.
    let secrets = {
        let mut all = sandbox.issued_secrets();
        all.push(info.personal_access_token.clone());
        all
    };
    let settings =
        files_under(&home).into_iter().find(|f| f.ends_with("settings.json")).expect("the settings file");
    let text = std::fs::read_to_string(&settings).unwrap();
    assert!(text.contains("consoleHistory") && text.contains("mutation Make"), "{text}");
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "a secret is in the settings file");
    }
    let _ = std::fs::remove_dir_all(&home);
}

/// In the app's own Sandbox a mutation is sent without asking, so nothing but intent guards a
/// reflex double Ctrl+Enter: the first sends it, the second (no delay) never does.
#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn in_the_sandbox_two_ctrl_enter_on_a_mutation_record_one_subject() {
    clear_keychain();
    let home = temp_home("console-sandbox");
    let app = App::launch(&home).await;
    app.click("#use-demo").await;
    app.step_shown(2).await;
    to_console(&app).await;
    let sent = |log: serde_json::Value| {
        log["ok"].as_array().unwrap().iter().filter(|e| e.to_string().contains("mutation Twice")).count()
    };
    retype(&app, "mutation Twice($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId } }").await;
    let settings = app.ipc("get_settings", json!({})).await;
    let controller =
        settings["ok"]["settings"]["controllerId"].as_str().expect("the demo controller").to_owned();
    let variables = json!({ "input": { "event": "signup", "dataControllerId": controller, "payload": { "displayName": "Twice", "email": "twice@example.com", "country": "US" } } });
    app.fill("#console-variables", &variables.to_string()).await;
    app.click("#console-editor").await;
    press(&app, Some(Key::Control), &format!("{}{}", Key::Enter, Key::Enter)).await;
    app.until(
        "the subject is recorded",
        "return document.getElementById('console-result').textContent.includes('dataSubjectId')",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    if app.js("return document.getElementById('confirm-mutation').open").await == json!(true) {
        let asked = app.text("#confirm-text").await;
        assert!(asked.contains("s ago: running it again does it twice"), "{asked}");
        app.click("#confirm-cancel").await;
    }
    assert_eq!(sent(app.ipc("request_log", json!({})).await), 1, "one mutation for one intent");
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}

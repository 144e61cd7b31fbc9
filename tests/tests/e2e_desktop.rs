//! End-to-end: the real app binary in a real window, driven through `tauri-driver` and
//! WebKitWebDriver, with GNOME Keyring's Secret Service, against the sandbox, clicking as a user
//! would. Needs a desktop session: `tests/run.sh` runs these inside `tests/e2e/with-desktop.sh`
//! (`cargo test --workspace --test e2e_desktop -- --ignored --test-threads=1`).
//! This file: Custom URLs as pasted; the window remembered, a second launch, notices of what it did.

mod desktop;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use desktop::*;
use dxtra_tests::*;
use serde_json::json;

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
    app.until("the endpoints are shown before saving", &format!("return document.getElementById('env-urls').textContent.includes('Will call:\\nSign-in: {auth}/v1/signin/pat') && document.getElementById('env-urls').textContent.includes('GraphQL: {api}/v1/graphql')")).await;
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
    let badge =
        app.js("const b = document.getElementById('env-badge'); return [b.className, b.textContent]").await;
    let host =
        without_v1.info().graphql_url.trim_start_matches("http://").split('/').next().unwrap().to_owned();
    assert_eq!(badge, json!(["env-badge env-custom", format!("Environment: Custom ({host})")]));

    // Results belong to the environment and URLs they were made for: not shown for the Sandbox.
    app.click("#nav-1").await;
    app.step_shown(1).await;
    app.click("#check-connection").await;
    app.until("the check's results show", "return !document.getElementById('connection-results').hidden")
        .await;
    app.click("#env-sandbox").await;
    app.idle().await;
    assert_eq!(
        app.js("return document.getElementById('connection-results').hidden").await,
        json!(true),
        "the Custom URLs' results are not shown for the Sandbox"
    );

    // Save after a failed check: what failed is said, and the user is asked once.
    app.click("#env-custom").await;
    app.until("the URL fields show", "return !document.getElementById('custom-urls').hidden").await;
    app.idle().await;
    let closed = free_port();
    app.fill("#custom-auth-url", &format!("http://127.0.0.1:{closed}")).await;
    app.fill("#custom-graphql-url", &format!("http://127.0.0.1:{closed}/v1/graphql")).await;
    app.click("#check-connection").await;
    app.until(
        "both are unreachable",
        "return document.querySelectorAll('#connection-results li.unreachable').length === 2",
    )
    .await;
    app.fill("#pat", &with_v1.info().personal_access_token).await;
    app.idle().await;
    app.click("#save-credentials").await;
    app.until(
        "what the check found is said",
        "return !document.getElementById('save-warning').hidden && document.getElementById('save-warning').textContent.includes('auth service unreachable')",
    )
    .await;
    assert_eq!(app.text("#save-credentials").await, "Save anyway");
    assert_eq!(
        app.js("return document.getElementById('step-1').hidden").await,
        json!(false),
        "not saved yet"
    );
    app.click("#save-credentials").await;
    app.step_shown(2).await;
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
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
    app.until("Copy code says so on itself", &confirmed_on("copy-code", "Copied ✓", "Copied the curl code."))
        .await;
    app.click("#tab-python").await;
    app.click("#copy-program").await;
    app.until(
        "the whole program is copied",
        &confirmed_on(
            "copy-program",
            "save as dxtra.py",
            "Copied all four steps as one program: save it as dxtra.py.",
        ),
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
    assert_eq!(app.text("#error-fix").await, "Use the demo credentials and sign in");
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
    app.until(
        "signed in with the demo credentials, in one press",
        "return !document.getElementById('session').hidden",
    )
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
    // Said on the button, inside the dialog: not under its own backdrop.
    app.until(
        "the dialog says the diagnostics were copied",
        &confirmed_on("copy-diagnostics", "Copied ✓", "Diagnostics copied"),
    )
    .await;
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

    // The narrowest window: every tab on one line, nothing wider than the window.
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
    assert_eq!(app.overflowing().await, json!([]), "something runs out sideways at 720 px");
    // Code keeps its lines (it scrolls inside its own panel); "Wrap lines" folds them to fit.
    assert_eq!(
        app.js("const c = document.getElementById('code'); return getComputedStyle(c).whiteSpace").await,
        json!("pre"),
        "code lines are wrapped mid-token by default"
    );
    app.click("#wrap-code").await;
    app.until(
        "wrapped code fits its panel",
        "const c = document.getElementById('code'); return c.classList.contains('wrapped') && c.scrollWidth <= c.clientWidth",
    )
    .await;
    app.click("#wrap-code").await;
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

/// What a user meets once, checked in the real window: a settings file cut short by a crash, a
/// PAT pasted with an invisible U+061C, and a server that echoes the PAT in its error.
#[tokio::test]
#[ignore = "needs a desktop: tests/run.sh runs it under tests/e2e/with-desktop.sh"]
async fn a_cut_settings_file_a_stowaway_character_and_an_echoed_pat_as_a_user_meets_them() {
    clear_keychain();
    let sandbox = sandbox().await;
    let info = sandbox.info().clone();
    let home = temp_home("samples");
    let data = home.join("data/ai.dxtra.first-integration");
    std::fs::create_dir_all(&data).unwrap();
    let cut = br#"{"environment":"custom","customAuthUrl":"https://auth.exam"#;
    std::fs::write(data.join("settings.json"), cut).unwrap();

    let app = App::launch(&home).await;
    app.step_shown(1).await;
    app.until(
        "the notice says the settings were cut short",
        "return !document.getElementById('settings-notice').hidden && document.getElementById('settings-notice-text').textContent.includes('ends early')",
    )
    .await;
    assert_eq!(std::fs::read(data.join("settings.json.bad")).unwrap(), cut, "kept aside as it was");
    app.screenshot("settings-cut-short").await;
    app.click("#settings-notice-dismiss").await;
    app.until("the notice is dismissed", "return document.getElementById('settings-notice').hidden").await;

    // The PAT pasted with an Arabic letter mark behind it: refused at the field, named.
    app.click("#env-custom").await;
    app.until("the URL fields show", "return !document.getElementById('custom-urls').hidden").await;
    app.idle().await;
    app.fill("#custom-auth-url", &info.auth_url).await;
    app.fill("#custom-graphql-url", &info.graphql_url).await;
    app.fill("#pat", &format!("{}\u{061C}", info.personal_access_token)).await;
    app.click("#save-credentials").await;
    app.until(
        "the PAT field names the stowaway",
        "return document.getElementById('pat-error').textContent.includes('U+061C') && document.getElementById('pat-error').textContent.includes('printable ASCII')",
    )
    .await;
    assert_eq!(
        app.js("return document.getElementById('step-2').hidden").await,
        json!(true),
        "not saved: still step 1"
    );
    app.screenshot("pat-stowaway").await;

    // A server that echoes the PAT in its refusal: the page, the log and the diagnostics show
    // where it was, never what it was.
    app.fill("#pat", &info.personal_access_token).await;
    app.click("#save-credentials").await;
    app.step_shown(2).await;
    let pat = info.personal_access_token.clone();
    let body = json!({ "status": 401, "error": "invalid-pat", "message": format!("invalid token {}", pat.to_uppercase()) });
    sandbox.set_fault(Route::SignIn, Fault::Json { status: 401, body: body.to_string() });
    app.click("#sign-in").await;
    app.until("the refusal shows", "return !document.getElementById('error-panel').hidden && document.getElementById('error-message').textContent.includes('invalid token [redacted]')").await;
    app.screenshot("pat-echoed").await;
    let mut seen = app.js("return document.documentElement.outerHTML").await.to_string();
    for command in ["request_log", "about"] {
        seen.push_str(&app.ipc(command, json!({})).await.to_string());
    }
    assert!(
        !seen.to_ascii_lowercase().contains(&pat.to_ascii_lowercase()),
        "the echoed PAT reached the page"
    );
    sandbox.clear_faults();
    app.quit().await;
    let _ = std::fs::remove_dir_all(&home);
}

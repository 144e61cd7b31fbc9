//! End-to-end: the real app binary in a real window, driven through `tauri-driver` and
//! WebKitWebDriver, with GNOME Keyring's Secret Service, against the sandbox, clicking as a user
//! would. Needs a desktop session: `tests/run.sh` runs these inside `tests/e2e/with-desktop.sh`
//! (`cargo test --workspace --test e2e_steps -- --ignored --test-threads=1`).
//! This file: the wizard by keyboard alone in a dark desktop; one mutation per intent, progress per
//! environment; every state at the narrowest and widest size in both themes.

mod desktop;

use std::time::{Duration, Instant};

use desktop::*;
use dxtra_tests::*;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

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
    app.assert_accessible("dark step 1").await;

    // Tab order follows the step: environment, the demo offer, then the PAT field.
    let path = app.tab_to("pat").await;
    assert_eq!(path, ["env-sandbox", "use-demo", "pat"]);
    let outline = app.js("return getComputedStyle(document.activeElement).outlineStyle").await;
    assert_ne!(outline, json!("none"), "the focus is visible");
    app.keys(dxtra_sandbox::DEMO_PAT).await;
    app.keys(&Key::Enter.to_string()).await;
    app.step_shown(2).await;
    app.assert_accessible("dark step 2").await;
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
    app.assert_accessible("dark step 3, controllers listed").await;
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
    app.assert_accessible("dark step 4").await;
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

    // No delay on the action: a double-click sends one mutation (the second click lands while
    // the first is out, or after its answer with nothing changed), and Create then waits for a
    // changed field.
    app.fill("#email", "double-click@example.com").await;
    app.click_anyway("#create-subject").await;
    app.click_anyway("#create-subject").await;
    app.until(
        "the subject is created",
        "return document.getElementById('create-notice').textContent.includes('Change a field')",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sandbox.stats().mutations, 1, "a double-click sends one mutation");
    assert_eq!(
        app.js("return document.getElementById('create-subject').disabled").await,
        json!(true),
        "after a success, Create waits for a changed field"
    );
    app.screenshot("create-recorded").await;

    // A double Enter in the form, no delay: one mutation.
    app.fill("#email", "double-enter@example.com").await;
    assert_eq!(app.js("return document.getElementById('create-subject').disabled").await, json!(false));
    app.js("document.getElementById('create-notice').textContent = ''; return true").await;
    app.client
        .find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(&format!("{}{}", Key::Enter, Key::Enter))
        .await
        .unwrap();
    app.until(
        "the second subject is created",
        "return document.getElementById('create-notice').textContent.includes('Change a field')",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sandbox.stats().mutations, 2, "a double Enter sends one mutation");

    // The same again on purpose: "Record it again" sends it, once.
    app.click("#confirm-resend").await;
    app.until(
        "recorded again",
        "return document.getElementById('create-notice').textContent.includes('Change a field')",
    )
    .await;
    assert_eq!(sandbox.stats().mutations, 3, "recorded again when meant");

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
    app.until(
        "the real result arrives",
        "return document.getElementById('create-notice').textContent.includes('Change a field')",
    )
    .await;
    assert_eq!(sandbox.stats().mutations, 4, "Cancel-then-Create sends one mutation");
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
async fn every_state_fits_the_narrowest_and_widest_window_in_both_themes_with_one_next_action() {
    for theme in ["Adwaita", "Adwaita:dark"] {
        clear_keychain();
        let name = if theme.ends_with("dark") { "dark" } else { "light" };
        let home = temp_home(&format!("sizes-{name}"));
        let app = App::launch_with(&home, &[("GTK_THEME", theme)]).await;
        app.step_shown(1).await;
        assert_eq!(
            app.js("return matchMedia('(prefers-color-scheme: dark)').matches").await,
            json!(name == "dark")
        );
        let both = |primary: &'static str, state: String| {
            let app = &app;
            async move {
                app.shows_well_at(720, 700, primary, &state).await;
                app.shows_well_at(1600, 1000, primary, &state).await;
            }
        };
        app.until(
            "the sandbox URLs show",
            "return document.getElementById('env-urls').textContent.includes('127.0.0.1')",
        )
        .await;
        both("use-demo", format!("{name}-1-credentials")).await;
        app.click("#use-demo").await;
        app.step_shown(2).await;
        both("sign-in", format!("{name}-2-before-sign-in")).await;
        app.click("#sign-in").await;
        app.until("signed in", "return !document.getElementById('session').hidden").await;
        both("to-step-3", format!("{name}-2-signed-in")).await;
        app.click("#to-step-3").await;
        app.step_shown(3).await;
        both("create-subject", format!("{name}-3-before-create")).await;
        app.click("#create-subject").await;
        app.until("recorded", "return !document.getElementById('to-step-4').disabled").await;
        both("to-step-4", format!("{name}-3-created")).await;
        app.click("#to-step-4").await;
        app.step_shown(4).await;
        app.until("verified", "return document.querySelectorAll('#checks li.confirmed').length === 2").await;
        both("to-console", format!("{name}-4-verified")).await;
        app.open_console().await;
        app.click("#console-run").await;
        app.until("the answer shows", "return !document.getElementById('console-result').hidden").await;
        both("console-run", format!("{name}-5-console")).await;
        // Wide enough: the answer beside the editor, not under it.
        assert_eq!(
            app.js("const e = document.getElementById('console-editor').getBoundingClientRect(); \
                    const r = document.getElementById('console-result').getBoundingClientRect(); \
                    return r.left >= e.right && r.top < e.bottom")
                .await,
            json!(true),
            "at 1600 px the answer is beside the editor"
        );
        app.quit().await;
        let _ = std::fs::remove_dir_all(&home);
    }
}

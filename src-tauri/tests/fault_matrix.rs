//! Faults × steps: every fault the sandbox can inject, against each backend step the wizard runs
//! (sign in, list controllers, create subject, verify), through the command layer. Per cell: the
//! right error kind with a fix, no panic, settings intact, a mutation never repeated, and the next
//! call succeeding once the fault clears. The matrix is printed.

mod common;

use std::time::Duration;

use common::*;
use dxtra_sandbox::{Fault, Route, Sandbox};
use serde_json::{json, Value};

/// A fault, and how it is set on the sandbox (some are states, not per-route faults).
#[derive(Clone)]
enum Inject {
    On(Fault),
    RefreshRefused,
    PatRevoked,
}

fn faults() -> Vec<(&'static str, Inject)> {
    vec![
        ("delay past the timeout", Inject::On(Fault::Delay(Duration::from_millis(3500)))),
        ("500", Inject::On(Fault::ServerError(500))),
        ("502 HTML page", Inject::On(Fault::HtmlPage(502))),
        ("503 Retry-After", Inject::On(Fault::Unavailable { retry_after_secs: 1 })),
        ("429 Retry-After", Inject::On(Fault::RateLimited { retry_after_secs: 1 })),
        ("dropped connection", Inject::On(Fault::DropConnection)),
        ("cut-off answer", Inject::On(Fault::Truncated)),
        ("malformed JSON", Inject::On(Fault::MalformedJson)),
        ("oversize body", Inject::On(Fault::Oversize(9 * 1024 * 1024))),
        ("wrong content type", Inject::On(Fault::HtmlPage(200))),
        ("redirect to another host", Inject::On(Fault::Redirect("http://127.0.0.2:9/elsewhere".into()))),
        ("refresh refused", Inject::RefreshRefused),
        ("PAT revoked mid-run", Inject::PatRevoked),
    ]
}

const STEPS: [&str; 4] = ["sign in", "list controllers", "create subject", "verify"];

/// The kind a failure from each fault is named by (the row of Common Errors a user is sent to).
fn kind_of(fault: &str) -> &'static str {
    match fault {
        "delay past the timeout" => "timeout",
        "500" | "503 Retry-After" => "server-error",
        "502 HTML page" => "proxy-error",
        "429 Retry-After" => "rate-limited",
        "dropped connection" => "answer-lost",
        "cut-off answer" | "malformed JSON" => "malformed-json",
        "oversize body" => "too-large",
        "wrong content type" => "not-json",
        "redirect to another host" => "redirect",
        "PAT revoked mid-run" => "invalid-pat",
        other => panic!("no kind for the fault {other}"),
    }
}

/// Words the fix for each kind must hold: what tells a user what to do next.
fn fix_words(kind: &str) -> &'static str {
    match kind {
        "timeout" => "slow or unreachable",
        "server-error" => "try again in a minute",
        "proxy-error" => "proxy",
        "rate-limited" => "Wait for the time the server asks",
        "answer-lost" => "may have been carried out",
        "malformed-json" => "cut off",
        "too-large" => "size",
        "not-json" => "Something other than Dxtra",
        "redirect" => "never follows a redirect",
        "invalid-pat" => "create a new API key",
        "outcome-unknown" => "look for the subject first",
        other => panic!("no fix words for {other}"),
    }
}

fn inject(sandbox: &Sandbox, step: &str, fault: &Inject) {
    match fault {
        Inject::On(fault) => {
            sandbox.set_fault(if step == "sign in" { Route::SignIn } else { Route::GraphQl }, fault.clone())
        }
        Inject::RefreshRefused => {
            sandbox.expire_access_tokens();
            sandbox.revoke_refresh_tokens();
        }
        Inject::PatRevoked => {
            sandbox.expire_access_tokens();
            sandbox.revoke_refresh_tokens();
            sandbox.revoke_pat(&sandbox.info().personal_access_token);
        }
    }
}

fn run(window: &Window, step: &str, controller: &str, email: &str) -> Result<Value, Value> {
    match step {
        "sign in" => invoke(window, "sign_in", json!({})),
        "list controllers" => invoke(window, "list_controllers", json!({})),
        "create subject" => invoke(window, "create_data_subject", subject_input(controller, email)),
        _ => invoke(window, "verify", json!({})),
    }
}

/// What a cell shows: the error kind, or for verify the checks' states, or "ok".
fn outcome(step: &str, result: &Result<Value, Value>) -> String {
    match result {
        Err(error) => error["kind"].as_str().unwrap_or("?").to_owned(),
        Ok(value) if step == "verify" => value["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["state"].as_str().unwrap_or("?").chars().next().unwrap())
            .collect(),
        Ok(value) if value["confirmedByReadBack"] == true => "ok (read back)".into(),
        Ok(_) => "ok".into(),
    }
}

/// Everything logged at trace level, for the secret scan.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn every_fault_against_every_step() {
    // The secret scan: at RUST_LOG=trace, no PAT, JWT or refresh token in the log or in any answer.
    let log = Captured::default();
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let mut secrets: Vec<String> = Vec::new();
    let mut answers = String::new();
    let mut table = vec![format!(
        "{:<26} {}",
        "fault \\ step",
        STEPS.iter().map(|s| format!("{s:<18}")).collect::<String>()
    )];
    let mut cell_count = 0;
    for (name, fault) in faults() {
        let mut row = format!("{name:<26} ");
        for step in STEPS {
            // A fresh app and sandbox per cell: nothing carries over between cells.
            let (_runtime, sandbox) = own_sandbox();
            let settings = std::sync::Arc::new(dxtra_wizard_lib::settings::MemorySettings::default());
            let window = window_of(
                Box::new(dxtra_wizard_lib::keychain::SessionMemory::default()),
                Box::new(SharedSettings(settings.clone())),
                quick_config(),
            );
            use_custom(&window, &sandbox);
            let controller = sandbox.info().data_controller_id.clone();
            if step != "sign in" {
                invoke(&window, "sign_in", json!({})).unwrap();
            }
            if step == "verify" {
                invoke(&window, "create_data_subject", subject_input(&controller, "verified@example.com"))
                    .unwrap();
            }
            let before = invoke(&window, "get_settings", json!({})).unwrap();
            let mutations = sandbox.stats().mutations;

            inject(&sandbox, step, &fault);
            let result =
                run(&window, step, &controller, &format!("{step}-{name}@example.com").replace(' ', "-"));
            let shown = outcome(step, &result);

            // The right kind, with a fix that is not the message said again.
            if let Err(error) = &result {
                let (hint, message) = (
                    error["hint"].as_str().unwrap_or_default(),
                    error["message"].as_str().unwrap_or_default(),
                );
                // The fault's own kind (a mutation's may be "outcome unknown" instead), with the
                // fix a user reads for that kind.
                let kind = error["kind"].as_str().unwrap_or_default();
                let expected = kind_of(name);
                assert!(
                    kind == expected || (step == "create subject" && kind == "outcome-unknown"),
                    "{name} × {step}: {kind}, expected {expected}"
                );
                assert!(
                    hint.contains(fix_words(kind)) && hint != message,
                    "{name} × {step}: the fix for {error}"
                );
                assert_ne!(error["kind"], "page-error");
            }
            let expected_ok = matches!(fault, Inject::RefreshRefused);
            match (&fault, step) {
                (Inject::PatRevoked, "verify") => assert_eq!(shown, "ffd", "{name} × {step}"),
                (Inject::PatRevoked, _) => assert_eq!(shown, "invalid-pat", "{name} × {step}"),
                (_, "verify") => {
                    assert!(result.is_ok(), "{name} × verify never fails as a whole: {result:?}")
                }
                _ if expected_ok => assert!(result.is_ok(), "{name} × {step}: {result:?}"),
                // The fault stays on, so the read-back meets it too: recorded, not, or unknown.
                (Inject::On(Fault::Redirect(_)), _) => {
                    assert_eq!(shown, "redirect", "{name} × {step}: named, not followed")
                }
                (_, "create subject") => assert!(
                    matches!(
                        shown.as_str(),
                        "ok (read back)" | "not-recorded" | "outcome-unknown" | "rate-limited"
                    ),
                    "{name} × create: a failed mutation is named for what is known of it: {shown}"
                ),
                _ => assert!(result.is_err(), "{name} × {step}: {result:?}"),
            }
            // A mutation is never repeated, and one the server counted is never called not recorded
            // (the user would create it again: a duplicate event on a compliance record).
            assert!(sandbox.stats().mutations <= mutations + 1, "{name} × {step}: a mutation was repeated");
            if sandbox.stats().mutations > mutations {
                assert_ne!(shown, "not-recorded", "{name} × {step}: the server recorded it");
            }
            // Settings intact: a failure leaves the environment, URLs and controller as they were
            // (a success may record progress, which is what it is for).
            let after = invoke(&window, "get_settings", json!({})).unwrap();
            let fields: &[&str] = if result.is_err() {
                &["environment", "customAuthUrl", "customGraphqlUrl", "controllerId"]
            } else {
                &["environment", "customAuthUrl", "customGraphqlUrl"]
            };
            for field in fields {
                assert_eq!(after["settings"][*field], before["settings"][*field], "{name} × {step}: {field}");
            }
            // Once the fault clears, the next call succeeds.
            sandbox.clear_faults();
            if matches!(fault, Inject::PatRevoked) {
                sandbox.restore_pat(&sandbox.info().personal_access_token);
            }
            let next = run(&window, step, &controller, "after@example.com");
            assert!(next.is_ok(), "{name} × {step}: after the fault cleared: {next:?}");
            for answer in [&result, &next] {
                answers.push_str(&format!("{answer:?}"));
            }
            answers.push_str(&invoke(&window, "request_log", json!({})).unwrap().to_string());
            secrets.extend(sandbox.issued_secrets());
            secrets.push(sandbox.info().personal_access_token.clone());
            row.push_str(&format!("{shown:<18}"));
            cell_count += 1;
        }
        table.push(row);
    }
    println!(
        "\n{}\n(verify: c = confirmed, d = dashboard, f = failed per check)\n{cell_count} cells\n",
        table.join("\n")
    );

    let logged = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(logged.len() > 10_000, "the trace log was captured ({} bytes)", logged.len());
    secrets.sort();
    secrets.dedup();
    for secret in &secrets {
        assert!(!logged.contains(secret.as_str()), "a secret is in the trace log");
        assert!(!answers.contains(secret.as_str()), "a secret is in an answer to the page");
    }
    println!(
        "secret scan: {} secrets, none in {} bytes of trace log or {} bytes of answers",
        secrets.len(),
        logged.len(),
        answers.len()
    );
}

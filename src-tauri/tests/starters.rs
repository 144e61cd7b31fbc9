//! Each starter project, written exactly as "Create starter project" writes it (filled with a
//! running sandbox binary's URLs and controller), runs its own test against that sandbox: `npm
//! test` (Node), `python3 -m unittest` (Python), `cargo test` (Rust). Needs node, python3 and
//! cargo, as the test command installs them. In the Sandbox, the command the app shows next runs
//! as pasted: it carries the Sandbox's practice PAT (public), which no other environment shows.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use dxtra_wizard_lib::starter::{self, Language, Values};

/// The workspace's target folder (this test runs from `target/debug/deps/`).
fn target_dir() -> PathBuf {
    std::env::current_exe().unwrap().ancestors().nth(3).unwrap().to_path_buf()
}

struct SandboxProcess {
    child: Child,
    info: serde_json::Value,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The sandbox binary, as a user would start it, with its one line of URLs and demo credentials.
fn sandbox() -> SandboxProcess {
    let binary = target_dir().join("debug/dxtra-sandbox");
    assert!(binary.exists(), "{} is built by `cargo test --workspace`", binary.display());
    let mut child = Command::new(binary).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    SandboxProcess { child, info: serde_json::from_str(&line).unwrap() }
}

fn run(folder: &Path, program: &str, args: &[&str], pat: &str) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(folder)
        .env("DXTRA_PAT", pat)
        // The Rust starter builds in the Rust snippets' target folder (tests/ui/snippets.test.mjs),
        // so the dependencies both use are built once; its lock starts from the workspace's, so
        // nothing new is fetched.
        .env("CARGO_TARGET_DIR", target_dir().join("snippets-rust/target"))
        .env_remove("DXTRA_GRAPHQL_URL")
        .env_remove("DXTRA_SIGNIN_URL")
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    let text =
        format!("{}\n{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn every_starter_passes_its_own_test_against_the_sandbox() {
    let sandbox = sandbox();
    let auth = sandbox.info["authUrl"].as_str().unwrap();
    let values = Values {
        environment: "the Sandbox".into(),
        signin_url: format!("{auth}/v1/signin/pat"),
        token_url: format!("{auth}/v1/token"),
        graphql_url: sandbox.info["graphqlUrl"].as_str().unwrap().to_owned(),
        controller_id: sandbox.info["dataControllerId"].as_str().unwrap().to_owned(),
    };
    let pat = sandbox.info["personalAccessToken"].as_str().unwrap();
    let root = std::env::temp_dir().join(format!("dxtra-starters-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);

    for language in [Language::Node, Language::Python, Language::Rust] {
        let folder = root.join(format!("{language:?}").to_lowercase());
        let written = starter::write(&folder, language, &values).unwrap();
        assert!(written.next.ends_with(&language.test_command(dxtra_wizard_lib::shell::Shell::current())));
        // No file of the project holds the PAT.
        for file in &written.files {
            assert!(
                !std::fs::read_to_string(folder.join(file)).unwrap().contains(pat),
                "{file} holds the PAT"
            );
        }
        let (program, args): (&str, &[&str]) = match language {
            Language::Node => ("npm", &["test"]),
            Language::Python => ("python3", &["-m", "unittest", "-v"]),
            Language::Rust => {
                std::fs::copy(target_dir().parent().unwrap().join("Cargo.lock"), folder.join("Cargo.lock"))
                    .unwrap();
                ("cargo", &["test", "--quiet"])
            }
        };
        let (passed, output) = run(&folder, program, args, pat);
        assert!(passed, "the {language:?} starter's own test fails against the sandbox:\n{output}");
        // Its example program does the guide's steps too, and a wrong PAT is named with the fix.
        let example: (&str, Vec<&str>) = match language {
            Language::Node => ("node", vec!["src/example.js"]),
            Language::Python => ("python3", vec!["example.py"]),
            Language::Rust => ("cargo", vec!["run", "--quiet"]),
        };
        let (ok, output) = run(&folder, example.0, &example.1, pat);
        assert!(ok && output.contains("Recorded data subject"), "{language:?} example:\n{output}");
        let (ok, output) = run(&folder, example.0, &example.1, "00000000-0000-4000-8000-000000000000");
        assert!(
            !ok && output.contains("Invalid or expired personal access token")
                && output.contains("Create a new API key"),
            "{language:?} example with a wrong PAT:\n{output}"
        );
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn in_the_sandbox_the_starters_next_command_runs_as_pasted_and_elsewhere_no_pat_is_shown() {
    let window = common::window();
    // Before any credentials or controller were chosen (the demo ones not used either): the
    // Sandbox's practice controller fills the code, so the starter's test still runs as pasted.
    let status = common::invoke(&window, "start_sandbox", serde_json::json!({ "useDemo": false })).unwrap();
    assert_eq!(status["practicePat"], dxtra_sandbox::DEMO_PAT, "public, shown in the Sandbox");
    let snippets = common::invoke(&window, "code_snippets", serde_json::json!({})).unwrap();
    assert_eq!(snippets["controllerId"], dxtra_sandbox::DEMO_CONTROLLER_ID, "{snippets}");
    let folder = std::env::temp_dir().join(format!("dxtra-starter-paste-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let args = serde_json::json!({ "language": "python", "folder": folder.display().to_string() });
    let written = common::invoke(&window, "create_starter", args).unwrap();
    let next = written["next"].as_str().unwrap().to_owned();
    assert!(
        next.contains(&format!("DXTRA_PAT='{}' python3 -m unittest -v", dxtra_sandbox::DEMO_PAT)),
        "{next}"
    );
    // Pasted into a shell that has no DXTRA_PAT: the starter's own test passes against the Sandbox.
    let output = Command::new("sh").args(["-c", &next]).env_remove("DXTRA_PAT").output().unwrap();
    let said =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{next}\n{said}");
    let _ = std::fs::remove_dir_all(&folder);

    let production = common::invoke(
        &window,
        "save_settings",
        serde_json::json!({ "patch": { "environment": "production" } }),
    )
    .unwrap();
    assert!(production["practicePat"].is_null(), "no PAT is shown outside the Sandbox: {production}");
}

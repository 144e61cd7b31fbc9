//! The maintainer's build (.github/workflows/desktop.yml) cannot run here, so this checks what
//! can be: it parses, it has a job per platform on the right runner (Linux, macOS on Apple
//! Silicon, Windows), each job builds, tests the OS keychain and makes its platform's bundles,
//! every script it runs exists, signing keys come only from the CI's secrets, each signed platform
//! verifies its signatures before uploading, and publishing needs every platform and a tag.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

fn workflow() -> Yaml {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text =
        std::fs::read_to_string(root.join(".github/workflows/desktop.yml")).expect("the workflow exists");
    YamlLoader::load_from_str(&text).expect("the workflow is valid YAML").remove(0)
}

/// Every `run:` of a job, joined.
fn runs(job: &Yaml) -> String {
    job["steps"]
        .as_vec()
        .expect("a job has steps")
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_workflow_builds_tests_and_bundles_on_each_platform() {
    let workflow = workflow();
    let jobs = &workflow["jobs"];
    for (job, runner, bundles) in [
        ("linux", "ubuntu-", "bash src-tauri/scripts/bundle.sh"),
        ("macos", "macos-14", "--bundles app,dmg"),
        ("windows", "windows-", "--bundles msi,nsis"),
    ] {
        let job_yaml = &jobs[job];
        assert!(!job_yaml.is_badvalue(), "no {job} job");
        let on = job_yaml["runs-on"].as_str().unwrap();
        assert!(on.starts_with(runner), "{job} runs on {on}");
        let run = runs(job_yaml);
        assert!(run.contains(bundles), "{job} does not make its bundles ({bundles})");
        // Linux runs the README's whole test command; the others build and run the keychain's own test.
        if job == "linux" {
            assert!(run.contains("bash tests/run.sh"), "linux does not run the test command");
        } else {
            assert!(run.contains("cargo build --workspace --locked"), "{job} does not build");
            assert!(run.contains("--test keychain_native"), "{job} does not test its keychain");
        }
        // Every script a step names is in the repository.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        for word in run.split_whitespace().filter(|w| w.ends_with(".sh")) {
            assert!(root.join(word).is_file(), "{job} runs {word}, which does not exist");
        }
    }
    // End to end where tauri-driver works: Linux (in run.sh) and Windows; macOS has no WebDriver.
    assert!(runs(&jobs["windows"]).contains("--test e2e"));
    assert!(!runs(&jobs["macos"]).contains("--test e2e"));
}

#[test]
fn signing_keys_come_from_secrets_and_nothing_is_published_unverified() {
    let workflow = workflow();
    let jobs = &workflow["jobs"];
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../.github/workflows/desktop.yml"),
    )
    .unwrap();
    for secret in
        ["APPLE_CERTIFICATE", "APPLE_SIGNING_IDENTITY", "APPLE_ID", "APPLE_TEAM_ID", "WINDOWS_CERTIFICATE"]
    {
        assert!(
            text.contains(&format!("${{{{ secrets.{secret} }}}}")),
            "{secret} is not read from the secrets"
        );
    }
    // The README lists exactly the secrets the workflow reads.
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("secrets.") {
        let name: String =
            rest[at + 8..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        assert!(readme.contains(&format!("`{name}`")), "README does not name the secret {name}");
        rest = &rest[at + 8..];
    }
    // Each signed platform checks its signatures before its upload.
    for (job, check) in [
        ("macos", "codesign --verify"),
        ("macos", "stapler validate"),
        ("windows", "Get-AuthenticodeSignature"),
    ] {
        let steps = jobs[job]["steps"].as_vec().unwrap();
        let verify = steps.iter().position(|s| s["run"].as_str().is_some_and(|r| r.contains(check)));
        let upload = steps
            .iter()
            .position(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-artifact")));
        assert!(
            verify.is_some() && upload.is_some() && verify < upload,
            "{job}: {check} does not come before the upload"
        );
    }
    let release = &jobs["release"];
    assert!(release["if"].as_str().unwrap().contains("refs/tags/v"), "publishing is not limited to tags");
    let needs: Vec<&str> = release["needs"].as_vec().unwrap().iter().filter_map(Yaml::as_str).collect();
    assert_eq!(needs, ["linux", "macos", "windows"], "publishing does not wait for every platform");
}

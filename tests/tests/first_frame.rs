//! The first frames a user sees when the app starts, on a dark desktop and on a light one: its
//! window sampled from launch every few milliseconds by tests/bench/frames.py (the benchmark's
//! sampler), each sample reduced to its dominant colour. Before, a dark desktop saw black, GTK's
//! grey and then one white frame before the page; a light one a black frame first. Leaves what
//! the page draws after its background to the real-window tests.
//! Run under tests/e2e/with-desktop.sh (Xvfb, D-Bus) after `cargo build -p dxtra-wizard`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn frames(theme: &str) -> Value {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), |dir| workspace().join(dir));
    let app = target.join("debug/dxtra-wizard");
    assert!(app.exists(), "build the app first: cargo build -p dxtra-wizard");
    let output = Command::new("python3")
        .arg(workspace().join("tests/bench/frames.py"))
        .args(["--program".as_ref(), app.as_os_str()])
        .args(["--theme", theme, "--seconds", "8"])
        .output()
        .expect("python3 runs the sampler");
    assert!(output.status.success(), "the sampler failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the sampler prints JSON")
}

#[test]
#[ignore = "needs a desktop: run under tests/e2e/with-desktop.sh"]
fn the_first_frame_is_the_pages_own_background_in_the_desktops_theme() {
    // ui/styles.css's --bg (src-tauri/src/backdrop.rs checks its copy against the same sheet).
    for (theme, background, wrong) in [("dark", "#12151c", "white"), ("light", "#f6f7fb", "black")] {
        let seen = frames(theme);
        let shown = seen["frames"].as_array().unwrap();
        assert!(shown.len() >= 2, "{theme}: the window showed and the page drew on it: {seen}");
        assert_eq!(seen["wrong"], serde_json::json!([]), "{theme} desktop: a {wrong} frame: {seen}");
        assert_eq!(
            shown[0]["rgb"], background,
            "{theme}: the first frame is the page's own background: {seen}"
        );
        assert_ne!(
            shown.last().unwrap()["rgb"],
            background,
            "{theme}: the page drew after its background: {seen}"
        );
    }
}

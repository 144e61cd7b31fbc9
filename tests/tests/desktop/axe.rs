//! Accessibility in the real window: axe-core (pinned in `tests/e2e/axe/package-lock.json`,
//! installed by `tests/run.sh`) injected into the page and run with the WCAG 2.1 A and AA rules,
//! plus `label-content-name-mismatch` (a button's name must contain its visible text). What it
//! leaves out: colour contrast of states the test does not show, and anything needing a person
//! (reading order as heard, whether the words make sense).

use serde_json::{json, Value};

use super::{workspace, App};

impl App {
    /// The page's accessibility violations as it is shown now, one line each (rule, impact, the
    /// elements); empty when it passes.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        if self.js("return typeof window.axe === 'object'").await != json!(true) {
            let path = workspace().join("tests/e2e/axe/node_modules/axe-core/axe.min.js");
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{} (tests/run.sh installs it with npm ci in tests/e2e/axe): {e}", path.display())
            });
            // Evaluated by the driver, as a user's assistive tool would see the page; the app's
            // CSP governs the page's own scripts, not the driver's.
            self.client.execute(&format!("{source}\nreturn true;"), vec![]).await.expect("axe-core loads");
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                rules: { 'label-content-name-mismatch': { enabled: true } },
                resultTypes: ['violations'],
            }).then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }))), (e) => done({ error: String(e) }));
        "#;
        let found = self.client.execute_async(script, vec![]).await.expect("axe runs");
        if let Some(error) = found.get("error") {
            panic!("axe failed: {error}");
        }
        found.as_array().map(|all| all.iter().map(line).collect()).unwrap_or_default()
    }

    /// Fails, naming each violation, unless the page as shown now passes.
    pub async fn assert_accessible(&self, what: &str) {
        let violations = self.accessibility_violations().await;
        if !violations.is_empty() {
            self.failure_shot(&format!("a11y-{what}")).await;
            panic!("{what}: {} accessibility violation(s):\n{}", violations.len(), violations.join("\n"));
        }
    }
}

fn line(violation: &Value) -> String {
    format!(
        "{} ({}): {}",
        violation["id"].as_str().unwrap_or("?"),
        violation["impact"].as_str().unwrap_or("?"),
        violation["nodes"]
    )
}

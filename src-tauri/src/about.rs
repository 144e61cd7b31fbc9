//! The About view and "Copy diagnostics": the app's, Tauri's, the web view's and the OS's
//! versions, where the logs are, and a plain-text report a user can paste into a support request:
//! the environment, its endpoints, whether a PAT is saved and where, the session's state and the
//! last errors. It never holds a secret: no PAT (not even masked), JWT or refresh token.

use serde::Serialize;

use crate::wizard::Wizard;

/// Facts about the platform, gathered by the Tauri layer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Platform {
    pub app_name: String,
    pub app_version: String,
    pub tauri_version: String,
    pub webview_version: Option<String>,
    pub os: String,
    pub log_folder: Option<String>,
}

/// What the About view shows.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct About {
    #[serde(flatten)]
    pub platform: Platform,
    /// The report "Copy diagnostics" copies.
    pub diagnostics: String,
}

/// How many failed requests the report lists.
const LAST_ERRORS: usize = 5;

/// The About view's facts and the diagnostics report.
pub async fn about(wizard: &Wizard, platform: Platform) -> About {
    let status = wizard.status().await;
    let mut lines = vec![
        format!("{} {}", platform.app_name, platform.app_version),
        format!("Tauri {}", platform.tauri_version),
        format!("Web view: {}", platform.webview_version.as_deref().unwrap_or("unknown")),
        format!("OS: {}", platform.os),
        format!("Logs: {}", platform.log_folder.as_deref().unwrap_or("unavailable")),
        String::new(),
        format!("Environment: {:?}", status.settings.environment),
    ];
    match &status.endpoints {
        Some(e) => {
            lines.push(format!("Sign-in endpoint: {}", e.signin_url));
            lines.push(format!("GraphQL endpoint: {}", e.graphql_url));
        }
        None => lines.push(format!(
            "Endpoints: none ({})",
            status.environment_error.as_ref().map_or_else(|| "not set".to_owned(), |e| e.to_string())
        )),
    }
    if let Some(notice) = &status.sandbox_notice {
        lines.push(format!("Sandbox: {notice}"));
    }
    lines.push(format!(
        "PAT: {}",
        match (status.pat.saved, status.pat.store) {
            (true, Some(store)) => format!("saved ({store})"),
            (true, None) => "saved".to_owned(),
            (false, _) => "not saved".to_owned(),
        }
    ));
    if let Some(error) = &status.pat.keychain_error {
        lines.push(format!("Keychain: {error}"));
    }
    lines.push(match &status.session {
        Some(s) => format!("Session: signed in, expires at {} (unix time)", s.expires_at),
        None => "Session: not signed in".to_owned(),
    });
    lines.push(format!("Step reached: {} of 4", status.settings.step_reached));
    lines.push(String::new());
    lines.extend(wizard.network_report().await);
    let failed: Vec<_> = wizard.request_log().into_iter().filter(|e| !e.ok).collect();
    lines.push(String::new());
    if failed.is_empty() {
        lines.push("Last errors: none".to_owned());
    } else {
        lines.push(format!("Last errors ({} of {}):", failed.len().min(LAST_ERRORS), failed.len()));
        for entry in failed.iter().rev().take(LAST_ERRORS) {
            let kind = entry.response.get("kind").and_then(|v| v.as_str()).unwrap_or("unknown");
            let message = entry.response.get("message").and_then(|v| v.as_str()).unwrap_or("");
            lines.push(format!("- at {} {} {}: {kind}: {message}", entry.at, entry.operation, entry.url));
        }
    }
    About { platform, diagnostics: lines.join("\n") + "\n" }
}

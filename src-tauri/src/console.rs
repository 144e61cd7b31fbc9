//! The GraphQL console's own logic: what the page sends (text, variables as JSON text, which
//! operation), what it gets back (the whole answer), and the history kept in the settings store,
//! scrubbed of anything that looks like a token. The requests themselves go through the same
//! [`dxtra_api::DxtraClient`] as the wizard's.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::AppError;

/// Entries kept, newest first.
pub const HISTORY_LIMIT: usize = 50;
/// Longest variables text accepted from the page.
const MAX_VARIABLES_BYTES: usize = 64 * 1024;
/// Longest query or variables text kept in the history (the settings file stays small).
pub const MAX_KEPT_BYTES: usize = 16 * 1024;

/// Why a document mentioning a secret is refused.
pub const SECRET_IN_DOCUMENT: &str = "The query or its variables contain your PAT or a token of this session, so nothing was sent. The app adds the token to every request itself: remove it from the text.";

/// One run asked for by the page.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleRequest {
    pub query: String,
    /// The variables editor's text: a JSON object, or blank for none.
    #[serde(default)]
    pub variables: String,
    #[serde(default)]
    pub operation_name: Option<String>,
    /// The user confirmed this mutation (needed outside the Sandbox).
    #[serde(default)]
    pub confirmed: bool,
}

/// What the page shows after a run: the server's whole answer and the history as it now is.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleAnswer {
    /// The operation's name (or `query`/`mutation` when it has none).
    pub operation: String,
    pub kind: dxtra_api::OperationKind,
    /// `{"data": …, "errors": […]}` as the server sent it.
    pub answer: Value,
    pub elapsed_ms: u64,
    /// The answer's first error, named as the wizard names it (`{kind, message, hint}`).
    pub problem: Option<dxtra_api::ApiError>,
    pub history: Vec<HistoryEntry>,
    /// Why this run is not in the history, when it is not.
    pub history_note: Option<String>,
}

/// A run remembered in the settings store. Holds no secret: text that looks like a token is
/// replaced by `[redacted]`, and a run mentioning the PAT or the session's tokens is not kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub query: String,
    #[serde(default)]
    pub variables: String,
    #[serde(default)]
    pub operation_name: Option<String>,
    /// `sandbox`, `production`, `local-dev` or `custom`.
    pub environment: String,
    /// For `custom`, the GraphQL endpoint's origin (which deployment it ran against).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    pub mutation: bool,
    /// Unix seconds of the last run.
    pub at: u64,
    /// Whether the answer had data and no errors.
    pub ok: bool,
}

/// The variables text as a JSON object (`null` when blank or `null`), or a message naming the
/// problem (with line and column for bad JSON).
pub fn parse_variables(text: &str) -> Result<Value, AppError> {
    let problem = |problem: String| AppError::InvalidInput { field: "variables", problem };
    if text.len() > MAX_VARIABLES_BYTES {
        return Err(problem(format!(
            "The variables are {} KiB; at most 64 KiB is sent.",
            text.len().div_ceil(1024)
        )));
    }
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    match serde_json::from_str(text) {
        Ok(value @ (Value::Object(_) | Value::Null)) => Ok(value),
        Ok(_) => Err(problem("The variables must be a JSON object, like {\"id\": \"…\"}, or empty.".into())),
        Err(error) => Err(problem(format!(
            "The variables are not valid JSON (line {}, column {}): {}.",
            error.line(),
            error.column(),
            strip_position(&error.to_string())
        ))),
    }
}

/// Reads the saved history leniently: an entry this version cannot read is dropped, never the
/// settings around it.
pub fn lenient_history<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<HistoryEntry>, D::Error> {
    let values = Option::<Vec<Value>>::deserialize(deserializer).unwrap_or_default().unwrap_or_default();
    Ok(values
        .into_iter()
        .filter_map(|value| serde_json::from_value(value).ok())
        .take(HISTORY_LIMIT)
        .collect())
}

fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// Whether an answer carries data and no errors.
pub fn answer_ok(answer: &Value) -> bool {
    answer.get("errors").is_none_or(|e| e.as_array().is_some_and(Vec::is_empty))
        && answer.get("data").is_some_and(|d| !d.is_null())
}

/// Puts `entry` first, dropping an older run of the same text and variables against the same
/// deployment (environment, and origin for Custom: two Custom servers keep their own runs), and
/// keeps at most [`HISTORY_LIMIT`] entries.
pub fn remember(history: &mut Vec<HistoryEntry>, entry: HistoryEntry) {
    history.retain(|old| {
        (&old.query, &old.variables, &old.operation_name, &old.environment, &old.origin)
            != (&entry.query, &entry.variables, &entry.operation_name, &entry.environment, &entry.origin)
    });
    history.insert(0, entry);
    history.truncate(HISTORY_LIMIT);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(query: &str, at: u64) -> HistoryEntry {
        HistoryEntry {
            query: query.into(),
            variables: String::new(),
            operation_name: None,
            environment: "sandbox".into(),
            origin: None,
            mutation: false,
            at,
            ok: true,
        }
    }

    #[test]
    fn variables_errors_name_the_place() {
        assert_eq!(parse_variables("  ").unwrap(), Value::Null);
        assert_eq!(parse_variables(r#"{"id": "x"}"#).unwrap()["id"], "x");
        let error = parse_variables("{\n  \"id\": \"x\",\n}").unwrap_err().to_string();
        assert!(error.contains("line 3, column 1"), "{error}");
        assert!(parse_variables(&"1".repeat(MAX_VARIABLES_BYTES + 1))
            .unwrap_err()
            .to_string()
            .contains("65 KiB; at most 64 KiB"));
        assert_eq!(parse_variables("null").unwrap(), Value::Null);
        for not_object in ["[1]", "\"x\"", "3"] {
            let error = parse_variables(not_object).unwrap_err();
            assert_eq!(error.kind(), "invalid-input");
            assert!(error.to_string().contains("must be a JSON object"), "{error}");
        }
    }

    #[test]
    fn history_is_newest_first_without_repeats_and_bounded() {
        let mut history = Vec::new();
        remember(&mut history, entry("{ a }", 1));
        remember(&mut history, entry("{ b }", 2));
        remember(&mut history, entry("{ a }", 3));
        assert_eq!(
            history.iter().map(|e| (e.query.as_str(), e.at)).collect::<Vec<_>>(),
            [("{ a }", 3), ("{ b }", 2)]
        );
        for i in 0..2 * HISTORY_LIMIT as u64 {
            remember(&mut history, entry(&format!("{{ f{i} }}"), i));
        }
        assert_eq!(history.len(), HISTORY_LIMIT);
        assert_eq!(history[0].query, format!("{{ f{} }}", 2 * HISTORY_LIMIT - 1));
    }

    #[test]
    fn runs_against_two_custom_servers_are_both_kept() {
        let custom = |origin: &str, at| HistoryEntry {
            environment: "custom".into(),
            origin: Some(origin.into()),
            ..entry("{ dataControllers { id } }", at)
        };
        let mut history = Vec::new();
        remember(&mut history, custom("https://staging.example.com", 1));
        remember(&mut history, custom("https://eu.example.com", 2));
        remember(&mut history, custom("https://staging.example.com", 3));
        let kept: Vec<_> = history.iter().map(|e| (e.origin.as_deref().unwrap(), e.at)).collect();
        assert_eq!(kept, [("https://staging.example.com", 3), ("https://eu.example.com", 2)]);
    }

    #[test]
    fn a_history_entry_this_version_cannot_read_is_dropped_alone() {
        #[derive(Deserialize)]
        struct Saved {
            #[serde(deserialize_with = "lenient_history")]
            h: Vec<HistoryEntry>,
        }
        let good = serde_json::to_value(entry("{ a }", 1)).unwrap();
        let saved: Saved =
            serde_json::from_value(serde_json::json!({"h": [good, {"query": 3}, "junk"]})).unwrap();
        assert_eq!(saved.h, [entry("{ a }", 1)]);
        let saved: Saved = serde_json::from_value(serde_json::json!({"h": "not a list"})).unwrap();
        assert!(saved.h.is_empty());
    }

    #[test]
    fn tokens_are_scrubbed_and_the_rest_kept() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        assert_eq!(
            dxtra_api::scrub_text(&format!("{{\"t\": \"{jwt}\", \"eyJ\": 1}}")),
            "{\"t\": \"[redacted]\", \"eyJ\": 1}"
        );
        assert_eq!(dxtra_api::scrub_text("query { eyJust }"), "query { eyJust }");
        assert_eq!(dxtra_api::scrub_text(jwt), "[redacted]");
    }

    #[test]
    fn an_answer_is_ok_only_with_data_and_no_errors() {
        assert!(answer_ok(&serde_json::json!({"data": {"a": 1}})));
        assert!(!answer_ok(&serde_json::json!({"data": null, "errors": [{"message": "x"}]})));
        assert!(!answer_ok(&serde_json::json!({"data": {"a": 1}, "errors": [{"message": "x"}]})));
    }
}

//! The request log the user sees: every exchange the client reports, with secrets already
//! replaced by `[redacted]`: what was on the wire (the body sent, the status and the body received)
//! and what the app made of it. Newest last, capped.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use dxtra_api::{Exchange, Observer};
use serde::Serialize;
use serde_json::Value;

/// One request as the user may see it: secrets replaced by `[redacted]`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    pub id: u64,
    pub at: u64,
    pub operation: String,
    pub url: String,
    pub headers: Vec<&'static str>,
    /// The body as sent (secrets redacted).
    pub request: Value,
    pub ok: bool,
    /// What the app made of the answer: the result, or the error `{kind, message, hint}`.
    pub response: Value,
    /// The HTTP status, when an answer came.
    pub status: Option<u16>,
    pub content_type: Option<String>,
    /// The body as received (secrets redacted), when an answer came.
    pub received: Option<Value>,
    pub duration_ms: u64,
}

/// The last requests, newest last; the client reports each one here.
#[derive(Default)]
pub struct RequestLog(Mutex<VecDeque<LogEntry>>);

const LOG_LIMIT: usize = 50;

impl Observer for RequestLog {
    fn observe(&self, exchange: Exchange<'_>) {
        let mut log = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let id = log.back().map_or(1, |e| e.id + 1);
        // A large answer (a schema's introspection) is not kept, nor sent to the page after every
        // call: the log keeps its size.
        let large = exchange.wire.as_ref().is_some_and(|wire| wire.bytes > dxtra_api::WHOLE_LIMIT);
        let (ok, response) = match exchange.outcome {
            Ok(_) if large => {
                let bytes = exchange.wire.as_ref().map_or(0, |wire| wire.bytes);
                (
                    true,
                    serde_json::json!({ "note": format!("an answer of {} KiB, not kept in this log", bytes.div_ceil(1024)) }),
                )
            }
            Ok(value) => (true, value),
            Err(error) => (false, serde_json::to_value(error).unwrap_or(Value::Null)),
        };
        // Every GraphQL call carries the token, whatever its URL looks like (a Custom server's
        // endpoint need not end in /v1/graphql); sign-in and refresh do not.
        let headers = if !matches!(exchange.operation, "signIn" | "refresh") {
            vec!["Authorization: Bearer [redacted]", "X-Hasura-Role: user", "Content-Type: application/json"]
        } else {
            vec!["Content-Type: application/json"]
        };
        log.push_back(LogEntry {
            id,
            at: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
            operation: exchange.operation.to_owned(),
            url: exchange.url.to_owned(),
            headers,
            request: exchange.request,
            ok,
            response,
            status: exchange.wire.as_ref().map(|w| w.status),
            content_type: exchange.wire.as_ref().map(|w| w.content_type.clone()),
            received: exchange.wire.map(|w| w.body),
            duration_ms: exchange.elapsed.as_millis() as u64,
        });
        while log.len() > LOG_LIMIT {
            log.pop_front();
        }
    }
}

impl RequestLog {
    /// The entries, oldest first.
    pub fn entries(&self) -> Vec<LogEntry> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(bytes: usize, answer: Value) -> Exchange<'static> {
        let wire = dxtra_api::Wire {
            status: 200,
            content_type: "application/json".into(),
            body: serde_json::json!({ "text": "{\"data\":…" }),
            bytes,
        };
        Exchange {
            operation: "introspection",
            url: "http://127.0.0.1:1/v1/graphql",
            request: Value::Null,
            outcome: Ok(answer),
            wire: Some(wire),
            elapsed: std::time::Duration::from_millis(3),
        }
    }

    #[test]
    fn a_large_answer_is_noted_by_size_not_kept_whole() {
        let log = RequestLog::default();
        log.observe(exchange(dxtra_api::WHOLE_LIMIT + 1, serde_json::json!({ "__schema": { "types": [] } })));
        log.observe(exchange(100, serde_json::json!({ "dataControllers": [] })));
        let entries = log.entries();
        assert_eq!(
            entries[0].response,
            serde_json::json!({ "note": "an answer of 65 KiB, not kept in this log" })
        );
        assert!(entries[0].ok);
        assert_eq!(
            entries[1].response,
            serde_json::json!({ "dataControllers": [] }),
            "small answers are kept as they are"
        );
    }

    #[test]
    fn every_graphql_call_shows_its_token_header_whatever_its_url_and_sign_in_none() {
        let log = RequestLog::default();
        for (operation, url) in [
            ("dataControllers", "https://api.example.com/graphql"),
            ("dataControllers", "http://127.0.0.1:1/v1/graphql"),
            ("signIn", "https://auth.example.com/v1/signin/pat"),
        ] {
            log.observe(Exchange { operation, url, ..exchange(10, serde_json::json!({})) });
        }
        let shows_token: Vec<bool> =
            log.entries().iter().map(|e| e.headers.iter().any(|h| h.starts_with("Authorization"))).collect();
        assert_eq!(shows_token, [true, true, false]);
    }
}

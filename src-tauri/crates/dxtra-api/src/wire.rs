//! What came back on the wire, for a request log: the HTTP status and the body as received,
//! with every secret replaced by `[redacted]` (tokens by their key, and any JWT-shaped string
//! wherever it appears). A body that is not JSON is kept as text, shortened.

use serde::Serialize;
use serde_json::Value;

use crate::http::RawResponse;
pub use crate::text::contains_ignoring_case;
use crate::text::replace_ignoring_case;

/// One answer as received.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Wire {
    pub status: u16,
    pub content_type: String,
    /// The body: JSON as received (secrets redacted), `{"text": "..."}` when it is not JSON, or
    /// only its size in `text` when it is over [`WHOLE_LIMIT`].
    pub body: Value,
    /// The body's size in bytes, as received.
    pub bytes: usize,
}

const REDACTED: &str = "[redacted]";
/// Longest text body kept, in characters.
const TEXT_LIMIT: usize = 2000;
/// Largest body kept (a schema's introspection can be megabytes): of a larger one only its size.
pub const WHOLE_LIMIT: usize = 64 * 1024;

impl Wire {
    pub(crate) fn of(response: &RawResponse) -> Wire {
        if response.body.len() > WHOLE_LIMIT {
            // Not parsed, so not redacted by key: nothing of it is kept, only its size.
            let text =
                format!("[an answer of {} KiB: not kept in this log]", response.body.len().div_ceil(1024));
            return Wire {
                status: response.status,
                content_type: response.content_type.clone(),
                body: serde_json::json!({ "text": text }),
                bytes: response.body.len(),
            };
        }
        let body = match serde_json::from_slice::<Value>(&response.body) {
            Ok(mut value) => {
                redact(&mut value);
                value
            }
            Err(_) => {
                let text = String::from_utf8_lossy(&response.body);
                let mut kept: String = text.chars().take(TEXT_LIMIT).collect();
                if kept.len() < text.len() {
                    kept.push('…');
                }
                serde_json::json!({ "text": scrub_text(&kept) })
            }
        };
        Wire {
            status: response.status,
            content_type: response.content_type.clone(),
            body,
            bytes: response.body.len(),
        }
    }
}

/// Whether a key names a secret: anything with "token" in it, and passwords.
fn secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("token") || key.contains("password") || key.contains("secret")
}

/// Replaces secrets in place: string values under secret keys, and JWT-shaped runs inside any
/// string (`"Bearer eyJ…"` included).
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if inner.is_string() && secret_key(key) {
                    *inner = Value::String(REDACTED.into());
                } else {
                    redact(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        Value::String(text) if text.contains("eyJ") => *text = scrub_text(text),
        _ => {}
    }
}

/// `text` with every JWT-shaped run (`eyJ…` in base64url with two dots or more) replaced by
/// `[redacted]`; everything else kept.
pub fn scrub_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("eyJ") {
        let len = rest[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + len];
        out.push_str(&rest[..start]);
        out.push_str(if run.matches('.').count() >= 2 { REDACTED } else { run });
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Replaces `secret` (case-insensitively: a PAT is a UUID) inside every string of `value`.
pub fn redact_secret(value: &mut Value, secret: &str) {
    let secret = secret.trim();
    if secret.len() < 8 {
        return;
    }
    match value {
        Value::Object(map) => map.values_mut().for_each(|inner| redact_secret(inner, secret)),
        Value::Array(items) => items.iter_mut().for_each(|inner| redact_secret(inner, secret)),
        Value::String(text) if contains_ignoring_case(text, secret) => {
            *text = replace_ignoring_case(text, secret, REDACTED)
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &str, content_type: &str) -> RawResponse {
        RawResponse {
            url: "http://127.0.0.1:1/".into(),
            status: 200,
            content_type: content_type.into(),
            retry_after: None,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn tokens_never_reach_the_log_and_everything_else_does() {
        let answer = r#"{"session":{"accessToken":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln","accessTokenExpiresIn":900,"refreshToken":"3b1c0a6e-1111-4222-8333-444455556666","user":{"id":"u1","displayName":"Test User"}},"note":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}"#;
        let wire = Wire::of(&raw(answer, "application/json"));
        let text = wire.body.to_string();
        assert!(!text.contains("eyJ") && !text.contains("3b1c0a6e"), "{text}");
        assert_eq!(wire.body["session"]["accessTokenExpiresIn"], 900);
        assert_eq!(wire.body["session"]["user"]["displayName"], "Test User");
        assert_eq!(wire.status, 200);
    }

    #[test]
    fn a_page_that_is_not_json_is_kept_as_shortened_text_without_jwts() {
        let page = format!("<html>token eyJa.eyJb.c {}</html>", "x".repeat(5000));
        let wire = Wire::of(&raw(&page, "text/html"));
        let text = wire.body["text"].as_str().unwrap();
        assert!(text.starts_with("<html>token [redacted] "), "{}", &text[..40]);
        assert!(text.chars().count() <= TEXT_LIMIT + 1 && text.ends_with('…'));
        let page = "<p>Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl</p>";
        assert_eq!(Wire::of(&raw(page, "text/html")).body["text"], "<p>Authorization: Bearer [redacted]</p>");
    }

    #[test]
    fn a_large_answer_is_kept_as_its_size_alone() {
        // Not parsed, so redaction by key could not apply: none of its text is kept.
        let big = format!(
            "{{\"data\":{{\"secret\":\"whsec_1\",\"refreshToken\":\"3b1c0a6e\",\"x\":\"{}\"}}}}",
            "y".repeat(WHOLE_LIMIT)
        );
        let wire = Wire::of(&raw(&big, "application/json"));
        assert_eq!(wire.bytes, big.len());
        assert_eq!(wire.body, serde_json::json!({ "text": "[an answer of 65 KiB: not kept in this log]" }));
    }

    #[test]
    fn tokens_inside_strings_and_the_pat_in_any_case_are_redacted() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        let pat = "5a1db0c5-0000-4000-8000-d7a5a2db0c51";
        let mut value = serde_json::json!({"errors": [{"extensions": {"internal": {"request": {"headers": {"Authorization": format!("Bearer {jwt}")}}}},
            "message": format!("bad PAT {}", pat.to_uppercase())}], "kept": "eyJust a word"});
        redact(&mut value);
        redact_secret(&mut value, pat);
        assert_eq!(
            value["errors"][0]["extensions"]["internal"]["request"]["headers"]["Authorization"],
            "Bearer [redacted]"
        );
        assert_eq!(value["errors"][0]["message"], "bad PAT [redacted]");
        assert_eq!(value["kept"], "eyJust a word");
        assert_eq!(scrub_text(jwt), "[redacted]");
    }
}

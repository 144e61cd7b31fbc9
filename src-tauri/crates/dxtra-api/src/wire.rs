//! What came back on the wire, for a request log: the HTTP status and the body as received,
//! with every secret replaced by `[redacted]` (tokens by their key, and any JWT-shaped string
//! wherever it appears). A body that is not JSON is kept as text, shortened.

use serde::Serialize;
use serde_json::Value;

use crate::http::RawResponse;

/// One answer as received.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Wire {
    pub status: u16,
    pub content_type: String,
    /// The body: JSON as received (secrets redacted), or `{"text": "..."}` when it is not JSON.
    pub body: Value,
}

const REDACTED: &str = "[redacted]";
/// Longest text body kept, in characters.
const TEXT_LIMIT: usize = 2000;

impl Wire {
    pub(crate) fn of(response: &RawResponse) -> Wire {
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
                serde_json::json!({ "text": redact_text(&kept) })
            }
        };
        Wire { status: response.status, content_type: response.content_type.clone(), body }
    }
}

/// Whether a key names a secret: anything with "token" in it, and passwords.
fn secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("token") || key.contains("password") || key.contains("secret")
}

fn looks_like_jwt(text: &str) -> bool {
    text.starts_with("eyJ") && text.matches('.').count() == 2
}

/// Replaces secrets in place: string values under secret keys, and JWT-shaped strings anywhere.
pub(crate) fn redact(value: &mut Value) {
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
        Value::String(text) if looks_like_jwt(text) => *text = REDACTED.into(),
        _ => {}
    }
}

/// A text body with JWT-shaped words replaced.
fn redact_text(text: &str) -> String {
    text.split_inclusive(|c: char| c.is_whitespace() || c == '"')
        .map(|word| {
            let bare = word.trim_end_matches(|c: char| c.is_whitespace() || c == '"');
            if looks_like_jwt(bare) { word.replacen(bare, REDACTED, 1) } else { word.to_owned() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &str, content_type: &str) -> RawResponse {
        RawResponse { url: "http://127.0.0.1:1/".into(), status: 200, content_type: content_type.into(), retry_after: None, body: body.as_bytes().to_vec() }
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
    }
}

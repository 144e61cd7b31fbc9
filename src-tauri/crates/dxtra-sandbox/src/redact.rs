//! What of a recorded request or answer is a secret by where it stands, whatever it looks like:
//! the value of a credential header (`Authorization`, `Cookie`, `X-Hasura-Admin-Secret`, any
//! name with token, secret, key, auth, session or password in it), of a JSON key or query
//! parameter named so, each replaced whole by one description; everything else goes through the
//! witness's own recognition (`describe`: the PATs, JWTs and refresh tokens it knows). What it
//! leaves out: knowing what a token is (the witness says), and cutting long bodies (the recorder
//! cuts after this, so a cut never splits a secret).

use serde_json::Value;

/// Words that make a header, JSON key or query parameter a credential's place.
const SECRET_WORDS: &[&str] =
    &["token", "secret", "password", "passwd", "key", "auth", "session", "cookie", "ticket", "credential"];

/// Whether `name` is a credential's place.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|word| name.contains(word))
}

/// `value` as one description: the witness's, when it knows exactly that token; else a plain
/// "not shown".
fn whole(describe: &dyn Fn(&str) -> String, value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        return String::new();
    }
    let said = describe(value);
    if said.starts_with('⟨') && said.ends_with('⟩') && said.matches('⟨').count() == 1 {
        said
    } else {
        "⟨a credential (not shown)⟩".to_owned()
    }
}

/// A header's value as recorded.
pub(crate) fn header(describe: &dyn Fn(&str) -> String, name: &str, value: &str) -> String {
    if !is_secret_name(name) {
        return describe(value);
    }
    // `Bearer <token>`, `Basic <base64>`: the scheme stays, the rest is described whole.
    match value.split_once(' ') {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme.len() <= 10
                && scheme.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            format!("{scheme} {}", whole(describe, rest))
        }
        _ => whole(describe, value),
    }
}

/// A body as recorded: the string values of secret-named JSON keys replaced whole, then every
/// token the witness knows.
pub(crate) fn body(describe: &dyn Fn(&str) -> String, text: &str) -> String {
    let mut out = text.to_owned();
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        let mut secrets = Vec::new();
        secret_values(&value, false, &mut secrets);
        for secret in secrets {
            let (Ok(sent), Ok(shown)) =
                (serde_json::to_string(&secret), serde_json::to_string(&whole(describe, &secret)))
            else {
                continue;
            };
            out = out.replace(&sent, &shown);
        }
    }
    describe(&out)
}

fn secret_values(value: &Value, secret_place: bool, found: &mut Vec<String>) {
    match value {
        Value::String(text) if secret_place && !text.trim().is_empty() => found.push(text.clone()),
        Value::Object(object) => {
            for (key, inner) in object {
                secret_values(inner, is_secret_name(key), found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| secret_values(item, secret_place, found)),
        _ => {}
    }
}

/// A path and query as recorded: secret-named parameters' values replaced whole.
pub(crate) fn path(describe: &dyn Fn(&str) -> String, text: &str) -> String {
    let Some((path, query)) = text.split_once('?') else { return describe(text) };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) if is_secret_name(name) => format!("{name}={}", whole(describe, value)),
            _ => pair.to_owned(),
        })
        .collect();
    describe(&format!("{path}?{}", pairs.join("&")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A witness that knows one token.
    fn knows(text: &str) -> String {
        text.replace("KNOWN-TOKEN-0123456789", "⟨a JWT⟩")
    }

    #[test]
    fn a_secret_by_its_place_is_never_shown_and_a_known_one_is_described() {
        let table: [(&str, &str, &str); 8] = [
            ("authorization", "Bearer abc123", "Bearer ⟨a credential (not shown)⟩"),
            ("authorization", "Bearer KNOWN-TOKEN-0123456789", "Bearer ⟨a JWT⟩"),
            ("authorization", "Basic dXNlcjpwYXNz+/==", "Basic ⟨a credential (not shown)⟩"),
            ("cookie", "session=abc; theme=dark", "⟨a credential (not shown)⟩"),
            ("x-hasura-admin-secret", "s3cret", "⟨a credential (not shown)⟩"),
            ("proxy-authorization", "Basic YTpi", "Basic ⟨a credential (not shown)⟩"),
            ("content-type", "application/json", "application/json"),
            ("x-hasura-role", "user", "user"),
        ];
        for (name, value, expected) in table {
            assert_eq!(header(&knows, name, value), expected, "{name}: {value}");
        }
        let sent = r#"{"refreshToken": " 1a2b ", "nested": [{"password": "hunter2"}], "email": "a@b.c", "personalAccessToken": "KNOWN-TOKEN-0123456789"}"#;
        let shown = body(&knows, sent);
        assert!(!shown.contains("1a2b") && !shown.contains("hunter2") && !shown.contains("KNOWN"), "{shown}");
        assert!(shown.contains("a@b.c") && shown.contains(r#""personalAccessToken": "⟨a JWT⟩""#), "{shown}");
        assert_eq!(
            path(&knows, "/v1/graphql?access_token=abc&x=1"),
            "/v1/graphql?access_token=⟨a credential (not shown)⟩&x=1"
        );
        assert_eq!(path(&knows, "/v1/graphql"), "/v1/graphql");
    }
}

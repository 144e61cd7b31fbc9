//! Property tests over everything the client parses from outside: sign-in and refresh answers,
//! JWT claims, auth error bodies, GraphQL answers, and pasted URLs. Whatever the bytes, no panic,
//! and every failure has a kind and a fix. (`cargo fuzz` needs a nightly toolchain, which this
//! project's machines do not have; proptest shrinks and keeps failing inputs in
//! `proptest-regressions/`, which are committed and replayed first.)

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::auth::{auth_failure, session_from};
use crate::graphql::{classify, OperationKind};
use crate::http::RawResponse;

fn raw(status: u16, content_type: &str, body: Vec<u8>) -> RawResponse {
    RawResponse {
        url: "http://127.0.0.1:1/x".into(),
        status,
        content_type: content_type.into(),
        retry_after: None,
        body,
    }
}

/// JSON values of any shape, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A JWT-shaped string whose payload is the given JSON.
fn jwt(payload: &Value) -> String {
    use base64::Engine;
    format!(
        "eyJhbGciOiJIUzI1NiJ9.{}.sig",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn any_session_answer_is_a_session_or_an_error(expires in any::<u64>(), iat in any::<i64>(), exp in any::<i64>(), extra in any_json()) {
        let token = jwt(&json!({"sub": "u", "iat": iat, "exp": exp, "https://hasura.io/jwt/claims": extra.clone()}));
        if let Ok(session) = session_from(json!({"accessToken": token, "accessTokenExpiresIn": expires, "refreshToken": "r", "user": extra})) {
            prop_assert!(session.info.lifetime_secs >= 1 && session.info.lifetime_secs <= crate::auth::MAX_LIFETIME_SECS);
        }
    }

    #[test]
    fn any_shape_of_session_json_never_panics(value in any_json()) {
        let _ = session_from(value);
    }

    #[test]
    fn any_auth_failure_has_a_kind_and_a_fix(status in 100u16..600, body in any_json(), bytes in prop::collection::vec(any::<u8>(), 0..200), html in any::<bool>()) {
        for body in [body.to_string().into_bytes(), bytes.clone()] {
            let error = auth_failure(&raw(status, if html { "text/html" } else { "application/json" }, body));
            prop_assert!(!error.kind().is_empty() && !error.hint().is_empty());
        }
    }

    #[test]
    fn any_graphql_answer_is_data_or_a_named_error(status in 100u16..600, body in any_json(), bytes in prop::collection::vec(any::<u8>(), 0..200), mutation in any::<bool>()) {
        let kind = if mutation { OperationKind::Mutation } else { OperationKind::Read };
        for body in [body.to_string().into_bytes(), bytes.clone(), json!({"errors": [body.clone()]}).to_string().into_bytes()] {
            if let Err(error) = classify(&raw(status, "application/json", body), kind) {
                prop_assert!(!error.kind().is_empty() && !error.hint().is_empty());
                let _ = error.to_string();
            }
        }
    }

    #[test]
    fn any_pasted_url_is_endpoints_or_a_named_error(auth in ".{0,80}", graphql in ".{0,80}", path in "(/[a-z0-9v]{0,6}){0,4}") {
        for auth in [auth.clone(), format!("https://auth.example{path}"), format!("http://127.0.0.1:4000{path}")] {
            let env = crate::Environment::Custom { auth_url: auth.clone(), graphql_url: graphql.clone() };
            match env.endpoints() {
                Ok(endpoints) => {
                    prop_assert!(endpoints.signin_pat().ends_with("/signin/pat"));
                    prop_assert!(endpoints.token().ends_with("/token"));
                }
                Err(error) => prop_assert!(matches!(error.kind(), "invalid-url" | "insecure-url")),
            }
        }
    }
}

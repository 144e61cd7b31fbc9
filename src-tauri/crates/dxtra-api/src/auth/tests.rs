//! The auth answers as the wire brings them: each shape classified, sessions read.

use super::*;

fn raw(status: u16, content_type: &str, body: &str) -> RawResponse {
    RawResponse {
        url: "http://127.0.0.1:1/v1/signin/pat".into(),
        status,
        content_type: content_type.into(),
        retry_after: None,
        body: body.as_bytes().to_vec(),
    }
}

#[test]
fn each_auth_error_shape_has_its_own_kind() {
    let cases = [
        (
            401,
            r#"{"status":401,"message":"Invalid or expired personal access token","error":"invalid-pat"}"#,
            "invalid-pat",
        ),
        (401, r#"{"status":401,"message":"User is disabled","error":"disabled-user"}"#, "disabled-user"),
        (401, r#"{"status":401,"message":"x","error":"unverified-user"}"#, "auth-refused"),
        (
            400,
            r#"{"status":400,"message":"The request payload is incorrect","error":"invalid-request"}"#,
            "invalid-request",
        ),
        (
            400,
            r#"{"error":"error in openapi3filter.RequestError: request body has an error: x"}"#,
            "request-validation",
        ),
        (400, r#"{"status":"error","message":"Invalid API key","data":null}"#, "dxtra-error"),
        (500, r#"{"status":500,"message":"x","error":"internal-server-error"}"#, "server-error"),
        (503, r#"{"error":"Service Unavailable"}"#, "server-error"),
        (401, r#"{"status":"error","message":"Invalid API key","data":null}"#, "invalid-pat"),
        (502, "<html><body>Bad Gateway</body></html>", "proxy-error"),
        (404, "404 page not found", "not-found"),
        (403, "<html><body>Forbidden</body></html>", "not-json"),
    ];
    for (status, body, kind) in cases {
        assert_eq!(auth_failure(&raw(status, "application/json", body)).kind(), kind, "{body}");
    }
}

#[test]
fn session_lifetime_is_the_shorter_of_field_and_jwt() {
    // A test fixture, not a real token: header.payload.signature with iat=1000, exp=1900
    // (900 s) while the field says 3600.
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(br#"{"sub":"u1","iat":1000,"exp":1900,"https://hasura.io/jwt/claims":{"x-hasura-allowed-roles":["user","me"],"x-hasura-default-role":"user"}}"#);
    let jwt = format!("eyJhbGciOiJIUzI1NiJ9.{payload}.sig");
    let session =
        session_from(json!({"accessToken": jwt, "accessTokenExpiresIn": 3600, "refreshToken": "r"})).unwrap();
    assert_eq!(session.info.lifetime_secs, 900);
    assert_eq!(session.info.roles, vec!["user", "me"]);
    assert_eq!(session.info.user_id, "u1");
    let debug = format!("{session:?}");
    assert!(!debug.contains(&jwt) && debug.contains("[redacted]"));
}

fn jwt_with(iat: i64, exp: i64) -> String {
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(format!(r#"{{"sub":"u1","iat":{iat},"exp":{exp}}}"#));
    format!("eyJhbGciOiJIUzI1NiJ9.{payload}.sig")
}

#[test]
fn absurd_numbers_from_the_server_are_clamped_not_overflowed() {
    for (iat, exp, claimed) in
        [(i64::MIN, i64::MAX, 3600u64), (0, i64::MAX, u64::MAX), (i64::MAX, i64::MIN, 900), (5, 5, 0)]
    {
        let session = session_from(
            json!({"accessToken": jwt_with(iat, exp), "accessTokenExpiresIn": claimed, "refreshToken": "r"}),
        )
        .unwrap();
        assert!((1..=MAX_LIFETIME_SECS).contains(&session.info.lifetime_secs), "{iat} {exp} {claimed}");
        assert!(session.info.expires_at > unix_now().saturating_sub(1));
    }
}

#[test]
fn a_session_past_its_wall_clock_expiry_is_stale_although_the_monotonic_clock_stopped() {
    // As after a laptop's sleep: the monotonic clock says 1 s passed, the wall clock an hour.
    let mut session = session_from(
        json!({"accessToken": jwt_with(1000, 4600), "accessTokenExpiresIn": 3600, "refreshToken": "r"}),
    )
    .unwrap();
    let margin = Duration::from_secs(60);
    assert!(!session.is_stale(margin), "fresh by both clocks");
    session.info.expires_at = unix_now().saturating_sub(10);
    assert!(session.is_stale(margin), "expired by the wall clock");
    assert!(session.is_stale_at(margin, unix_now()));
}

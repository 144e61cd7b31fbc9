//! The `dxtra-sandbox` binary answers the guide's curl commands, with only the URLs (and the
//! placeholders) changed, as the guide shows; and its flags do what they say.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// A running `dxtra-sandbox` process, killed when dropped.
struct Running {
    child: Child,
    info: Value,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dxtra-sandbox"))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("dxtra-sandbox starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let info: Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("one JSON line, got {line:?}: {e}"));
    Running { child, info }
}

fn field<'a>(running: &'a Running, name: &str) -> &'a str {
    running.info[name].as_str().unwrap_or_else(|| panic!("{name} in {}", running.info))
}

/// Runs curl with these arguments; returns the HTTP status and the body.
fn curl(args: &[&str]) -> (u16, String) {
    let output = Command::new("curl")
        .args(["-sS", "-w", "\n%{http_code}"])
        .args(args)
        .output()
        .expect("curl is installed (the test command installs it)");
    let text = String::from_utf8(output.stdout).unwrap();
    let (body, status) = text.rsplit_once('\n').unwrap();
    (status.trim().parse().unwrap(), body.to_owned())
}

fn sign_in(auth: &str, pat: &str) -> Value {
    let (status, body) = curl(&[
        "-X",
        "POST",
        &format!("{auth}/v1/signin/pat"),
        "-H",
        "Content-Type: application/json",
        "-d",
        &format!(r#"{{"personalAccessToken": "{pat}"}}"#),
    ]);
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn graphql(url: &str, jwt: &str, body: &str) -> (u16, Value) {
    let (status, text) = curl(&[
        "-X",
        "POST",
        url,
        "-H",
        &format!("Authorization: Bearer {jwt}"),
        "-H",
        "X-Hasura-Role: user",
        "-H",
        "Content-Type: application/json",
        "-d",
        body,
    ]);
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

const CREATE_BODY: &str = r#"{
    "query": "mutation CreateDataSubject($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }",
    "variables": {
      "input": {
        "event": "signup",
        "dataControllerId": "YOUR_CONTROLLER_ID",
        "payload": {
          "displayName": "Test User",
          "email": "test@example.com",
          "country": "US"
        }
      }
    }
  }"#;

#[test]
fn the_guides_curl_commands_work_as_shown() {
    let sandbox = start(&[]);
    let auth = field(&sandbox, "authUrl");
    let graphql_url = field(&sandbox, "graphqlUrl");
    assert!(auth.starts_with("http://127.0.0.1:") && graphql_url.starts_with("http://127.0.0.1:"));
    assert!(graphql_url.ends_with("/v1/graphql"));
    assert_ne!(auth, graphql_url.trim_end_matches("/v1/graphql"), "two separate ports, like two hosts");

    let answer = sign_in(auth, field(&sandbox, "personalAccessToken"));
    let session = &answer["session"];
    let jwt = session["accessToken"].as_str().unwrap();
    assert!(jwt.starts_with("eyJhbG"), "as the guide shows: {jwt:.12}");
    assert_eq!(session["accessTokenExpiresIn"], 3600);
    assert!(session["refreshToken"].as_str().is_some_and(|t| t.len() == 36));

    let (status, data) = graphql(
        graphql_url,
        jwt,
        r#"{
    "query": "query { dataControllers { id title did createdAt } }"
  }"#,
    );
    assert_eq!(status, 200);
    let controllers = data["data"]["dataControllers"].as_array().unwrap();
    assert_eq!(controllers[0]["id"], field(&sandbox, "dataControllerId"));
    for key in ["id", "title", "did", "createdAt"] {
        assert!(controllers[0][key].is_string(), "{key} in {data}");
    }

    let body = CREATE_BODY.replace("YOUR_CONTROLLER_ID", field(&sandbox, "dataControllerId"));
    let (status, created) = graphql(graphql_url, jwt, &body);
    assert_eq!(status, 200);
    let result = &created["data"]["createDataSubject"];
    assert!(result["dataSubjectId"].is_string() && result["message"].is_string(), "{created}");

    // Left unreplaced, the placeholder is what Postgres would refuse.
    let (_, refused) = graphql(graphql_url, jwt, CREATE_BODY);
    assert_eq!(refused["errors"][0]["extensions"]["code"], "data-exception");
}

#[test]
fn the_state_file_keeps_data_and_no_credentials() {
    let dir = std::env::temp_dir().join(format!("dxtra-sandbox-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    let _ = std::fs::remove_file(&state);
    let state_arg = state.to_str().unwrap();

    let subject_id = {
        let sandbox = start(&["--state", state_arg]);
        let jwt = sign_in(field(&sandbox, "authUrl"), field(&sandbox, "personalAccessToken"))["session"]
            ["accessToken"]
            .as_str()
            .unwrap()
            .to_owned();
        let body = CREATE_BODY.replace("YOUR_CONTROLLER_ID", field(&sandbox, "dataControllerId"));
        let (_, created) = graphql(field(&sandbox, "graphqlUrl"), &jwt, &body);
        created["data"]["createDataSubject"]["dataSubjectId"].as_str().unwrap().to_owned()
    };
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(saved.contains(&subject_id));
    assert!(!saved.contains(dxtra_sandbox::DEMO_PAT) && !saved.contains("eyJ"), "no credential is saved");

    let sandbox = start(&["--state", state_arg]);
    let jwt = sign_in(field(&sandbox, "authUrl"), field(&sandbox, "personalAccessToken"))["session"]
        ["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let query = format!(r#"{{"query": "query {{ dataSubject(id: \"{subject_id}\") {{ id }} }}"}}"#);
    let (_, read) = graphql(field(&sandbox, "graphqlUrl"), &jwt, &query);
    assert_eq!(read["data"]["dataSubject"]["id"], subject_id.as_str(), "{read}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_expired_token_is_answered_200_or_401_as_asked() {
    for (style, status) in [("200", 200), ("401", 401)] {
        let sandbox = start(&["--token-lifetime", "1", "--expired-jwt-status", style]);
        let answer = sign_in(field(&sandbox, "authUrl"), field(&sandbox, "personalAccessToken"));
        assert_eq!(answer["session"]["accessTokenExpiresIn"], 1);
        std::thread::sleep(Duration::from_millis(2100));
        let jwt = answer["session"]["accessToken"].as_str().unwrap();
        let (got, body) =
            graphql(field(&sandbox, "graphqlUrl"), jwt, r#"{"query": "query { dataControllers { id } }"}"#);
        assert_eq!(got, status, "{body}");
        if status == 200 {
            assert_eq!(body["errors"][0]["extensions"]["code"], "invalid-jwt");
            assert_eq!(body["errors"][0]["message"], "Could not verify JWT: JWTExpired");
        }
    }
}

#[test]
fn fixed_ports_and_concealed_errors() {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let sandbox = start(&["--auth-port", &port.to_string(), "--conceal-errors"]);
    assert_eq!(field(&sandbox, "authUrl"), format!("http://127.0.0.1:{port}"));
    let (status, body) = curl(&[
        "-X",
        "POST",
        &format!("http://127.0.0.1:{port}/v1/signin/pat"),
        "-H",
        "Content-Type: application/json",
        "-d",
        r#"{"personalAccessToken": "00000000-0000-4000-8000-000000000000"}"#,
    ]);
    assert_eq!(status, 400);
    assert_eq!(
        body,
        r#"{"error":"invalid-request","message":"The request payload is incorrect","status":400}"#
    );
}

#[test]
fn faults_can_be_set_at_start() {
    let sandbox = start(&["--fault", "graphql=429:7", "--fault", "signin=html"]);
    let (status, body) = curl(&[
        "-X",
        "POST",
        &format!("{}/v1/signin/pat", field(&sandbox, "authUrl")),
        "-H",
        "Content-Type: application/json",
        "-d",
        &format!(r#"{{"personalAccessToken": "{}"}}"#, field(&sandbox, "personalAccessToken")),
    ]);
    assert_eq!(status, 502);
    assert!(body.contains("<html>"), "{body}");
    let output = Command::new("curl")
        .args([
            "-sS",
            "-i",
            "-X",
            "POST",
            field(&sandbox, "graphqlUrl"),
            "-H",
            "Content-Type: application/json",
            "-d",
            "{}",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).to_ascii_lowercase();
    assert!(text.starts_with("http/1.1 429") && text.contains("retry-after: 7"), "{text}");

    let refused = Command::new(env!("CARGO_BIN_EXE_dxtra-sandbox"))
        .args(["--fault", "graphql=teapot"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unknown fault \"teapot\""));
}

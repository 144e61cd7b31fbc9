//! Helpers shared by the integration tests: a sandbox on loopback and a client pointed at it,
//! with short timeouts so failure paths run quickly.

use std::time::Duration;

pub mod network;

pub use dxtra_api::{ApiError, ClientConfig, DxtraClient, Environment, SecretString};
pub use dxtra_sandbox::{ActionFault, ExpiredJwtStatus, Fault, Route, Sandbox, SandboxConfig};

/// A sandbox with the default settings.
pub async fn sandbox() -> Sandbox {
    sandbox_with(|_| {}).await
}

/// A sandbox with settings changed by `change`.
pub async fn sandbox_with(change: impl FnOnce(&mut SandboxConfig)) -> Sandbox {
    let mut config = SandboxConfig::default();
    change(&mut config);
    Sandbox::start(config).await.expect("the sandbox starts on loopback")
}

/// The client settings of the tests: real behaviour, shorter waits.
pub fn test_config() -> ClientConfig {
    ClientConfig {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(3),
        mutation_timeout: Duration::from_secs(5),
        max_response_bytes: 256 * 1024,
        read_retries: 2,
        backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
        refresh_margin: Duration::from_secs(60),
        mutation_settle: Duration::from_secs(5),
        network: Default::default(),
    }
}

/// A plain `reqwest` client builder for raw requests (as curl would send them). The workspace's
/// reqwest brings no crypto provider of its own (the app configures ring itself), so this
/// installs ring as the process's default first.
pub fn raw_http() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}

/// The Sandbox environment of a running sandbox.
pub fn environment(sandbox: &Sandbox) -> Environment {
    Environment::Sandbox {
        auth_url: sandbox.info().auth_url.clone(),
        graphql_url: sandbox.info().graphql_url.clone(),
    }
}

/// A client of `sandbox` holding `pat`.
pub async fn client_with_pat(sandbox: &Sandbox, pat: &str, config: ClientConfig) -> DxtraClient {
    let client = DxtraClient::new(&environment(sandbox), config).expect("sandbox URLs are valid");
    client.set_pat(SecretString::from(pat.to_owned())).await;
    client
}

/// A client of `sandbox` holding the demo PAT.
pub async fn client(sandbox: &Sandbox) -> DxtraClient {
    client_with_pat(sandbox, &sandbox.info().personal_access_token, test_config()).await
}

/// The guide's example input, for the given controller and email.
pub fn guide_input(controller_id: &str, email: &str) -> dxtra_api::CreateDataSubjectInput {
    dxtra_api::CreateDataSubjectInput {
        event: "signup".into(),
        data_controller_id: controller_id.into(),
        payload: dxtra_api::DataSubjectPayload {
            display_name: Some("Test User".into()),
            email: email.into(),
            country: Some("US".into()),
        },
    }
}

/// POSTs raw JSON, as curl would, returning status, content type and body.
pub async fn post_raw(url: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut request = raw_http().build().unwrap().post(url).body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    (status, content_type, response.text().await.unwrap_or_default())
}

/// Signs in over raw HTTP and returns the whole session object.
pub async fn raw_sign_in(sandbox: &Sandbox, pat: &str) -> serde_json::Value {
    let (status, _, body) = post_raw(
        &format!("{}/v1/signin/pat", sandbox.info().auth_url),
        &serde_json::json!({ "personalAccessToken": pat }).to_string(),
        &[("content-type", "application/json")],
    )
    .await;
    assert_eq!(status, 200, "sign-in failed: {body}");
    serde_json::from_str::<serde_json::Value>(&body).unwrap()["session"].take()
}

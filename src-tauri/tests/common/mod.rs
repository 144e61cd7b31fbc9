//! Helpers of the command-layer tests: the app on Tauri's mock runtime with the real config and
//! capability file, and IPC calls made as the webview makes them.
#![allow(dead_code)]

use dxtra_api::ClientConfig;
use dxtra_wizard_lib::error::AppError;
use dxtra_wizard_lib::keychain::{SecretStore, SessionMemory};
use dxtra_wizard_lib::settings::{MemorySettings, SettingsBackend};
use dxtra_wizard_lib::wizard::Wizard;
use secrecy::SecretString;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

pub type Window = WebviewWindow<tauri::test::MockRuntime>;

/// A keychain that cannot be used, like a machine with no Secret Service running.
pub struct NoKeychain;

impl SecretStore for NoKeychain {
    fn name(&self) -> &'static str {
        "the system keyring (Secret Service)"
    }
    fn get(&self, _: &str) -> Result<Option<SecretString>, AppError> {
        Err(unavailable())
    }
    fn set(&self, _: &str, _: &SecretString) -> Result<(), AppError> {
        Err(unavailable())
    }
    fn delete(&self, _: &str) -> Result<(), AppError> {
        Err(unavailable())
    }
}

pub fn unavailable() -> AppError {
    AppError::KeychainUnavailable {
        detail: "The name org.freedesktop.secrets was not provided by any .service files".into(),
    }
}

pub fn window() -> WebviewWindow<tauri::test::MockRuntime> {
    window_with(Box::new(SessionMemory::default()))
}

pub fn window_with(keychain: Box<dyn SecretStore>) -> WebviewWindow<tauri::test::MockRuntime> {
    window_of(keychain, Box::new(MemorySettings::default()), ClientConfig::default())
}

/// The app over the given stores and client settings.
pub fn window_of(
    keychain: Box<dyn SecretStore>,
    settings: Box<dyn SettingsBackend>,
    config: ClientConfig,
) -> Window {
    let wizard = Wizard::new(keychain, settings, config, None);
    let app = dxtra_wizard_lib::app(mock_builder(), Some(wizard))
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap()
}

/// Invokes `cmd` as the webview would; Ok(answer) or Err({kind, message, hint}).
pub fn invoke(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// Settings in memory that a test can make fail to save (like a read-only data folder).
pub struct SharedSettings(pub std::sync::Arc<MemorySettings>);

impl SettingsBackend for SharedSettings {
    fn load(&self) -> dxtra_wizard_lib::settings::Settings {
        self.0.load()
    }
    fn save(&self, settings: &dxtra_wizard_lib::settings::Settings) -> Result<(), AppError> {
        self.0.save(settings)
    }
}

/// Client settings with short waits, so failure paths run quickly.
pub fn quick_config() -> ClientConfig {
    ClientConfig {
        connect_timeout: std::time::Duration::from_secs(2),
        read_timeout: std::time::Duration::from_secs(3),
        mutation_timeout: std::time::Duration::from_secs(1),
        read_retries: 1,
        backoff: std::time::Duration::from_millis(20),
        // As the defaults have them: settle as long as the mutation's timeout (75 s each).
        mutation_settle: std::time::Duration::from_secs(1),
        ..ClientConfig::default()
    }
}

/// A sandbox of the test's own (steerable), on a runtime that keeps serving in the background.
pub fn own_sandbox() -> (tokio::runtime::Runtime, dxtra_sandbox::Sandbox) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox =
        runtime.block_on(dxtra_sandbox::Sandbox::start(dxtra_sandbox::SandboxConfig::default())).unwrap();
    (runtime, sandbox)
}

/// Points the window's Custom environment at `sandbox` and saves its demo PAT for this session.
pub fn use_custom(window: &Window, sandbox: &dxtra_sandbox::Sandbox) {
    let info = sandbox.info();
    let status = invoke(window, "save_settings", serde_json::json!({ "patch": { "environment": "custom", "customAuthUrl": info.auth_url, "customGraphqlUrl": info.graphql_url } })).unwrap();
    assert!(status["environmentError"].is_null(), "{status}");
    invoke(
        window,
        "save_pat",
        serde_json::json!({ "pat": info.personal_access_token, "sessionOnly": true, "key": key_of(window) }),
    )
    .unwrap();
}

/// The guide's input for `email`, as the page sends it.
pub fn subject_input(controller: &str, email: &str) -> Value {
    serde_json::json!({ "input": { "event": "signup", "dataControllerId": controller, "payload": { "displayName": "Test User", "email": email, "country": "US" } } })
}

/// The environment key the page shows now (what `save_pat` and `forget_pat` carry).
pub fn key_of(window: &Window) -> Value {
    invoke(window, "get_settings", serde_json::json!({ "quick": true })).unwrap()["settings"]["progressKey"]
        .clone()
}

//! The Tauri commands: each a few lines over [`Wizard`]. The front end's `ui/ipc.js` lists the
//! same names; the capability file grants exactly these.

use dxtra_api::{CreateDataSubjectInput, DataController, SessionInfo};
use tauri::State;

use crate::console::{ConsoleAnswer, ConsoleRequest, HistoryEntry};
use crate::error::AppError;
use crate::network::{NetworkPatch, NetworkView};
use crate::progress::ProgressKey;
use crate::requests::LogEntry;
use crate::settings::SettingsPatch;
use crate::stores::PatStatus;
use crate::verify::Verification;
use crate::wizard::code::SnippetContext;
use crate::wizard::status::{EndpointsView, Status};
use crate::wizard::subject::CreateOutcome;
use crate::wizard::Wizard;
use dxtra_api::ConnectionCheck;

type Result<T> = std::result::Result<T, AppError>;

/// With `quick`, the PAT's status is left `pending` (the keychain is not read).
#[tauri::command]
pub async fn get_settings(wizard: State<'_, Wizard>, quick: Option<bool>) -> Result<Status> {
    Ok(if quick == Some(true) { wizard.first_status().await } else { wizard.status().await })
}

#[tauri::command]
pub async fn save_settings(wizard: State<'_, Wizard>, patch: SettingsPatch) -> Result<Status> {
    wizard.save_settings(patch).await
}

#[tauri::command]
pub async fn save_pat(
    wizard: State<'_, Wizard>,
    pat: String,
    session_only: bool,
    key: ProgressKey,
) -> Result<PatStatus> {
    wizard.save_pat(pat, session_only, key).await
}

#[tauri::command]
pub async fn forget_pat(wizard: State<'_, Wizard>, key: ProgressKey) -> Result<PatStatus> {
    wizard.forget_pat(key).await
}

#[tauri::command]
pub async fn start_sandbox(wizard: State<'_, Wizard>, use_demo: bool) -> Result<Status> {
    wizard.start_sandbox(use_demo).await
}

#[tauri::command]
pub async fn sign_in(wizard: State<'_, Wizard>) -> Result<SessionInfo> {
    wizard.sign_in().await
}

#[tauri::command]
pub async fn session_status(wizard: State<'_, Wizard>) -> Result<Option<SessionInfo>> {
    Ok(wizard.session_status().await)
}

#[tauri::command]
pub async fn list_controllers(wizard: State<'_, Wizard>) -> Result<Vec<DataController>> {
    wizard.list_controllers().await
}

#[tauri::command]
pub async fn create_data_subject(
    wizard: State<'_, Wizard>,
    input: CreateDataSubjectInput,
    again: Option<bool>,
) -> Result<CreateOutcome> {
    wizard.create_data_subject(input, again.unwrap_or(false)).await
}

#[tauri::command]
pub async fn verify(wizard: State<'_, Wizard>) -> Result<Verification> {
    wizard.verify().await
}

#[tauri::command]
pub async fn code_snippets(wizard: State<'_, Wizard>) -> Result<SnippetContext> {
    wizard.snippet_context().await
}

#[tauri::command]
pub async fn request_log(wizard: State<'_, Wizard>) -> Result<Vec<LogEntry>> {
    Ok(wizard.request_log())
}

#[tauri::command]
pub async fn preview_endpoints(
    wizard: State<'_, Wizard>,
    auth_url: String,
    graphql_url: String,
) -> Result<EndpointsView> {
    wizard.preview_endpoints(&auth_url, &graphql_url)
}

#[tauri::command]
pub async fn check_connection(
    wizard: State<'_, Wizard>,
    auth_url: Option<String>,
    graphql_url: Option<String>,
) -> Result<ConnectionCheck> {
    wizard.check_connection(auth_url.zip(graphql_url)).await
}

/// The page is interactive: logged, or reported to the benchmark (see `bench`).
#[tauri::command]
pub fn interactive<R: tauri::Runtime>(app: tauri::AppHandle<R>, marks: Option<crate::bench::PageMarks>) {
    crate::bench::interactive(&app, marks.unwrap_or_default());
}

/// The About view: versions, OS, the logs folder, and the diagnostics report (no secrets).
#[tauri::command]
pub async fn about<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    wizard: State<'_, Wizard>,
) -> Result<crate::about::About> {
    Ok(crate::about::about(&wizard, platform(&app).await).await)
}

/// Writes a starter project (`node`, `python` or `rust`) into a new or empty folder.
#[tauri::command]
pub async fn create_starter<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    wizard: State<'_, Wizard>,
    language: crate::starter::Language,
    folder: String,
) -> Result<crate::starter::Written> {
    use tauri::Manager;
    let home = app.path().home_dir().ok();
    let folder = crate::starter::resolve_folder(&folder, home.as_deref())?;
    wizard.create_starter(language, folder).await
}

/// Opens the logs folder in the file manager.
#[tauri::command]
pub async fn open_logs_folder<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<()> {
    use tauri::Manager;
    use tauri_plugin_opener::OpenerExt;
    let folder = app
        .path()
        .app_log_dir()
        .map_err(|e| AppError::CannotOpen { what: "The logs folder".into(), detail: e.to_string() })?;
    let _ = std::fs::create_dir_all(&folder);
    let what = format!("The logs folder ({})", folder.display());
    app.opener()
        .open_path(folder.to_string_lossy(), None::<&str>)
        .map_err(|e| AppError::CannotOpen { what, detail: e.to_string() })
}

async fn platform<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> crate::about::Platform {
    use tauri::Manager;
    let os = tauri::async_runtime::spawn_blocking(crate::os::name).await.unwrap_or_default();
    let info = app.package_info();
    crate::about::Platform {
        app_name: info.name.clone(),
        app_version: info.version.to_string(),
        tauri_version: tauri::VERSION.to_owned(),
        webview_version: tauri::webview_version().ok(),
        os,
        log_folder: app.path().app_log_dir().ok().map(|p| p.display().to_string()),
    }
}

#[tauri::command]
pub async fn graphql_schema(wizard: State<'_, Wizard>) -> Result<serde_json::Value> {
    wizard.graphql_schema().await
}

#[tauri::command]
pub async fn run_graphql(wizard: State<'_, Wizard>, request: ConsoleRequest) -> Result<ConsoleAnswer> {
    wizard.run_graphql(request).await
}

#[tauri::command]
pub async fn console_history(wizard: State<'_, Wizard>) -> Result<Vec<HistoryEntry>> {
    Ok(wizard.console_history().await)
}

#[tauri::command]
pub async fn clear_console_history(wizard: State<'_, Wizard>) -> Result<Vec<HistoryEntry>> {
    wizard.clear_console_history().await
}

#[tauri::command]
pub async fn network_settings(wizard: State<'_, Wizard>) -> Result<NetworkView> {
    wizard.network_settings().await
}

#[tauri::command]
pub async fn save_network_settings(wizard: State<'_, Wizard>, network: NetworkPatch) -> Result<NetworkView> {
    wizard.save_network_settings(network).await
}

/// The Inspector's entries (newest first); the first call also starts the live feed to the page.
#[tauri::command]
pub async fn inspector_entries<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    wizard: State<'_, Wizard>,
) -> Result<Vec<dxtra_sandbox::Exchange>> {
    if let Some(feed) = wizard.take_inspector_feed().await {
        crate::window::forward_inspector(app, feed, "sandbox");
    }
    let entries = wizard.inspector_entries().await;
    crate::bench::opened("inspector");
    Ok(entries)
}

/// Starts "Record my program's calls" for the environment selected; its entries reach the
/// Inspector live.
#[tauri::command]
pub async fn start_forwarder<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    wizard: State<'_, Wizard>,
) -> Result<Status> {
    let (status, feed) = wizard.start_forwarder().await?;
    if let Some(feed) = feed {
        crate::window::forward_inspector(app, feed, "forwarder");
    }
    Ok(status)
}

/// Stops recording the program's calls: its two ports close.
#[tauri::command]
pub async fn stop_forwarder(wizard: State<'_, Wizard>) -> Result<Status> {
    Ok(wizard.stop_forwarder().await)
}

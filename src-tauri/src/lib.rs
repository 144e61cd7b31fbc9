//! The Tauri shell of the Dxtra First Integration app: plugins, state and the command list.
//! All API work lives in `dxtra-api`; the wizard's logic in [`wizard`], free of Tauri.

pub mod commands;
pub mod error;
pub mod keychain;
pub mod requests;
pub mod sandbox;
pub mod settings;
pub mod validate;
pub mod wizard;

use dxtra_api::ClientConfig;
use tauri::webview::DownloadEvent;
use tauri::{AppHandle, Builder, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_store::StoreExt;

use crate::keychain::Keychain;
use crate::settings::PluginStore;
use crate::wizard::Wizard;

/// The names in `generate_handler!` below, for the build script's app manifest and tests.
pub const COMMANDS: &[&str] = &[
    "get_settings", "save_settings", "save_pat", "forget_pat", "start_sandbox", "sign_in",
    "session_status", "list_controllers", "create_data_subject", "verify", "code_snippets", "request_log",
    "preview_endpoints", "check_connection",
];

/// The app on any runtime. With `wizard` (tests), that state is used; without, it is built
/// at start-up over the real keychain and the settings file in the app's data folder.
pub fn app<R: Runtime>(builder: Builder<R>, wizard: Option<Wizard>) -> Builder<R> {
    let builder = builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_opener::init());
    let builder = match wizard {
        Some(wizard) => builder.manage(wizard),
        None => builder.setup(|app| {
            let wizard = real_wizard(app.handle())?;
            app.manage(wizard);
            open_window(app.handle())?;
            Ok(())
        }),
    };
    builder
        .invoke_handler(tauri::generate_handler![
            commands::get_settings,
            commands::save_settings,
            commands::save_pat,
            commands::forget_pat,
            commands::start_sandbox,
            commands::sign_in,
            commands::session_status,
            commands::list_controllers,
            commands::create_data_subject,
            commands::verify,
            commands::code_snippets,
            commands::request_log,
            commands::preview_endpoints,
            commands::check_connection,
        ])
}

/// The wizard's window. A file the page saves (the integration summary) goes to the user's
/// Downloads folder, never over an existing file.
fn open_window<R: Runtime>(handle: &AppHandle<R>) -> tauri::Result<()> {
    let downloads = handle.path().download_dir().ok();
    WebviewWindowBuilder::new(handle, "main", WebviewUrl::default())
        .title("Dxtra First Integration")
        .inner_size(1100.0, 780.0)
        .min_inner_size(720.0, 560.0)
        .on_download(move |_, event| {
            if let (DownloadEvent::Requested { destination, .. }, Some(folder)) = (event, &downloads) {
                let name = destination.file_name().map(|n| n.to_owned()).unwrap_or_else(|| "download".into());
                let _ = std::fs::create_dir_all(folder);
                *destination = free_path(folder, &name);
            }
            true
        })
        .build()?;
    Ok(())
}

/// `folder/name`, or `folder/stem (2).ext` and so on when taken.
fn free_path(folder: &std::path::Path, name: &std::ffi::OsStr) -> std::path::PathBuf {
    let first = folder.join(name);
    if !first.exists() {
        return first;
    }
    let path = std::path::Path::new(name);
    let stem = path.file_stem().unwrap_or(name).to_string_lossy();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..)
        .map(|n| folder.join(format!("{stem} ({n}){ext}")))
        .find(|candidate| !candidate.exists())
        .expect("some number is free")
}

fn real_wizard<R: Runtime>(handle: &AppHandle<R>) -> Result<Wizard, Box<dyn std::error::Error>> {
    let store = handle.store("settings.json")?;
    let data = handle.path().app_data_dir()?;
    std::fs::create_dir_all(&data)?;
    let sandbox_state = data.join("sandbox-state.json");
    Ok(Wizard::new(Box::new(Keychain), Box::new(PluginStore(store)), ClientConfig::default(), Some(sandbox_state)))
}

/// Builds and runs the app until its last window closes.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    app(tauri::Builder::default(), None)
    .run(tauri::generate_context!())
    .expect("the Tauri runtime failed to start");
}

//! The Tauri shell of the Dxtra First Integration app: plugins, state and the command list.
//! All API work lives in `dxtra-api`; the wizard's logic in [`wizard`], free of Tauri.

pub mod about;
pub mod bench;
pub mod commands;
pub mod console;
pub mod error;
pub mod keychain;
pub mod logs;
pub mod requests;
pub mod sandbox;
pub mod settings;
pub mod starter;
pub mod stores;
pub mod validate;
pub mod verify;
pub mod wizard;

use dxtra_api::ClientConfig;
use tauri::webview::DownloadEvent;
use tauri::{AppHandle, Builder, Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};
use tauri_plugin_store::StoreExt;
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::keychain::Keychain;
use crate::settings::PluginStore;
use crate::wizard::Wizard;

/// The names in `generate_handler!` below, for the build script's app manifest and tests.
pub const COMMANDS: &[&str] = &[
    "get_settings", "save_settings", "save_pat", "forget_pat", "start_sandbox", "sign_in",
    "session_status", "list_controllers", "create_data_subject", "verify", "code_snippets", "request_log",
    "preview_endpoints", "check_connection", "interactive", "about", "open_logs_folder",
    "create_starter", "graphql_schema", "run_graphql", "console_history", "clear_console_history",
];

/// What is remembered of the window between launches: where it was and how big (not whether it
/// was visible, so a launch always shows it).
fn geometry() -> StateFlags {
    StateFlags::all() - StateFlags::VISIBLE
}

/// The app on any runtime. With `wizard` (tests), that state is used; without, it is built
/// at start-up over the real keychain and the settings file in the app's data folder.
///
/// The real app is also a single instance (a second launch shows the running window and exits)
/// and remembers its window's geometry; tests with their own `wizard` get neither.
pub fn app<R: Runtime>(builder: Builder<R>, wizard: Option<Wizard>) -> Builder<R> {
    // First, so a second launch exits before anything else starts.
    let builder = match wizard {
        Some(_) => builder,
        None => builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| show_running_window(app))),
    };
    let builder = builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_opener::init());
    let builder = match wizard {
        Some(wizard) => builder.manage(wizard),
        None => builder.plugin(tauri_plugin_window_state::Builder::default().with_state_flags(geometry()).build()).setup(|app| {
            logs::init(app.path().app_log_dir().ok().as_deref());
            let wizard = real_wizard(app.handle())?;
            tauri::async_runtime::block_on(bench::prepare(&wizard));
            app.manage(wizard);
            open_window(app.handle())?;
            bench::phase("window");
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
            commands::interactive,
            commands::about,
            commands::open_logs_folder,
            commands::create_starter,
            commands::graphql_schema,
            commands::run_graphql,
            commands::console_history,
            commands::clear_console_history,
        ])
}

/// The one file the page saves.
pub const SUMMARY_FILE: &str = "dxtra-integration-summary.md";

/// Whether the window may show `url`: only the app's own pages.
pub fn is_own_page(url: &url::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        "about" => url.path() == "blank",
        // A file the page itself made (the summary), which the download handler then checks.
        "blob" => url::Url::parse(url.path()).is_ok_and(|inner| inner.scheme() != "blob" && is_own_page(&inner)),
        _ => false,
    }
}

/// Whether `url` may be opened in the system browser: Dxtra's dashboard only (the opener's scope).
pub fn is_dashboard(url: &url::Url) -> bool {
    url.scheme() == "https" && url.host_str() == Some("app.dxtra.ai")
}

/// The wizard's window. It shows only the app's own pages: a link elsewhere opens in the system
/// browser when it is Dxtra's dashboard, and nowhere otherwise. The one download accepted is the
/// integration summary, saved to the user's Downloads folder, never over an existing file.
fn open_window<R: Runtime>(handle: &AppHandle<R>) -> tauri::Result<()> {
    let downloads = downloads_folder(handle);
    let opener = handle.clone();
    let notifier = handle.clone();
    // Where the accepted summary is going: a refused download ends too (as failed), unannounced.
    let accepted: std::sync::Arc<std::sync::Mutex<Option<std::path::PathBuf>>> = Default::default();
    let finished = accepted.clone();
    let window = WebviewWindowBuilder::new(handle, "main", WebviewUrl::default())
        .title("Dxtra First Integration")
        .inner_size(1100.0, 780.0)
        .min_inner_size(720.0, 560.0)
        .on_navigation(move |url| {
            if is_own_page(url) {
                return true;
            }
            if is_dashboard(url) {
                use tauri_plugin_opener::OpenerExt;
                if let Err(error) = opener.opener().open_url(url.as_str(), None::<&str>) {
                    tracing::warn!(%error, "the dashboard link could not be opened");
                }
            } else {
                tracing::warn!(scheme = url.scheme(), host = url.host_str().unwrap_or(""), "navigation away from the app refused");
            }
            false
        })
        .on_download(move |_, event| match event {
            DownloadEvent::Requested { url, destination } => {
                let name = destination.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if url.scheme() != "blob" || name != SUMMARY_FILE {
                    tracing::warn!(scheme = url.scheme(), "a download other than the summary was refused");
                    return false;
                }
                if let Some(folder) = &downloads {
                    let _ = std::fs::create_dir_all(folder);
                    *destination = free_path(folder, std::ffi::OsStr::new(SUMMARY_FILE));
                }
                *accepted.lock().unwrap_or_else(|e| e.into_inner()) = Some(destination.clone());
                true
            }
            // The page says where the file landed (or that it did not).
            DownloadEvent::Finished { path, success, .. } => {
                let Some(intended) = finished.lock().unwrap_or_else(|e| e.into_inner()).take() else { return true };
                let path = path.unwrap_or(intended).display().to_string();
                let detail = serde_json::json!({ "ok": success, "path": path });
                if let Some(window) = notifier.get_webview_window("main") {
                    let _ = window.eval(format!("window.dispatchEvent(new CustomEvent('dxtra:download', {{ detail: {detail} }}))"));
                }
                true
            }
            _ => true,
        })
        .build()?;
    save_geometry_when_still(&window);
    Ok(())
}

/// A second launch: the running window comes to the front, and the page says why.
fn show_running_window<R: Runtime>(app: &AppHandle<R>) {
    tracing::info!("a second launch was redirected to the running window");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        let _ = window.eval("window.dispatchEvent(new CustomEvent('dxtra:second-launch'))");
    }
}

/// Saves the window's geometry half a second after it stops moving or resizing, not only at a
/// clean exit: a killed or crashed app, or a laptop that never woke, still reopens where it was.
fn save_geometry_when_still<R: Runtime>(window: &WebviewWindow<R>) {
    use std::sync::atomic::{AtomicU64, Ordering};
    let changes = std::sync::Arc::new(AtomicU64::new(0));
    let handle = window.app_handle().clone();
    window.on_window_event(move |event| {
        if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
            return;
        }
        let this = changes.fetch_add(1, Ordering::SeqCst) + 1;
        let (changes, handle) = (changes.clone(), handle.clone());
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            if changes.load(Ordering::SeqCst) == this {
                let saved = tauri::async_runtime::spawn_blocking(move || handle.save_window_state(geometry())).await;
                if let Ok(Err(error)) = saved {
                    tracing::warn!(%error, "the window's geometry could not be saved");
                }
            }
        });
    });
}

/// The user's Downloads folder: the desktop's own (XDG_DOWNLOAD_DIR), else `~/Downloads` (created
/// when the file is saved), never the process's working directory.
fn downloads_folder<R: Runtime>(handle: &AppHandle<R>) -> Option<std::path::PathBuf> {
    handle.path().download_dir().ok().or_else(|| handle.path().home_dir().ok().map(|home| home.join("Downloads")))
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
    bench::phase("main");
    // WebKitGTK's accelerated compositing renders this page of forms through OpenGL: measured with
    // tests/bench.sh under Xvfb (Mesa's llvmpipe, fresh folders), it compiled shaders on every
    // start and made start-up 3.2 s instead of 0.75 s, for no visible gain. Software rendering
    // unless the user asks otherwise. Set before any thread or GTK starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    app(tauri::Builder::default(), None)
        .build(tauri::generate_context!())
        .expect("the Tauri runtime failed to start")
        .run(|_, event| {
            if let tauri::RunEvent::Exit = event {
                logs::flush();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_shows_only_its_own_pages_and_opens_only_the_dashboard() {
        let url = |text: &str| url::Url::parse(text).unwrap();
        assert!(is_own_page(&url("tauri://localhost/index.html")));
        assert!(is_own_page(&url("http://tauri.localhost/")));
        assert!(is_own_page(&url("blob:tauri://localhost/1b4e28ba-2fa1-11d2-883f-0016d3cca427")));
        assert!(!is_own_page(&url("blob:https://example.com/1b4e28ba")));
        for other in ["https://example.com/", "http://127.0.0.1:4000/v1/signin/pat", "file:///etc/passwd", "tauri://evil.example/", "https://tauri.localhost.evil.example/", "javascript:alert(1)", "data:text/html,hi"] {
            assert!(!is_own_page(&url(other)), "{other}");
        }
        assert!(is_dashboard(&url("https://app.dxtra.ai/data-controllers/x/dashboard/assurance")));
        for other in ["http://app.dxtra.ai/", "https://app.dxtra.ai.evil.example/", "https://evil.example/?https://app.dxtra.ai"] {
            assert!(!is_dashboard(&url(other)), "{other}");
        }
    }
}

//! The Tauri shell of the Dxtra First Integration app: plugins, state and the command list.
//! All API work lives in `dxtra-api`; the wizard's logic in [`wizard`], free of Tauri.

pub mod bench;
pub mod commands;
pub mod error;
pub mod keychain;
pub mod requests;
pub mod sandbox;
pub mod settings;
pub mod stores;
pub mod validate;
pub mod verify;
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
    "preview_endpoints", "check_connection", "interactive",
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
            tauri::async_runtime::block_on(bench::prepare(&wizard));
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
            commands::interactive,
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
    let downloads = handle.path().download_dir().ok();
    let opener = handle.clone();
    WebviewWindowBuilder::new(handle, "main", WebviewUrl::default())
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
                true
            }
            _ => true,
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
    // WebKitGTK's accelerated compositing renders this page of forms through OpenGL: measured with
    // tests/bench.sh under Xvfb (Mesa's llvmpipe, fresh folders), it compiled shaders on every
    // start and made start-up 3.2 s instead of 0.75 s, for no visible gain. Software rendering
    // unless the user asks otherwise. Set before any thread or GTK starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
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

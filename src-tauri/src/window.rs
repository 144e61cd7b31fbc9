//! The desktop window and what a desktop app does around it: one instance (a second launch shows
//! the running window), the geometry kept between launches (saved while it moves), the
//! navigation guard (only the app's own pages; the dashboard opens in the browser), and the one
//! download (the summary, to the Downloads folder, never over a file). Plugins, state and the
//! command list stay in `lib.rs`; nothing here knows the wizard.

use tauri::webview::DownloadEvent;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::links::is_dashboard;

/// What is remembered of the window between launches: where it was and how big (not whether it
/// was visible, so a launch always shows it).
pub fn geometry() -> StateFlags {
    StateFlags::all() - StateFlags::VISIBLE
}

/// The one file the page saves.
pub const SUMMARY_FILE: &str = "dxtra-integration-summary.md";

/// Whether the window may show `url`: only the app's own pages.
pub fn is_own_page(url: &url::Url) -> bool {
    is_own_page_on(crate::os::Os::CURRENT, url)
}

/// [`is_own_page`] on `os`, so each platform's origins are tested anywhere.
fn is_own_page_on(os: crate::os::Os, url: &url::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        // Only Windows serves the app from http(s)://tauri.localhost (WebView2 has no custom schemes).
        "http" | "https" => {
            os == crate::os::Os::Windows && url.host_str() == Some("tauri.localhost") && url.port().is_none()
        }
        "about" => url.path() == "blank",
        // A file the page itself made (the summary), which the download handler then checks.
        "blob" => url::Url::parse(url.path())
            .is_ok_and(|inner| inner.scheme() != "blob" && is_own_page_on(os, &inner)),
        _ => false,
    }
}

/// The wizard's window. It shows only the app's own pages: a link elsewhere opens in the system
/// browser when it is Dxtra's dashboard, and nowhere otherwise. The one download accepted is the
/// integration summary, saved to the user's Downloads folder, never over an existing file.
pub fn open_window<R: Runtime>(handle: &AppHandle<R>) -> tauri::Result<()> {
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
        // Shown once painted in the page's colours (backdrop.rs): no black, grey or white first.
        .visible(false)
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
                tracing::warn!(
                    scheme = url.scheme(),
                    host = url.host_str().unwrap_or(""),
                    "navigation away from the app refused"
                );
            }
            false
        })
        .on_download(move |_, event| match event {
            DownloadEvent::Requested { url, destination } => {
                let name =
                    destination.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
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
                let Some(intended) = finished.lock().unwrap_or_else(|e| e.into_inner()).take() else {
                    return true;
                };
                let path = path.unwrap_or(intended).display().to_string();
                let detail = serde_json::json!({ "ok": success, "path": path });
                if let Some(window) = notifier.get_webview_window("main") {
                    let _ = window.eval(format!(
                        "window.dispatchEvent(new CustomEvent('dxtra:download', {{ detail: {detail} }}))"
                    ));
                }
                true
            }
            _ => true,
        })
        .build()?;
    crate::backdrop::show_in_page_colours(&window)?;
    save_geometry_when_still(&window);
    Ok(())
}

/// A second launch: the running window comes to the front, and the page says why.
pub fn show_running_window<R: Runtime>(app: &AppHandle<R>) {
    tracing::info!("a second launch was redirected to the running window");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        let _ = window.eval("window.dispatchEvent(new CustomEvent('dxtra:second-launch'))");
    }
}

/// Sends each new Inspector entry to the page as `dxtra:inspector` (its `detail` the entry, its
/// secrets already described; the app's own requests left out), for as long as the feed runs.
pub fn forward_inspector<R: Runtime>(
    app: AppHandle<R>,
    mut feed: tokio::sync::broadcast::Receiver<dxtra_sandbox::Exchange>,
    source: &'static str,
) {
    use tokio::sync::broadcast::error::RecvError;
    tauri::async_runtime::spawn(async move {
        loop {
            match feed.recv().await {
                Ok(exchange) if !exchange.own => {
                    let Ok(detail) = serde_json::to_string(&exchange) else { continue };
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.eval(format!(
                            "window.dispatchEvent(new CustomEvent('dxtra:inspector', {{ detail: {{ source: '{source}', entry: {detail} }} }}))"
                        ));
                    }
                }
                Ok(_) => {}
                // A burst faster than the page: the record still has them (`inspector_entries`).
                Err(RecvError::Lagged(missed)) => {
                    tracing::info!(missed, "the Inspector's feed skipped entries")
                }
                Err(RecvError::Closed) => return,
            }
        }
    });
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
                let saved =
                    tauri::async_runtime::spawn_blocking(move || handle.save_window_state(geometry())).await;
                if let Ok(Err(error)) = saved {
                    tracing::warn!(%error, "the window's geometry could not be saved");
                }
            }
        });
    });
}

/// The user's Downloads folder: the desktop's own (XDG_DOWNLOAD_DIR on Linux, the Downloads known
/// folder on Windows, ~/Downloads on macOS), else `~/Downloads` (created when the file is saved),
/// never the process's working directory.
fn downloads_folder<R: Runtime>(handle: &AppHandle<R>) -> Option<std::path::PathBuf> {
    handle
        .path()
        .download_dir()
        .ok()
        .or_else(|| handle.path().home_dir().ok().map(|home| home.join("Downloads")))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_shows_only_its_own_pages_on_each_platform() {
        use crate::os::Os;
        let url = |text: &str| url::Url::parse(text).unwrap();
        for os in [Os::Linux, Os::MacOs, Os::Windows] {
            let own = |text: &str| is_own_page_on(os, &url(text));
            assert!(own("tauri://localhost/index.html"), "{os:?}");
            assert!(own("blob:tauri://localhost/1b4e28ba-2fa1-11d2-883f-0016d3cca427"), "{os:?}");
            // WebView2 has no custom schemes: Windows serves the page (and its blobs) from here.
            let windows = os == Os::Windows;
            assert_eq!(own("http://tauri.localhost/"), windows, "{os:?}");
            assert_eq!(own("https://tauri.localhost/index.html"), windows, "{os:?}");
            assert_eq!(
                own("blob:http://tauri.localhost/1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
                windows,
                "{os:?}"
            );
            for other in [
                "https://example.com/",
                "http://127.0.0.1:4000/v1/signin/pat",
                "file:///etc/passwd",
                "file:///C:/Windows/win.ini",
                "tauri://evil.example/",
                "https://tauri.localhost.evil.example/",
                "http://tauri.localhost:8080/",
                "blob:https://example.com/1b4e28ba",
                "javascript:alert(1)",
                "data:text/html,hi",
            ] {
                assert!(!own(other), "{os:?}: {other}");
            }
        }
        assert_eq!(is_own_page(&url("http://tauri.localhost/")), cfg!(windows));
    }
}

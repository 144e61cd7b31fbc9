//! The Tauri shell of the Dxtra First Integration app.
//!
//! For now it opens the wizard window on a placeholder page; the wizard's commands
//! arrive with the desktop-app issue. All API work lives in `dxtra-api`, free of Tauri.

/// Builds and runs the app until its last window closes.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

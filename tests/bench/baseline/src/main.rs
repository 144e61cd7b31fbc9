//! The benchmark's baseline: a minimal Tauri v2 window with the app's plugins registered and the
//! same window size, whose page reports (and, with `DXTRA_BENCH=quit`, quits) once drawn, as the
//! app does. `tests/bench.sh` measures both side by side.

use std::io::Write;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

#[tauri::command]
fn interactive(app: tauri::AppHandle) {
    let mode = std::env::var("DXTRA_BENCH").unwrap_or_default();
    if mode == "report" || mode == "quit" {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "interactive");
        let _ = out.flush();
        if mode == "quit" {
            app.exit(0);
        }
    }
}

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|_, _, _| {}))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let _ = app.path().app_data_dir();
            WebviewWindowBuilder::new(app.handle(), "main", WebviewUrl::default())
                .title("Bench Baseline")
                .inner_size(1100.0, 780.0)
                .build()?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![interactive])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

//! The benchmark's baseline: a minimal Tauri v2 window with the app's plugins registered and the
//! same window size, whose page reports (and, with `DXTRA_BENCH=quit`, quits) once drawn, as the
//! app does. `tests/bench.sh` measures both side by side.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

fn reporting() -> bool {
    matches!(std::env::var("DXTRA_BENCH").as_deref(), Ok("report") | Ok("quit"))
}

/// `phase <name> <ms since the epoch>`, as the app prints them (src-tauri/src/bench.rs).
fn print_phase(name: &str, epoch_ms: f64) {
    if reporting() && epoch_ms.is_finite() && epoch_ms > 0.0 {
        let _ = writeln!(std::io::stdout(), "phase {name} {epoch_ms:.1}");
    }
}

fn phase(name: &str) {
    print_phase(
        name,
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0),
    );
}

#[derive(serde::Deserialize, Default)]
struct PageMarks {
    navigation: Option<f64>,
    scripts: Option<f64>,
}

#[tauri::command]
fn interactive(app: tauri::AppHandle, marks: Option<PageMarks>) {
    let marks = marks.unwrap_or_default();
    if reporting() {
        for (name, at) in [("navigation", marks.navigation), ("scripts", marks.scripts)] {
            if let Some(at) = at {
                print_phase(name, at);
            }
        }
        let mut out = std::io::stdout();
        let _ = writeln!(out, "interactive");
        let _ = out.flush();
        if std::env::var("DXTRA_BENCH").as_deref() == Ok("quit") {
            app.exit(0);
        }
    }
}

fn main() {
    phase("main");
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
            phase("window");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![interactive])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

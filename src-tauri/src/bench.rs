//! Switches for the benchmark (`tests/bench.sh`), read from the environment. Without them the app
//! behaves exactly the same; they only report, quit or prepare a state to measure.
//!
//! - `DXTRA_BENCH=report`: print `interactive` on stdout when the page says it is interactive
//!   (the first step drawn with the settings loaded); `DXTRA_BENCH=quit`: print it and exit.
//!   Before it, `phase <name> <ms since the epoch>` lines say when start-up passed each of its
//!   moments (main, window built, page navigation, scripts evaluated, settings loaded), which the
//!   benchmark prints as where the start-up time goes.
//! - `DXTRA_BENCH_SIGNED_IN=1`: start on step 2, signed in to the offline sandbox with its demo
//!   credentials, so the session's countdown ticks while the app sits idle.
//! - `DXTRA_BENCH_OPEN=inspector` (with the above): once interactive, the Inspector is opened as a
//!   click on its tab would, and `opened inspector` is printed when it has read its record (its
//!   live feed then runs), so its idle CPU is measured with it open.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use tauri::{AppHandle, Runtime};

use crate::settings::SettingsPatch;
use crate::wizard::Wizard;

/// When the page passed its start-up moments, in milliseconds since the epoch (its clock is the
/// system's: `performance.timeOrigin + performance.now()`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageMarks {
    pub navigation: Option<f64>,
    pub scripts: Option<f64>,
    pub settings: Option<f64>,
}

fn reporting() -> bool {
    matches!(std::env::var("DXTRA_BENCH").as_deref(), Ok("report") | Ok("quit"))
}

fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}

/// Whether `epoch_ms` is a time within the last hour: the page's numbers come from outside.
fn plausible(epoch_ms: f64) -> bool {
    let now = now_ms();
    epoch_ms.is_finite() && epoch_ms <= now + 1_000.0 && epoch_ms >= now - 3_600_000.0
}

fn print_phase(name: &str, epoch_ms: f64) {
    if plausible(epoch_ms) {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "phase {name} {epoch_ms:.1}");
        let _ = out.flush();
    }
}

/// Reports that start-up reached `name` now (when the benchmark asks; nothing otherwise).
pub fn phase(name: &str) {
    if reporting() {
        print_phase(name, now_ms());
    }
}

/// Called once by the page when it is interactive, with when it passed its own moments.
pub fn interactive<R: Runtime>(app: &AppHandle<R>, marks: PageMarks) {
    if !reporting() {
        tracing::debug!("the page is interactive");
        return;
    }
    for (name, at) in
        [("navigation", marks.navigation), ("scripts", marks.scripts), ("settings", marks.settings)]
    {
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
    if std::env::var("DXTRA_BENCH_OPEN").as_deref() == Ok("inspector") {
        use tauri::Manager;
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.eval("document.getElementById('nav-6').click()");
        }
    }
}

/// Reports that a view has read what it shows (`opened <name>`), when the benchmark asks.
pub fn opened(name: &str) {
    if reporting() {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "opened {name}");
        let _ = out.flush();
    }
}

/// With `DXTRA_BENCH_SIGNED_IN=1`: the sandbox's demo credentials, step 2, signed in.
pub async fn prepare(wizard: &Wizard) {
    if std::env::var("DXTRA_BENCH_SIGNED_IN").as_deref() != Ok("1") {
        return;
    }
    let prepared = async {
        wizard.start_sandbox(true).await?;
        wizard.save_settings(SettingsPatch { step_reached: Some(2), ..SettingsPatch::default() }).await?;
        wizard.sign_in_only().await
    };
    if let Err(error) = prepared.await {
        tracing::warn!(%error, "the benchmark's signed-in start failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_times_of_the_last_hour_are_reported() {
        let now = now_ms();
        assert!(plausible(now - 500.0));
        for wrong in [f64::NAN, f64::INFINITY, -1.0, 0.0, 1e308, now + 60_000.0, now - 7_200_000.0] {
            assert!(!plausible(wrong), "{wrong} is not a start-up moment");
        }
    }
}

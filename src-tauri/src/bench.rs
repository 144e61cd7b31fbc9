//! Switches for the benchmark (`tests/bench.sh`), read from the environment. Without them the app
//! behaves exactly the same; they only report, quit or prepare a state to measure.
//!
//! - `DXTRA_BENCH=report`: print `interactive` on stdout when the page says it is interactive
//!   (the first step drawn with the settings loaded); `DXTRA_BENCH=quit`: print it and exit.
//! - `DXTRA_BENCH_SIGNED_IN=1`: start on step 2, signed in to the offline sandbox with its demo
//!   credentials, so the session's countdown ticks while the app sits idle.

use std::io::Write;

use tauri::{AppHandle, Runtime};

use crate::settings::SettingsPatch;
use crate::wizard::Wizard;

/// Called once by the page when it is interactive.
pub fn interactive<R: Runtime>(app: &AppHandle<R>) {
    match std::env::var("DXTRA_BENCH").as_deref() {
        Ok("report") | Ok("quit") => {
            let mut out = std::io::stdout();
            let _ = writeln!(out, "interactive");
            let _ = out.flush();
            if std::env::var("DXTRA_BENCH").as_deref() == Ok("quit") {
                app.exit(0);
            }
        }
        _ => tracing::debug!("the page is interactive"),
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

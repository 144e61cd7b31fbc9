//! The app's log: `tracing` to stderr and to a file rotated daily in the platform's log folder
//! (on Linux `~/.local/share/ai.dxtra.first-integration/logs`), keeping a week. Secrets never
//! reach it: no event the app emits carries one (the fault matrix scans every level for them).

use std::path::Path;
use std::sync::Mutex;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// Log files kept, one per day.
pub const KEPT_FILES: usize = 7;
/// The log files' names: `dxtra-wizard.YYYY-MM-DD.log`.
pub const PREFIX: &str = "dxtra-wizard";

/// Keeps the file writer's thread alive; dropped at exit, which writes out what is pending.
static GUARD: Mutex<Option<WorkerGuard>> = Mutex::new(None);

fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into())
}

/// Starts logging to stderr, and to `folder` when it can be created. Returns why the file log
/// could not be opened, if it could not (the app runs on, logging to stderr).
pub fn init(folder: Option<&Path>) -> Option<String> {
    let stderr = fmt::layer().with_writer(std::io::stderr).with_filter(filter());
    let (file, problem) = match folder.map(open) {
        Some(Ok(appender)) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            *GUARD.lock().unwrap_or_else(|p| p.into_inner()) = Some(guard);
            (Some(fmt::layer().with_ansi(false).with_writer(writer).with_filter(filter())), None)
        }
        Some(Err(error)) => (None, Some(error)),
        None => (None, Some("the platform has no log folder".to_owned())),
    };
    // A second call (tests) keeps the first subscriber.
    let _ = tracing_subscriber::registry().with(stderr).with(file).try_init();
    if let Some(problem) = &problem {
        tracing::warn!(%problem, "logging to stderr only");
    }
    problem
}

fn open(folder: &Path) -> Result<RollingFileAppender, String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(folder)
        .map_err(|e| format!("{}: {e}", folder.display()))
}

/// Writes out pending lines; called when the app exits.
pub fn flush() {
    drop(GUARD.lock().unwrap_or_else(|p| p.into_inner()).take());
}

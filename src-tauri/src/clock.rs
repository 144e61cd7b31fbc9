//! The wall clock as the settings and the verify step record it: Unix seconds. Nothing else:
//! timeouts and durations use `Instant`, not this.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch (0 on a clock set before it).
pub fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

//! The Inspector as wizard actions: what the developer's own programs sent to the Sandbox (the
//! record is the sandbox's own, `dxtra_sandbox::Exchange`, secrets already described), and the
//! feed of new entries the window forwards to the page. What it leaves out: recording calls to
//! other environments (a forwarder, not built yet), and telling the page (`window`).

use std::sync::atomic::Ordering;

use dxtra_sandbox::Exchange;
use tokio::sync::broadcast;

use super::Wizard;

impl Wizard {
    /// The Sandbox's record of other clients' requests, newest first (empty until it runs).
    pub async fn inspector_entries(&self) -> Vec<Exchange> {
        self.current.lock().await.sandbox.inspected()
    }

    /// New exchanges as the Sandbox records them: handed out once, when the Sandbox runs (the
    /// window forwards them to the page for as long as the app runs).
    pub async fn take_inspector_feed(&self) -> Option<broadcast::Receiver<Exchange>> {
        let feed = self.current.lock().await.sandbox.inspector_feed()?;
        (!self.inspector_fed.swap(true, Ordering::SeqCst)).then_some(feed)
    }
}

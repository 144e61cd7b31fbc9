//! The Inspector as wizard actions: what the developer's own programs sent to the Sandbox (the
//! record is the sandbox's own, `dxtra_sandbox::Exchange`, secrets already described), or, for
//! another environment, through "Record my program's calls" (`crate::forwarder`), and the feeds
//! of new entries the window forwards to the page. What it leaves out: telling the page
//! (`window`) and forwarding itself (`forwarder`).

use std::sync::atomic::Ordering;

use dxtra_sandbox::Exchange;
use tokio::sync::broadcast;

use super::status::Status;
use super::Wizard;
use crate::error::AppError;
use crate::forwarder::Forwarder;
use crate::progress::EnvChoice;

impl Wizard {
    /// The record of the environment shown: the Sandbox's (other clients' requests), or the
    /// forwarder's while it records; newest first.
    pub async fn inspector_entries(&self) -> Vec<Exchange> {
        let current = self.current.lock().await;
        match (&current.forwarder, current.settings.environment) {
            (_, EnvChoice::Sandbox) => current.sandbox.inspected(),
            (Some(forwarder), _) => forwarder.entries(),
            (None, _) => Vec::new(),
        }
    }

    /// Starts "Record my program's calls" for the environment selected (not the Sandbox, which
    /// records by itself), through the app's own network settings; returns the status with its
    /// loopback URLs and the feed of its entries. Already on: the same, without a new feed.
    pub async fn start_forwarder(&self) -> Result<(Status, Option<broadcast::Receiver<Exchange>>), AppError> {
        let config = self.config_now().await?;
        let feed = {
            let mut current = self.current.lock().await;
            if current.settings.environment == EnvChoice::Sandbox {
                return Err(AppError::Forwarder {
                    detail: "the Sandbox records your program's calls already".into(),
                });
            }
            if current.forwarder.is_some() {
                None
            } else {
                let endpoints = self.endpoints(&mut current).await?;
                let client = dxtra_api::forwarding_client(&config)?;
                let forwarder = Forwarder::start(endpoints.auth_root(), endpoints.graphql(), client)
                    .await
                    .map_err(|e| AppError::Forwarder { detail: e.to_string() })?;
                tracing::info!(auth = %forwarder.auth_url, graphql = %forwarder.graphql_url, "recording the program's calls");
                let feed = forwarder.feed();
                current.forwarder = Some(forwarder);
                Some(feed)
            }
        };
        Ok((self.first_status().await, feed))
    }

    /// Stops it: the two ports close; what it recorded goes with it.
    pub async fn stop_forwarder(&self) -> Status {
        self.current.lock().await.forwarder = None;
        self.first_status().await
    }

    /// New exchanges as the Sandbox records them: handed out once, when the Sandbox runs (the
    /// window forwards them to the page for as long as the app runs).
    pub async fn take_inspector_feed(&self) -> Option<broadcast::Receiver<Exchange>> {
        let feed = self.current.lock().await.sandbox.inspector_feed()?;
        (!self.inspector_fed.swap(true, Ordering::SeqCst)).then_some(feed)
    }
}

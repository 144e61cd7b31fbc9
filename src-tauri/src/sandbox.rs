//! The offline Sandbox environment: `dxtra-sandbox` run in-process on loopback, started the first
//! time it is needed, keeping its data (never credentials) in the app's data folder.

use std::path::PathBuf;

use dxtra_sandbox::{Sandbox, SandboxConfig, SandboxInfo};

use crate::error::AppError;

/// The in-process sandbox, not started until asked for.
pub struct OfflineSandbox {
    state_file: Option<PathBuf>,
    running: Option<Sandbox>,
}

impl OfflineSandbox {
    pub fn new(state_file: Option<PathBuf>) -> Self {
        OfflineSandbox { state_file, running: None }
    }

    /// The running sandbox's URLs and demo credentials, starting it if needed.
    pub async fn ensure(&mut self) -> Result<&SandboxInfo, AppError> {
        if self.running.is_none() {
            let config = SandboxConfig { state_file: self.state_file.clone(), ..SandboxConfig::default() };
            let sandbox = Sandbox::start(config).await.map_err(|e| AppError::Sandbox { detail: e.to_string() })?;
            self.running = Some(sandbox);
        }
        Ok(self.running.as_ref().expect("started above").info())
    }

    /// Its URLs and demo credentials, if it runs.
    pub fn info(&self) -> Option<&SandboxInfo> {
        self.running.as_ref().map(Sandbox::info)
    }
}

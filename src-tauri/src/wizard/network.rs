//! The Network settings: shown with what Automatic would use now, saved (the proxy's password
//! to the keychain first, so a refusal there changes nothing), and the client configuration of
//! the moment (the proxy's password read from the keychain once, when first needed, never
//! under the wizard's lock). A saved change drops the client: the next request uses it.

use dxtra_api::ClientConfig;
use secrecy::SecretString;

use super::Wizard;
use crate::error::AppError;
use crate::network::{system_view, NetworkPatch, NetworkView};

impl Wizard {
    /// The Network dialog's data.
    pub async fn network_settings(&self) -> Result<NetworkView, AppError> {
        let settings = self.current.lock().await.settings.network.clone();
        let password_saved = !settings.username.is_empty() && self.proxy_password().await?.is_some();
        let system = tokio::task::spawn_blocking(system_view).await.map_err(|error| AppError::Settings {
            detail: format!("reading the system's proxy failed: {error}"),
        })?;
        Ok(NetworkView::new(&settings, password_saved, system))
    }

    /// Checks and saves the Network settings; from the next request on, clients use them.
    pub async fn save_network_settings(&self, patch: NetworkPatch) -> Result<NetworkView, AppError> {
        let network = patch.checked()?;
        let password = match patch.proxy.password.as_deref() {
            None => None,
            Some("") => Some(None),
            Some(text) => Some(Some(SecretString::from(text.to_owned()))),
        };
        if let Some(password) = &password {
            self.pats.set_network_secret(password.clone()).await?;
        }
        let (snapshot, generation) = {
            let mut current = self.current.lock().await;
            if let Some(password) = password {
                current.proxy_password = Some(password);
            }
            if current.settings.network != network {
                current.settings.network = network;
                current.client = None;
                // Its way out was built with the old settings: started again, it uses the new.
                current.forwarder = None;
            }
            current.snapshot()
        };
        self.file.save(snapshot, generation).await?;
        self.network_settings().await
    }

    /// For diagnostics: the proxy mode, the extra certificates, and per URL of the current
    /// client the route taken and the certificate shown (never a password).
    pub async fn network_report(&self) -> Vec<String> {
        let (settings, client) = {
            let current = self.current.lock().await;
            (current.settings.network.clone(), current.client.clone())
        };
        let mode = match settings.mode {
            dxtra_api::ProxyMode::Automatic => "Automatic (this computer's settings)".to_owned(),
            dxtra_api::ProxyMode::Manual => format!(
                "Manual, {}:{}{}",
                settings.host,
                settings.port.unwrap_or(0),
                if settings.username.is_empty() { "" } else { ", with a user name and password" }
            ),
            dxtra_api::ProxyMode::None => "None (direct)".to_owned(),
        };
        let extra = dxtra_api::parse_extra_certs(&settings.extra_certificates).map_or(0, |c| c.len());
        let mut lines = vec![format!("Proxy: {mode}"), format!("Extra certificates: {extra}")];
        match client {
            Some(client) => lines.extend(client.network_report()),
            None => lines.push("Routes: no request made yet in this environment".to_owned()),
        }
        lines
    }

    /// The proxy's password: from memory, else read from the keychain once.
    async fn proxy_password(&self) -> Result<Option<SecretString>, AppError> {
        if let Some(known) = self.current.lock().await.proxy_password.clone() {
            return Ok(known);
        }
        let read = self.pats.network_secret().await?;
        self.current.lock().await.proxy_password = Some(read.clone());
        Ok(read)
    }

    /// The client configuration with the Network settings of now.
    pub(crate) async fn config_now(&self) -> Result<ClientConfig, AppError> {
        let settings = self.current.lock().await.settings.network.clone();
        let password = if settings.needs_password() { self.proxy_password().await? } else { None };
        Ok(ClientConfig { network: settings.to_network(password), ..self.client_config.clone() })
    }
}

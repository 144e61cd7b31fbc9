//! The wizard's non-secret settings: environment, custom URLs, controller ID, the step reached and
//! non-secret results. Kept by `tauri-plugin-store` in the app's data folder. Never a secret.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Which environment the user picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum EnvChoice {
    /// The offline sandbox: chosen on first launch.
    #[default]
    Sandbox,
    Production,
    LocalDev,
    Custom,
}

impl EnvChoice {
    pub fn id(self) -> &'static str {
        match self {
            EnvChoice::Sandbox => "sandbox",
            EnvChoice::Production => "production",
            EnvChoice::LocalDev => "local-dev",
            EnvChoice::Custom => "custom",
        }
    }
}

/// What `createDataSubject` answered, kept for the verify step and the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSubject {
    pub data_subject_id: String,
    pub message: String,
    pub event: String,
    pub controller_id: String,
    pub created_at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub environment: EnvChoice,
    pub custom_auth_url: String,
    pub custom_graphql_url: String,
    pub controller_id: String,
    /// 1 to 4: the furthest step the user may open.
    pub step_reached: u8,
    pub created: Option<CreatedSubject>,
    /// Unix time of the last successful verification.
    pub verified_at: Option<u64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            environment: EnvChoice::Sandbox,
            custom_auth_url: String::new(),
            custom_graphql_url: String::new(),
            controller_id: String::new(),
            step_reached: 1,
            created: None,
            verified_at: None,
        }
    }
}

/// The fields the front end may change, each optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsPatch {
    pub environment: Option<EnvChoice>,
    pub custom_auth_url: Option<String>,
    pub custom_graphql_url: Option<String>,
    pub controller_id: Option<String>,
    pub step_reached: Option<u8>,
}

/// Where settings are kept.
pub trait SettingsBackend: Send + Sync {
    fn load(&self) -> Settings;
    fn save(&self, settings: &Settings) -> Result<(), AppError>;
}

/// Memory only, for tests.
#[derive(Default)]
pub struct MemorySettings(std::sync::Mutex<Option<Settings>>);

impl SettingsBackend for MemorySettings {
    fn load(&self) -> Settings {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone().unwrap_or_default()
    }
    fn save(&self, settings: &Settings) -> Result<(), AppError> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(settings.clone());
        Ok(())
    }
}

/// `settings.json` through tauri-plugin-store.
pub struct PluginStore<R: tauri::Runtime>(pub std::sync::Arc<tauri_plugin_store::Store<R>>);

const KEY: &str = "settings";

impl<R: tauri::Runtime> SettingsBackend for PluginStore<R> {
    fn load(&self) -> Settings {
        self.0
            .get(KEY)
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default()
    }
    fn save(&self, settings: &Settings) -> Result<(), AppError> {
        let value = serde_json::to_value(settings).map_err(|e| AppError::Settings { detail: e.to_string() })?;
        self.0.set(KEY, value);
        self.0.save().map_err(|e| AppError::Settings { detail: e.to_string() })
    }
}

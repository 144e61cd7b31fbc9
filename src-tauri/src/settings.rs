//! The wizard's non-secret settings: environment, custom URLs, controller ID, the step reached and
//! non-secret results. Kept by `tauri-plugin-store` in the app's data folder. Never a secret.
//! The progress values themselves are in [`crate::progress`]; writing off the wizard's lock is
//! `stores::SettingsFile`'s job.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::console::HistoryEntry;
use crate::error::AppError;
use crate::progress::{CreatedSubject, EnvChoice, Progress, ProgressKey};

/// What is saved: the environment chosen, the Custom URLs, and the progress of each environment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub environment: EnvChoice,
    pub custom_auth_url: String,
    pub custom_graphql_url: String,
    /// By [`Settings::progress_key`].
    #[serde(deserialize_with = "crate::progress::lenient_progress")]
    pub progress: BTreeMap<ProgressKey, Progress>,
    /// The proxy and extra certificates (the proxy's password is in the keychain).
    #[serde(skip_serializing_if = "crate::settings::is_default")]
    pub network: crate::network::NetworkSettings,
    /// The GraphQL console's runs, newest first (no secrets: see `console`).
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::console::lenient_history")]
    pub console_history: Vec<HistoryEntry>,
    /// Before progress was kept per environment (read once, then moved into `progress`).
    #[serde(skip_serializing)]
    step_reached: Option<u8>,
    #[serde(skip_serializing)]
    controller_id: Option<String>,
    #[serde(skip_serializing)]
    created: Option<CreatedSubject>,
    #[serde(skip_serializing)]
    verified_at: Option<u64>,
}

impl Settings {
    /// The key of the current environment's progress and PAT.
    pub fn progress_key(&self) -> ProgressKey {
        ProgressKey::new(self.environment, &self.custom_auth_url, &self.custom_graphql_url)
    }

    /// The current environment's progress.
    pub fn progress(&self) -> Progress {
        self.progress.get(&self.progress_key()).cloned().unwrap_or_default()
    }

    pub fn progress_mut(&mut self) -> &mut Progress {
        let key = self.progress_key();
        self.progress.entry(key).or_default()
    }

    /// Moves progress saved by an older version (one for all environments) to the environment
    /// it was made in.
    fn migrated(mut self) -> Self {
        let legacy = (
            self.step_reached.take(),
            self.controller_id.take(),
            self.created.take(),
            self.verified_at.take(),
        );
        if self.progress.is_empty() && (legacy.0.is_some() || legacy.1.is_some() || legacy.2.is_some()) {
            *self.progress_mut() = Progress {
                step_reached: legacy.0.unwrap_or(1).clamp(1, 4),
                controller_id: legacy.1.unwrap_or_default(),
                created: legacy.2,
                verified_at: legacy.3,
            };
        }
        self
    }

    /// The settings in `value`, read field by field: an unreadable field (or progress entry, or
    /// console run) is left at its default and named in the second value, in plain words.
    pub fn read_leniently(value: &serde_json::Value) -> (Settings, Vec<String>) {
        let Some(fields) = value.as_object() else {
            return (Settings::default(), vec!["the settings are not a JSON object".to_owned()]);
        };
        let mut readable = serde_json::Map::new();
        let mut lost = Vec::new();
        for (name, field) in fields {
            let alone = serde_json::Value::Object([(name.clone(), field.clone())].into_iter().collect());
            match serde_json::from_value::<Settings>(alone) {
                Ok(_) => drop(readable.insert(name.clone(), field.clone())),
                Err(_) if !lost.iter().any(|l| l == field_words(name)) => {
                    lost.push(field_words(name).to_owned())
                }
                Err(_) => {}
            }
        }
        let settings = serde_json::from_value::<Settings>(serde_json::Value::Object(readable))
            .map(Settings::migrated)
            .unwrap_or_default();
        let count = |name: &str| match fields.get(name) {
            Some(serde_json::Value::Object(entries)) => entries.len(),
            Some(serde_json::Value::Array(entries)) => entries.len(),
            _ => 0,
        };
        let progress_lost = count("progress").saturating_sub(settings.progress.len());
        if progress_lost > 0 && !lost.contains(&field_words("progress").to_owned()) {
            lost.push(format!("the progress of {progress_lost} environment(s)"));
        }
        let history_lost = count("consoleHistory").saturating_sub(settings.console_history.len());
        if history_lost > 0 && !lost.contains(&field_words("consoleHistory").to_owned()) {
            lost.push(format!("{history_lost} run(s) of the console history"));
        }
        (settings, lost)
    }

    /// What the front end draws from: the settings and the current environment's progress.
    pub fn view(&self) -> SettingsView {
        let progress = self.progress();
        SettingsView {
            environment: self.environment,
            custom_auth_url: self.custom_auth_url.clone(),
            custom_graphql_url: self.custom_graphql_url.clone(),
            progress_key: self.progress_key(),
            controller_id: progress.controller_id,
            step_reached: progress.step_reached,
            created: progress.created,
            verified_at: progress.verified_at,
        }
    }
}

/// A saved field's name in the words of the page.
fn field_words(name: &str) -> &str {
    match name {
        "environment" => "the environment chosen",
        "customAuthUrl" | "customGraphqlUrl" => "the Custom URLs",
        "progress" => "the progress of every environment",
        "network" => "the network settings",
        "consoleHistory" => "the console history",
        _ => name,
    }
}

pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The settings as the front end sees them: one environment's progress, flattened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub environment: EnvChoice,
    pub custom_auth_url: String,
    pub custom_graphql_url: String,
    /// Which progress this is (changes when the environment or the Custom auth origin does).
    pub progress_key: ProgressKey,
    pub controller_id: String,
    pub step_reached: u8,
    pub created: Option<CreatedSubject>,
    pub verified_at: Option<u64>,
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
    /// What could not be read at [`SettingsBackend::load`], said once to the user.
    fn notice(&self) -> Option<String> {
        None
    }
}

/// Memory only, for tests; `failing` makes every save fail, like a read-only data folder.
#[derive(Default)]
pub struct MemorySettings(std::sync::Mutex<Option<Settings>>, pub std::sync::atomic::AtomicBool);

impl SettingsBackend for MemorySettings {
    fn load(&self) -> Settings {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone().map(Settings::migrated).unwrap_or_default()
    }
    fn save(&self, settings: &Settings) -> Result<(), AppError> {
        if self.1.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(AppError::Settings { detail: "the data folder is read-only".into() });
        }
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(settings.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_saved_before_it_was_kept_per_environment_moves_to_its_environment() {
        let old = serde_json::json!({"environment": "production", "controllerId": "c1", "stepReached": 4,
            "created": {"dataSubjectId": "s1", "message": "Data subject created", "event": "signup", "controllerId": "c1", "createdAt": 1}});
        let settings = serde_json::from_value::<Settings>(old).unwrap().migrated();
        assert_eq!(settings.progress_key(), ProgressKey::Production);
        assert_eq!(settings.progress().step_reached, 4);
        assert_eq!(settings.progress().created.unwrap().data_subject_id, "s1");
        let saved = serde_json::to_value(&settings).unwrap();
        assert!(
            saved.get("stepReached").is_none() && saved["progress"]["production"]["controllerId"] == "c1",
            "{saved}"
        );
    }

    #[test]
    fn custom_progress_belongs_to_the_auth_origin() {
        let mut settings = Settings {
            environment: EnvChoice::Custom,
            custom_auth_url: "https://auth.one.example/v1".into(),
            custom_graphql_url: "https://api.one.example".into(),
            ..Settings::default()
        };
        settings.progress_mut().step_reached = 3;
        assert_eq!(
            settings.progress_key().to_string(),
            "custom:https://auth.one.example https://api.one.example"
        );
        settings.custom_auth_url = "https://auth.two.example".into();
        assert_eq!(settings.progress().step_reached, 1, "another host starts afresh");
        settings.custom_auth_url = "https://auth.one.example/".into();
        assert_eq!(settings.progress().step_reached, 3, "the same origins keep their progress");
        settings.custom_graphql_url = "https://api.two.example/v1/graphql".into();
        assert_eq!(settings.progress().step_reached, 1, "another GraphQL host starts afresh too");
    }

    #[test]
    fn an_unreadable_field_loses_only_itself_and_is_named() {
        let saved = serde_json::json!({
            "environment": "preview",
            "customAuthUrl": "https://auth.acme.example",
            "customGraphqlUrl": 42,
            "progress": {"production": {"stepReached": 3, "controllerId": "c1"}, "staging": {"stepReached": "x"}},
            "consoleHistory": [{"not": "a run"}],
        });
        let (settings, lost) = Settings::read_leniently(&saved);
        assert_eq!(settings.environment, EnvChoice::default());
        assert_eq!(settings.custom_auth_url, "https://auth.acme.example");
        assert_eq!(settings.progress[&ProgressKey::Production].controller_id, "c1");
        for expected in [
            "the environment chosen",
            "the Custom URLs",
            "1 run(s) of the console history",
            "the progress of 1 environment(s)",
        ] {
            assert!(lost.iter().any(|l| l == expected), "{expected} missing from {lost:?}");
        }
        assert_eq!(lost.len(), 4, "{lost:?}");
        let (whole, nothing_lost) = Settings::read_leniently(&serde_json::to_value(&settings).unwrap());
        assert_eq!((whole, nothing_lost.len()), (settings, 0));
    }
}

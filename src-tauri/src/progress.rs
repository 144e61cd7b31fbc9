//! How far the user got, per environment: which environment was picked ([`EnvChoice`]), the key
//! its progress and PAT are kept under ([`ProgressKey`]), and the [`Progress`] itself (step
//! reached, controller, created subject, verification). Pure values: saving them is the
//! settings file's job, deciding when to change them the wizard's.

use std::fmt;

use serde::{Deserialize, Serialize};

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

/// Which progress (and which keychain entry) belongs to an environment: `sandbox`,
/// `production`, `local-dev`, or `custom:<auth origin> <GraphQL origin>` once serialised, the
/// form settings files and keychain entry names have always used. A PAT saved for one auth
/// origin is never sent to another, nor its JWTs to another GraphQL host.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProgressKey {
    Sandbox,
    Production,
    LocalDev,
    Custom { auth_origin: String, graphql_origin: String },
}

/// The origin (`scheme://host[:port]`) of a URL, or the trimmed text when it is not one.
pub fn origin_of(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(parsed) if parsed.has_host() => parsed.origin().ascii_serialization(),
        _ => url.trim().to_owned(),
    }
}

impl ProgressKey {
    /// The key of `environment`; for Custom, of the origins of its two URLs.
    pub fn new(environment: EnvChoice, custom_auth_url: &str, custom_graphql_url: &str) -> ProgressKey {
        match environment {
            EnvChoice::Sandbox => ProgressKey::Sandbox,
            EnvChoice::Production => ProgressKey::Production,
            EnvChoice::LocalDev => ProgressKey::LocalDev,
            EnvChoice::Custom => ProgressKey::Custom {
                auth_origin: origin_of(custom_auth_url),
                graphql_origin: origin_of(custom_graphql_url),
            },
        }
    }

    pub fn environment(&self) -> EnvChoice {
        match self {
            ProgressKey::Sandbox => EnvChoice::Sandbox,
            ProgressKey::Production => EnvChoice::Production,
            ProgressKey::LocalDev => EnvChoice::LocalDev,
            ProgressKey::Custom { .. } => EnvChoice::Custom,
        }
    }

    /// For Custom, the GraphQL endpoint's origin (which deployment a console run went to).
    pub fn graphql_origin(&self) -> Option<&str> {
        match self {
            ProgressKey::Custom { graphql_origin, .. } => Some(graphql_origin),
            _ => None,
        }
    }

    /// How a confirmation names the environment.
    pub fn label(&self) -> String {
        match self {
            ProgressKey::Production => "Production".into(),
            ProgressKey::LocalDev => "Local Dev".into(),
            ProgressKey::Sandbox => "the Sandbox".into(),
            ProgressKey::Custom { graphql_origin, .. } => format!("the custom deployment ({graphql_origin})"),
        }
    }

    /// Reads a serialised key; `None` for text no version wrote.
    pub fn parse(text: &str) -> Option<ProgressKey> {
        Some(match text {
            "sandbox" => ProgressKey::Sandbox,
            "production" => ProgressKey::Production,
            "local-dev" => ProgressKey::LocalDev,
            other => {
                let (auth_origin, graphql_origin) = other.strip_prefix("custom:")?.split_once(' ')?;
                ProgressKey::Custom {
                    auth_origin: auth_origin.to_owned(),
                    graphql_origin: graphql_origin.to_owned(),
                }
            }
        })
    }
}

impl fmt::Display for ProgressKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgressKey::Custom { auth_origin, graphql_origin } => {
                write!(f, "custom:{auth_origin} {graphql_origin}")
            }
            other => f.write_str(other.environment().id()),
        }
    }
}

impl Serialize for ProgressKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ProgressKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ProgressKey::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a progress key: {text:?}")))
    }
}

/// Reads the saved progress leniently: an entry under a key this version cannot read is dropped,
/// never the settings around it.
pub fn lenient_progress<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<ProgressKey, Progress>, D::Error> {
    let values = Option::<std::collections::BTreeMap<String, serde_json::Value>>::deserialize(deserializer)
        .unwrap_or_default()
        .unwrap_or_default();
    Ok(values
        .into_iter()
        .filter_map(|(key, value)| Some((ProgressKey::parse(&key)?, serde_json::from_value(value).ok()?)))
        .collect())
}

/// What `createDataSubject` answered, kept for the verify step and the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSubject {
    pub data_subject_id: String,
    #[serde(default)]
    pub message: Option<String>,
    pub event: String,
    pub controller_id: String,
    pub created_at: u64,
}

/// How far the user got in one environment: its step, controller and results. Kept apart per
/// environment (per auth origin for Custom), so switching never mixes one's results into another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Progress {
    pub controller_id: String,
    /// 1 to 4: the furthest step the user may open.
    pub step_reached: u8,
    pub created: Option<CreatedSubject>,
    /// Unix time of the last verification with no failed check.
    pub verified_at: Option<u64>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { controller_id: String::new(), step_reached: 1, created: None, verified_at: None }
    }
}

impl Progress {
    /// Step `step` may be opened from now on (never lowers the step reached).
    pub fn reach(&mut self, step: u8) {
        self.step_reached = self.step_reached.max(step);
    }

    /// The step the page asked to open, within what was earned: the page may open step 2 once
    /// credentials are saved; steps 3 and 4 are reached only by signing in and by creating.
    pub fn open(&mut self, step: u8) {
        self.step_reached = step.clamp(1, self.step_reached.max(2));
    }

    /// A subject was created: step 4 opens, and any earlier verification is for another subject.
    pub fn record_created(&mut self, subject: CreatedSubject) {
        self.reach(4);
        self.controller_id = subject.controller_id.clone();
        self.created = Some(subject);
        self.verified_at = None;
    }

    /// Step 4 finished with no failed check at `at` (Unix seconds).
    pub fn record_verified(&mut self, at: u64) {
        self.reach(4);
        self.verified_at = Some(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(id: &str, controller: &str) -> CreatedSubject {
        CreatedSubject {
            data_subject_id: id.into(),
            message: None,
            event: "signup".into(),
            controller_id: controller.into(),
            created_at: 1,
        }
    }

    #[test]
    fn keys_serialise_as_they_always_have_and_read_back() {
        let cases = [
            (ProgressKey::new(EnvChoice::Sandbox, "x", "y"), "sandbox"),
            (ProgressKey::new(EnvChoice::Production, "", ""), "production"),
            (ProgressKey::new(EnvChoice::LocalDev, "", ""), "local-dev"),
            (
                ProgressKey::new(
                    EnvChoice::Custom,
                    " https://auth.one.example/v1 ",
                    "https://api.one.example:8443/v1/graphql",
                ),
                "custom:https://auth.one.example https://api.one.example:8443",
            ),
            (ProgressKey::new(EnvChoice::Custom, "", ""), "custom: "),
        ];
        for (key, text) in cases {
            assert_eq!(key.to_string(), text);
            assert_eq!(ProgressKey::parse(text), Some(key.clone()), "{text}");
            assert_eq!(serde_json::to_value(&key).unwrap(), serde_json::json!(text));
        }
        for unknown in ["", "staging", "custom:no-space", "Sandbox"] {
            assert_eq!(ProgressKey::parse(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn a_key_names_its_environment_and_deployment() {
        let custom =
            ProgressKey::new(EnvChoice::Custom, "https://auth.a.example", "https://api.b.example/v1/graphql");
        assert_eq!(custom.environment(), EnvChoice::Custom);
        assert_eq!(custom.graphql_origin(), Some("https://api.b.example"));
        assert_eq!(custom.label(), "the custom deployment (https://api.b.example)");
        assert_eq!(ProgressKey::LocalDev.label(), "Local Dev");
        assert_eq!(ProgressKey::Sandbox.graphql_origin(), None);
    }

    #[test]
    fn unreadable_progress_entries_are_dropped_alone() {
        #[derive(Deserialize)]
        struct Holder {
            #[serde(deserialize_with = "lenient_progress")]
            progress: std::collections::BTreeMap<ProgressKey, Progress>,
        }
        let text = r#"{"progress": {"production": {"stepReached": 3}, "staging": {"stepReached": 2}, "sandbox": {"stepReached": "x"}}}"#;
        let holder: Holder = serde_json::from_str(text).unwrap();
        assert_eq!(holder.progress.len(), 1);
        assert_eq!(holder.progress[&ProgressKey::Production].step_reached, 3);
    }

    #[test]
    fn steps_are_reached_never_lost_and_opened_only_as_far_as_earned() {
        let mut progress = Progress::default();
        for (action, expected) in [(3u8, 3u8), (2, 3), (4, 4), (1, 4)] {
            progress.reach(action);
            assert_eq!(progress.step_reached, expected, "reach({action})");
        }
        let mut fresh = Progress::default();
        for (asked, expected) in [(4u8, 2u8), (0, 1), (2, 2), (1, 1)] {
            fresh.open(asked);
            assert_eq!(fresh.step_reached, expected, "open({asked})");
        }
    }

    #[test]
    fn creating_resets_the_verification_and_verifying_records_it() {
        let mut progress = Progress { step_reached: 3, ..Progress::default() };
        progress.record_verified(10);
        progress.record_created(subject("s1", "c1"));
        assert_eq!(
            (progress.step_reached, progress.verified_at, progress.controller_id.as_str()),
            (4, None, "c1")
        );
        progress.record_verified(20);
        assert_eq!(progress.verified_at, Some(20));
        assert_eq!(progress.created.unwrap().data_subject_id, "s1");
    }
}

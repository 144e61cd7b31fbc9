//! The app layer's error: API errors pass through; keychain and settings failures are named
//! here. Serialized to the webview as `{kind, message, hint}`.

use dxtra_api::ApiError;

use crate::os::Os;

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error("the system keychain cannot be used: {detail}")]
    KeychainUnavailable { detail: String },
    #[error("the keychain refused the operation: {detail}")]
    Keychain { detail: String },
    #[error("the settings could not be saved: {detail}")]
    Settings { detail: String },
    #[error("the offline sandbox could not start: {detail}")]
    Sandbox { detail: String },
    /// "Record my program's calls" could not start (`detail` says why); nothing is forwarded.
    #[error("recording your program's calls could not start: {detail}")]
    Forwarder { detail: String },
    /// `problem` is a whole sentence, the same the page shows for that field.
    #[error("{problem}")]
    InvalidInput { field: &'static str, problem: String },
    /// A Network setting of the proxy (`field` is "host" or "port"); `problem` is a sentence.
    #[error("{problem}")]
    ProxySetting { field: &'static str, problem: String },
    #[error("the extra certificate was not accepted: {problem}")]
    ExtraCertificate { problem: String },
    /// The page meant one environment; the app has moved to another meanwhile.
    #[error("this was meant for {meant}, but the environment is now {current}")]
    EnvironmentChanged { meant: String, current: String },
    /// `what` is in flight: "a data subject is being created", "a mutation from the console is being sent".
    #[error("{what} already; its answer has not come back yet")]
    MutationInFlight { what: &'static str },
    #[error("this data subject and event were recorded {seconds_ago} s ago; not sent again")]
    RepeatedCreate { seconds_ago: u64 },
    #[error("the data subject may have been recorded: {cause} ({reason})")]
    OutcomeUnknown { cause: ApiError, reason: String },
    #[error("the data subject was not recorded: {cause} (checked by reading it back by email)")]
    NotRecorded { cause: ApiError },
    /// `what` starts the sentence: "The logs folder (/path)".
    #[error("{what} could not be opened: no program answered ({detail})")]
    CannotOpen { what: String, detail: String },
    #[error("the starter project was not created: {detail}")]
    Starter { detail: String },
    /// A console mutation outside the Sandbox, not yet confirmed: nothing was sent.
    #[error("`{operation}` is a mutation: it changes data in {environment}")]
    ConfirmMutation { operation: String, environment: String },
    /// The sign-in endpoint answered 404 and the probe found the auth service elsewhere on the
    /// host: `summary` says where, `corrected` is the URL to use (the detail, for the page's fix).
    #[error("{summary}")]
    AuthElsewhere { cause: ApiError, summary: String, corrected: String },
    /// The same console mutation as one carried out seconds ago, not yet confirmed: nothing sent.
    #[error("`{operation}` was carried out {seconds_ago} s ago: running it again does it twice")]
    RepeatMutation { operation: String, seconds_ago: u64 },
    /// A console mutation was sent and its answer lost: it may have been carried out.
    #[error("`{operation}` may have been carried out: {cause}")]
    MutationOutcomeUnknown { operation: String, cause: ApiError },
}

impl AppError {
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Api(error) => error.kind(),
            AppError::KeychainUnavailable { .. } => "keychain-unavailable",
            AppError::Keychain { .. } => "keychain",
            AppError::Settings { .. } => "settings",
            AppError::Sandbox { .. } => "sandbox",
            AppError::Forwarder { .. } => "forwarder",
            AppError::InvalidInput { .. } => "invalid-input",
            AppError::ProxySetting { field: "port", .. } => "proxy-port-invalid",
            AppError::ProxySetting { .. } => "proxy-host-invalid",
            AppError::ExtraCertificate { .. } => "extra-cert-invalid",
            AppError::EnvironmentChanged { .. } => "environment-changed",
            AppError::MutationInFlight { .. } => "mutation-in-flight",
            AppError::RepeatedCreate { .. } => "repeated-create",
            AppError::AuthElsewhere { .. } => "auth-elsewhere",
            AppError::OutcomeUnknown { .. } => "outcome-unknown",
            AppError::NotRecorded { .. } => "not-recorded",
            AppError::CannotOpen { .. } => "cannot-open",
            AppError::Starter { .. } => "starter",
            AppError::ConfirmMutation { .. } | AppError::RepeatMutation { .. } => "confirm-mutation",
            AppError::MutationOutcomeUnknown { .. } => "outcome-unknown",
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            AppError::Api(error) => error.hint(),
            AppError::KeychainUnavailable { .. } => keychain_unavailable_hint(Os::CURRENT),
            AppError::Keychain { .. } => keychain_refused_hint(Os::CURRENT),
            AppError::Settings { .. } => "Check that the app's data folder is writable.",
            AppError::Sandbox { .. } => "Another program may be using loopback ports; restart the app.",
            AppError::Forwarder { .. } => "The Sandbox records every call by itself; for another environment, check its URLs in step 1 and the Network settings.",
            AppError::InvalidInput { .. } => "Correct the field and try again.",
            AppError::ProxySetting { .. } => "Correct the proxy field; nothing was saved.",
            AppError::ExtraCertificate { .. } => "Paste the CA certificate as PEM (from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----), as your IT department or the CA gave it; nothing was saved.",
            AppError::EnvironmentChanged { .. } => "Nothing was saved or deleted. Check the environment shown in step 1, then do it again there.",
            AppError::MutationInFlight { .. } => "Wait for the first request's answer; it will show here when it arrives.",
            AppError::AuthElsewhere { .. } => "Use the corrected auth URL: the button saves it, then sign in again.",
            AppError::RepeatedCreate { .. } => "Sending it again would record the same event twice on this subject. Change a field for another subject or event, or choose to record it again on purpose.",
            AppError::OutcomeUnknown { .. } => "Do not send it again blindly: open Data Subject Support in the dashboard and look for the subject first. Sending it twice records the event twice.",
            AppError::NotRecorded { .. } => "Reading it back showed nothing was recorded, so it is safe to create it again.",
            AppError::Starter { .. } => "Pick a new or empty folder you can write to; nothing already there is ever overwritten.",
            AppError::MutationOutcomeUnknown { .. } => "Its answer was lost after it was sent. Check with a query whether it took effect before sending it again: sending it twice may do it twice.",
            AppError::ConfirmMutation { .. } => "Nothing was sent. Confirm to send it once; a mutation is never repeated by itself.",
            AppError::RepeatMutation { .. } => "Nothing was sent. Confirm only if you mean to do it again (for createDataSubject: a second event on the record).",
            AppError::CannotOpen { .. } => "No file manager or browser is set up to open it. Copy the path and open it yourself.",
        }
    }
}

/// What to do when no keychain can be used, in `os`'s words.
pub fn keychain_unavailable_hint(os: Os) -> &'static str {
    match os {
        Os::Linux => "No usable keychain (Secret Service not running, or the keyring is locked). Unlock it and retry, or keep the PAT for this session only: it stays in memory and is never written anywhere.",
        Os::MacOs => "The macOS Keychain could not be used (locked, or access was denied). Unlock it and choose Always Allow when macOS asks; an unsigned build asks again after every update, a signed one remembers. Or keep the PAT for this session only: it stays in memory and is never written anywhere.",
        Os::Windows => "Windows Credential Manager could not be used. Sign in to Windows with your own account (not a temporary profile) and retry, or keep the PAT for this session only: it stays in memory and is never written anywhere.",
    }
}

/// What to do when the keychain refused one operation, in `os`'s words.
pub fn keychain_refused_hint(os: Os) -> &'static str {
    match os {
        Os::Linux => "Unlock the keychain and try again.",
        Os::MacOs => "Choose Allow or Always Allow when macOS asks for the Keychain, then try again. An unsigned build is asked again after every update; a signed build keeps Always Allow.",
        Os::Windows => "Windows Credential Manager refused it; try again, and check in Credential Manager (Windows Credentials) that the entry can be changed.",
    }
}

impl serde::Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let detail = match self {
            AppError::Api(error) => error.detail(),
            // The corrected URL, beside the probe's words (which name it too), for the page's fix.
            AppError::AuthElsewhere { corrected, .. } => {
                use serde::ser::SerializeStruct;
                let mut state = serializer.serialize_struct("Error", 4)?;
                state.serialize_field("kind", self.kind())?;
                state.serialize_field("message", &self.to_string())?;
                state.serialize_field("hint", self.hint())?;
                state.serialize_field("detail", corrected)?;
                return state.end();
            }
            _ => None,
        };
        dxtra_api::serialize_error(serializer, self.kind(), &self.to_string(), self.hint(), detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keychain_hints_speak_of_each_platforms_keychain() {
        assert!(keychain_unavailable_hint(Os::Linux).contains("Secret Service"));
        for hint in [keychain_unavailable_hint(Os::MacOs), keychain_refused_hint(Os::MacOs)] {
            assert!(hint.contains("Always Allow") && hint.contains("unsigned"), "{hint}");
        }
        assert!(keychain_unavailable_hint(Os::Windows).contains("Credential Manager"));
        assert!(keychain_refused_hint(Os::Windows).contains("Credential Manager"));
        for os in [Os::Linux, Os::MacOs, Os::Windows] {
            assert!(keychain_unavailable_hint(os).contains("session only"), "{os:?}");
        }
    }
}

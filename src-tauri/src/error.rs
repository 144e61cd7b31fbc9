//! The app layer's error: API errors pass through; keychain and settings failures are named
//! here. Serialized to the webview as `{kind, message, hint}`.

use dxtra_api::ApiError;

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
    #[error("{field}: {problem}")]
    InvalidInput { field: &'static str, problem: String },
}

impl AppError {
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Api(error) => error.kind(),
            AppError::KeychainUnavailable { .. } => "keychain-unavailable",
            AppError::Keychain { .. } => "keychain",
            AppError::Settings { .. } => "settings",
            AppError::Sandbox { .. } => "sandbox",
            AppError::InvalidInput { .. } => "invalid-input",
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            AppError::Api(error) => error.hint(),
            AppError::KeychainUnavailable { .. } => "No usable keychain (Secret Service not running, or the keyring is locked). Unlock it and retry, or keep the PAT for this session only: it stays in memory and is never written anywhere.",
            AppError::Keychain { .. } => "Unlock the keychain and try again.",
            AppError::Settings { .. } => "Check that the app's data folder is writable.",
            AppError::Sandbox { .. } => "Another program may be using loopback ports; restart the app.",
            AppError::InvalidInput { .. } => "Correct the field and try again.",
        }
    }
}

impl serde::Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        dxtra_api::serialize_error(serializer, self.kind(), &self.to_string(), self.hint())
    }
}

//! Where the PAT lives: the OS keychain through the `keyring` crate (Secret Service on Linux,
//! Keychain on macOS, Credential Manager on Windows), one entry per environment; or, when no
//! keychain is usable and the user agrees, memory for this session only. Never a file.
//!
//! Per platform: Windows Credential Manager takes a user name of at most 513 bytes, so a long
//! Custom environment's entry gets a bounded name (its start, then a SHA-256 of the whole key:
//! distinct keys never share one). Its entries are kept with the persistence the `keyring` crate
//! gives them, `CRED_PERSIST_ENTERPRISE`: for the user on this computer and, when the user has a
//! roaming domain profile, on the domain's other computers as Windows' own saved sign-ins are.
//! On macOS an unsigned build is a new program to the Keychain after every update, so the
//! Keychain asks again; a signed build keeps "Always Allow" (the error's hints say so, error.rs).

use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

use crate::error::AppError;
use crate::os::Os;

/// The keychain service name under which entries are kept.
pub const SERVICE: &str = "ai.dxtra.first-integration";

/// A place to keep one secret per environment.
pub trait SecretStore: Send + Sync {
    /// What to tell the user holds the secret, in their words (e.g. "macOS Keychain").
    fn name(&self) -> &'static str;
    fn get(&self, environment: &str) -> Result<Option<SecretString>, AppError>;
    fn set(&self, environment: &str, secret: &SecretString) -> Result<(), AppError>;
    fn delete(&self, environment: &str) -> Result<(), AppError>;
}

/// The OS keychain.
#[derive(Debug, Default)]
pub struct Keychain;

/// The longest entry name kept as it is on Windows: under Credential Manager's 513-byte user
/// name, with room for the service name Windows' target name adds.
const WINDOWS_NAME_LIMIT: usize = 256;

/// A PAT's entry is `pat:<environment key>`; the network's secrets keep their own `network:`
/// names. On Windows a name over [`WINDOWS_NAME_LIMIT`] keeps its start (what Credential Manager
/// shows) and ends in the SHA-256 of the whole name. Elsewhere names stay whole, so entries saved
/// by earlier versions are found.
fn account(os: Os, environment: &str) -> String {
    let name = if environment.starts_with("network:") {
        environment.to_owned()
    } else {
        format!("pat:{environment}")
    };
    if os != Os::Windows || name.len() <= WINDOWS_NAME_LIMIT {
        return name;
    }
    use sha2::Digest;
    let suffix = format!("…sha256:{}", hex::encode(sha2::Sha256::digest(name.as_bytes())));
    let mut cut = WINDOWS_NAME_LIMIT - suffix.len();
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{suffix}", &name[..cut])
}

fn entry(environment: &str) -> Result<keyring::Entry, AppError> {
    keyring::Entry::new(SERVICE, &account(Os::CURRENT, environment)).map_err(keyring_error)
}

fn keyring_error(error: keyring::Error) -> AppError {
    match error {
        keyring::Error::NoStorageAccess(inner) => AppError::KeychainUnavailable { detail: inner.to_string() },
        keyring::Error::PlatformFailure(inner) => AppError::KeychainUnavailable { detail: inner.to_string() },
        other => AppError::Keychain { detail: other.to_string() },
    }
}

impl SecretStore for Keychain {
    fn name(&self) -> &'static str {
        match Os::CURRENT {
            Os::MacOs => "macOS Keychain",
            Os::Windows => "Windows Credential Manager",
            Os::Linux => "your desktop's keyring",
        }
    }

    fn get(&self, environment: &str) -> Result<Option<SecretString>, AppError> {
        match entry(environment)?.get_password() {
            Ok(secret) => Ok(Some(SecretString::from(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    fn set(&self, environment: &str, secret: &SecretString) -> Result<(), AppError> {
        entry(environment)?.set_password(secret.expose_secret()).map_err(keyring_error)
    }

    fn delete(&self, environment: &str) -> Result<(), AppError> {
        match entry(environment)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keyring_error(error)),
        }
    }
}

/// Memory only: for this session when no keychain is usable, and for unit tests.
#[derive(Default)]
pub struct SessionMemory {
    secrets: Mutex<HashMap<String, SecretString>>,
}

impl SecretStore for SessionMemory {
    fn name(&self) -> &'static str {
        "this session only (memory, never written)"
    }
    fn get(&self, environment: &str) -> Result<Option<SecretString>, AppError> {
        Ok(self.secrets.lock().unwrap_or_else(|p| p.into_inner()).get(environment).cloned())
    }
    fn set(&self, environment: &str, secret: &SecretString) -> Result<(), AppError> {
        self.secrets.lock().unwrap_or_else(|p| p.into_inner()).insert(environment.to_owned(), secret.clone());
        Ok(())
    }
    fn delete(&self, environment: &str) -> Result<(), AppError> {
        self.secrets.lock().unwrap_or_else(|p| p.into_inner()).remove(environment);
        Ok(())
    }
}

/// A form of the PAT safe to show: its first and last four characters when it is long (a UUID
/// PAT shows 8 of 36), only its last two when shorter (never a large share of it), nothing under 16.
pub fn mask(secret: &SecretString) -> String {
    let text = secret.expose_secret().trim();
    let chars: Vec<char> = text.chars().collect();
    match chars.len() {
        0..=15 => "•".repeat(8),
        16..=31 => format!("••••••••{}", chars[chars.len() - 2..].iter().collect::<String>()),
        n => format!(
            "{}••••••••{}",
            chars[..4].iter().collect::<String>(),
            chars[n - 4..].iter().collect::<String>()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_show_only_a_small_share_of_the_ends() {
        for (pat, masked) in [
            ("5a1db0c5-0000-4000-8000-d7a5a2db0c51", "5a1d••••••••0c51"),
            ("dxtra_pat_0123456789abcdef0123", "••••••••23"),
            ("0123456789abcdef", "••••••••ef"),
            ("short", "••••••••"),
            ("", "••••••••"),
        ] {
            let shown = mask(&SecretString::from(pat.to_owned()));
            assert_eq!(shown, masked, "{pat}");
            let visible = shown.chars().filter(|c| *c != '•').count();
            assert!(visible * 4 <= pat.len(), "{pat}: {visible} of {} characters shown", pat.len());
        }
    }

    #[test]
    fn entry_names_fit_each_keychain_and_never_collide() {
        let long_a = format!("custom:https://{}.example https://api.example", "a".repeat(300));
        let long_b = format!("custom:https://{}.example https://api.example", "a".repeat(301));
        let wide = format!("custom:https://{}.example https://api.example", "é".repeat(200));
        for os in [Os::Linux, Os::MacOs, Os::Windows] {
            assert_eq!(account(os, "sandbox"), "pat:sandbox");
            assert_eq!(account(os, "network:proxy-password"), "network:proxy-password");
            let short = "custom:https://auth.one.example https://api.one.example:8443";
            assert_eq!(account(os, short), format!("pat:{short}"));
        }
        // Elsewhere a long name stays whole: an entry saved by an earlier version is found.
        assert_eq!(account(Os::Linux, &long_a), format!("pat:{long_a}"));
        assert_eq!(account(Os::MacOs, &long_a), format!("pat:{long_a}"));
        let (a, b, w) =
            (account(Os::Windows, &long_a), account(Os::Windows, &long_b), account(Os::Windows, &wide));
        for name in [&a, &b, &w] {
            // Credential Manager's user name is at most 513 bytes; the target adds ".<service>".
            assert!(name.len() <= WINDOWS_NAME_LIMIT, "{} bytes", name.len());
            assert!(format!("{name}.{SERVICE}").len() <= 513);
            assert!(name.starts_with("pat:custom:https://"), "{name}");
        }
        assert_ne!(a, b, "two long origins that differ only after the cut share an entry");
        assert_eq!(a, account(Os::Windows, &long_a), "the name is not stable");
    }

    #[test]
    fn session_memory_keeps_one_secret_per_environment() {
        let store = SessionMemory::default();
        store.set("sandbox", &SecretString::from("a".to_owned())).unwrap();
        store.set("production", &SecretString::from("b".to_owned())).unwrap();
        assert_eq!(store.get("sandbox").unwrap().unwrap().expose_secret(), "a");
        store.delete("sandbox").unwrap();
        assert!(store.get("sandbox").unwrap().is_none());
        assert_eq!(store.get("production").unwrap().unwrap().expose_secret(), "b");
    }
}

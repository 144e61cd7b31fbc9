//! What the sandbox remembers: PATs, refresh tokens, issued JWTs, the demo user, the data
//! (controllers, subjects, processing activities) and the counters tests read.
//! Data can be saved to a JSON file (`persist`); credentials and tokens never are.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::config::{ExpiredJwtStatus, SandboxConfig};
use crate::counters::Counters;
use crate::faults::Faults;
use crate::jwt::Keys;
use crate::persist::StateFile;
use crate::traffic::Traffic;

/// The demo user's id: fixed, so a saved state file still belongs to it after a restart.
pub(crate) const DEMO_USER_ID: &str = "d3e0a1b2-5a4d-4b0c-8d1e-0000000000d7";

/// A mutex whose poisoning (a panicked holder) is ignored: sandbox state stays usable.
#[derive(Debug, Default)]
pub(crate) struct Guarded<T>(Mutex<T>);

impl<T> Guarded<T> {
    pub(crate) fn new(value: T) -> Self {
        Guarded(Mutex::new(value))
    }
    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Everything the handlers share.
pub(crate) struct Shared {
    pub(crate) auth: Guarded<AuthState>,
    pub(crate) data: Guarded<Data>,
    pub(crate) faults: Faults,
    pub(crate) stats: Counters,
    /// Every request answered, secrets described (the Inspector's record).
    pub(crate) traffic: Traffic,
    pub(crate) state_file: StateFile<Data>,
    /// Why the saved data could not be used, if it could not.
    pub(crate) notice: Option<String>,
}

impl Shared {
    pub(crate) fn new(config: &SandboxConfig) -> Self {
        let user_id = Uuid::parse_str(DEMO_USER_ID).expect("valid demo user id");
        let state_file = StateFile::new(config.state_file.clone());
        let loaded = state_file.load();
        Shared {
            auth: Guarded::new(AuthState::new(config, user_id)),
            data: Guarded::new(
                loaded.data.map_or_else(|| Data::seeded(config.controller_id, user_id), Data::trimmed),
            ),
            faults: Faults::new(config.latency, &config.faults),
            stats: Counters::default(),
            traffic: Traffic::default(),
            state_file,
            notice: loaded.notice,
        }
    }
}

/// The one sandbox user.
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub(crate) id: Uuid,
    pub(crate) display_name: String,
    pub(crate) email: String,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) disabled: bool,
    pub(crate) roles: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct RefreshEntry {
    pub(crate) refresh_token_id: Uuid,
    pub(crate) expires_at: DateTime<Utc>,
}

/// Credentials, tokens and the auth settings that can change while running.
pub(crate) struct AuthState {
    pub(crate) token_lifetime: u64,
    pub(crate) refresh_lifetime: u64,
    pub(crate) expired_jwt_status: ExpiredJwtStatus,
    pub(crate) conceal_errors: bool,
    pub(crate) user: User,
    pub(crate) keys: Keys,
    /// SHA-256 (hex) of each valid PAT: hasura-auth looks PATs up by hash.
    pat_hashes: HashSet<String>,
    /// Live refresh tokens, keyed by the token itself.
    refresh_tokens: HashMap<String, RefreshEntry>,
    /// Access tokens issued and not force-expired, with their `exp`.
    issued: HashMap<String, i64>,
    /// Access tokens force-expired by a test, with their `exp`.
    expired: HashMap<String, i64>,
    /// The latest access and refresh tokens issued (at most [`RECENT_SECRETS`]), for tests that
    /// look for leaks.
    pub(crate) all_issued: VecDeque<String>,
}

/// How many issued secrets are kept for leak tests: enough for any one test, bounded for a
/// sandbox that runs for days.
const RECENT_SECRETS: usize = 2048;

/// Live refresh tokens (and access tokens) kept at most: a sign-in flood cannot grow memory.
const MAX_REFRESH_TOKENS: usize = 1000;

pub(crate) fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

impl AuthState {
    fn new(config: &SandboxConfig, user_id: Uuid) -> Self {
        AuthState {
            token_lifetime: config.token_lifetime,
            refresh_lifetime: config.refresh_lifetime,
            expired_jwt_status: config.expired_jwt_status,
            conceal_errors: config.conceal_errors,
            user: User {
                id: user_id,
                display_name: "Sandbox Developer".to_owned(),
                email: "developer@sandbox.dxtra.test".to_owned(),
                created_at: DateTime::parse_from_rfc3339("2026-01-05T09:30:00Z")
                    .expect("valid date")
                    .with_timezone(&Utc),
                disabled: false,
                roles: vec!["user".to_owned(), "me".to_owned()],
            },
            keys: Keys::random(),
            pat_hashes: HashSet::from([sha256_hex(&config.pat)]),
            refresh_tokens: HashMap::new(),
            issued: HashMap::new(),
            expired: HashMap::new(),
            all_issued: VecDeque::new(),
        }
    }

    pub(crate) fn pat_is_valid(&self, pat: &str) -> bool {
        self.pat_hashes.contains(&sha256_hex(pat))
    }

    pub(crate) fn restore_pat(&mut self, pat: &str) {
        self.pat_hashes.insert(sha256_hex(pat));
    }

    pub(crate) fn revoke_pat(&mut self, pat: &str) {
        self.pat_hashes.remove(&sha256_hex(pat));
    }

    /// `Some(true)` for a live refresh token, `Some(false)` for one this sandbox issued that was
    /// used (or expired), `None` for anything else.
    pub(crate) fn refresh_token_state(&self, token: &str) -> Option<bool> {
        if self.refresh_tokens.contains_key(token) {
            return Some(true);
        }
        self.all_issued.iter().any(|t| t == token).then_some(false)
    }

    /// Takes a refresh token out of the table: each one works once.
    pub(crate) fn take_refresh_token(&mut self, token: &str) -> Option<RefreshEntry> {
        let entry = self.refresh_tokens.remove(token)?;
        (entry.expires_at > Utc::now()).then_some(entry)
    }

    /// A new session: a fresh JWT and a new refresh token (keeping `refresh_token_id` on refresh).
    pub(crate) fn issue_session(&mut self, refresh_token_id: Option<Uuid>) -> serde_json::Value {
        let now = Utc::now();
        self.purge(now);
        let access_token =
            self.keys.issue(self.user.id, &self.user.roles, now.timestamp(), self.token_lifetime);
        let exp = now.timestamp().saturating_add(i64::try_from(self.token_lifetime).unwrap_or(i64::MAX));
        // Identical claims in the same second give an identical token; issuing it again revives it.
        self.expired.remove(&access_token);
        self.issued.insert(access_token.clone(), exp);
        let refresh_token = Uuid::new_v4().to_string();
        self.all_issued.push_back(access_token.clone());
        self.all_issued.push_back(refresh_token.clone());
        while self.all_issued.len() > RECENT_SECRETS {
            self.all_issued.pop_front();
        }
        let refresh_token_id = refresh_token_id.unwrap_or_else(Uuid::new_v4);
        self.refresh_tokens.insert(
            refresh_token.clone(),
            RefreshEntry {
                refresh_token_id,
                expires_at: now + chrono::Duration::seconds(self.refresh_lifetime as i64),
            },
        );
        let user = &self.user;
        serde_json::json!({
            "accessToken": access_token,
            "accessTokenExpiresIn": self.token_lifetime,
            "refreshToken": refresh_token,
            "refreshTokenId": refresh_token_id,
            "user": {
                "id": user.id,
                "displayName": user.display_name,
                "email": user.email,
                "emailVerified": true,
                "defaultRole": user.roles.first().cloned().unwrap_or_default(),
                "roles": user.roles,
                "isAnonymous": false,
                "locale": "en",
                "avatarUrl": "",
                "metadata": {},
                "createdAt": user.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "activeMfaType": null
            }
        })
    }

    /// Forgets tokens past their expiry: memory stays bounded however many sign-ins come.
    fn purge(&mut self, now: DateTime<Utc>) {
        let now_secs = now.timestamp();
        self.refresh_tokens.retain(|_, entry| entry.expires_at > now);
        self.issued.retain(|_, exp| *exp > now_secs);
        self.expired.retain(|_, exp| *exp > now_secs);
        // Refresh tokens live 12 hours: past a cap, the oldest sessions end first.
        while self.refresh_tokens.len() >= MAX_REFRESH_TOKENS {
            let oldest = self.refresh_tokens.iter().min_by_key(|(_, e)| e.expires_at).map(|(t, _)| t.clone());
            match oldest {
                Some(token) => self.refresh_tokens.remove(&token),
                None => break,
            };
        }
        while self.issued.len() >= MAX_REFRESH_TOKENS {
            let oldest = self.issued.iter().min_by_key(|(_, exp)| **exp).map(|(t, _)| t.clone());
            match oldest {
                Some(token) => self.issued.remove(&token),
                None => break,
            };
        }
    }

    /// How many tokens are remembered (access tokens live and force-expired, refresh tokens).
    pub(crate) fn remembered(&self) -> usize {
        self.issued.len() + self.expired.len() + self.refresh_tokens.len()
    }

    pub(crate) fn revoke_refresh_tokens(&mut self) {
        self.refresh_tokens.clear();
    }

    pub(crate) fn expire_issued_tokens(&mut self) {
        let issued: Vec<(String, i64)> = self.issued.drain().collect();
        self.expired.extend(issued);
    }

    pub(crate) fn is_force_expired(&self, token: &str) -> bool {
        self.expired.contains_key(token)
    }
}

/// A data controller, as `dataControllers` lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Controller {
    pub(crate) id: Uuid,
    pub(crate) owner_id: Uuid,
    pub(crate) title: String,
    pub(crate) did: String,
    pub(crate) created_at: DateTime<Utc>,
}

/// A data subject: only hashes of what was sent are kept, as Dxtra does.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Subject {
    pub(crate) id: Uuid,
    pub(crate) controller_id: Uuid,
    pub(crate) did: String,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) updated_at: DateTime<Utc>,
}

/// One processing-activity record: one per accepted event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Activity {
    pub(crate) id: Uuid,
    pub(crate) data_subject_id: Uuid,
    pub(crate) data_controller_id: Uuid,
    pub(crate) event: String,
    pub(crate) created_at: DateTime<Utc>,
}

/// The data the GraphQL side serves; saved to the state file when there is one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Data {
    pub(crate) controllers: Vec<Controller>,
    pub(crate) subjects: Vec<Subject>,
    pub(crate) activities: Vec<Activity>,
}

/// Records kept at most of each kind (subjects, activities): a Sandbox that practises for months
/// keeps a bounded file and answers as fast; the oldest are forgotten first.
pub(crate) const MAX_RECORDS: usize = 10_000;

impl Data {
    /// Drops the oldest subjects and activities beyond [`MAX_RECORDS`].
    pub(crate) fn trim(&mut self) {
        self.subjects.drain(..self.subjects.len().saturating_sub(MAX_RECORDS));
        self.activities.drain(..self.activities.len().saturating_sub(MAX_RECORDS));
    }

    pub(crate) fn trimmed(mut self) -> Self {
        self.trim();
        self
    }

    fn seeded(controller_id: Uuid, owner_id: Uuid) -> Self {
        Data {
            controllers: vec![Controller {
                id: controller_id,
                owner_id,
                title: "Sandbox Demo Company".to_owned(),
                did: format!("did:dep:{}", sha256_hex(&controller_id.to_string())),
                created_at: DateTime::parse_from_rfc3339("2026-01-05T09:31:12.345Z")
                    .expect("valid date")
                    .with_timezone(&Utc),
            }],
            subjects: Vec::new(),
            activities: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_keeps_the_newest_records_only() {
        let controller = Uuid::new_v4();
        let mut data = Data::seeded(controller, Uuid::new_v4());
        let now = Utc::now();
        let ids: Vec<Uuid> = (0..MAX_RECORDS + 3).map(|_| Uuid::new_v4()).collect();
        for id in &ids {
            let did = String::new();
            data.subjects.push(Subject {
                id: *id,
                controller_id: controller,
                did,
                created_at: now,
                updated_at: now,
            });
        }
        data.trim();
        assert_eq!(data.subjects.len(), MAX_RECORDS);
        assert_eq!(data.subjects[0].id, ids[3], "the three oldest are gone");
        assert_eq!(data.subjects.last().unwrap().id, *ids.last().unwrap());
        assert_eq!(data.controllers.len(), 1, "controllers are never trimmed");
    }
}

//! Start-up settings of the sandbox, and the seeded demo credentials.

use std::path::PathBuf;
use std::time::Duration;

use uuid::Uuid;

use crate::faults::{Fault, Route};

/// The demo Personal Access Token every sandbox accepts: a practice credential printed at start
/// and offered by the app, in hasura-auth's form (a lowercase UUID).
pub const DEMO_PAT: &str = "5a1db0c5-0000-4000-8000-d7a5a2db0c51";

/// The seeded demo data controller.
pub const DEMO_CONTROLLER_ID: &str = "0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db";

/// How the GraphQL endpoint answers an invalid or expired JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExpiredJwtStatus {
    /// Hasura itself: HTTP 200 with an `invalid-jwt` error.
    #[default]
    Ok200,
    /// A proxy in front of Hasura: HTTP 401.
    Unauthorized401,
}

/// Settings at start. `Default` is what the binary uses without flags (with free ports).
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Port of the auth service on 127.0.0.1; 0 picks a free one.
    pub auth_port: u16,
    /// Port of the GraphQL service on 127.0.0.1; 0 picks a free one.
    pub graphql_port: u16,
    /// Access-token lifetime in seconds (`accessTokenExpiresIn`); the guide shows 3600.
    pub token_lifetime: u64,
    /// Refresh-token lifetime in seconds (Dxtra says 12 hours).
    pub refresh_lifetime: u64,
    pub expired_jwt_status: ExpiredJwtStatus,
    /// hasura-auth's `AUTH_CONCEAL_ERRORS`: credential errors become `400 invalid-request`.
    pub conceal_errors: bool,
    /// Delay before every answer.
    pub latency: Duration,
    /// Where to load and save controllers, subjects and activity records.
    pub state_file: Option<PathBuf>,
    /// The PAT accepted at sign-in.
    pub pat: String,
    /// The demo controller's id.
    pub controller_id: Uuid,
    /// Faults in force from the start (tests can change them later through [`crate::Sandbox`]).
    pub faults: Vec<(Route, Fault)>,
    /// Whether the auth routes sit under `/v1` (Dxtra, the guide) or at the root (hasura-auth
    /// run with its default settings: `/signin/pat`, `/token`, `/healthz`).
    pub auth_v1: bool,
    /// Time allowed for a request's headers (and an idle connection's next request): a client
    /// that never finishes its request is disconnected.
    pub header_timeout: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            auth_port: 0,
            graphql_port: 0,
            token_lifetime: 3600,
            refresh_lifetime: 12 * 3600,
            expired_jwt_status: ExpiredJwtStatus::Ok200,
            conceal_errors: false,
            latency: Duration::ZERO,
            state_file: None,
            pat: DEMO_PAT.to_owned(),
            controller_id: Uuid::parse_str(DEMO_CONTROLLER_ID).expect("valid demo controller id"),
            faults: Vec::new(),
            auth_v1: true,
            header_timeout: Duration::from_secs(10),
        }
    }
}

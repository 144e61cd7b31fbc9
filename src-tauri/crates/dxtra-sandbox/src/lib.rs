//! A local stand-in for Dxtra's two services: the Nhost-style auth service and the Hasura
//! GraphQL endpoint, each on its own loopback port, answering with the paths, bodies, status
//! codes and error codes of `shared/dxtra-api-contract.md`.
//!
//! Every test of the client talks to it over real HTTP, and the desktop app offers it as the
//! offline "Sandbox" environment. Tests steer it while it runs through [`Sandbox`]: faults per
//! route, latency, token lifetime, expiring tokens, revoking the PAT, and counters of what it saw.

mod auth;
mod config;
mod counters;
mod explain;
mod faults;
mod graphql;
mod hasura;
mod inject;
mod jwt;
mod persist;
mod recorder;
mod redact;
mod schema;
mod secrets;
mod server;
mod state;
mod traffic;
mod types;
mod words;

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use config::{ExpiredJwtStatus, SandboxConfig, DEMO_CONTROLLER_ID, DEMO_PAT};
pub use counters::Stats;
pub use explain::Explanation;
pub use faults::{ActionFault, Fault, Route};
pub use traffic::{Exchange, MAX_BODY_SHOWN, MAX_EXCHANGES};

/// The Inspector's recording, for a server other than the sandbox (the app's forwarder): the
/// middleware, what it asks of its [`inspect::Witness`], the record, and the secrets' words.
pub mod inspect {
    pub use crate::explain::TokenSeen;
    pub use crate::recorder::{record, token_unverified, Witness};
    pub use crate::secrets::{describe_unverified_jwt, replace_tokens};
    pub use crate::traffic::Traffic;
}

use state::Shared;

/// What a running sandbox hands to its users: the line the binary prints at start.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SandboxInfo {
    /// Base URL of the auth service, e.g. `http://127.0.0.1:4000` (paths `/v1/...` follow it).
    pub auth_url: String,
    /// Full GraphQL endpoint, e.g. `http://127.0.0.1:4001/v1/graphql`.
    pub graphql_url: String,
    /// The seeded demo Personal Access Token (a practice credential, not a secret of anyone's).
    pub personal_access_token: String,
    /// The seeded demo data controller's id.
    pub data_controller_id: String,
    /// Both services also answer on `[::1]` at the same ports (where IPv6 loopback exists), so
    /// `localhost` works for clients that try `::1` first and do not fall back.
    #[serde(default)]
    pub ipv6: bool,
}

/// A running sandbox. Dropping it stops both servers.
pub struct Sandbox {
    info: SandboxInfo,
    shared: Arc<Shared>,
    shutdown: CancellationToken,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("auth_url", &self.info.auth_url)
            .field("graphql_url", &self.info.graphql_url)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Binds both ports on 127.0.0.1 and, where IPv6 loopback exists, on `[::1]` at the same
    /// ports (port 0 picks a port free on both), and starts serving.
    pub async fn start(config: SandboxConfig) -> std::io::Result<Sandbox> {
        let auth = bind_loopback(config.auth_port).await?;
        let graphql = bind_loopback(config.graphql_port).await?;
        let auth_addr = auth.0.local_addr()?;
        let graphql_addr = graphql.0.local_addr()?;
        let ipv6 = auth.1.is_some() && graphql.1.is_some();

        let shared = Arc::new(Shared::new(&config));
        let shutdown = CancellationToken::new();
        let routers = [
            (auth, auth::router(shared.clone(), config.auth_v1)),
            (graphql, graphql::router(shared.clone())),
        ];
        for ((v4, v6), router) in routers {
            for listener in std::iter::once(v4).chain(v6) {
                tokio::spawn(server::serve(
                    listener,
                    router.clone(),
                    shutdown.clone(),
                    config.header_timeout,
                ));
            }
        }
        tracing::info!(%auth_addr, %graphql_addr, ipv6, "sandbox listening");

        Ok(Sandbox {
            info: SandboxInfo {
                auth_url: format!("http://{auth_addr}"),
                graphql_url: format!("http://{graphql_addr}/v1/graphql"),
                personal_access_token: config.pat.clone(),
                data_controller_id: config.controller_id.to_string(),
                ipv6,
            },
            shared,
            shutdown,
        })
    }

    /// The URLs and demo credentials of this sandbox.
    pub fn info(&self) -> &SandboxInfo {
        &self.info
    }

    /// The Inspector's record: the last [`MAX_EXCHANGES`] requests answered, oldest first, each
    /// with its secrets described and what was wrong explained.
    pub fn traffic(&self) -> Vec<Exchange> {
        self.shared.traffic.all()
    }

    /// Every request answered from now on, as it is recorded.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Exchange> {
        self.shared.traffic.subscribe()
    }

    /// Why the saved data could not be used (the file was moved aside), if it could not.
    pub fn state_notice(&self) -> Option<&str> {
        self.shared.notice.as_deref()
    }

    /// Injects `fault` on every request to `route` until cleared.
    pub fn set_fault(&self, route: Route, fault: Fault) {
        self.shared.faults.set(route, fault, None);
    }

    /// Injects `fault` on the next `times` requests to `route`, then clears it by itself.
    pub fn set_fault_times(&self, route: Route, fault: Fault, times: u32) {
        self.shared.faults.set(route, fault, Some(times));
    }

    /// Injects `fault` on the `nth` next request to `route` only (1 is the next one): to fail one
    /// step of a sequence, such as the third read of a verification.
    pub fn set_fault_on_nth(&self, route: Route, fault: Fault, nth: u32) {
        self.shared.faults.set_nth(route, fault, nth);
    }

    /// Removes the fault on `route`.
    pub fn clear_fault(&self, route: Route) {
        self.shared.faults.clear(route);
    }

    /// Removes every fault, the action fault included.
    pub fn clear_faults(&self) {
        self.shared.faults.clear_all();
    }

    /// Makes the `createDataSubject` action fail the way Hasura reports a failing handler.
    pub fn set_action_fault(&self, fault: Option<ActionFault>) {
        self.shared.faults.set_action(fault);
    }

    /// Delay added before answering any request, on both ports.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.faults.set_latency(latency);
    }

    /// Lifetime of access tokens issued from now on.
    pub fn set_token_lifetime(&self, secs: u64) {
        self.shared.auth.lock().token_lifetime = secs;
    }

    /// How an expired or invalid JWT is answered from now on.
    pub fn set_expired_jwt_status(&self, status: ExpiredJwtStatus) {
        self.shared.auth.lock().expired_jwt_status = status;
    }

    /// Turns hasura-auth's error concealment on or off.
    pub fn set_conceal_errors(&self, on: bool) {
        self.shared.auth.lock().conceal_errors = on;
    }

    /// Every access token issued so far is answered as expired from now on.
    pub fn expire_access_tokens(&self) {
        self.shared.auth.lock().expire_issued_tokens();
    }

    /// Deletes a PAT, as signing out with it would: sign-in with it fails from now on.
    pub fn revoke_pat(&self, pat: &str) {
        self.shared.auth.lock().revoke_pat(pat);
    }

    /// Makes `pat` valid again (a new key with the same value, for tests that revoke and go on).
    pub fn restore_pat(&self, pat: &str) {
        self.shared.auth.lock().restore_pat(pat);
    }

    /// Disables or re-enables the demo user.
    pub fn set_user_disabled(&self, disabled: bool) {
        self.shared.auth.lock().user.disabled = disabled;
    }

    /// Every refresh token stops working, as if each had passed its 12 hours.
    pub fn revoke_refresh_tokens(&self) {
        self.shared.auth.lock().revoke_refresh_tokens();
    }

    /// The demo user's roles in tokens issued from now on (the first is the default role).
    pub fn set_user_roles(&self, roles: &[&str]) {
        self.shared.auth.lock().user.roles = roles.iter().map(|r| (*r).to_owned()).collect();
    }

    /// Every access token and refresh token this sandbox has issued, oldest first: the secrets
    /// a leak test looks for in files and messages.
    pub fn issued_secrets(&self) -> Vec<String> {
        self.shared.auth.lock().all_issued.iter().cloned().collect()
    }

    /// How many tokens the sandbox remembers now: bounded, since expired ones are forgotten.
    pub fn remembered_tokens(&self) -> usize {
        self.shared.auth.lock().remembered()
    }

    /// Counters of what the sandbox has seen since it started.
    pub fn stats(&self) -> Stats {
        self.shared.stats.snapshot()
    }

    /// Stops both servers and waits a moment for their connections to close.
    pub async fn shutdown(self) {
        self.shutdown.cancel();
        tokio::task::yield_now().await;
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// A listener on 127.0.0.1:`port` and, where this computer has IPv6 loopback, one on `[::1]` at
/// the same port. With port 0, tries again when the port picked on IPv4 is taken on IPv6.
async fn bind_loopback(port: u16) -> std::io::Result<(TcpListener, Option<TcpListener>)> {
    for _ in 0..8 {
        let v4 = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
        let picked = v4.local_addr()?.port();
        match TcpListener::bind(SocketAddr::from((Ipv6Addr::LOCALHOST, picked))).await {
            Ok(v6) => return Ok((v4, Some(v6))),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse && port == 0 => continue,
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => return Err(error),
            // No IPv6 loopback here (disabled, or a container without it): IPv4 only.
            Err(error) => {
                tracing::debug!(%error, "no IPv6 loopback; listening on 127.0.0.1 only");
                return Ok((v4, None));
            }
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AddrInUse, "no port free on both 127.0.0.1 and [::1]"))
}

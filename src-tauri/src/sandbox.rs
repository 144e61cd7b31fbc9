//! The offline Sandbox environment: `dxtra-sandbox` run in-process on loopback, started the first
//! time it is needed, keeping its data (never credentials) in the app's data folder, and its two
//! ports beside that data, so the snippets, the summary and a terminal's `curl` still work after
//! a restart. When a saved port cannot be used (taken, forbidden), it takes free ones and says so;
//! when its saved data cannot be read, it starts afresh and says so. `DXTRA_SANDBOX_TOKEN_LIFETIME`
//! (seconds, 5 to 86400) shortens its tokens, to practise a program's renewal.

use std::path::{Path, PathBuf};

use dxtra_sandbox::{Sandbox, SandboxConfig, SandboxInfo};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The ports the sandbox listened on last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ports {
    pub auth: u16,
    pub graphql: u16,
}

/// The in-process sandbox, not started until asked for.
pub struct OfflineSandbox {
    state_file: Option<PathBuf>,
    ports_file: Option<PathBuf>,
    /// Read once at start-up (before the wizard's lock exists), then kept up to date in memory.
    preferred: Option<Ports>,
    running: Option<Sandbox>,
    notice: Option<String>,
}

impl OfflineSandbox {
    /// With a `state_file`, the ports are kept in `sandbox-ports.json` beside it.
    pub fn new(state_file: Option<PathBuf>) -> Self {
        let ports_file = state_file.as_deref().map(|f| f.with_file_name("sandbox-ports.json"));
        let preferred = ports_file.as_deref().and_then(read_ports);
        OfflineSandbox { state_file, ports_file, preferred, running: None, notice: None }
    }

    /// The running sandbox's URLs and demo credentials, starting it if needed: on the ports it had
    /// last time when they are free, else on free ones (with a notice saying so).
    pub async fn ensure(&mut self) -> Result<&SandboxInfo, AppError> {
        if self.running.is_none() {
            let mut notices = Vec::new();
            let sandbox = match self.preferred {
                Some(saved) => match self.start(saved).await {
                    Ok(sandbox) => sandbox,
                    // Any bind error (taken, forbidden, an address gone after a network change):
                    // free ports work where the saved ones do not, and the notice says why.
                    Err(error) => {
                        let sandbox =
                            self.start(Ports { auth: 0, graphql: 0 }).await.map_err(sandbox_error)?;
                        let now = ports_of(&sandbox);
                        tracing::warn!(?saved, ?now, %error, "the sandbox's saved ports could not be used");
                        notices.push(moved_notice(saved, now, &error));
                        sandbox
                    }
                },
                None => self.start(Ports { auth: 0, graphql: 0 }).await.map_err(sandbox_error)?,
            };
            notices.extend(sandbox.state_notice().map(str::to_owned));
            notices.extend(token_lifetime().err());
            if !notices.is_empty() {
                self.notice = Some(notices.join(" "));
            }
            let ports = ports_of(&sandbox);
            if self.preferred != Some(ports) {
                self.preferred = Some(ports);
                if let Some(file) = self.ports_file.clone() {
                    // Written off the async threads, without waiting (the caller holds the lock).
                    tokio::task::spawn_blocking(move || write_ports(&file, ports));
                }
            }
            self.running = Some(sandbox);
        }
        Ok(self.running.as_ref().expect("started above").info())
    }

    async fn start(&self, ports: Ports) -> std::io::Result<Sandbox> {
        let config = SandboxConfig {
            state_file: self.state_file.clone(),
            auth_port: ports.auth,
            graphql_port: ports.graphql,
            token_lifetime: token_lifetime()
                .ok()
                .flatten()
                .unwrap_or(SandboxConfig::default().token_lifetime),
            ..SandboxConfig::default()
        };
        Sandbox::start(config).await
    }

    /// The Inspector's record, if it runs: what the developer's own programs sent (the app's own
    /// requests left out; they are in the request log), newest first.
    pub fn inspected(&self) -> Vec<dxtra_sandbox::Exchange> {
        let Some(sandbox) = &self.running else { return Vec::new() };
        sandbox.traffic().into_iter().rev().filter(|e| !e.own).collect()
    }

    /// Every exchange from now on, if it runs.
    pub fn inspector_feed(&self) -> Option<tokio::sync::broadcast::Receiver<dxtra_sandbox::Exchange>> {
        self.running.as_ref().map(Sandbox::subscribe)
    }

    /// Its URLs and demo credentials, if it runs.
    pub fn info(&self) -> Option<&SandboxInfo> {
        self.running.as_ref().map(Sandbox::info)
    }

    /// Why its ports changed since the last launch, or its saved data could not be read, if so.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }
}

/// Bounds of `DXTRA_SANDBOX_TOKEN_LIFETIME`, in seconds.
const TOKEN_LIFETIME: std::ops::RangeInclusive<u64> = 5..=86_400;

/// The token lifetime `DXTRA_SANDBOX_TOKEN_LIFETIME` asks for (none when unset), or the notice
/// saying why it is not used.
fn token_lifetime() -> Result<Option<u64>, String> {
    lifetime_from(std::env::var_os("DXTRA_SANDBOX_TOKEN_LIFETIME").map(|v| v.to_string_lossy().into_owned()))
}

fn lifetime_from(text: Option<String>) -> Result<Option<u64>, String> {
    let Some(text) = text else { return Ok(None) };
    match text.trim().parse::<u64>() {
        Ok(seconds) if TOKEN_LIFETIME.contains(&seconds) => Ok(Some(seconds)),
        _ => Err(format!(
            "DXTRA_SANDBOX_TOKEN_LIFETIME={text:?} is not a number of seconds from {} to {}, so the Sandbox's tokens last as usual.",
            TOKEN_LIFETIME.start(),
            TOKEN_LIFETIME.end()
        )),
    }
}

/// Says why the saved ports were left and what the new ones are.
fn moved_notice(saved: Ports, now: Ports, error: &std::io::Error) -> String {
    let why = match error.kind() {
        std::io::ErrorKind::AddrInUse => "was taken by another program".to_owned(),
        std::io::ErrorKind::PermissionDenied => "may not be used by this account".to_owned(),
        _ => format!("could not be used ({error})"),
    };
    format!(
        "Port {} or {} {why}, so the sandbox now listens on {} (auth) and {} (GraphQL). The snippets and the summary use the new URLs; commands already typed in a terminal need them too.",
        saved.auth, saved.graphql, now.auth, now.graphql
    )
}

fn sandbox_error(error: std::io::Error) -> AppError {
    AppError::Sandbox { detail: error.to_string() }
}

fn ports_of(sandbox: &Sandbox) -> Ports {
    let port = |url: &str| url::Url::parse(url).ok().and_then(|u| u.port()).unwrap_or(0);
    Ports { auth: port(&sandbox.info().auth_url), graphql: port(&sandbox.info().graphql_url) }
}

fn read_ports(file: &Path) -> Option<Ports> {
    let text = std::fs::read_to_string(file).ok()?;
    serde_json::from_str::<Ports>(&text).ok().filter(|p| p.auth != 0 && p.graphql != 0 && p.auth != p.graphql)
}

fn write_ports(file: &Path, ports: Ports) {
    let text = serde_json::to_string(&ports).expect("two numbers serialize");
    if let Err(error) = crate::files::write_atomically(file, text.as_bytes()) {
        tracing::warn!(%error, "the sandbox's ports could not be saved");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_token_lifetime_from_outside_is_a_bounded_number_of_seconds() {
        use super::lifetime_from;
        type Row = (Option<&'static str>, Result<Option<u64>, ()>);
        let table: [Row; 7] = [
            (None, Ok(None)),
            (Some("30"), Ok(Some(30))),
            (Some(" 5 "), Ok(Some(5))),
            (Some("86400"), Ok(Some(86_400))),
            (Some("4"), Err(())),
            (Some("86401"), Err(())),
            (Some("1e3"), Err(())),
        ];
        for (text, expected) in table {
            let got = lifetime_from(text.map(str::to_owned));
            assert_eq!(got.clone().map_err(|_| ()), expected, "{text:?}");
            if let Err(notice) = got {
                assert!(notice.contains("5 to 86400") && notice.contains("last as usual"), "{notice}");
            }
        }
    }

    use super::*;

    async fn settled(file: &Path) {
        for _ in 0..200 {
            if read_ports(file).is_some() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    /// Waits until a stopped sandbox's listeners are closed (its tasks end after the drop).
    async fn released(ports: Ports) {
        for _ in 0..200 {
            let free = |port| std::net::TcpListener::bind(("127.0.0.1", port)).is_ok();
            if free(ports.auth) && free(ports.graphql) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    #[tokio::test]
    async fn the_sandbox_keeps_its_ports_across_launches_and_says_when_one_is_taken() {
        let folder = std::env::temp_dir().join(format!("dxtra-ports-{}", uuid_like()));
        std::fs::create_dir_all(&folder).unwrap();
        let state = folder.join("sandbox-state.json");
        let ports_file = folder.join("sandbox-ports.json");

        let mut first = OfflineSandbox::new(Some(state.clone()));
        let first_url = first.ensure().await.unwrap().auth_url.clone();
        settled(&ports_file).await;
        assert!(first.notice().is_none());
        drop(first);
        released(read_ports(&ports_file).unwrap()).await;

        let mut second = OfflineSandbox::new(Some(state.clone()));
        assert_eq!(second.ensure().await.unwrap().auth_url, first_url, "a restart keeps the auth URL");
        assert!(second.notice().is_none());
        let saved = read_ports(&ports_file).unwrap();
        drop(second);
        released(saved).await;

        // Another program takes the auth port: the sandbox starts elsewhere and says so.
        let squatter = std::net::TcpListener::bind(("127.0.0.1", saved.auth)).unwrap();
        let mut third = OfflineSandbox::new(Some(state));
        let third_url = third.ensure().await.unwrap().auth_url.clone();
        assert_ne!(third_url, first_url);
        let notice = third.notice().expect("a notice names the change");
        assert!(notice.contains(&saved.auth.to_string()) && notice.contains("taken"), "{notice}");
        drop(squatter);
        let _ = std::fs::remove_dir_all(&folder);
    }

    /// Saved ports this account may not bind (below `ip_unprivileged_port_start`): the sandbox
    /// starts on free ones and says why, as for taken ones. Root may bind any port, so as root the
    /// test runs itself again as `nobody` (setpriv, util-linux).
    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn saved_ports_this_account_may_not_use_are_left_for_free_ones() {
        use std::os::unix::fs::MetadataExt;
        const NAME: &str = "sandbox::tests::saved_ports_this_account_may_not_use_are_left_for_free_ones";
        let root = std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false);
        if root {
            let status = std::process::Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(std::env::current_exe().unwrap())
                .args(["--exact", NAME, "--test-threads=1", "--nocapture"])
                .status()
                .expect("setpriv (util-linux) runs");
            assert!(status.success(), "the test failed as nobody");
            return;
        }
        let start: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1024);
        assert!(start >= 3, "this machine lets every account bind every port; nothing to test");
        let forbidden = Ports { auth: start - 2, graphql: start - 1 };
        let folder = std::env::temp_dir().join(format!("dxtra-forbidden-{}", uuid_like()));
        std::fs::create_dir_all(&folder).unwrap();
        write_ports(&folder.join("sandbox-ports.json"), forbidden);
        // And the saved data was cut short: both are said.
        std::fs::write(folder.join("sandbox-state.json"), "{\"controllers\": [").unwrap();

        let mut sandbox = OfflineSandbox::new(Some(folder.join("sandbox-state.json")));
        let url = sandbox.ensure().await.expect("free ports are used instead").auth_url.clone();
        assert!(!url.ends_with(&format!(":{}", forbidden.auth)), "{url}");
        let notice = sandbox.notice().expect("a notice says why the ports changed");
        assert!(
            notice.contains(&forbidden.auth.to_string()) && notice.contains("may not be used"),
            "{notice}"
        );
        assert!(
            notice.contains("could not be read") && notice.contains("sandbox-state.json.bad"),
            "{notice}"
        );
        let _ = std::fs::remove_dir_all(&folder);
    }

    fn uuid_like() -> String {
        format!("{}-{:?}", std::process::id(), std::time::SystemTime::now())
            .replace(|c: char| !c.is_ascii_alphanumeric(), "")
    }
}

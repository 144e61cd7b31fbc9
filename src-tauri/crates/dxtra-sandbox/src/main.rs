//! `dxtra-sandbox`: runs the sandbox on loopback and prints one JSON line with its URLs and demo
//! credentials, then serves until interrupted.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use dxtra_sandbox::{ExpiredJwtStatus, Fault, Route, Sandbox, SandboxConfig};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum JwtStatus {
    #[value(name = "200")]
    Ok,
    #[value(name = "401")]
    Unauthorized,
}

/// A local stand-in for Dxtra's auth and GraphQL services, bound to loopback only: 127.0.0.1
/// and, where this computer has IPv6 loopback, [::1] at the same ports.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Port of the auth service (0 = any free port).
    #[arg(long, default_value_t = 0)]
    auth_port: u16,
    /// Port of the GraphQL service (0 = any free port).
    #[arg(long, default_value_t = 0)]
    graphql_port: u16,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
    token_lifetime: u64,
    /// How an expired JWT is answered: 200 with `invalid-jwt` (Hasura) or 401 (a proxy).
    #[arg(long, value_enum, default_value = "200")]
    expired_jwt_status: JwtStatus,
    /// Answer credential errors as hasura-auth does with AUTH_CONCEAL_ERRORS.
    #[arg(long)]
    conceal_errors: bool,
    /// Delay before every answer, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Load and save controllers, subjects and activities in this JSON file.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Serve the auth routes without the /v1 prefix (/signin/pat, /token, /healthz), as
    /// hasura-auth does with its default settings.
    #[arg(long)]
    auth_without_v1: bool,
    /// A fault from the start, as ROUTE=FAULT (repeatable). ROUTE: signin, token, graphql.
    /// FAULT: 5xx, html[:STATUS], drop, truncated, malformed-json, oversize[:BYTES], 429[:SECS],
    /// delay:MILLIS, json:STATUS:BODY.
    #[arg(long = "fault", value_name = "ROUTE=FAULT", value_parser = parse_fault)]
    faults: Vec<(Route, Fault)>,
}

fn parse_fault(text: &str) -> Result<(Route, Fault), String> {
    let (route, fault) =
        text.split_once('=').ok_or_else(|| format!("\"{text}\" is not ROUTE=FAULT, e.g. graphql=503"))?;
    Ok((route.parse()?, fault.parse()?))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let config = SandboxConfig {
        auth_port: args.auth_port,
        graphql_port: args.graphql_port,
        token_lifetime: args.token_lifetime,
        expired_jwt_status: match args.expired_jwt_status {
            JwtStatus::Ok => ExpiredJwtStatus::Ok200,
            JwtStatus::Unauthorized => ExpiredJwtStatus::Unauthorized401,
        },
        conceal_errors: args.conceal_errors,
        latency: Duration::from_millis(args.latency_ms),
        state_file: args.state,
        faults: args.faults,
        auth_v1: !args.auth_without_v1,
        ..SandboxConfig::default()
    };
    let sandbox = match Sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("dxtra-sandbox: could not start: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Some(notice) = sandbox.state_notice() {
        eprintln!("dxtra-sandbox: {notice}");
    }
    println!("{}", serde_json::to_string(sandbox.info()).expect("info serializes"));
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    std::process::ExitCode::SUCCESS
}

//! `dxtra-api`: a client for Dxtra's auth service and GraphQL API, free of Tauri.
//!
//! - [`Environment`] picks the two URLs (Production, Local Dev, Custom, Sandbox).
//! - [`DxtraClient`] signs in with a Personal Access Token, keeps the session fresh (refresh
//!   with rotation, PAT fallback, single-flight) and runs GraphQL [`Operation`]s.
//! - [`ApiError`] names every failure with a message and a fix, serialized as `{kind, message, hint}`.
//!
//! Secrets (the PAT, the JWT, the refresh token) are held as [`secrecy::SecretString`] and never
//! appear in `Debug` output, errors or logs.

mod auth;
mod check;
mod client;
mod document;
mod environment;
mod error;
#[cfg(test)]
mod fuzz;
mod graphql;
mod http;
mod loopback;
mod network;
mod ops;
mod text;
mod wire;

pub use auth::SessionInfo;
pub use check::{check_connection, probe_auth, ConnectionCheck, UrlCheck, UrlState};
pub use client::{DxtraClient, Exchange, Observer};
pub use document::{operation_from_document, MAX_DOCUMENT_BYTES};
pub use environment::{checked_url, Endpoints, Environment};
pub use error::{serialize_error, ApiError};
pub use graphql::{answer_error, interpret_answer, Operation, OperationKind};
pub use http::{forwarding_client, ClientConfig, USER_AGENT};
pub use network::{
    parse_extra_certs, CertFacts, ExtraCertError, ManualProxy, Network, ProxyMode, ProxyPlan, Route, Seen,
    TrustedBy,
};
pub use ops::*;
pub use secrecy::{ExposeSecret, SecretString};
pub use wire::{contains_ignoring_case, redact, redact_secret, scrub_text, Wire, WHOLE_LIMIT};

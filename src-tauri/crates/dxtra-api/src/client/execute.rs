//! Running GraphQL operations through a [`DxtraClient`]: the token, re-authentication once on
//! a refused token, retries with backoff for reads (never for a mutation that may have reached
//! the server), and the whole answer for the console. Sessions themselves are `mod.rs`'s.

use std::time::Instant;

use secrecy::ExposeSecret;
use serde_json::Value;

use super::DxtraClient;
use crate::error::ApiError;
use crate::graphql::{self, Operation, OperationKind};

impl DxtraClient {
    /// Runs `operation`. On a refused token it re-authenticates once and repeats it (the
    /// server refused it before running it, so this holds for mutations too). Reads are repeated
    /// with backoff on 429/502/503/504; a mutation that may have reached the server never is.
    pub async fn execute(&self, operation: &Operation) -> Result<Value, ApiError> {
        self.without_pat(self.run(operation, false).await)
    }

    /// Runs free-form `operation` like [`DxtraClient::execute`] (same headers, renewal, retries
    /// and request log) and returns the whole answer, `data` and `errors` as sent, with anything
    /// secret in it (a JWT-shaped string, the PAT) redacted: a console's view. Its request is
    /// logged redacted the same way. A mutation whose action failed after it was passed on is an
    /// error (see [`ApiError::outcome_unknown`]).
    pub async fn execute_answer(&self, operation: &Operation) -> Result<Value, ApiError> {
        self.without_pat(self.run(operation, true).await)
    }

    /// Redacts JWT-shaped strings, values under secret keys and the PAT inside `value`.
    fn redact(&self, value: &mut Value) {
        crate::wire::redact(value);
        if let Ok(pat) = self.current_pat() {
            crate::wire::redact_secret(value, pat.expose_secret());
        }
    }

    /// Runs `operation`; `whole` keeps the answer whole (a console's), redacting what is logged.
    async fn run(&self, operation: &Operation, whole: bool) -> Result<Value, ApiError> {
        let timeout = match operation.kind {
            OperationKind::Read => self.transport.config.read_timeout,
            OperationKind::Mutation => self.transport.config.mutation_timeout,
        };
        let body = operation.body();
        let mut reauthenticated = false;
        let mut retries = 0;
        loop {
            let (token, generation) = self.current_token().await?;
            let started = Instant::now();
            let response = self
                .transport
                .post_json(self.endpoints.graphql(), &body, Some(token.expose_secret()), timeout)
                .await;
            // The request log's copy (parsed again, redacted) only when someone reads it.
            let observed = self.observer.read().unwrap_or_else(|p| p.into_inner()).is_some();
            let wire = if observed { response.as_ref().ok().map(crate::wire::Wire::of) } else { None };
            let result = response.and_then(|response| match whole {
                false => graphql::classify(&response, operation.kind),
                // Redacted once here: what is returned and what is logged.
                true => graphql::classify_answer(&response, operation.kind).map(|mut answer| {
                    self.redact(&mut answer);
                    answer
                }),
            });
            if observed {
                if whole {
                    // Free-form text and answers may hold anything: logged redacted, and an answer
                    // carrying errors logged as the error it is.
                    let (mut request, mut wire) = (body.clone(), wire);
                    self.redact(&mut request);
                    wire.iter_mut().for_each(|wire| self.redact(&mut wire.body));
                    let problem =
                        result.as_ref().ok().and_then(|answer| graphql::answer_error(answer, operation.kind));
                    let outcome = match (&result, &problem) {
                        (Err(error), _) => Err(error),
                        (Ok(_), Some(problem)) => Err(problem),
                        (Ok(answer), None) => Ok(answer.clone()),
                    };
                    self.report(&operation.name, self.endpoints.graphql(), request, outcome, wire, started);
                } else {
                    self.report(
                        &operation.name,
                        self.endpoints.graphql(),
                        body.clone(),
                        result.as_ref().cloned(),
                        wire,
                        started,
                    );
                }
            }
            match result {
                Err(error) if error.is_token_refused() && !reauthenticated => {
                    tracing::info!(operation = %operation.name, "token refused; re-authenticating once");
                    reauthenticated = true;
                    self.reauthenticate(generation).await?;
                }
                Err(error) if operation.kind == OperationKind::Read => {
                    match self.retry_delay(&error, retries) {
                        Some(delay) => {
                            retries += 1;
                            tracing::info!(operation = %operation.name, kind = error.kind(), ?delay, "retrying read");
                            tokio::time::sleep(delay).await;
                        }
                        None => return Err(error),
                    }
                }
                other => return other,
            }
        }
    }
}

//! The GraphQL console as wizard actions: the schema, one run through the environment's client
//! (mutations confirmed outside the Sandbox, one at a time), and the history in the settings.
//! Parsing variables, the history's rules and its scrubbing are `crate::console`'s.

use dxtra_api::OperationKind;

use super::{Bound, Wizard};
use crate::clock::now_secs;
use crate::console::{self, ConsoleAnswer, ConsoleRequest, HistoryEntry};
use crate::error::AppError;
use crate::progress::EnvChoice;

impl Wizard {
    /// The console's schema: the current environment's introspection answer (`{"__schema": …}`).
    pub async fn graphql_schema(&self) -> Result<serde_json::Value, AppError> {
        Ok(self.client().await?.introspect().await?)
    }

    /// Runs one console operation through the environment's client and returns the whole
    /// answer. A mutation outside the Sandbox needs `confirmed`, and so does the same mutation
    /// again within a minute of being carried out; like the wizard's, it is refused while another
    /// is in flight. The run joins the history unless it mentions a secret.
    pub async fn run_graphql(&self, request: ConsoleRequest) -> Result<ConsoleAnswer, AppError> {
        let variables = console::parse_variables(&request.variables)?;
        let operation =
            dxtra_api::operation_from_document(&request.query, variables, request.operation_name.as_deref())?;
        let Bound { client, key, .. } = self.bound().await?;
        // Checked before sending: a secret pasted into a query would go to the server and the log.
        if client.mentions_secret(&request.query).await || client.mentions_secret(&request.variables).await {
            return Err(AppError::InvalidInput {
                field: "query",
                problem: console::SECRET_IN_DOCUMENT.into(),
            });
        }
        let mutation = operation.kind == OperationKind::Mutation;
        // The same mutation again right after it was carried out (a second Ctrl+Enter): asked,
        // in the Sandbox too, as `confirm-mutation`.
        let what = format!("console {}\n{}", request.query, request.variables.trim());
        if let Some(seconds_ago) = self.repeated(&key, &what).filter(|_| mutation && !request.confirmed) {
            return Err(AppError::RepeatMutation { operation: operation.name.to_string(), seconds_ago });
        }
        if mutation && key.environment() != EnvChoice::Sandbox && !request.confirmed {
            return Err(AppError::ConfirmMutation {
                operation: operation.name.to_string(),
                environment: key.label(),
            });
        }
        let _in_flight = if mutation {
            Some(self.one_mutation("a mutation from the console is being sent")?)
        } else {
            None
        };
        let started = std::time::Instant::now();
        let answer = match client.execute_answer(&operation).await {
            Ok(answer) => answer,
            Err(cause) if mutation && cause.outcome_unknown() => {
                return Err(AppError::MutationOutcomeUnknown { operation: operation.name.to_string(), cause })
            }
            Err(error) => return Err(error.into()),
        };
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        if mutation && console::answer_ok(&answer) {
            self.carried_out(&key, what);
        }
        let entry = HistoryEntry {
            query: dxtra_api::scrub_text(&request.query),
            variables: dxtra_api::scrub_text(&request.variables),
            operation_name: operation.operation_name.clone(),
            environment: key.environment().id().to_owned(),
            origin: key.graphql_origin().map(str::to_owned),
            mutation,
            at: now_secs(),
            ok: console::answer_ok(&answer),
        };
        let (history, history_note) = self.keep_in_history(entry).await;
        let problem = dxtra_api::answer_error(&answer, operation.kind);
        Ok(ConsoleAnswer {
            operation: operation.name.into_owned(),
            kind: operation.kind,
            answer,
            elapsed_ms,
            problem,
            history,
            history_note,
        })
    }

    /// Puts a run first in the history (unless it is too long to keep) and saves it: the history
    /// as it now is, and why the run is not in it, when it is not.
    async fn keep_in_history(&self, entry: HistoryEntry) -> (Vec<HistoryEntry>, Option<String>) {
        if entry.query.len() > console::MAX_KEPT_BYTES || entry.variables.len() > console::MAX_KEPT_BYTES {
            let note = format!("Not kept in the history: it is over {} KiB.", console::MAX_KEPT_BYTES / 1024);
            return (self.console_history().await, Some(note));
        }
        let (snapshot, generation) = {
            let mut current = self.current.lock().await;
            console::remember(&mut current.settings.console_history, entry);
            current.snapshot()
        };
        let history = snapshot.console_history.clone();
        let note = self
            .file
            .save(snapshot, generation)
            .await
            .err()
            .map(|e| format!("The history could not be saved: {e}."));
        (history, note)
    }

    /// The console's history, newest first.
    pub async fn console_history(&self) -> Vec<HistoryEntry> {
        self.current.lock().await.settings.console_history.clone()
    }

    /// Empties the console's history.
    pub async fn clear_console_history(&self) -> Result<Vec<HistoryEntry>, AppError> {
        let (snapshot, generation) = {
            let mut current = self.current.lock().await;
            current.settings.console_history.clear();
            current.snapshot()
        };
        self.file.save(snapshot, generation).await?;
        Ok(Vec::new())
    }
}

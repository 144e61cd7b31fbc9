//! The developer's own code: the values the code panel's snippets are filled with, and "Create
//! starter project" (the templates filled with this environment's endpoints and controller).
//! No secret ever: the snippets and starters read the PAT from the environment. Building the
//! snippets is the page's; writing the templates is `crate::starter`'s.

use dxtra_api::Endpoints;
use serde::Serialize;

use super::Wizard;
use crate::error::AppError;
use crate::progress::EnvChoice;
use crate::settings::Settings;
use crate::shell::Shell;
use crate::starter::{self, Language, Values, Written};

/// Non-secret values the code snippets are filled with.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnippetContext {
    pub environment: EnvChoice,
    pub auth_url: String,
    pub signin_url: String,
    pub token_url: String,
    pub graphql_url: String,
    pub controller_id: String,
}

/// The snippets' values from the settings and the environment's endpoints; without endpoints
/// (an environment not set up yet), Production's, as the guide shows them.
/// A controller not picked yet is the Sandbox's practice one where it is known (`practice`).
fn snippet_values(
    settings: &Settings,
    endpoints: Option<&Endpoints>,
    practice: Option<String>,
) -> SnippetContext {
    let picked = settings.progress().controller_id;
    let controller_id = if picked.is_empty() { practice.unwrap_or_default() } else { picked };
    SnippetContext {
        environment: settings.environment,
        auth_url: endpoints.map_or_else(|| "https://auth.dxtra.ai/v1".into(), |e| e.auth_root().to_owned()),
        signin_url: endpoints
            .map_or_else(|| "https://auth.dxtra.ai/v1/signin/pat".into(), Endpoints::signin_pat),
        token_url: endpoints.map_or_else(|| "https://auth.dxtra.ai/v1/token".into(), Endpoints::token),
        graphql_url: endpoints
            .map_or_else(|| "https://api.dxtra.ai/v1/graphql".into(), |e| e.graphql().to_owned()),
        controller_id: if controller_id.is_empty() { "YOUR_CONTROLLER_ID".into() } else { controller_id },
    }
}

impl Wizard {
    /// The non-secret values for the code snippets.
    pub async fn snippet_context(&self) -> Result<SnippetContext, AppError> {
        // Called on every keystroke of the step-3 form: settings and URLs only, no keychain.
        let mut current = self.current.lock().await;
        let endpoints = self.endpoints(&mut current).await.ok();
        Ok(snippet_values(&current.settings, endpoints.as_ref(), current.practice_controller()))
    }

    /// Writes a starter project for the current environment (its endpoints and controller), on a
    /// blocking thread, without holding the wizard's lock.
    pub async fn create_starter(
        &self,
        language: Language,
        folder: std::path::PathBuf,
    ) -> Result<Written, AppError> {
        // The environment's own endpoints or its error: never the Production defaults the code
        // panel falls back to, which would send this environment's PAT to another origin.
        let (context, practice_pat) = {
            let mut current = self.current.lock().await;
            let endpoints = self.endpoints(&mut current).await?;
            let practice = current.practice_controller();
            (snippet_values(&current.settings, Some(&endpoints), practice), current.practice_pat())
        };
        let values = Values {
            environment: match context.environment {
                EnvChoice::Sandbox => "the Sandbox".to_owned(),
                EnvChoice::Production => "Production".to_owned(),
                EnvChoice::LocalDev => "Local Dev".to_owned(),
                EnvChoice::Custom => "a custom deployment".to_owned(),
            },
            signin_url: context.signin_url,
            token_url: context.token_url,
            graphql_url: context.graphql_url,
            controller_id: context.controller_id,
        };
        let into = folder.clone();
        let mut written = tokio::task::spawn_blocking(move || starter::write(&into, language, &values))
            .await
            .map_err(|e| AppError::Starter { detail: e.to_string() })??;
        // In the Sandbox the test runs with one paste: its practice PAT is public.
        if let Some(pat) = practice_pat {
            written.next = starter::next_command(Shell::current(), &folder, language, Some(&pat));
        }
        Ok(written)
    }
}

//! Where this integration talks to: the environment, else the values it was created with
//! ({{ENVIRONMENT}}). The PAT only ever comes from the environment.

/// The service's endpoints, the controller, and the PAT.
#[derive(Clone)]
pub struct Config {
    pub signin_url: String,
    pub token_url: String,
    pub graphql_url: String,
    pub controller_id: String,
    pub pat: String,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str, default: &str| std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_owned());
        let pat = std::env::var("DXTRA_PAT").unwrap_or_default().trim().to_owned();
        if pat.is_empty() {
            return Err("Set DXTRA_PAT (your Personal Access Token) in the environment first.".into());
        }
        Ok(Config {
            signin_url: var("DXTRA_SIGNIN_URL", "{{SIGNIN_URL}}"),
            token_url: var("DXTRA_TOKEN_URL", "{{TOKEN_URL}}"),
            graphql_url: var("DXTRA_GRAPHQL_URL", "{{GRAPHQL_URL}}"),
            controller_id: var("DXTRA_CONTROLLER_ID", "{{CONTROLLER_ID}}"),
            pat,
        })
    }
}

impl std::fmt::Debug for Config {
    /// Never prints the PAT.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config").field("signin_url", &self.signin_url).field("graphql_url", &self.graphql_url).field("controller_id", &self.controller_id).finish_non_exhaustive()
    }
}

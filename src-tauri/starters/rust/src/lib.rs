//! A Dxtra client that handles tokens right, and the First Integration Guide's two operations.
//!
//! Tokens: the PAT is exchanged for a JWT; the JWT is renewed shortly before it expires (with the
//! refresh token, which rotates; with the PAT when that is refused); a call refused for its token
//! (`invalid-jwt` at HTTP 200, or a 401 from a proxy) signs in again once and is sent again. The
//! client never signs out: in Dxtra's auth service that would revoke the PAT itself.

mod config;

use std::time::{Duration, SystemTime};

use serde::Deserialize;
use serde_json::{json, Value};

pub use config::Config;

/// A failure, named as in the guide's Common Errors where it is one of them; the message is the
/// server's own words.
#[derive(Debug, thiserror::Error)]
pub enum DxtraError {
    #[error("the PAT was refused (HTTP {status}): {message}")]
    InvalidPat { status: u16, message: String },
    #[error("401 Unauthorized: {0}")]
    Unauthorized(String),
    #[error("403 Forbidden: {0}")]
    Forbidden(String),
    #[error("foreign key violation: {0}")]
    ForeignKeyViolation(String),
    #[error("validation failed: {0}")]
    ValidationFailed(String),
    #[error("GraphQL error ({code}): {message}")]
    Graphql { code: String, message: String },
    #[error("HTTP {status}: {message}")]
    Http { status: u16, message: String },
    #[error("no answer: {}", chain(.0))]
    Network(#[from] reqwest::Error),
}

impl DxtraError {
    /// The guide's fix, where it names one.
    pub fn solution(&self) -> Option<&'static str> {
        match self {
            DxtraError::InvalidPat { .. } => Some("Create a new API key in the dashboard and set DXTRA_PAT."),
            DxtraError::Unauthorized(_) => Some("Re-authenticate with the PAT (the JWT expired or is invalid)."),
            DxtraError::Forbidden(_) => Some("Add the X-Hasura-Role: user header."),
            DxtraError::ForeignKeyViolation(_) => Some("Verify the data controller ID from the dashboard."),
            _ => None,
        }
    }
}

/// A data controller, as `dataControllers` lists it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataController {
    pub id: String,
    pub title: Option<String>,
    pub did: Option<String>,
    pub created_at: Option<String>,
}

/// What `createDataSubject` answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSubject {
    pub data_subject_id: String,
    pub message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Session {
    access_token: String,
    /// Seconds; read loosely (a float, a string or nonsense must not fail the sign-in).
    #[serde(default)]
    access_token_expires_in: Value,
    refresh_token: Option<String>,
}

struct Held {
    access_token: String,
    refresh_token: Option<String>,
    /// Wall-clock time: it keeps counting while a laptop sleeps (`Instant` does not).
    renew_at: SystemTime,
}

pub struct DxtraClient {
    config: Config,
    http: reqwest::blocking::Client,
    session: Option<Held>,
}

impl DxtraClient {
    pub fn new(config: Config) -> Self {
        let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(60)).build().expect("a TLS backend");
        DxtraClient { config, http, session: None }
    }

    fn post(&self, url: &str, body: &Value, jwt: Option<&str>) -> Result<(u16, Value), DxtraError> {
        let mut request = self.http.post(url).json(body);
        if let Some(jwt) = jwt {
            request = request.bearer_auth(jwt).header("X-Hasura-Role", "user");
        }
        let response = request.send()?;
        let status = response.status().as_u16();
        let text = response.text()?;
        let answer = serde_json::from_str(&text).unwrap_or_else(|_| json!({ "message": text.chars().take(300).collect::<String>() }));
        Ok((status, answer))
    }

    /// Exchanges the PAT for a JWT.
    pub fn sign_in(&mut self) -> Result<(), DxtraError> {
        let (status, answer) = self.post(&self.config.signin_url, &json!({ "personalAccessToken": self.config.pat }), None)?;
        match serde_json::from_value::<Session>(answer["session"].clone()) {
            Ok(session) if status == 200 => {
                self.keep(session);
                Ok(())
            }
            _ => {
                let message = message(&answer);
                Err(if status == 400 || status == 401 { DxtraError::InvalidPat { status, message } } else { DxtraError::Http { status, message } })
            }
        }
    }

    fn keep(&mut self, session: Session) {
        let claimed = match &session.access_token_expires_in {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        let lifetime = claimed.filter(|s| s.is_finite()).map_or(900, |s| s.clamp(1.0, 86_400.0) as u64);
        // Renew a little before expiry: 10% of the lifetime, at most a minute.
        let margin = (lifetime / 10).min(60);
        let renew_at = SystemTime::now() + Duration::from_secs(lifetime - margin);
        self.session = Some(Held { access_token: session.access_token, refresh_token: session.refresh_token, renew_at });
    }

    /// A JWT that is not about to expire.
    pub fn token(&mut self) -> Result<String, DxtraError> {
        match &self.session {
            None => self.sign_in()?,
            Some(held) if SystemTime::now() >= held.renew_at => {
                let refreshed = match held.refresh_token.clone() {
                    Some(refresh) => self.post(&self.config.token_url, &json!({ "refreshToken": refresh }), None)?,
                    None => (0, Value::Null),
                };
                match serde_json::from_value::<Session>(refreshed.1) {
                    Ok(session) if refreshed.0 == 200 => self.keep(session), // the refresh token rotates
                    _ => self.sign_in()?,
                }
            }
            Some(_) => {}
        }
        Ok(self.session.as_ref().expect("signed in above").access_token.clone())
    }

    /// Forgets the JWT's expiry, as after a laptop slept past it (for tests and the curious).
    pub fn expire_token(&mut self) {
        if let Some(held) = &mut self.session {
            held.renew_at = SystemTime::now();
        }
    }

    /// Replaces the JWT with one the server refuses (for tests).
    pub fn spoil_token(&mut self) {
        if let Some(held) = &mut self.session {
            held.access_token = "not-a-jwt".into();
        }
    }

    /// Runs one GraphQL operation and returns its `data`.
    pub fn request(&mut self, query: &str, variables: Value) -> Result<Value, DxtraError> {
        let body = json!({ "query": query, "variables": variables });
        for attempt in 0..2 {
            let jwt = self.token()?;
            let (status, mut answer) = self.post(&self.config.graphql_url, &body, Some(&jwt))?;
            let code = answer["errors"][0]["extensions"]["code"].as_str().unwrap_or_default().to_owned();
            let message = message(&answer);
            if status == 401 || code == "invalid-jwt" {
                if attempt == 0 {
                    // Refused before anything ran: safe to send again, mutations too.
                    self.session = None;
                    continue;
                }
                return Err(DxtraError::Unauthorized(message));
            }
            if status == 403 || code == "access-denied" {
                return Err(DxtraError::Forbidden(message));
            }
            if answer["errors"].as_array().is_some_and(|errors| !errors.is_empty()) {
                return Err(match code.as_str() {
                    "constraint-violation" if message.to_lowercase().contains("foreign key") => DxtraError::ForeignKeyViolation(message),
                    "validation-failed" => DxtraError::ValidationFailed(message),
                    _ => DxtraError::Graphql { code, message },
                });
            }
            if status != 200 || !answer["data"].is_object() {
                return Err(DxtraError::Http { status, message });
            }
            return Ok(answer["data"].take());
        }
        unreachable!("the loop returns on its second attempt")
    }

    /// The data controllers this account may use.
    pub fn data_controllers(&mut self) -> Result<Vec<DataController>, DxtraError> {
        let data = self.request("query { dataControllers { id title did createdAt } }", json!({}))?;
        Ok(serde_json::from_value(data["dataControllers"].clone()).unwrap_or_default())
    }

    /// Records a data subject (an event about a person) for a controller.
    pub fn create_data_subject(&mut self, event: &str, data_controller_id: &str, payload: Value) -> Result<CreatedSubject, DxtraError> {
        let input = json!({ "event": event, "dataControllerId": data_controller_id, "payload": payload });
        let mut data = self.request(
            "mutation CreateDataSubject($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }",
            json!({ "input": input }),
        )?;
        serde_json::from_value(data["createDataSubject"].take()).map_err(|e| DxtraError::Graphql { code: "unexpected".into(), message: e.to_string() })
    }
}

/// An error with its causes ("error sending request: connection refused").
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

/// The server's own words in an answer.
fn message(answer: &Value) -> String {
    [&answer["errors"][0]["message"], &answer["message"], &answer["error"]]
        .into_iter()
        .find_map(Value::as_str)
        .unwrap_or("no message")
        .to_owned()
}

//! The one error type of the client: every failure the guide's Common Errors table and the API
//! contract name, each with a message for people and the fix. Serialized for front ends as
//! `{kind, message, hint}` so a UI can branch on `kind`.

use std::time::Duration;

use serde::ser::SerializeStruct;

/// Everything that can go wrong talking to Dxtra.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    // --- the environment ---
    #[error("\"{url}\" is not a usable URL: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("\"{url}\" uses plain http; only https is allowed, except on this computer (loopback)")]
    InsecureUrl { url: String },
    #[error("no Personal Access Token was given")]
    MissingPat,

    // --- sign-in and refresh (auth service) ---
    #[error("the Personal Access Token was refused: {message}")]
    InvalidPat { message: String },
    #[error("this Dxtra user is disabled: {message}")]
    DisabledUser { message: String },
    #[error("the auth service refused the sign-in ({code}): {message}")]
    AuthRefused { status: u16, code: String, message: String },
    #[error("the auth service refused the request without saying why (invalid-request): {message}")]
    RequestConcealed { message: String },
    #[error("the auth service rejected the request's form: {detail}")]
    RequestInvalid { detail: String },
    #[error("this server accepts Personal Access Tokens shaped like a lowercase UUID (8-4-4-4-12 hex digits, e.g. 5a1db0c5-0000-4000-8000-d7a5a2db0c51), and the pasted one is not: {detail}")]
    PatNotUuid { detail: String },
    #[error("the refresh token was refused: {message}")]
    InvalidRefreshToken { message: String },
    #[error("Dxtra answered with an error: {message}")]
    DxtraError { message: String },

    // --- GraphQL (Hasura) ---
    #[error("the access token was refused: {message}")]
    InvalidJwt { status: u16, message: String },
    #[error("access denied: {message}")]
    AccessDenied { status: u16, message: String },
    #[error("the request lacked a required header: {message}")]
    MissingHeaders { message: String },
    #[error("the GraphQL request is not valid here: {message}")]
    ValidationFailed { message: String },
    /// The GraphQL text was refused before sending: nothing reached the server.
    #[error("{message}")]
    InvalidDocument { message: String },
    #[error("the Data Controller ID is unknown to Dxtra: {message}")]
    ForeignKeyViolation { message: String },
    #[error("constraint violation: {message}")]
    ConstraintViolation { message: String },
    #[error("the database refused a value: {message}")]
    DataException { message: String },
    #[error("the createDataSubject action failed: {message}")]
    ActionFailed { message: String },
    #[error("the server's database failed while reading (unexpected): {message}")]
    DatabaseError { message: String },
    #[error("{}", if code.is_empty() { format!("the GraphQL server answered with an error: {message}") } else { format!("GraphQL error ({code}): {message}") })]
    GraphQl { code: String, message: String },

    // --- something in between (a proxy, a gateway, a captive portal) ---
    #[error("a proxy or gateway in front of {url} refused the request (HTTP {status}, a page that is not the API's answer): {snippet}")]
    ProxyRefused { url: String, status: u16, snippet: String },
    #[error("a proxy or gateway in front of {url} answered HTTP {status} with an HTML page instead of the API's answer")]
    ProxyFailed { url: String, status: u16 },

    // --- HTTP ---
    #[error("nothing answers at {url} (HTTP 404): is the URL right?")]
    NotFound { url: String },
    #[error("rate limited (HTTP 429){}", retry_after.map(|d| format!("; retry after {} s", d.as_secs())).unwrap_or_default())]
    RateLimited { retry_after: Option<Duration> },
    #[error("the server failed (HTTP {status})")]
    Server { status: u16 },
    #[error("{url} redirected the request to {location} (HTTP {status}); it was not followed")]
    Redirected { url: String, status: u16, location: String },
    #[error("unexpected HTTP {status}: {snippet}")]
    UnexpectedStatus { status: u16, snippet: String },
    #[error("the answer is not JSON (HTTP {status}, {content_type}): {snippet}")]
    NotJson { status: u16, content_type: String, snippet: String },
    #[error("the answer is broken JSON: {detail}")]
    MalformedJson { detail: String },
    #[error("the answer is larger than the {limit}-byte limit")]
    TooLarge { limit: usize },

    // --- the network ---
    #[error("the host name of {url} could not be resolved")]
    Dns { url: String },
    #[error("the connection to {url} was refused")]
    ConnectionRefused { url: String },
    #[error("a secure (TLS) connection to {url} could not be made: {detail}")]
    Tls { url: String, detail: String },
    #[error("{}", unknown_issuer(url, issuer, proxy.as_deref()))]
    CertUnknownIssuer { url: String, issuer: String, proxy: Option<String> },
    #[error(
        "{url} showed a self-signed certificate ('{subject}'), which nothing on this computer vouches for"
    )]
    CertSelfSigned { url: String, subject: String },
    #[error("the certificate {url} showed expired on {not_after}")]
    CertExpired { url: String, not_after: String },
    #[error("the certificate {url} showed is for {}, not for this host", if presented.is_empty() { "another name" } else { presented.as_str() })]
    CertWrongHost { url: String, presented: String },
    #[error("the proxy {proxy} could not be reached: {detail}")]
    ProxyUnreachable { proxy: String, detail: String },
    #[error("the proxy {proxy} asks for a user name and password (HTTP 407)")]
    ProxyAuth { proxy: String },
    #[error("the proxy {proxy} refused to open a connection to {url}")]
    ProxyTunnelRefused { proxy: String, url: String },
    #[error("the connection to {url} broke after the request was sent, before the whole answer arrived ({detail})")]
    AnswerLost { url: String, detail: String },
    #[error("{url} did not answer within {} s", after.as_secs_f32())]
    Timeout { url: String, after: Duration },
    #[error("the connection to {url} failed: {detail}")]
    Connection { url: String, detail: String },
}

impl ApiError {
    /// A stable, kebab-case name for UIs and tests to branch on.
    pub fn kind(&self) -> &'static str {
        use ApiError::*;
        match self {
            InvalidUrl { .. } => "invalid-url",
            InsecureUrl { .. } => "insecure-url",
            MissingPat => "missing-pat",
            InvalidPat { .. } => "invalid-pat",
            DisabledUser { .. } => "disabled-user",
            AuthRefused { .. } => "auth-refused",
            RequestConcealed { .. } => "invalid-request",
            RequestInvalid { .. } => "request-validation",
            PatNotUuid { .. } => "pat-not-uuid",
            InvalidRefreshToken { .. } => "invalid-refresh-token",
            DxtraError { .. } => "dxtra-error",
            InvalidJwt { .. } => "invalid-jwt",
            AccessDenied { .. } => "access-denied",
            MissingHeaders { .. } => "invalid-headers",
            ValidationFailed { .. } => "validation-failed",
            InvalidDocument { .. } => "invalid-document",
            ForeignKeyViolation { .. } => "foreign-key-violation",
            ConstraintViolation { .. } => "constraint-violation",
            DataException { .. } => "data-exception",
            ActionFailed { .. } => "action-failed",
            DatabaseError { .. } => "database-error",
            GraphQl { .. } => "graphql-error",
            ProxyRefused { .. } => "proxy-refused",
            ProxyFailed { .. } => "proxy-error",
            NotFound { .. } => "not-found",
            RateLimited { .. } => "rate-limited",
            Server { .. } => "server-error",
            Redirected { .. } => "redirect",
            UnexpectedStatus { .. } => "unexpected-status",
            NotJson { .. } => "not-json",
            MalformedJson { .. } => "malformed-json",
            TooLarge { .. } => "too-large",
            Dns { .. } => "dns",
            ConnectionRefused { .. } => "connection-refused",
            Tls { .. } => "tls",
            CertUnknownIssuer { .. } => "tls-unknown-issuer",
            CertSelfSigned { .. } => "tls-self-signed",
            CertExpired { .. } => "tls-expired",
            CertWrongHost { .. } => "tls-wrong-host",
            ProxyUnreachable { .. } => "proxy-unreachable",
            ProxyAuth { .. } => "proxy-auth",
            ProxyTunnelRefused { .. } => "proxy-refused-tunnel",
            AnswerLost { .. } => "answer-lost",
            Timeout { .. } => "timeout",
            Connection { .. } => "connection",
        }
    }

    /// What to do about it: the guide's "Solution" column where it has one.
    pub fn hint(&self) -> &'static str {
        use ApiError::*;
        match self {
            InvalidUrl { .. } => "Enter a full URL starting with https:// (or http:// for this computer: 127.0.0.1, localhost or [::1]).",
            InsecureUrl { .. } => "Use the https:// address: plain http:// is accepted only for this computer (127.0.0.1, localhost or [::1]).",
            MissingPat => "Paste the Personal Access Token from Dashboard > API Keys.",
            InvalidPat { .. } => "Edit the PAT: create a new API key in Dashboard > API Keys and paste its Personal Access Token exactly as shown (it is shown only once).",
            DisabledUser { .. } => "Ask your organization's Dxtra administrator to re-enable your user.",
            AuthRefused { .. } => "Check that your Dxtra user is verified and not anonymous, then sign in again.",
            RequestConcealed { .. } => "The server hides the reason; most often the PAT is wrong or revoked. Create a new API key and try again.",
            RequestInvalid { .. } => "Paste the PAT exactly as shown: no extra spaces or line breaks, and keep its letter case.",
            PatNotUuid { .. } => "Edit the PAT: paste the one created for this server. A PAT of another form (such as dxtra_pat_…) belongs to a different service and is refused here.",
            InvalidRefreshToken { .. } => "Sign in again with the PAT.",
            DxtraError { .. } => "Check the message; if it persists, contact Dxtra support.",
            InvalidJwt { .. } => "Re-authenticate with PAT.",
            AccessDenied { .. } => "Add X-Hasura-Role: user header. This app always sends it, so your user may lack the user role: ask your administrator.",
            MissingHeaders { .. } => "Send Authorization: Bearer <JWT> with every GraphQL request.",
            InvalidDocument { .. } => "Nothing was sent. Fix the GraphQL text (one query or mutation, or pick one by name) and run it again.",
            ValidationFailed { .. } => "The query does not match this server's schema; check field names and variables.",
            ForeignKeyViolation { .. } => "Verify ID from dashboard, or choose one of your data controllers in the list (Load data controllers, step 3).",
            ConstraintViolation { .. } => "The record conflicts with an existing one; change the value that must be unique.",
            DataException { .. } => "A value has the wrong form, e.g. an ID that is not a UUID. Copy the Data Controller ID from Settings > Organization.",
            ActionFailed { .. } => "Check the values sent. If the message says internal error or names the webhook, the service failed while handling the request, so it may have been recorded: the app reads it back before anything else.",
            DatabaseError { .. } => "The server could not read its data; nothing was changed. Try again in a minute; if it persists, contact Dxtra support.",
            GraphQl { .. } => "Check the message; the query may not match this server.",
            ProxyRefused { .. } => "Something between this computer and the API (a company proxy, VPN or gateway) refused the request before it reached Dxtra. Check your proxy or VPN settings, or ask your network administrator.",
            ProxyFailed { .. } => "A proxy or gateway on the way could not reach the service behind it. Try again in a minute; if it persists, check your proxy or VPN settings.",
            NotFound { .. } => "Check the environment's URLs: the auth URL is the base (no path), the GraphQL URL ends in /v1/graphql.",
            RateLimited { .. } => "Wait for the time the server asks, then try again.",
            Server { .. } => "The service failed on its side; try again in a minute. If it persists, contact Dxtra support.",
            Redirected { .. } => "The app never follows a redirect with your PAT or token. Check the URL (https, the right host); a network login page or a proxy may be redirecting.",
            UnexpectedStatus { .. } => "Check the environment's URLs; something other than Dxtra may be answering.",
            NotJson { .. } => "Something other than Dxtra answered (a proxy, a login page or a wrong URL). Check the URLs and your network.",
            MalformedJson { .. } => "The answer was cut off or damaged; try again.",
            TooLarge { .. } => "The answer was refused for its size; narrow the query or check the URL.",
            Dns { .. } => "Check the URL's host name and your internet connection.",
            ConnectionRefused { .. } => "Nothing listens there: check the URL and port, or start the service.",
            Tls { .. } => "The secure connection could not be set up; check that the URL is https and names the right port.",
            CertUnknownIssuer { .. } => "Install your company's root certificate in this computer's trust store (ask IT for it), or add it in Network settings under Extra certificates (PEM).",
            CertSelfSigned { .. } => "A self-signed certificate cannot be trusted as it is. For a development server, issue its certificate from a local CA (such as mkcert's) and add that CA in Network settings under Extra certificates, or install it in this computer's store.",
            CertExpired { .. } => "The server's certificate must be renewed: tell whoever runs it. Check also that this computer's date and time are right.",
            CertWrongHost { .. } => "Check the URL's host name. If it is right, the server's certificate does not cover it (tell whoever runs it), or something else answers for that name.",
            ProxyUnreachable { .. } => "Check the proxy in Network settings (or this computer's proxy settings); choose None there if this network needs no proxy.",
            ProxyAuth { .. } => "Enter the proxy's user name and password in Network settings (Manual).",
            ProxyTunnelRefused { .. } => "The proxy could not reach the service or does not allow it: check the URL, and ask your network administrator whether the proxy lets this host through.",
            AnswerLost { .. } => "The request may have been carried out. The app finds out before repeating anything that changes data; try again once the connection is stable.",
            Timeout { .. } => "The service is slow or unreachable; check your connection and try again.",
            Connection { .. } => "The connection broke; check your network and try again.",
        }
    }

    /// The token was refused at the door: re-authenticating once may fix it, and the request
    /// was never executed, so repeating it is safe.
    pub(crate) fn is_token_refused(&self) -> bool {
        matches!(self, ApiError::InvalidJwt { .. })
    }

    /// Worth repeating for a read: the server or a proxy is briefly overloaded.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            ApiError::RateLimited { .. } => true,
            ApiError::Server { status } | ApiError::ProxyFailed { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }

    /// The request never left: no name, no connection, no TLS or proxy tunnel (a laptop that
    /// woke without a network). Nothing the server holds was used up, e.g. a refresh token.
    pub(crate) fn nothing_sent(&self) -> bool {
        matches!(
            self,
            ApiError::Dns { .. }
                | ApiError::ConnectionRefused { .. }
                | ApiError::Connection { .. }
                | ApiError::Tls { .. }
                | ApiError::CertUnknownIssuer { .. }
                | ApiError::CertSelfSigned { .. }
                | ApiError::CertExpired { .. }
                | ApiError::CertWrongHost { .. }
                | ApiError::ProxyUnreachable { .. }
                | ApiError::ProxyAuth { .. }
                | ApiError::ProxyTunnelRefused { .. }
        )
    }

    /// For a mutation: the request may have reached the server and been carried out although
    /// no clear answer came back (a timeout, a dropped connection, a 5xx, an answer cut off or
    /// damaged). Such a mutation must not be sent again before finding out whether it landed.
    pub fn outcome_unknown(&self) -> bool {
        // The action's handler failed or timed out after Hasura passed the request on.
        if let ApiError::ActionFailed { message } = self {
            return message == "internal error" || message.contains("http exception when calling webhook");
        }
        matches!(
            self,
            ApiError::Timeout { .. }
                | ApiError::AnswerLost { .. }
                | ApiError::Server { .. }
                | ApiError::ProxyFailed { .. }
                | ApiError::MalformedJson { .. }
                | ApiError::NotJson { .. }
                | ApiError::TooLarge { .. }
                | ApiError::UnexpectedStatus { .. }
        )
    }
}

impl ApiError {
    /// Replaces `secret` (the PAT, any letter case) wherever a server's words or a snippet of its
    /// answer carried it back: an echoed token must not reach an error panel, a log or diagnostics.
    pub fn redact_secret(&mut self, secret: &str) {
        let secret = secret.trim();
        if secret.is_empty() {
            return;
        }
        let fix = |text: &mut String| {
            if crate::text::contains_ignoring_case(text, secret) {
                *text = crate::text::replace_ignoring_case(text, secret, "[redacted]");
            }
        };
        use ApiError::*;
        match self {
            InvalidPat { message }
            | DisabledUser { message }
            | RequestConcealed { message }
            | InvalidRefreshToken { message }
            | DxtraError { message }
            | InvalidJwt { message, .. }
            | AccessDenied { message, .. }
            | MissingHeaders { message }
            | ValidationFailed { message }
            | InvalidDocument { message }
            | ForeignKeyViolation { message }
            | ConstraintViolation { message }
            | DataException { message }
            | ActionFailed { message }
            | DatabaseError { message } => fix(message),
            AuthRefused { code, message, .. } | GraphQl { code, message } => {
                fix(code);
                fix(message);
            }
            RequestInvalid { detail }
            | PatNotUuid { detail }
            | MalformedJson { detail }
            | Tls { detail, .. }
            | Connection { detail, .. }
            | AnswerLost { detail, .. }
            | ProxyUnreachable { detail, .. } => fix(detail),
            ProxyRefused { snippet, .. } | UnexpectedStatus { snippet, .. } | NotJson { snippet, .. } => {
                fix(snippet)
            }
            Redirected { location, .. } => fix(location),
            _ => {}
        }
    }

    /// The server's own words (the database's, or the auth service's request validation), for the
    /// errors that carry them: a front end shows them as detail
    /// under the plain sentence, never as the headline.
    pub fn detail(&self) -> Option<&str> {
        use ApiError::*;
        match self {
            ForeignKeyViolation { message }
            | ConstraintViolation { message }
            | DataException { message }
            | DatabaseError { message } => Some(message),
            // The auth service's request validation: its raw words (a regular expression) are
            // detail, never the headline.
            RequestInvalid { detail } | PatNotUuid { detail } => Some(detail),
            _ => None,
        }
    }
}

impl serde::Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_error(serializer, self.kind(), &self.to_string(), self.hint(), self.detail())
    }
}

/// The shape every layer's error takes for a front end: `{kind, message, hint}`, and `detail`
/// when there is one: then `message` is the plain sentence before it (`message` without the
/// trailing `: detail`).
pub fn serialize_error<S: serde::Serializer>(
    serializer: S,
    kind: &str,
    message: &str,
    hint: &str,
    detail: Option<&str>,
) -> Result<S::Ok, S::Error> {
    let headline = detail
        .and_then(|d| message.strip_suffix(d))
        .map(|head| head.trim_end_matches([':', ' ']))
        .filter(|head| !head.is_empty());
    let mut state = serializer.serialize_struct("Error", if headline.is_some() { 4 } else { 3 })?;
    state.serialize_field("kind", kind)?;
    state.serialize_field("message", headline.unwrap_or(message))?;
    state.serialize_field("hint", hint)?;
    if let (Some(_), Some(detail)) = (headline, detail) {
        state.serialize_field("detail", detail)?;
    }
    state.end()
}

/// "the certificate … showed was issued by 'mitmproxy', which this computer does not trust: …".
fn unknown_issuer(url: &str, issuer: &str, proxy: Option<&str>) -> String {
    let why = match proxy {
        Some(proxy) => format!(
            ": something on your network inspects HTTPS (the proxy {proxy} answered in the server's name)"
        ),
        None if crate::loopback::is_loopback_url(url) => ": a private CA, not installed here".to_owned(),
        None => ": something on your network may inspect HTTPS, or the server uses a private CA".to_owned(),
    };
    format!("the certificate {url} showed was issued by '{issuer}', which this computer does not trust{why}")
}

/// Shortens a body for an error message, on a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let cut: String = text.chars().take(160).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

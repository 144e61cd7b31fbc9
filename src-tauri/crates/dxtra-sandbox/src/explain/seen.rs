//! What the rules read and what they say: the facts of one exchange (`Seen`, with the token
//! and sign-out as the recorder could tell them) and one `Explanation`. A leaf: `explain` and
//! its `document` rules both use it. What it leaves out: the rules themselves.

use serde::Serialize;

/// What a sign-out sent as its refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignOut {
    /// A refresh token: only that session ends.
    RefreshToken,
    /// The PAT as the refresh token: Dxtra revokes the PAT.
    Pat,
    /// `{"all": true}`: Dxtra revokes every session and the PAT.
    All,
}

/// What the token in `Authorization` is, as the sandbox can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSeen {
    /// No `Authorization` header.
    Missing,
    /// A header without the `Bearer ` prefix.
    NotBearer,
    /// The Personal Access Token, sent where a JWT belongs.
    Pat,
    /// A JWT this sandbox signed: its user, roles, and how long ago it expired (if it did).
    Jwt { user_id: String, roles: Vec<String>, expired_secs_ago: Option<i64> },
    /// A JWT signed by another sandbox run or environment.
    ForeignJwt,
    /// Anything else.
    Other,
}

/// The facts of one exchange the rules read.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    /// `auth` or `graphql`: the port it came to.
    pub(crate) service: &'static str,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) content_type: String,
    pub(crate) token: TokenSeen,
    pub(crate) role: Option<String>,
    pub(crate) body: String,
    /// The PAT sent to the auth service looks like a JWT.
    pub(crate) jwt_as_pat: bool,
    /// A refresh token this sandbox issued was sent again after its one use.
    pub(crate) refresh_reused: bool,
    /// The answer's body (Hasura's error text names a misspelt field).
    pub(crate) answer: String,
    /// Who sent it (`traffic::client_of`).
    pub(crate) client: String,
    /// Successful sign-ins from this client in the last minute, this one included.
    pub(crate) recent_signins: usize,
    /// The same successful `createDataSubject` body in the last minute: its id, seconds ago.
    pub(crate) repeat_of: Option<(String, i64)>,
    /// A sign-out, and with what.
    pub(crate) sign_out: Option<SignOut>,
    /// The controllers the token's user can see ("title (id)"), when the answer is a foreign key
    /// violation.
    pub(crate) visible_controllers: Vec<String>,
}

/// One thing that was wrong, in words, with its row of Common Errors and the fix.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// Stable name of the rule (the page and the tests refer to it).
    pub rule: &'static str,
    pub what: String,
    pub fix: String,
    /// The Common Errors row it lights (`ui/lib/errors.js` ids), if any.
    pub row: Option<&'static str>,
}

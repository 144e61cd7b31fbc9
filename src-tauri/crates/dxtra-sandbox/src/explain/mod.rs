//! The Inspector's explanations: what was wrong with one request the sandbox answered, each a
//! small rule over what was seen (`Seen`, facts read before any secret was described), with the
//! Common Errors row it belongs to and the fix. Rules look at the endpoint, the token, the role,
//! the auth calls (sign-outs included), the habits the recorder counted over the last minute
//! (sign-ins per request, the same event twice, a foreign controller) and, in `document`, the
//! document Hasura refused; each is tested on its own. What it leaves out: gathering the facts
//! (the recorder does, from the request, the answer and the record) and any code in a language
//! (the page writes the fix as code).

mod document;
mod seen;
use document::document;
pub use seen::{Explanation, TokenSeen};
pub(crate) use seen::{Seen, SignOut};

fn said(rule: &'static str, row: Option<&'static str>, what: String, fix: &str) -> Explanation {
    Explanation { rule, what, fix: fix.to_owned(), row }
}

/// Everything wrong with `seen`, most basic first (an endpoint mistake before a token mistake).
pub(crate) fn explain(seen: &Seen) -> Vec<Explanation> {
    let mut found = Vec::new();
    endpoint(seen, &mut found);
    if seen.service == "graphql" && seen.path.split('?').next() == Some("/v1/graphql") {
        token(seen, &mut found);
        role(seen, &mut found);
        document(seen, &mut found);
    }
    if seen.service == "auth" {
        auth(seen, &mut found);
    }
    habits(seen, &mut found);
    found
}

/// Sign-ins this often from one client in a minute mean one per request.
const SIGN_INS_PER_MINUTE: usize = 5;

fn habits(seen: &Seen, found: &mut Vec<Explanation>) {
    if seen.recent_signins >= SIGN_INS_PER_MINUTE {
        found.push(said(
            "sign-in-per-request",
            None,
            format!("{} sign-ins in the last minute from {}: one per request.", seen.recent_signins, seen.client),
            "Sign in once and reuse the accessToken until shortly before it expires (accessTokenExpiresIn), then refresh: Dxtra's auth limits how often a PAT signs in.",
        ));
    }
    if let Some((id, ago)) = &seen.repeat_of {
        found.push(said(
            "duplicate-event",
            None,
            format!("The same createDataSubject as {id}, {} ago: the event is now on the subject's record twice.", crate::words::span(*ago)),
            "Send each event once; after a lost answer, read the subject back (dataSubjects by email) before sending it again.",
        ));
    }
    if seen.answer.contains("Foreign key violation") {
        let visible = if seen.visible_controllers.is_empty() {
            "this token sees none".to_owned()
        } else {
            format!("this token sees {}", seen.visible_controllers.join(", "))
        };
        found.push(Explanation {
            rule: "foreign-controller",
            what: format!("dataControllerId names a controller this token cannot see ({visible})."),
            fix: "Use the ID of one of your controllers (query dataControllers, or Dashboard > Settings > Organization).".to_owned(),
            row: Some("foreign-key"),
        });
    }
}

fn endpoint(seen: &Seen, found: &mut Vec<Explanation>) {
    let path = seen.path.split('?').next().unwrap_or_default();
    let bare = path.strip_prefix("/v1").unwrap_or(path);
    let is_auth_path = matches!(bare, "/signin/pat" | "/token" | "/healthz");
    match seen.service {
        "graphql" if is_auth_path => found.push(said(
            "auth-path-on-graphql-port",
            None,
            format!("{path} is an auth route, sent to the GraphQL port."),
            "Send sign-in and refresh to the auth URL (the Sandbox's auth port); only /v1/graphql goes to the GraphQL port.",
        )),
        "auth" if bare == "/graphql" => found.push(said(
            "graphql-path-on-auth-port",
            None,
            format!("{path} is the GraphQL endpoint, sent to the auth port."),
            "Send GraphQL to the GraphQL URL (…/v1/graphql on the GraphQL port).",
        )),
        "graphql" if path == "/graphql" => found.push(said(
            "graphql-without-v1",
            None,
            "/graphql without /v1: Hasura answers at /v1/graphql.".into(),
            "Use the GraphQL URL as the guide shows it, ending in /v1/graphql.",
        )),
        _ => {}
    }
    let posts_only = seen.service == "graphql" && path == "/v1/graphql"
        || seen.service == "auth" && matches!(bare, "/signin/pat" | "/token");
    if posts_only && seen.method != "POST" {
        found.push(said(
            "not-post",
            None,
            format!("{} {path}: this endpoint takes POST.", seen.method),
            "Send it as POST with a JSON body.",
        ));
        return;
    }
    if !posts_only {
        return;
    }
    if !seen.content_type.to_ascii_lowercase().starts_with("application/json") {
        let sent = if seen.content_type.is_empty() {
            "no Content-Type".to_owned()
        } else {
            format!("Content-Type: {}", seen.content_type)
        };
        found.push(said(
            "content-type",
            None,
            format!("The body was sent with {sent}."),
            "Send the header Content-Type: application/json.",
        ));
    }
    match serde_json::from_str::<serde_json::Value>(&seen.body) {
        Err(error) => found.push(said(
            "body-not-json",
            None,
            format!("The body is not JSON ({error})."),
            "Send a JSON object: build it with your language's JSON encoder rather than by hand.",
        )),
        Ok(value) if seen.service == "graphql" && value.get("query").and_then(|q| q.as_str()).is_none() => {
            found.push(said(
                "no-query",
                None,
                "The JSON body has no \"query\" string.".into(),
                "Send {\"query\": \"…\", \"variables\": {…}}.",
            ))
        }
        Ok(_) => {}
    }
}

fn token(seen: &Seen, found: &mut Vec<Explanation>) {
    let jwt_fix = "Sign in at /v1/signin/pat with the PAT and send the accessToken it returns: Authorization: Bearer <accessToken>.";
    match &seen.token {
        TokenSeen::Missing => found.push(said("no-authorization", Some("unauthorized"), "No Authorization header: GraphQL needs the JWT.".into(), jwt_fix)),
        TokenSeen::NotBearer => found.push(said("no-bearer", Some("unauthorized"), "Authorization is there, but without the \"Bearer \" prefix.".into(), "Send Authorization: Bearer <accessToken> (the word Bearer, one space, the token).")),
        TokenSeen::Pat => found.push(said("pat-as-jwt", Some("unauthorized"), "The Personal Access Token was sent where the JWT belongs.".into(), jwt_fix)),
        TokenSeen::ForeignJwt => found.push(said("foreign-jwt", Some("unauthorized"), "The JWT was signed by another Sandbox run or environment.".into(), "Sign in again against this environment and use its token; tokens do not carry over between environments or Sandbox runs.")),
        TokenSeen::Jwt { expired_secs_ago: Some(ago), .. } => found.push(said(
            "expired-jwt",
            Some("unauthorized"),
            format!("The JWT expired {} ago.", crate::words::span(*ago)),
            "Re-authenticate with the PAT, or refresh at /v1/token with the refresh token, before the token's expiry (accessTokenExpiresIn).",
        )),
        TokenSeen::Jwt { .. } | TokenSeen::Other => {}
    }
}

fn role(seen: &Seen, found: &mut Vec<Explanation>) {
    let (TokenSeen::Jwt { roles, .. }, Some(role)) = (&seen.token, seen.role.as_deref()) else { return };
    if !roles.iter().any(|r| r == role) {
        found.push(said(
            "role-not-allowed",
            Some("forbidden"),
            format!("X-Hasura-Role: {role} is not among the token's roles ({}).", roles.join(", ")),
            "Send X-Hasura-Role: user (or leave it out: the token's default role applies).",
        ));
    }
}

fn auth(seen: &Seen, found: &mut Vec<Explanation>) {
    match seen.sign_out {
        Some(SignOut::Pat | SignOut::All) => found.push(said(
            "sign-out-revokes-pat",
            Some("invalid-pat"),
            "A sign-out with the PAT (or with \"all\"): on Dxtra this revokes the Personal Access Token itself, and every later sign-in fails. The Sandbox answered \"OK\" and kept its practice PAT.".into(),
            "Do not sign out: let the JWT expire. If you must end a session, send only that session's refreshToken, never the PAT or {\"all\": true}.",
        )),
        Some(SignOut::RefreshToken) => found.push(said(
            "sign-out",
            None,
            "A sign-out: on Dxtra PATs and refresh tokens share one table, so one sent with the PAT or {\"all\": true} revokes the PAT.".into(),
            "A script needs no sign-out (the JWT expires on its own); keep this one to the session's refreshToken.",
        )),
        None => {}
    }
    if seen.jwt_as_pat {
        found.push(said(
            "jwt-as-pat",
            Some("invalid-pat"),
            "A JWT was sent to the auth service as the Personal Access Token.".into(),
            "Send the PAT (from Dashboard > API Keys) to /v1/signin/pat; the JWT goes to GraphQL.",
        ));
    }
    if seen.refresh_reused {
        found.push(said(
            "refresh-reused",
            None,
            "This refresh token was used before: each one works once.".into(),
            "Keep the refreshToken each refresh returns and send that one next time.",
        ));
    }
}

#[cfg(test)]
mod tests;

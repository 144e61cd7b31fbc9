//! HS256 access tokens with the Hasura claims hasura-auth puts in them: issued for a user id and
//! roles, and verified. Plain values in and out: who the user is lives in `state`.

use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Claims {
    pub(crate) sub: String,
    pub(crate) iss: String,
    pub(crate) iat: i64,
    pub(crate) exp: i64,
    #[serde(rename = "https://hasura.io/jwt/claims")]
    pub(crate) hasura: HasuraClaims,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct HasuraClaims {
    #[serde(rename = "x-hasura-allowed-roles")]
    pub(crate) allowed_roles: Vec<String>,
    #[serde(rename = "x-hasura-default-role")]
    pub(crate) default_role: String,
    #[serde(rename = "x-hasura-user-id")]
    pub(crate) user_id: String,
    #[serde(rename = "x-hasura-user-is-anonymous")]
    pub(crate) user_is_anonymous: String,
}

/// Why a token was refused, worded as Hasura words it after `Could not verify JWT: `.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JwtProblem {
    Expired,
    BadSignature,
    Malformed,
}

impl JwtProblem {
    pub(crate) fn hasura_message(self) -> &'static str {
        match self {
            JwtProblem::Expired => "Could not verify JWT: JWTExpired",
            JwtProblem::BadSignature => "Could not verify JWT: JWSError JWSInvalidSignature",
            JwtProblem::Malformed => "Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)",
        }
    }
}

/// The signing secret of one sandbox run.
pub(crate) struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Keys {
    pub(crate) fn random() -> Self {
        let secret = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        Keys {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
        }
    }

    /// A token for `user_id` with `roles` (the first is the default), issued at `now` (Unix
    /// seconds) for `lifetime` seconds.
    pub(crate) fn issue(&self, user_id: Uuid, roles: &[String], now: i64, lifetime: u64) -> String {
        let claims = Claims {
            sub: user_id.to_string(),
            iss: "hasura-auth".to_owned(),
            iat: now,
            exp: now + lifetime as i64,
            hasura: HasuraClaims {
                allowed_roles: roles.to_vec(),
                default_role: roles.first().cloned().unwrap_or_default(),
                user_id: user_id.to_string(),
                user_is_anonymous: "false".to_owned(),
            },
        };
        // hasura-auth's header lists `alg` first, so tokens start `eyJhbG` as the guide shows.
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let header = b64(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = b64(&serde_json::to_vec(&claims).expect("claims serialize"));
        let message = format!("{header}.{payload}");
        let signature = jsonwebtoken::crypto::sign(message.as_bytes(), &self.encoding, Algorithm::HS256)
            .expect("HS256 signing cannot fail");
        format!("{message}.{signature}")
    }

    /// The claims of a token this run signed, expired or not (the Inspector says how long ago).
    pub(crate) fn verify_ignoring_expiry(&self, token: &str) -> Result<Claims, JwtProblem> {
        self.check(token, false)
    }

    pub(crate) fn verify(&self, token: &str) -> Result<Claims, JwtProblem> {
        self.check(token, true)
    }

    /// What a token says of itself, its signature not checked (a client may read its own
    /// token's expiry and roles; it must not trust them for anything else).
    pub(crate) fn read_unverified(token: &str) -> Option<Claims> {
        let payload = token.split('.').nth(1)?;
        let bytes =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    fn check(&self, token: &str, expiry: bool) -> Result<Claims, JwtProblem> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = expiry;
        validation.leeway = 0;
        validation.validate_aud = false;
        validation.set_required_spec_claims(&["exp", "sub"]);
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).map(|data| data.claims).map_err(
            |error| match error.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => JwtProblem::Expired,
                jsonwebtoken::errors::ErrorKind::InvalidSignature => JwtProblem::BadSignature,
                _ => JwtProblem::Malformed,
            },
        )
    }
}

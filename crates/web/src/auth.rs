//! JWT bearer tokens for the HTTP/WebSocket server: the signing key kept in the state
//! directory, issuing tokens (`codehub token issue`) and checking them per request.
//!
//! Tokens are HS256 JWTs (RFC 7519) signed with a 32-byte random key stored in
//! `<state dir>/auth.key` (mode 0600, created on first use). Claims:
//!
//! | claim | required | meaning |
//! |---|---|---|
//! | `aud` | yes | must be `"codehub"` ([`AUDIENCE`]) |
//! | `exp` | yes | expiry, seconds since the Unix epoch; a past `exp` is refused (no leeway) |
//! | `sub` | yes | who the token is for (a user or device name) |
//! | `type` | yes | `device` or `user` |
//! | `scope` | yes | space-separated string or array of `read`, `write`, `admin` |
//! | `iat` | no | issue time (set by [`issue`]) |
//! | `nbf` | no | not before, seconds since the Unix epoch; a future `nbf` is refused (no leeway) |
//!
//! Scopes are ordered, each including the ones before it: `read` (every read method
//! and route), `write` (adds `sync` and `"sync": true`: a barrier makes the daemon
//! work for the caller, so it is not a plain read), `admin` (adds `shutdown`).
//! Anything else about a token — `alg: none`, another algorithm, a bad signature, a
//! wrong or missing `aud`, a missing or past `exp`, a future `nbf`, a `crit` header
//! (RFC 7515 §4.1.11: extensions the server must understand; it understands none), an
//! unknown `type` or scope, a malformed token or `Authorization` header — is refused
//! as unauthenticated.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The `aud` every codehub token carries.
pub const AUDIENCE: &str = "codehub";
// File name of the signing key in the state directory.
pub use model::state_dir::KEY_FILE;
/// Length of the signing key in bytes (HS256 wants at least the hash size).
pub const KEY_BYTES: usize = 32;

/// Errors reading or creating the key, or issuing a token.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// The key file could not be read, created or written.
    #[error("{path}: {source}")]
    Io {
        /// The key file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
    /// The key file exists but is not a key.
    #[error("{path}: not a codehub key ({len} bytes, expected {KEY_BYTES}); remove it to make a new one")]
    BadKey {
        /// The key file.
        path: PathBuf,
        /// Its length.
        len: usize,
    },
    /// The key file can be read by other users.
    #[error("{path}: readable by other users (mode {mode:o}); run `chmod 600` on it")]
    KeyExposed {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The random generator failed.
    #[error("no randomness for a new key: {0}")]
    Random(String),
    /// A token could not be signed, or its parameters are invalid.
    #[error("{0}")]
    Issue(String),
}

/// What a token allows. Ordered: each scope includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every read method and route.
    Read,
    /// Adds the sync barrier (`sync`, `"sync": true`).
    Write,
    /// Adds `shutdown`.
    Admin,
}

impl Scope {
    /// The scope's name: `read`, `write` or `admin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }

    /// Parses `read`, `write` or `admin`.
    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            "admin" => Some(Scope::Admin),
            _ => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a token is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenType {
    /// A machine (a CI runner, an editor on another host).
    Device,
    /// A person.
    User,
}

impl TokenType {
    /// Parses `device` or `user`.
    pub fn parse(s: &str) -> Option<TokenType> {
        match s {
            "device" => Some(TokenType::Device),
            "user" => Some(TokenType::User),
            _ => None,
        }
    }
}

/// The claims of a codehub token (see the module table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Who the token is for.
    pub sub: String,
    /// `device` or `user`.
    #[serde(rename = "type")]
    pub token_type: TokenType,
    /// Granted scopes (on the wire: a space-separated string, or an array).
    #[serde(deserialize_with = "scopes", serialize_with = "scopes_out")]
    pub scope: Vec<Scope>,
    /// Always [`AUDIENCE`].
    pub aud: String,
    /// Expiry, seconds since the Unix epoch.
    pub exp: u64,
    /// Issue time, seconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
}

impl Claims {
    /// True when the token grants `needed` (or a scope that includes it).
    pub fn allows(&self, needed: Scope) -> bool {
        self.scope.iter().any(|s| *s >= needed)
    }
}

fn scopes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Scope>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Form {
        Text(String),
        List(Vec<String>),
    }
    let names = match Form::deserialize(deserializer)? {
        Form::Text(text) => text.split_whitespace().map(str::to_owned).collect(),
        Form::List(list) => list,
    };
    names
        .iter()
        .map(|n| {
            Scope::parse(n).ok_or_else(|| serde::de::Error::custom(format!("unknown scope {n:?}")))
        })
        .collect()
}

fn scopes_out<S: serde::Serializer>(scope: &[Scope], serializer: S) -> Result<S::Ok, S::Error> {
    let text: Vec<&str> = scope.iter().map(|s| s.as_str()).collect();
    serializer.serialize_str(&text.join(" "))
}

/// The signing key: signs new tokens and checks presented ones.
#[derive(Clone)]
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Keys(HS256, redacted)")
    }
}

/// Why a presented token was refused (all answered 401).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// No `Authorization` header.
    #[error(
        "missing bearer token: send `Authorization: Bearer <token>` (see `codehub token issue`)"
    )]
    Missing,
    /// The header is not `Bearer <token>`.
    #[error("malformed Authorization header: expected `Bearer <token>`")]
    Malformed,
    /// The token failed a check (signature, algorithm, audience, expiry, claims).
    #[error("invalid token: {0}")]
    Invalid(String),
}

impl Keys {
    /// Keys from raw key bytes (at least [`KEY_BYTES`] recommended).
    pub fn from_secret(secret: &[u8]) -> Keys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = 0;
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// The key of `state_dir` (`auth.key`), created with 32 random bytes and mode
    /// 0600 when it does not exist yet.
    ///
    /// Errors: IO on the file, a file of the wrong length ([`AuthError::BadKey`]),
    /// a file other users can read ([`AuthError::KeyExposed`]), no randomness.
    pub fn load_or_create(state_dir: &Path) -> Result<Keys, AuthError> {
        let path = model::state_dir::StateDir::new(state_dir).key();
        let io = |source| AuthError::Io { path: path.clone(), source };
        std::fs::create_dir_all(state_dir).map_err(io)?;
        let mut secret = [0u8; KEY_BYTES];
        getrandom::fill(&mut secret).map_err(|e| AuthError::Random(e.to_string()))?;
        match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path) {
            Ok(mut file) => {
                file.write_all(&secret).map_err(io)?;
                file.sync_all().map_err(io)?;
                return Ok(Keys::from_secret(&secret));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io(e)),
        }
        let mut file = std::fs::File::open(&path).map_err(io)?;
        let mode = file.metadata().map_err(io)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(AuthError::KeyExposed { path, mode });
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() != KEY_BYTES {
            return Err(AuthError::BadKey { path, len: bytes.len() });
        }
        Ok(Keys::from_secret(&bytes))
    }

    /// Signs `claims` (HS256). Errors: [`AuthError::Issue`].
    pub fn sign(&self, claims: &Claims) -> Result<String, AuthError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(|e| AuthError::Issue(e.to_string()))
    }

    /// Checks the value of an `Authorization` header (`None` when absent) and returns
    /// the token's claims. Errors: why it was refused.
    pub fn check_header(&self, header: Option<&[u8]>) -> Result<Claims, Refusal> {
        let header = header.ok_or(Refusal::Missing)?;
        let text = std::str::from_utf8(header).map_err(|_| Refusal::Malformed)?;
        let (scheme, token) = text.trim().split_once(' ').ok_or(Refusal::Malformed)?;
        if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
            return Err(Refusal::Malformed);
        }
        self.check(token.trim())
    }

    /// Checks a bare token: HS256 only, no `crit` header, signature, `aud`, `exp` and
    /// `nbf` (no leeway), and well-formed claims.
    pub fn check(&self, token: &str) -> Result<Claims, Refusal> {
        let header =
            jsonwebtoken::decode_header(token).map_err(|e| Refusal::Invalid(e.to_string()))?;
        if let Some(crit) = &header.crit {
            return Err(Refusal::Invalid(format!(
                "the header's crit names extensions this server does not implement: {crit:?}"
            )));
        }
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| Refusal::Invalid(e.to_string()))
    }
}

/// Seconds since the Unix epoch now.
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Issues a token for `sub` of `token_type` with `scope`, valid for `ttl` from now,
/// signed with the key of `state_dir` (created when missing).
///
/// Errors: the key ([`Keys::load_or_create`]), an empty `sub` or `scope`, a zero
/// `ttl` ([`AuthError::Issue`]).
pub fn issue(
    state_dir: &Path,
    sub: &str,
    token_type: TokenType,
    scope: Vec<Scope>,
    ttl: Duration,
) -> Result<String, AuthError> {
    if sub.is_empty() {
        return Err(AuthError::Issue("--sub must not be empty".into()));
    }
    if scope.is_empty() {
        return Err(AuthError::Issue("at least one scope is needed (read, write, admin)".into()));
    }
    if ttl.as_secs() == 0 {
        return Err(AuthError::Issue("--ttl must be at least one second".into()));
    }
    let keys = Keys::load_or_create(state_dir)?;
    let iat = now();
    let claims = Claims {
        sub: sub.to_owned(),
        token_type,
        scope,
        aud: AUDIENCE.to_owned(),
        exp: iat.saturating_add(ttl.as_secs()),
        iat: Some(iat),
    };
    keys.sign(&claims)
}

/// Parses a duration such as `24h`, `30m`, `7days` (humantime syntax).
pub fn parse_ttl(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text).map_err(|e| format!("bad duration {text:?}: {e}"))
}

/// Parses scopes from `read write` / `read,write` (names separated by spaces or commas).
pub fn parse_scopes(text: &str) -> Result<Vec<Scope>, String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| {
            Scope::parse(s).ok_or_else(|| format!("unknown scope {s:?}: use read, write or admin"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(scope: Vec<Scope>) -> Claims {
        Claims {
            sub: "ann".into(),
            token_type: TokenType::User,
            scope,
            aud: AUDIENCE.into(),
            exp: now() + 3600,
            iat: None,
        }
    }

    #[test]
    fn a_signed_token_checks_and_scopes_include_lower_ones() {
        let keys = Keys::from_secret(&[7; 32]);
        let token = keys.sign(&claims(vec![Scope::Write])).unwrap();
        let back = keys.check_header(Some(format!("Bearer {token}").as_bytes())).unwrap();
        assert!(back.allows(Scope::Read) && back.allows(Scope::Write));
        assert!(!back.allows(Scope::Admin));
        assert_eq!(keys.check_header(None), Err(Refusal::Missing));
        assert_eq!(keys.check_header(Some(b"Basic abc")), Err(Refusal::Malformed));
        assert!(Keys::from_secret(&[8; 32]).check(&token).is_err());
    }

    #[test]
    fn the_key_file_is_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first =
            issue(dir.path(), "ann", TokenType::User, vec![Scope::Read], Duration::from_secs(60))
                .unwrap();
        let mode = std::fs::metadata(dir.path().join(KEY_FILE)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // The second load reads the same key: the first token still checks.
        let keys = Keys::load_or_create(dir.path()).unwrap();
        assert_eq!(keys.check(&first).unwrap().sub, "ann");
        std::fs::set_permissions(dir.path().join(KEY_FILE), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        assert!(matches!(Keys::load_or_create(dir.path()), Err(AuthError::KeyExposed { .. })));
    }

    #[test]
    fn scopes_parse_from_text_and_arrays() {
        assert_eq!(parse_scopes("read, admin").unwrap(), vec![Scope::Read, Scope::Admin]);
        assert!(parse_scopes("root").is_err());
        let c: Claims = serde_json::from_value(serde_json::json!({
            "sub": "x", "type": "device", "scope": ["read", "write"], "aud": "codehub", "exp": 1
        }))
        .unwrap();
        assert_eq!(c.scope, vec![Scope::Read, Scope::Write]);
    }
}

//! The auth matrix end to end: a server with `--auth` refuses every crafted bad
//! token with 401 (on REST, `/rpc` and `/ws`), answers a valid token lacking the
//! scope with 403, and a good one with 200. Tokens come from `web::auth::issue` (the
//! key file in the state directory) or are forged by hand for the bad cases.

mod common;

use common::{request, Fixture};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use std::time::Duration;
use web::auth::{self, Scope, TokenType};

fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn good_claims() -> Value {
    json!({"sub": "ann", "type": "user", "scope": "read", "aud": "codehub", "exp": auth::now() + 3600})
}

fn sign(claims: &Value, alg: Algorithm, secret: &[u8]) -> String {
    jsonwebtoken::encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret)).unwrap()
}

fn with(mut claims: Value, key: &str, value: Value) -> Value {
    claims[key] = value;
    claims
}

fn without(mut claims: Value, key: &str) -> Value {
    claims.as_object_mut().unwrap().remove(key);
    claims
}

/// An `Authorization` header value (or none) and why it must be refused.
fn bad_headers(secret: &[u8]) -> Vec<(&'static str, Option<String>)> {
    let good = sign(&good_claims(), Algorithm::HS256, secret);
    let bearer = |token: String| Some(format!("Bearer {token}"));
    let hs256 = |claims: Value| bearer(sign(&claims, Algorithm::HS256, secret));
    let alg_none = format!(
        "{}.{}.",
        b64url(br#"{"alg":"none","typ":"JWT"}"#),
        b64url(good_claims().to_string().as_bytes())
    );
    let mut parts: Vec<&str> = good.split('.').collect();
    let admin_payload = b64url(with(good_claims(), "scope", json!("admin")).to_string().as_bytes());
    parts[1] = &admin_payload;
    let tampered = parts.join(".");
    vec![
        ("no Authorization header", None),
        ("not a bearer scheme", Some(format!("Basic {}", b64url(b"ann:secret")))),
        ("an empty bearer", Some("Bearer ".to_owned())),
        ("not a JWT", bearer("not-a-token".into())),
        ("three parts of garbage", bearer("a.b.c".into())),
        ("alg none", bearer(alg_none)),
        ("another algorithm (HS512)", bearer(sign(&good_claims(), Algorithm::HS512, secret))),
        (
            "another key",
            bearer(sign(&good_claims(), Algorithm::HS256, b"a different key of 32 bytes!!!!!")),
        ),
        ("a tampered payload", bearer(tampered)),
        ("a wrong audience", hs256(with(good_claims(), "aud", json!("someone-else")))),
        ("no audience", hs256(without(good_claims(), "aud"))),
        ("no expiry", hs256(without(good_claims(), "exp"))),
        ("expired", hs256(with(good_claims(), "exp", json!(auth::now() - 3600)))),
        ("an unknown type", hs256(with(good_claims(), "type", json!("robot")))),
        ("no type", hs256(without(good_claims(), "type"))),
        ("an unknown scope", hs256(with(good_claims(), "scope", json!("root")))),
        ("no subject", hs256(without(good_claims(), "sub"))),
    ]
}

fn auth_fixture() -> (Fixture, Vec<u8>) {
    // The server's key, as `codehub token issue` and `serve --auth` share it.
    let keys_dir = tempfile::tempdir().unwrap();
    let keys = web::Keys::load_or_create(keys_dir.path()).unwrap();
    let secret = std::fs::read(keys_dir.path().join(auth::KEY_FILE)).unwrap();
    (Fixture::start(Some(keys), web::Limits::default()), secret)
}

fn get(fx: &Fixture, path: &str, authorization: Option<&str>) -> common::Reply {
    let headers: Vec<(&str, &str)> =
        authorization.map(|a| ("authorization", a)).into_iter().collect();
    request(fx.addr, "GET", path, &headers, b"")
}

fn rpc(fx: &Fixture, authorization: Option<&str>, body: &str) -> common::Reply {
    let mut headers = vec![("content-type", "application/json")];
    if let Some(a) = authorization {
        headers.push(("authorization", a));
    }
    request(fx.addr, "POST", "/rpc", &headers, body.as_bytes())
}

#[test]
fn every_bad_token_is_refused_with_401() {
    let (fx, secret) = auth_fixture();
    let bad = bad_headers(&secret);
    assert!(bad.len() >= 10);
    for (why, header) in &bad {
        let reply = get(&fx, "/v1/status", header.as_deref());
        assert_eq!((reply.status, reply.kind().as_str()), (401, "unauthorized"), "{why}");
        assert!(reply.header("www-authenticate").is_some_and(|v| v.starts_with("Bearer")), "{why}");
        let reply = rpc(&fx, header.as_deref(), r#"{"jsonrpc":"2.0","id":1,"method":"health"}"#);
        assert_eq!(reply.status, 401, "{why}");
        assert_eq!(reply.json()["error"]["data"]["kind"], "unauthorized", "{why}");
        let reply = get(&fx, "/v1/nodes/helper/callers", header.as_deref());
        assert_eq!(reply.status, 401, "{why}");
    }
    // The control: the same claims, signed right, pass.
    let good = format!("Bearer {}", sign(&good_claims(), Algorithm::HS256, &secret));
    assert_eq!(get(&fx, "/v1/status", Some(&good)).status, 200);
    let array_scope = with(good_claims(), "scope", json!(["read", "write"]));
    let good = format!("Bearer {}", sign(&array_scope, Algorithm::HS256, &secret));
    assert_eq!(rpc(&fx, Some(&good), r#"{"jsonrpc":"2.0","id":1,"method":"sync"}"#).status, 200);
    // WebSocket upgrades are refused before the handshake.
    let ws_headers = [
        ("upgrade", "websocket"),
        ("connection", "upgrade"),
        ("sec-websocket-version", "13"),
        ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ];
    let reply = request(fx.addr, "GET", "/ws", &ws_headers, b"");
    assert_eq!(reply.status, 401);
    // Liveness and the API description stay public.
    assert_eq!(get(&fx, "/healthz", None).status, 200);
    assert_eq!(get(&fx, "/openapi.json", None).status, 200);
}

#[test]
fn scopes_decide_what_a_valid_token_may_do() {
    let state = tempfile::tempdir().unwrap();
    let keys = web::Keys::load_or_create(state.path()).unwrap();
    let fx = Fixture::start(Some(keys), web::Limits::default());
    let token = |scope: Scope| {
        let t = auth::issue(
            state.path(),
            "ann",
            TokenType::User,
            vec![scope],
            Duration::from_secs(3600),
        )
        .unwrap();
        format!("Bearer {t}")
    };
    let (read, write, admin) = (token(Scope::Read), token(Scope::Write), token(Scope::Admin));

    let ok = get(&fx, "/v1/status", Some(&read));
    assert_eq!(ok.status, 200);
    let callers = get(&fx, "/v1/nodes/pkg/core.py::helper/callers", Some(&read));
    assert_eq!(callers.status, 200);
    assert_eq!(callers.json()["node"], "pkg/core.py::helper");

    // sync (the method or the param) needs write.
    let sync = r#"{"jsonrpc":"2.0","id":1,"method":"sync"}"#;
    let synced_read = r#"{"jsonrpc":"2.0","id":2,"method":"status","params":{"sync":true}}"#;
    for body in [sync, synced_read] {
        let refused = rpc(&fx, Some(&read), body);
        assert_eq!((refused.status, refused.kind().as_str()), (403, "unauthorized"), "{body}");
        assert!(refused.json()["error"]["message"].as_str().unwrap().contains("write"));
        let allowed = rpc(&fx, Some(&write), body);
        assert_eq!(allowed.status, 200, "{body}");
        assert!(allowed.json()["result"]["clock"].as_u64().is_some(), "{}", allowed.json());
    }
    // In a batch, the refusal is per request.
    let batch = rpc(
        &fx,
        Some(&read),
        &format!("[{sync}, {}]", r#"{"jsonrpc":"2.0","id":3,"method":"health"}"#),
    );
    assert_eq!(batch.status, 200);
    assert_eq!(batch.json()[0]["error"]["data"]["kind"], "unauthorized");
    assert_eq!(batch.json()[1]["result"]["ok"], true);

    // shutdown needs admin.
    let shutdown = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
    assert_eq!(rpc(&fx, Some(&read), shutdown).status, 403);
    assert_eq!(rpc(&fx, Some(&write), shutdown).status, 403);
    assert!(!fx.live.shutdown_asked.load(std::sync::atomic::Ordering::SeqCst));
    let stopped = rpc(&fx, Some(&admin), shutdown);
    assert_eq!(stopped.status, 200);
    assert_eq!(stopped.json()["result"]["stopping"], true);
    assert!(fx.live.shutdown_asked.load(std::sync::atomic::Ordering::SeqCst));
}

//! Regressions of issue 17 over real HTTP: an `Origin` with user info, a body that
//! never arrives, repeated JSON keys, a search of thousands of words, and tokens that
//! are not valid yet or carry a `crit` header.

mod common;

use common::{parse_reply, request, Fixture};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;
use std::io::{Read, Write};
use std::time::{Duration, Instant};
use web::auth;

#[test]
fn an_origin_with_user_info_naming_localhost_is_foreign() {
    let fx = Fixture::start(None, web::Limits::default());
    for origin in [
        "http://localhost:1@evil.com",
        "http://127.0.0.1@evil.com",
        "http://localhost/path",
        "http://localhost?x=1",
    ] {
        let reply = request(fx.addr, "GET", "/v1/status", &[("origin", origin)], b"");
        assert_eq!(reply.status, 403, "{origin}: {}", String::from_utf8_lossy(&reply.body));
    }
    let reply = request(fx.addr, "GET", "/v1/status", &[("host", "localhost:1@evil.com")], b"");
    assert!(matches!(reply.status, 400 | 403), "{}", reply.status);
    let ours = format!("http://localhost:{}", fx.addr.port());
    let reply = request(fx.addr, "GET", "/v1/status", &[("origin", &ours)], b"");
    assert_eq!(reply.status, 200, "{ours}");
}

#[test]
fn a_request_body_that_never_arrives_gets_408_at_the_body_timeout() {
    let limits =
        web::Limits { body_read_timeout: Duration::from_millis(300), ..Default::default() };
    let fx = Fixture::start(None, limits);
    let mut stream = std::net::TcpStream::connect(fx.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = format!(
        "POST /rpc HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"jsonrpc\"",
        fx.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let reply = parse_reply(&raw);
    assert_eq!(reply.status, 408, "{}", String::from_utf8_lossy(&reply.body));
    assert_eq!(reply.kind(), "timeout");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn a_repeated_json_key_is_an_invalid_request_not_the_last_one_winning() {
    let fx = Fixture::start(None, web::Limits::default());
    let reply = fx.post_rpc(r#"{"jsonrpc":"2.0","id":1,"method":"health","method":"status"}"#);
    assert_eq!(reply.status, 200);
    let answer = reply.json();
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    assert!(answer["error"]["message"].as_str().unwrap().contains("\"method\""), "{answer}");
    let reply = fx.post_rpc(
        r#"[{"jsonrpc":"2.0","id":1,"method":"nodes.get","params":{"node":"main","node":"x"}}]"#,
    );
    assert_eq!(reply.json()["error"]["code"], -32600, "{}", reply.json());
}

#[test]
fn a_search_of_thousands_of_words_is_too_large_at_once() {
    let fx = Fixture::start(None, web::Limits::default());
    let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "search.text",
        "params": {"query": words.join(" ")}})
    .to_string();
    let started = Instant::now();
    let answer = fx.post_rpc(&body).json();
    assert_eq!(answer["error"]["data"]["kind"], "too_large", "{answer}");
    let reply = fx.get(&format!("/v1/search?q={}", words.join("+")));
    assert_eq!(reply.status, 413);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[test]
fn a_token_not_valid_yet_or_with_a_crit_header_is_refused() {
    let keys_dir = tempfile::tempdir().unwrap();
    let keys = web::Keys::load_or_create(keys_dir.path()).unwrap();
    let secret = std::fs::read(keys_dir.path().join(auth::KEY_FILE)).unwrap();
    let fx = Fixture::start(Some(keys), web::Limits::default());
    let claims = json!({"sub": "ann", "type": "user", "scope": "read", "aud": "codehub",
        "exp": auth::now() + 3600});
    let sign = |header: &Header, claims: &serde_json::Value| {
        jsonwebtoken::encode(header, claims, &EncodingKey::from_secret(&secret)).unwrap()
    };
    let plain = Header::new(Algorithm::HS256);
    let mut future = claims.clone();
    future["nbf"] = json!(auth::now() + 3600);
    let mut crit = Header::new(Algorithm::HS256);
    crit.crit = Some(vec!["exp".into()]);
    let mut past = claims.clone();
    past["nbf"] = json!(auth::now() - 10);
    for (what, token, status) in [
        ("nbf in the future", sign(&plain, &future), 401),
        ("a crit header", sign(&crit, &claims), 401),
        ("nbf in the past", sign(&plain, &past), 200),
    ] {
        let bearer = format!("Bearer {token}");
        let reply = request(fx.addr, "GET", "/v1/status", &[("authorization", &bearer)], b"");
        assert_eq!(reply.status, status, "{what}: {}", String::from_utf8_lossy(&reply.body));
    }
}

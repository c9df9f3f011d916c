//! `GET /metrics` end to end: it obeys auth (401 without a token, 403 for a foreign
//! Origin) and, after an edit and a `sync`, shows the commit, queue and sync
//! histograms moving, the index's counts and the requests it answered.

mod common;

use common::{request, write, Fixture, Reply, TIMEOUT};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

const SECRET: &[u8] = b"metrics test key of 32 bytes!!!!";

fn token() -> String {
    let claims = json!({"sub": "ann", "type": "user", "scope": "read", "aud": "codehub", "exp": web::auth::now() + 3600});
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(SECRET))
        .unwrap()
}

fn scrape(fx: &Fixture, token: &str) -> Reply {
    let bearer = format!("Bearer {token}");
    request(fx.addr, "GET", "/metrics", &[("authorization", &bearer)], b"")
}

/// The value of the series `series` (name with labels, exactly as rendered).
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

#[test]
fn metrics_need_a_token_and_follow_commits_and_syncs() {
    // As `codehub serve` does: before the index runs, so it is counted.
    assert!(web::metrics::install());
    let fx = Fixture::start(Some(web::Keys::from_secret(SECRET)), web::Limits::default());
    assert_eq!(fx.get("/metrics").status, 401);
    let foreign = request(
        fx.addr,
        "GET",
        "/metrics",
        &[("origin", "http://evil.example"), ("authorization", &format!("Bearer {}", token()))],
        b"",
    );
    assert_eq!(foreign.status, 403);

    let before = scrape(&fx, &token());
    assert_eq!(before.status, 200, "{}", String::from_utf8_lossy(&before.body));
    assert!(before.header("content-type").unwrap().starts_with("text/plain; version=0.0.4"));
    let before = String::from_utf8(before.body).unwrap();
    assert!(value(&before, "codehub_nodes").unwrap() > 0.0, "{before}");
    assert!(value(&before, "codehub_edges").unwrap() > 0.0, "{before}");
    assert!(value(&before, "codehub_files_indexed_total").unwrap() >= 6.0, "{before}");
    let count = |text: &str, name: &str| value(text, &format!("{name}_count")).unwrap_or(0.0);

    write(&fx.root, "pkg/extra.py", "def extra():\n    return 4\n");
    fx.live.daemon.sync(TIMEOUT).unwrap();
    let after = String::from_utf8(scrape(&fx, &token()).body).unwrap();
    for histogram in
        ["codehub_commit_seconds", "codehub_queue_wait_seconds", "codehub_sync_seconds"]
    {
        assert!(count(&after, histogram) > count(&before, histogram), "{histogram}:\n{after}");
        assert!(after.contains(&format!("# TYPE {histogram} histogram")), "{after}");
    }
    assert!(
        value(&after, "codehub_nodes").unwrap() > value(&before, "codehub_nodes").unwrap(),
        "the node count follows the commit:\n{after}"
    );
    let refused = r#"codehub_requests_total{transport="http",method="GET /metrics",status="401"}"#;
    assert!(value(&after, refused).unwrap() >= 1.0, "{after}");
    let served = r#"codehub_requests_total{transport="http",method="GET /metrics",status="200"}"#;
    assert!(value(&after, served).unwrap() >= 1.0, "{after}");
    assert!(after.contains("codehub_queue_depth"), "{after}");
}

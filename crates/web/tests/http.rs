//! HTTP end to end: a real daemon on a fixture tree, the real server on 127.0.0.1:0,
//! requests as raw HTTP/1.1 bytes. Every route, JSON-RPC (single, batch, errors),
//! error kinds with their statuses, limits (413, header timeout, connection cap),
//! Host/Origin refusals, and the start-up refusal of an unprotected public address.

mod common;

use common::{encode, request, Fixture, TIMEOUT};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

const HELPER: &str = "pkg/core.py::helper";

fn ids(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|v| v.pointer(field).and_then(Value::as_str).unwrap().to_owned())
        .collect()
}

#[test]
fn every_route_answers_from_the_live_daemon() {
    let fx = Fixture::start(None, web::Limits::default());

    let health = fx.get("/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["ok"], true);
    assert_eq!(health.json()["source"], "daemon");

    let status = fx.get("/v1/status");
    assert_eq!(status.status, 200);
    assert!(status.json()["index"]["nodes"].as_u64().unwrap() >= 8, "{}", status.json());
    assert!(status.json()["daemon"]["pid"].as_u64().is_some());

    // A node by id, with its slashes raw or percent-encoded.
    for path in [format!("/v1/nodes/{HELPER}"), format!("/v1/nodes/{}", encode(HELPER))] {
        let node = fx.get(&path);
        assert_eq!(node.status, 200, "{path}: {:?}", String::from_utf8_lossy(&node.body));
        assert_eq!(node.json()["node"]["id"], HELPER);
        assert_eq!(node.json()["node"]["summary"], "Helps the engine.");
    }

    let callers = fx.get(&format!("/v1/nodes/{HELPER}/callers"));
    assert_eq!(callers.status, 200);
    let mut found = ids(&callers.json()["reached"], "/edge/id");
    found.sort();
    assert_eq!(
        found,
        ["app.py::main", "pkg/core.py::Engine.run", "tests/test_core.py::test_helper"]
    );
    // Paged: one per page, the cursor leads to the rest.
    let page = fx.get(&format!("/v1/nodes/{HELPER}/callers?limit=1")).json();
    assert_eq!(page["reached"].as_array().unwrap().len(), 1);
    let cursor = page["next_cursor"].as_str().unwrap();
    let next = fx.get(&format!("/v1/nodes/{HELPER}/callers?limit=1&cursor={}", encode(cursor)));
    assert_eq!(next.status, 200);
    assert_eq!(next.json()["reached"].as_array().unwrap().len(), 1);

    let deep = fx.get("/v1/nodes/app.py::main/callees?depth=2").json();
    let callees = ids(&deep["reached"], "/edge/id");
    assert!(callees.contains(&HELPER.to_owned()), "{callees:?}");
    assert!(callees.contains(&"pkg/core.py::Engine.run".to_owned()), "{callees:?}");

    let tests = fx.get(&format!("/v1/nodes/{HELPER}/tests"));
    assert_eq!(tests.status, 200);
    assert_eq!(ids(&tests.json()["tests"], "/id"), ["tests/test_core.py::test_helper"]);

    let search = fx.get("/v1/search?q=engine&limit=5");
    assert_eq!(search.status, 200);
    assert!(ids(&search.json()["hits"], "/id").contains(&"pkg/core.py::Engine".to_owned()));

    let openapi = fx.get("/openapi.json");
    assert_eq!(openapi.status, 200);
    assert_eq!(openapi.header("content-type"), Some("application/json"));
    let paths = openapi.json()["paths"].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for route in [
        "/rpc",
        "/v1/nodes/{id}",
        "/v1/nodes/{id}/callers",
        "/v1/nodes/{id}/callees",
        "/v1/nodes/{id}/tests",
        "/v1/search",
        "/v1/status",
        "/healthz",
        "/ws",
    ] {
        assert!(paths.contains(&route.to_owned()), "{route} undocumented");
    }
}

#[test]
fn errors_carry_their_kind_and_status() {
    let fx = Fixture::start(None, web::Limits::default());

    let missing = fx.get("/v1/nodes/nope.py::nothing");
    assert_eq!((missing.status, missing.kind().as_str()), (404, "not_found"));

    let ambiguous = fx.get("/v1/nodes/helper/callers");
    assert_eq!((ambiguous.status, ambiguous.kind().as_str()), (409, "ambiguous"));
    let mut candidates = ids(&ambiguous.json()["error"]["data"]["candidates"], "/id");
    candidates.sort();
    assert_eq!(candidates, [HELPER, "pkg/other.py::helper"]);

    for bad in [
        format!("/v1/nodes/{HELPER}/callers?depth=0"),
        format!("/v1/nodes/{HELPER}/callers?depth=many"),
        format!("/v1/nodes/{HELPER}/callers?cursor=garbage"),
        format!("/v1/nodes/{HELPER}?colour=red"),
        "/v1/search".to_owned(),
        "/v1/search?q=%20".to_owned(),
        "/v1/nodes/%FF".to_owned(),
    ] {
        let reply = fx.get(&bad);
        assert_eq!((reply.status, reply.kind().as_str()), (400, "invalid_params"), "{bad}");
    }

    let unknown = fx.get("/v2/anything");
    assert_eq!((unknown.status, unknown.kind().as_str()), (404, "not_found"));
    let wrong_method = request(fx.addr, "DELETE", "/v1/status", &[], b"");
    assert_eq!(wrong_method.status, 405);
}

#[test]
fn rpc_takes_the_socket_bodies_and_batches() {
    let fx = Fixture::start(None, web::Limits::default());

    let one = fx.post_rpc(
        r#"{"jsonrpc":"2.0","id":7,"method":"nodes.get","params":{"node":"Engine.run"}}"#,
    );
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["id"], 7);
    assert_eq!(one.json()["result"]["node"]["id"], "pkg/core.py::Engine.run");

    // JSON-RPC errors travel inside a 200, as on the socket.
    let error = fx
        .post_rpc(r#"{"jsonrpc":"2.0","id":"x","method":"nodes.get","params":{"node":"helper"}}"#);
    assert_eq!(error.status, 200);
    assert_eq!(error.json()["id"], "x");
    assert_eq!(error.json()["error"]["data"]["kind"], "ambiguous");
    assert_eq!(error.json()["error"]["code"], -32002);
    let parse = fx.post_rpc("{not json");
    assert_eq!(parse.json()["error"]["code"], -32700);
    let unknown = fx.post_rpc(r#"{"jsonrpc":"2.0","id":1,"method":"nodes.steal"}"#);
    assert_eq!(unknown.json()["error"]["code"], -32601);
    // Subscriptions need the WebSocket.
    let subscribe = fx.post_rpc(r#"{"jsonrpc":"2.0","id":1,"method":"changes.subscribe"}"#);
    assert_eq!(subscribe.json()["error"]["data"]["kind"], "invalid_params");

    let batch = fx.post_rpc(
        r#"[{"jsonrpc":"2.0","id":1,"method":"health"},
            {"jsonrpc":"2.0","method":"health"},
            {"jsonrpc":"2.0","id":2,"method":"graph.tests","params":{"node":"pkg/core.py::helper"}},
            {"jsonrpc":"2.0","id":3,"method":"nodes.get","params":{"node":"nope"}},
            {"jsonrpc":"2.0","id":4,"method":"sync"}]"#,
    );
    assert_eq!(batch.status, 200);
    let answers = batch.json();
    let answers = answers.as_array().unwrap();
    assert_eq!(
        answers.iter().map(|a| a["id"].clone()).collect::<Vec<_>>(),
        [json!(1), json!(2), json!(3), json!(4)]
    );
    assert_eq!(answers[1]["result"]["tests"][0]["id"], "tests/test_core.py::test_helper");
    assert_eq!(answers[2]["error"]["data"]["kind"], "not_found");
    assert!(answers[3]["result"]["clock"].as_u64().unwrap() >= 1);

    let notification = fx.post_rpc(r#"{"jsonrpc":"2.0","method":"health"}"#);
    assert_eq!(notification.status, 204);
    assert_eq!(fx.post_rpc("[]").json()["error"]["code"], -32600);

    // Without auth, nobody may stop the daemon over TCP.
    let shutdown = fx.post_rpc(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
    assert_eq!((shutdown.status, shutdown.kind().as_str()), (403, "unauthorized"));
    assert!(!fx.live.shutdown_asked.load(std::sync::atomic::Ordering::SeqCst));
}

#[test]
fn bodies_over_a_mebibyte_get_413() {
    let fx = Fixture::start(None, web::Limits::default());
    let big = format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"search.text","params":{{"query":"{}"}}}}"#,
        "a".repeat(2 * 1024 * 1024)
    );
    let declared = fx.post_rpc(&big);
    assert_eq!((declared.status, declared.kind().as_str()), (413, "too_large"));
    assert_eq!(declared.json()["jsonrpc"], "2.0");

    // Chunked, so the size is only known while reading.
    let mut stream = TcpStream::connect(fx.addr).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let head = format!(
        "POST /rpc HTTP/1.1\r\nhost: {}\r\nconnection: close\r\ntransfer-encoding: chunked\r\n\r\n",
        fx.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    for chunk in big.as_bytes().chunks(64 * 1024) {
        if stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).is_err()
            || stream.write_all(chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let chunked = common::read_reply(&mut stream);
    assert_eq!((chunked.status, chunked.kind().as_str()), (413, "too_large"));

    // A body just under the limit is read and answered.
    let fits = format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"health","params":{{}}}}{}"#,
        " ".repeat(1024 * 1024 - 200)
    );
    assert_eq!(fx.post_rpc(&fits).json()["result"]["ok"], true);
}

#[test]
fn foreign_origins_and_hosts_get_403() {
    let fx = Fixture::start(None, web::Limits::default());
    for origin in ["http://evil.example", "null", "http://127.0.0.1.evil.example:80", "file://"] {
        for (method, path, body) in [
            ("GET", "/v1/status", ""),
            ("POST", "/rpc", r#"{"jsonrpc":"2.0","id":1,"method":"health"}"#),
            ("GET", "/healthz", ""),
        ] {
            let reply = request(fx.addr, method, path, &[("origin", origin)], body.as_bytes());
            assert_eq!(
                (reply.status, reply.kind().as_str()),
                (403, "unauthorized"),
                "{origin} {path}"
            );
        }
    }
    let ws = request(
        fx.addr,
        "GET",
        "/ws",
        &[
            ("origin", "https://evil.example"),
            ("upgrade", "websocket"),
            ("connection", "upgrade"),
            ("sec-websocket-version", "13"),
            ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ],
        b"",
    );
    assert_eq!(ws.status, 403);
    // A DNS-rebound name reaches 127.0.0.1 with a Host of its own.
    let rebound = request(fx.addr, "GET", "/v1/status", &[("host", "evil.example:80")], b"");
    assert_eq!(rebound.status, 403);

    let port = fx.addr.port();
    for origin in [
        format!("http://localhost:{port}"),
        format!("http://127.0.0.1:{port}"),
        "http://[::1]".to_owned(),
    ] {
        let reply = request(fx.addr, "GET", "/v1/status", &[("origin", &origin)], b"");
        assert_eq!(reply.status, 200, "{origin}");
    }
}

#[test]
fn slow_and_surplus_connections_cannot_hold_the_server() {
    let limits = web::Limits {
        header_read_timeout: Duration::from_millis(500),
        max_connections: 2,
        ..web::Limits::default()
    };
    let fx = Fixture::start(None, limits);
    // A client that never finishes its headers is cut off.
    let mut slow = TcpStream::connect(fx.addr).unwrap();
    slow.write_all(b"GET /v1/status HTTP/1.1\r\nhost: x").unwrap();
    slow.set_read_timeout(Some(TIMEOUT)).unwrap();
    let mut buf = Vec::new();
    let read = slow.read_to_end(&mut buf);
    assert!(
        !matches!(&read, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut),
        "the slow client was still connected after {TIMEOUT:?}"
    );
    drop(slow);

    // Two idle connections fill the cap; a third is refused with 503 at once.
    let hold: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(fx.addr).unwrap()).collect();
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let reply = fx.get("/v1/status");
        if reply.status == 503 {
            assert_eq!(reply.kind(), "internal");
            break;
        }
        // The accept loop may not have taken both held connections yet.
        assert!(std::time::Instant::now() < deadline, "never refused: {}", reply.status);
    }
    drop(hold);
    // Once the held connections are cut off (header timeout), service resumes.
    let deadline = std::time::Instant::now() + TIMEOUT;
    while fx.get("/healthz").status != 200 {
        assert!(std::time::Instant::now() < deadline, "the cap never freed up");
    }
}

#[test]
fn a_public_address_without_auth_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    common::sample_tree(dir.path());
    let config = index::Config::new(dir.path()).unwrap();
    index::index(&config, &|_| {}).unwrap();
    let daemon = index::Daemon::start(config.clone(), index::DaemonOptions::default()).unwrap();
    let live = std::sync::Arc::new(common::TestLive {
        daemon,
        shutdown_asked: std::sync::atomic::AtomicBool::new(false),
    });
    let options = |addr: &str, auth| web::Options {
        addr: addr.parse().unwrap(),
        db_path: config.db_path(),
        auth,
        limits: web::Limits::default(),
    };
    let refused = web::serve(options("0.0.0.0:0", None), live.clone());
    let err = refused.err().expect("an unprotected public address must be refused");
    assert!(matches!(err, web::WebError::Unprotected(_)), "{err}");
    assert!(err.to_string().contains("--auth"), "{err}");
    // With auth it starts.
    let keys = web::Keys::from_secret(&[1; 32]);
    let server = web::serve(options("0.0.0.0:0", Some(keys)), live.clone()).unwrap();
    server.stop();
    live.daemon.stop();
}

#[test]
fn repeated_reads_follow_the_graph_after_each_commit() {
    let fx = Fixture::start(None, web::Limits::default());
    let path = "/v1/nodes/other/util.py::util/callers";
    let before = fx.get(path).json();
    assert_eq!(before["reached"], json!([]));
    assert_eq!(fx.get(path).json(), before, "the same clock, the same answer");

    // A new caller appears; after sync (read your writes) the same URI shows it.
    common::write(
        &fx.root,
        "other/use.py",
        "from other.util import util\n\n\ndef user():\n    return util()\n",
    );
    let synced = fx.post_rpc(r#"{"jsonrpc":"2.0","id":1,"method":"sync"}"#).json();
    let clock = synced["result"]["clock"].as_u64().unwrap();
    let after = fx.get(path).json();
    assert!(after["clock"].as_u64().unwrap() >= clock, "{after}");
    assert_eq!(ids(&after["reached"], "/edge/id"), ["other/use.py::user"]);

    // Sync through the daemon directly (as the socket would), then read over HTTP.
    std::fs::remove_file(fx.root.join("other/use.py")).unwrap();
    let clock = fx.live.daemon.sync(TIMEOUT).unwrap();
    let gone = fx.get(path).json();
    assert!(gone["clock"].as_u64().unwrap() >= clock, "{gone}");
    assert_eq!(gone["reached"], json!([]));
}

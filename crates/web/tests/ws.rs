//! WebSocket end to end: JSON-RPC over text frames, `changes.subscribe` and the
//! `changes` notifications a real daemon's commits produce (path and kind filters
//! included), and peers that stop answering pings being dropped. (A subscriber that
//! falls behind is covered by the unit tests of `push`: over a real socket the
//! server drains its channel into the kernel's buffers first.)

mod common;

use common::{Fixture, TIMEOUT};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

async fn connect(fx: &Fixture) -> Ws {
    let stream = tokio::net::TcpStream::connect(fx.addr).await.unwrap();
    let url = format!("ws://{}/ws", fx.addr);
    let (ws, response) = tokio_tungstenite::client_async(url, stream).await.unwrap();
    assert_eq!(response.status(), 101);
    ws
}

/// The next JSON text message (pings are answered by the library while reading).
async fn next_json(ws: &mut Ws) -> Value {
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    loop {
        let message = tokio::time::timeout_at(deadline, ws.next())
            .await
            .expect("no message before the deadline")
            .expect("the socket closed")
            .expect("a WebSocket error");
        match message {
            Message::Text(text) => return serde_json::from_str(text.as_str()).unwrap(),
            Message::Close(frame) => panic!("closed: {frame:?}"),
            _ => continue,
        }
    }
}

async fn call(ws: &mut Ws, id: u64, method: &str, params: Value) -> Value {
    let request = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
    ws.send(Message::Text(request.to_string().into())).await.unwrap();
    let reply = next_json(ws).await;
    assert_eq!(reply["id"], id, "{reply}");
    reply
}

async fn subscribe(ws: &mut Ws, id: u64, params: Value) -> (String, u64) {
    let reply = call(ws, id, "changes.subscribe", params).await;
    let result = &reply["result"];
    assert_eq!(result["source"], "daemon", "{reply}");
    (result["subscription"].as_str().unwrap().to_owned(), result["clock"].as_u64().unwrap())
}

/// Waits for the next `changes` notification.
async fn notification(ws: &mut Ws) -> Value {
    let message = next_json(ws).await;
    assert_eq!(message["method"], "changes", "{message}");
    assert!(message.get("id").is_none(), "a notification has no id: {message}");
    message["params"].clone()
}

/// Notifications of `subscription` until one lists `id` as changed; each is after
/// `after` and the clocks grow.
async fn until(ws: &mut Ws, subscription: &str, after: u64, id: &str) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    let mut last = after;
    let mut notes = Vec::new();
    loop {
        assert!(tokio::time::Instant::now() < deadline, "no notification for {id}: {notes:?}");
        let note = notification(ws).await;
        assert_eq!(note["subscription"], subscription);
        let clock = note["clock"].as_u64().unwrap();
        assert!(clock > last, "clock {clock} after {last}");
        last = clock;
        let done = strings(&note["changed"]).iter().any(|c| c == id);
        notes.push(note);
        if done {
            return notes;
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_receive_the_edits_their_filters_match() {
    let fx = Fixture::start(None, web::Limits::default());
    let mut everything = connect(&fx).await;
    let mut other_only = connect(&fx).await;
    let mut classes_only = connect(&fx).await;

    // JSON-RPC over the socket, same dispatch as /rpc.
    let node = call(&mut everything, 1, "nodes.get", json!({"node": "Engine.run"})).await;
    assert_eq!(node["result"]["node"]["id"], "pkg/core.py::Engine.run");
    let error = call(&mut everything, 2, "nodes.get", json!({"node": "helper"})).await;
    assert_eq!(error["error"]["data"]["kind"], "ambiguous");
    let bad = call(&mut everything, 3, "changes.subscribe", json!({"colour": "red"})).await;
    assert_eq!(bad["error"]["data"]["kind"], "invalid_params");

    let (sub_all, clock0) = subscribe(&mut everything, 4, json!({})).await;
    let (sub_other, clock_other) = subscribe(&mut other_only, 1, json!({"path": "other/"})).await;
    let (sub_class, clock_class) =
        subscribe(&mut classes_only, 1, json!({"kinds": ["class"]})).await;

    // Edit a function in pkg/: the unfiltered subscription hears of it (an edit may
    // take more than one commit: the watcher can see the file mid-write).
    common::write(&fx.root, "pkg/core.py", &common::CORE.replace("return 1", "return 10"));
    until(&mut everything, &sub_all, clock0, "pkg/core.py::helper").await;

    // Then edits that the filtered ones match. Everything they receive matches their
    // filter, so the function edit in pkg/ was filtered out.
    common::write(
        &fx.root,
        "other/util.py",
        "def util():\n    return 4\n\n\ndef more():\n    return 5\n",
    );
    let notes = until(&mut other_only, &sub_other, clock_other, "other/util.py::more").await;
    for note in &notes {
        for id in strings(&note["changed"]).iter().chain(&strings(&note["removed"])) {
            assert!(id.starts_with("other/"), "{note}");
        }
    }

    common::write(&fx.root, "pkg/core.py", &common::CORE.replace("Runs jobs.", "Runs the jobs."));
    let notes = until(&mut classes_only, &sub_class, clock_class, "pkg/core.py::Engine").await;
    // Changed nodes match on their kind; removed ones (whose kind is gone with them)
    // on the path alone: a file seen mid-write may briefly lose its nodes.
    for note in &notes {
        for id in strings(&note["changed"]) {
            assert_eq!(id, "pkg/core.py::Engine", "{note}");
        }
    }
    assert!(notes.iter().all(|n| n["clock"].as_u64().unwrap() > clock_class));

    // A removal reaches the unfiltered subscriber as `removed`.
    std::fs::remove_file(fx.root.join("other/util.py")).unwrap();
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    loop {
        assert!(tokio::time::Instant::now() < deadline);
        let note = notification(&mut everything).await;
        if strings(&note["removed"]).contains(&"other/util.py::util".to_owned()) {
            break;
        }
    }
}

#[test]
fn a_peer_that_stops_answering_pings_is_dropped() {
    let limits = web::Limits {
        ws_ping_interval: Duration::from_millis(100),
        ws_idle_timeout: Duration::from_millis(400),
        ..web::Limits::default()
    };
    let fx = Fixture::start(None, limits);
    // A raw client: completes the handshake, then never reads a frame (so it never
    // sends a pong).
    let mut stream = TcpStream::connect(fx.addr).unwrap();
    let head = format!(
        "GET /ws HTTP/1.1\r\nhost: {}\r\nupgrade: websocket\r\nconnection: upgrade\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        fx.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    // Read raw bytes until the server closes; reading at the TCP level answers nothing.
    let mut received = Vec::new();
    let result = stream.read_to_end(&mut received);
    assert!(result.is_ok(), "the silent peer was not dropped within {TIMEOUT:?}: {result:?}");
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 101"), "{text}");
    // After the 101 head: ping frames (opcode 0x9) before the drop.
    let frames = &received[received.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4..];
    assert_eq!(frames.first(), Some(&0x89), "expected a ping frame first: {frames:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_sessions_are_capped() {
    let limits = web::Limits { max_connections: 2, ..web::Limits::default() };
    let fx = Fixture::start(None, limits);
    let mut first = connect(&fx).await;
    let _second = connect(&fx).await;
    let url = format!("ws://{}/ws", fx.addr);
    let stream = tokio::net::TcpStream::connect(fx.addr).await.unwrap();
    match tokio_tungstenite::client_async(url.clone(), stream).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 503)
        }
        other => panic!("a third session must be refused: {other:?}"),
    }
    // Closing one frees its slot.
    first.close(None).await.unwrap();
    while first.next().await.is_some() {}
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    loop {
        let stream = tokio::net::TcpStream::connect(fx.addr).await.unwrap();
        if tokio_tungstenite::client_async(url.clone(), stream).await.is_ok() {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the slot was never freed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

//! The socket server and client library end to end: a real index of a small tree, a
//! real Unix socket in a temporary directory, and a fake daemon (`Live`) whose `sync`
//! returns the store clock. Assertions are about what a client sees.

use protocol::{method, ErrorKind, Source};
use serde_json::{json, Value};
use server::{Client, Codehub, Limits};
use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use test_fixture::{write, FakeLive};

const TIMEOUT: Duration = Duration::from_secs(10);

/// 250 documented functions `gen_000` .. `gen_249`, for paging.
fn many(version: u32) -> String {
    (0..250)
        .map(|i| {
            format!("def gen_{i:03}():\n    \"\"\"Generated function {i}.\"\"\"\n    return {version}\n\n\n")
        })
        .collect()
}

fn sample_tree(root: &Path) {
    write(root, "pkg/__init__.py", "");
    write(
        root,
        "pkg/core.py",
        "\"\"\"The core.\"\"\"\n\n\nclass Engine:\n    \"\"\"Runs jobs.\"\"\"\n\n    def run(self):\n        return helper()\n\n\ndef helper():\n    \"\"\"Helps the engine.\"\"\"\n    return 1\n",
    );
    write(root, "pkg/other.py", "def helper():\n    return 2\n");
    write(
        root,
        "app.py",
        "from pkg.core import Engine, helper\n\n\ndef main():\n    Engine().run()\n    return helper()\n",
    );
    write(root, "many.py", &many(1));
}

fn index(root: &Path) -> index::IndexReport {
    index::index(&index::Config::new(root).unwrap(), &|_| {}).unwrap()
}

/// An indexed tree with a server on `{state_dir}/daemon.sock`; stopped on drop.
struct Daemon {
    _dir: tempfile::TempDir,
    root: PathBuf,
    state_dir: PathBuf,
    live: Arc<FakeLive>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Daemon {
    fn start() -> Daemon {
        Daemon::start_with(|_| {}, Limits::default())
    }

    fn start_with(configure: impl FnOnce(&mut FakeLive), limits: Limits) -> Daemon {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        sample_tree(&root);
        index(&root);
        let state_dir = root.join(".codehub");
        let mut live = FakeLive::new(state_dir.join("index.db"));
        configure(&mut live);
        let live = Arc::new(live);
        let stop = Arc::new(AtomicBool::new(false));
        *live.stop.lock().unwrap() = Some(stop.clone());
        let thread = server::serve(
            &state_dir.join("daemon.sock"),
            &state_dir.join("index.db"),
            live.clone(),
            limits,
            stop.clone(),
        )
        .unwrap();
        Daemon { _dir: dir, root, state_dir, live, stop, thread: Some(thread) }
    }

    fn socket(&self) -> PathBuf {
        self.state_dir.join("daemon.sock")
    }

    fn client(&self) -> Client {
        Client::connect(&self.state_dir, TIMEOUT).unwrap()
    }

    fn raw(&self) -> Raw {
        Raw::connect(&self.socket())
    }

    /// Sets the stop flag and waits for the server thread to end.
    fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A connection that speaks raw lines, for what `Client` would never send.
struct Raw {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
}

impl Raw {
    fn connect(socket: &Path) -> Raw {
        let stream = UnixStream::connect(socket).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        Raw { reader: BufReader::new(stream.try_clone().unwrap()), writer: stream }
    }

    fn send(&mut self, line: &str) {
        self.writer.write_all(line.as_bytes()).unwrap();
        self.writer.write_all(b"\n").unwrap();
    }

    /// The next response line as JSON; `None` at EOF.
    fn read(&mut self) -> Option<Value> {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => None,
            Ok(_) => Some(serde_json::from_str(&line).unwrap()),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => None,
            Err(e) => panic!("reading a response: {e}"),
        }
    }

    fn ask(&mut self, line: &str) -> Value {
        self.send(line);
        self.read().expect("a response")
    }
}

fn kind_of(error: &Value) -> &str {
    error["error"]["data"]["kind"].as_str().unwrap_or_else(|| panic!("not an error: {error}"))
}

fn ids(values: &Value, key: &str) -> Vec<String> {
    values[key].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn every_method_answers_over_the_socket() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    let clock =
        store::Store::open_read_only(&daemon.state_dir.join("index.db")).unwrap().clock().unwrap();

    let health = c.call(method::HEALTH, Value::Null).unwrap();
    assert_eq!(health, json!({"ok": true, "clock": clock, "source": "daemon"}));

    let status = c.call(method::STATUS, json!({})).unwrap();
    assert_eq!(status["index"]["files"], 5, "{status}");
    assert_eq!(status["daemon"]["watch_mode"], "inotify");
    assert_eq!(status["daemon"]["pid"], std::process::id());

    let synced = c.call(method::SYNC, json!({})).unwrap();
    assert_eq!(synced, json!({"clock": clock, "source": "daemon"}));

    let by_id = c.call(method::NODES_GET, json!({"id": "pkg/core.py::Engine.run"})).unwrap();
    assert_eq!(by_id["node"]["kind"], "method");
    assert_eq!(by_id["node"]["parent"], "pkg/core.py::Engine");
    assert_eq!(by_id["clock"], clock);
    let by_name = c.call(method::NODES_GET, json!({"node": "Engine.run"})).unwrap();
    assert_eq!(by_name["node"]["id"], "pkg/core.py::Engine.run");
    let bare = c.call(method::NODES_GET, json!({"node": "main"})).unwrap();
    assert_eq!(bare["node"]["id"], "app.py::main");

    let found = c.call(method::NODES_FIND, json!({"name": "Engine"})).unwrap();
    assert_eq!(ids(&found, "nodes"), ["pkg/core.py::Engine"]);
    assert_eq!(found["next_cursor"], Value::Null);

    let callers =
        c.call(method::GRAPH_CALLERS, json!({"node": "pkg/core.py::helper", "depth": 2})).unwrap();
    let reached: HashSet<(String, u64)> = callers["reached"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["edge"]["id"].as_str().unwrap().to_owned(), r["depth"].as_u64().unwrap()))
        .collect();
    assert!(reached.contains(&("pkg/core.py::Engine.run".into(), 1)), "{callers}");
    assert!(reached.contains(&("app.py::main".into(), 1)), "{callers}");
    assert_eq!(callers["node"], "pkg/core.py::helper");

    let callees = c.call(method::GRAPH_CALLEES, json!({"node": "app.py::main"})).unwrap();
    let callee_ids: Vec<&str> = callees["reached"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["edge"]["id"].as_str().unwrap())
        .collect();
    assert!(callee_ids.contains(&"pkg/core.py::helper"), "{callees}");

    let neighbors = c.call(method::GRAPH_NEIGHBORS, json!({"node": "Engine.run"})).unwrap();
    assert_eq!(neighbors["node"]["id"], "pkg/core.py::Engine.run");
    assert_eq!(neighbors["node"]["signature"], "def run(self)");
    assert_eq!(neighbors["parent"]["id"], "pkg/core.py::Engine");
    assert_eq!(neighbors["parent"]["summary"], "Runs jobs.");
    assert_eq!(neighbors["callees"][0]["id"], "pkg/core.py::helper", "{neighbors}");
    assert_eq!(neighbors["callees"][0]["provenance"], "exact", "{neighbors}");
    let helper = c.call(method::GRAPH_NEIGHBORS, json!({"node": "pkg/core.py::helper"})).unwrap();
    assert_eq!(helper["parent"]["id"], "pkg/core.py");
    let caller_ids: HashSet<&str> =
        helper["callers"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(caller_ids, HashSet::from(["app.py::main", "pkg/core.py::Engine.run"]));
    let module = c.call(method::GRAPH_NEIGHBORS, json!({"node": "app.py"})).unwrap();
    assert_eq!(module["parent"], Value::Null);

    let tests = c.call(method::GRAPH_TESTS, json!({"node": "pkg/core.py::helper"})).unwrap();
    assert_eq!(tests["node"], "pkg/core.py::helper");
    assert!(tests["tests"].is_array());

    // Any word matches (schema 4): `helper` by its docstring, the engine by name.
    let search = c.call(method::SEARCH_TEXT, json!({"query": "helps engine"})).unwrap();
    let mut found = ids(&search, "hits");
    found.sort();
    assert_eq!(found, ["pkg/core.py::Engine", "pkg/core.py::Engine.run", "pkg/core.py::helper"]);
    assert!(search["hits"][0]["score"].is_f64());

    let changes = c.call(method::CHANGES_SINCE, json!({"clock": 0})).unwrap();
    assert!(changes["changes"].is_array());
    assert_eq!(changes["source"], "daemon");

    let stopping = c.call(method::SHUTDOWN, json!({})).unwrap();
    assert_eq!(stopping["stopping"], true);
    assert!(daemon.stop.load(Ordering::SeqCst), "shutdown reached the daemon");
}

#[test]
fn typed_calls_round_trip_through_protocol_types() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    let page = c
        .request::<protocol::methods::NodesFind>(&protocol::FindParams {
            name: "helper".into(),
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<&str> = page.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["pkg/core.py::helper", "pkg/other.py::helper"]);
    assert_eq!(page.source, Source::Daemon);
    let status = c.request::<protocol::methods::Status>(&Default::default()).unwrap();
    assert_eq!(status.index.files, 5);
    assert_eq!(status.daemon.unwrap().changes_applied, 3);
}

#[test]
fn bad_params_and_unknown_nodes_get_their_kinds() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    let cases: &[(&str, Value, ErrorKind)] = &[
        (method::NODES_GET, json!({"id": "nope.py::x"}), ErrorKind::NotFound),
        (method::NODES_GET, json!({"id": "Engine.run"}), ErrorKind::NotFound),
        (method::NODES_GET, json!({"node": "no_such_thing"}), ErrorKind::NotFound),
        (method::NODES_GET, json!({}), ErrorKind::InvalidParams),
        (method::NODES_GET, json!({"id": "a", "node": "b"}), ErrorKind::InvalidParams),
        (method::NODES_GET, json!({"node": 3}), ErrorKind::InvalidParams),
        (method::NODES_GET, json!(["app.py"]), ErrorKind::InvalidParams),
        (method::NODES_FIND, json!({}), ErrorKind::InvalidParams),
        (method::NODES_FIND, json!({"nmae": "x"}), ErrorKind::InvalidParams),
        (method::NODES_FIND, json!({"name": "x", "limit": 0}), ErrorKind::InvalidParams),
        (method::NODES_FIND, json!({"name": "x", "cursor": "zz"}), ErrorKind::InvalidParams),
        (method::GRAPH_CALLERS, json!({"node": "no_such_thing"}), ErrorKind::NotFound),
        (method::GRAPH_CALLERS, json!({"node": "main", "depth": 0}), ErrorKind::InvalidParams),
        (method::GRAPH_CALLEES, json!({"node": "main", "depth": 99}), ErrorKind::InvalidParams),
        (method::GRAPH_CALLEES, json!({}), ErrorKind::InvalidParams),
        (method::GRAPH_NEIGHBORS, json!({"node": "no_such_thing"}), ErrorKind::NotFound),
        (method::GRAPH_NEIGHBORS, json!({"node": ""}), ErrorKind::InvalidParams),
        (method::GRAPH_TESTS, json!({"node": "no_such_thing"}), ErrorKind::NotFound),
        (method::SEARCH_TEXT, json!({"query": "  ...  "}), ErrorKind::InvalidParams),
        (method::SEARCH_TEXT, json!({}), ErrorKind::InvalidParams),
        (method::CHANGES_SINCE, json!({"clock": -1}), ErrorKind::InvalidParams),
        (method::CHANGES_SINCE, json!({"cursor": "12"}), ErrorKind::InvalidParams),
        (method::HEALTH, json!({"verbose": true}), ErrorKind::InvalidParams),
        (method::STATUS, json!({"sync": "yes"}), ErrorKind::InvalidParams),
        (method::SYNC, json!(7), ErrorKind::InvalidParams),
    ];
    for (method, params, kind) in cases {
        let err = c.call(method, params.clone()).unwrap_err();
        assert_eq!(err.kind(), *kind, "{method} {params}: {err}");
    }
    // The connection survived every refusal.
    assert!(c.call(method::HEALTH, json!({})).is_ok());
}

#[test]
fn an_ambiguous_name_lists_its_candidates() {
    let daemon = Daemon::start();
    let err = daemon.client().call(method::NODES_GET, json!({"node": "helper"})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Ambiguous);
    let candidates: Vec<&str> = err.data.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(candidates, ["pkg/core.py::helper", "pkg/other.py::helper"]);
    assert!(err.message.contains("2 nodes"), "{}", err.message);
}

#[test]
fn sync_true_runs_the_barrier_before_reading() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    c.call(method::NODES_FIND, json!({"name": "main"})).unwrap();
    assert_eq!(daemon.live.syncs.load(Ordering::SeqCst), 0);
    c.call(method::NODES_FIND, json!({"name": "main", "sync": true})).unwrap();
    assert_eq!(daemon.live.syncs.load(Ordering::SeqCst), 1);
    c.call(method::SYNC, json!({})).unwrap();
    assert_eq!(daemon.live.syncs.load(Ordering::SeqCst), 2);
}

#[test]
fn a_2_mib_request_is_too_large_and_closes_only_its_connection() {
    let daemon = Daemon::start();
    let mut other = daemon.client();
    let mut big = daemon.raw();
    // Write from another thread: the server stops reading after 1 MiB + 1 byte, so
    // the write fails (EPIPE) once the server closes the connection.
    let mut writer = big.writer.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let line = format!(
            "{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nodes.find\",\"params\":{{\"name\":\"{}\"}}}}\n",
            "x".repeat(2 * 1024 * 1024)
        );
        writer.write_all(line.as_bytes()).is_err()
    });
    let answer = big.read().expect("an answer before the close");
    assert_eq!(kind_of(&answer), "too_large");
    assert_eq!(answer["id"], Value::Null);
    assert_eq!(big.read(), None, "the connection is closed");
    assert!(sender.join().unwrap(), "the server did not read the whole line");
    // Everyone else is still served, and new connections too.
    assert_eq!(other.call(method::HEALTH, json!({})).unwrap()["ok"], true);
    assert_eq!(daemon.client().call(method::HEALTH, json!({})).unwrap()["ok"], true);
}

#[test]
fn a_request_just_under_the_limit_is_served() {
    let limits = Limits { max_request_bytes: 4096, ..Limits::default() };
    let daemon = Daemon::start_with(|_| {}, limits);
    let mut raw = daemon.raw();
    let prefix = r#"{"jsonrpc":"2.0","id":1,"method":"nodes.find","params":{"name":""#;
    let suffix = r#""}}"#;
    let name = "y".repeat(4096 - prefix.len() - suffix.len());
    let answer = raw.ask(&format!("{prefix}{name}{suffix}"));
    assert_eq!(answer["result"]["nodes"], json!([]), "{answer}");
}

#[test]
fn malformed_json_is_a_parse_error_and_the_connection_stays_open() {
    let daemon = Daemon::start();
    let mut raw = daemon.raw();
    let answer = raw.ask("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
    assert_eq!(answer["error"]["code"], -32700);
    assert_eq!(kind_of(&answer), "invalid_params");
    assert_eq!(answer["id"], Value::Null);
    let answer = raw.ask("\u{7f}\u{1}garbage");
    assert_eq!(answer["error"]["code"], -32700);

    let answer = raw.ask(r#"{"jsonrpc":"1.0","id":"a","method":"health"}"#);
    assert_eq!(answer["error"]["code"], -32600);
    assert_eq!(answer["id"], "a", "the id is kept when it can be read");
    let answer = raw.ask(r#"{"jsonrpc":"2.0","id":{"x":1},"method":"health"}"#);
    assert_eq!(answer["error"]["code"], -32600);
    let answer = raw.ask("42");
    assert_eq!(answer["error"]["code"], -32600);

    let answer = raw.ask(r#"{"jsonrpc":"2.0","id":2,"method":"health"}"#);
    assert_eq!(answer["result"]["ok"], true);
    assert_eq!(answer["id"], 2);
}

#[test]
fn an_unknown_method_is_method_not_found() {
    let daemon = Daemon::start();
    let mut raw = daemon.raw();
    let answer = raw.ask(r#"{"jsonrpc":"2.0","id":"x","method":"nodes.explode","params":{}}"#);
    assert_eq!(answer["error"]["code"], -32601);
    assert_eq!(kind_of(&answer), "invalid_params");
    assert_eq!(answer["id"], "x");
    assert!(answer["error"]["message"].as_str().unwrap().contains("nodes.find"));
}

#[test]
fn notifications_get_no_answer() {
    let daemon = Daemon::start();
    let mut raw = daemon.raw();
    raw.send(r#"{"jsonrpc":"2.0","method":"health"}"#);
    raw.send(r#"{"jsonrpc":"2.0","method":"nodes.get","params":{"id":"missing"}}"#);
    raw.send(r#"{"jsonrpc":"2.0","id":null,"method":"health"}"#);
    // The first line back answers the third request: the notifications got nothing.
    let answer = raw.read().unwrap();
    assert_eq!(answer["id"], Value::Null);
    assert_eq!(answer["result"]["ok"], true, "{answer}");
}

#[test]
fn batches_are_refused_with_invalid_request() {
    let daemon = Daemon::start();
    let mut raw = daemon.raw();
    let answer = raw.ask(r#"[{"jsonrpc":"2.0","id":1,"method":"health"}]"#);
    assert_eq!(answer["error"]["code"], -32600);
    assert_eq!(kind_of(&answer), "invalid_params");
    assert!(answer["error"]["message"].as_str().unwrap().contains("batch"));
}

#[test]
fn a_panicking_request_answers_internal_and_the_server_survives() {
    let daemon = Daemon::start_with(|live| live.panic_in_status = true, Limits::default());
    let mut c = daemon.client();
    let err = c.call(method::STATUS, json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Internal);
    assert!(err.message.contains("status exploded"), "{}", err.message);
    // Same connection, then a new one.
    assert_eq!(
        c.call(method::NODES_GET, json!({"node": "main"})).unwrap()["node"]["id"],
        "app.py::main"
    );
    assert_eq!(daemon.client().call(method::HEALTH, json!({})).unwrap()["ok"], true);
}

#[test]
fn a_request_past_its_deadline_answers_timeout_and_the_connection_goes_on() {
    let (release, blocked) = mpsc::channel::<()>();
    let limits = Limits { request_timeout: Duration::from_millis(300), ..Limits::default() };
    let daemon = Daemon::start_with(|live| live.block_sync = Some(Mutex::new(blocked)), limits);
    let mut c = daemon.client();
    let err = c.call(method::SYNC, json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    let err = c.call(method::HEALTH, json!({"sync": true})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    // Requests that do not wait on the daemon are still answered on this connection.
    assert_eq!(c.call(method::HEALTH, json!({})).unwrap()["ok"], true);
    drop(release);
}

#[test]
fn a_read_past_its_deadline_is_interrupted_and_the_connection_goes_on() {
    // Reads run on the connection thread; SQLite interrupts them at the deadline.
    let limits = Limits { request_timeout: Duration::from_millis(2), ..Limits::default() };
    let daemon = Daemon::start_with(|_| {}, limits);
    let big: String = (0..20_000)
        .map(|i| format!("def big_{i}():\n    \"\"\"Generated big function {i}.\"\"\"\n\n\n"))
        .collect();
    write(&daemon.root, "big.py", &big);
    index(&daemon.root);
    let mut c = daemon.client();
    let err = c
        .call(method::SEARCH_TEXT, json!({"query": "generated big function", "limit": 1000}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.message.contains("deadline"), "{err}");
    // The same connection answers the next request, with no deadline left over.
    assert_eq!(c.call(method::HEALTH, json!({})).unwrap()["ok"], true);
    let found = c.call(method::NODES_GET, json!({"node": "big_7"})).unwrap();
    assert_eq!(found["node"]["id"], "big.py::big_7");
}

#[test]
fn connections_over_the_cap_are_refused_with_one_line() {
    let limits = Limits { max_connections: 2, reserved_connections: 0, ..Limits::default() };
    let daemon = Daemon::start_with(|_| {}, limits);
    let mut first = daemon.client();
    let _second = daemon.client();
    let mut third = daemon.raw();
    let answer = third.read().expect("a refusal");
    assert_eq!(answer["error"]["code"], -32006);
    assert_eq!(kind_of(&answer), "internal");
    assert!(answer["error"]["message"].as_str().unwrap().contains("busy"));
    assert_eq!(third.read(), None);
    let err = Client::connect(&daemon.state_dir, TIMEOUT).expect_err("refused");
    assert!(err.to_string().contains("busy"), "{err}");
    assert_eq!(first.call(method::HEALTH, json!({})).unwrap()["ok"], true);
}

#[test]
fn the_socket_is_private_and_a_stale_one_is_replaced() {
    let mut daemon = Daemon::start();
    let mode = fs::metadata(daemon.socket()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // A second server on a live socket is refused and leaves the first one serving.
    let stop = Arc::new(AtomicBool::new(false));
    let err = server::serve(
        &daemon.socket(),
        &daemon.state_dir.join("index.db"),
        daemon.live.clone(),
        Limits::default(),
        stop.clone(),
    )
    .expect_err("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::AddrInUse);
    assert_eq!(daemon.client().call(method::HEALTH, json!({})).unwrap()["ok"], true);

    // A socket file left behind by a dead daemon is replaced.
    daemon.stop();
    let left_behind = std::os::unix::net::UnixListener::bind(daemon.socket()).unwrap();
    drop(left_behind);
    assert!(daemon.socket().exists());
    let thread = server::serve(
        &daemon.socket(),
        &daemon.state_dir.join("index.db"),
        daemon.live.clone(),
        Limits::default(),
        stop.clone(),
    )
    .unwrap();
    assert_eq!(daemon.client().call(method::HEALTH, json!({})).unwrap()["ok"], true);
    stop.store(true, Ordering::SeqCst);
    thread.join().unwrap();
}

#[test]
fn a_file_that_is_not_a_socket_is_left_alone() {
    let daemon = Daemon::start();
    let path = daemon.state_dir.join("not-a-socket");
    fs::write(&path, "precious").unwrap();
    let err = server::serve(
        &path,
        &daemon.state_dir.join("index.db"),
        daemon.live.clone(),
        Limits::default(),
        Arc::new(AtomicBool::new(false)),
    )
    .expect_err("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read_to_string(&path).unwrap(), "precious");
}

#[test]
fn stopping_closes_connections_and_removes_the_socket() {
    let mut daemon = Daemon::start();
    let mut c = daemon.client();
    daemon.stop();
    assert!(!daemon.socket().exists());
    let err = c.call(method::HEALTH, json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Internal);
    assert!(Client::connect(&daemon.state_dir, TIMEOUT).is_err());
}

#[test]
fn the_shutdown_method_stops_the_daemon_after_answering() {
    let mut daemon = Daemon::start();
    let mut c = daemon.client();
    let answer = c.call(method::SHUTDOWN, json!({})).unwrap();
    assert_eq!(answer["stopping"], true);
    // The server ends by itself (the fake daemon set the stop flag).
    daemon.thread.take().unwrap().join().unwrap();
    assert!(!daemon.socket().exists());
}

#[test]
fn codehub_reads_the_store_when_no_daemon_runs() {
    let mut daemon = Daemon::start();
    {
        let mut hub = Codehub::open(&daemon.state_dir).unwrap();
        assert_eq!(hub.source(), Source::Daemon);
        assert_eq!(hub.call(method::HEALTH, json!({})).unwrap()["source"], "daemon");
    }
    daemon.stop();

    let mut hub = Codehub::open(&daemon.state_dir).unwrap();
    assert_eq!(hub.source(), Source::Store);
    let node = hub.call(method::NODES_GET, json!({"node": "Engine.run"})).unwrap();
    assert_eq!(node["source"], "store");
    assert_eq!(node["node"]["id"], "pkg/core.py::Engine.run");
    let status = hub.call(method::STATUS, json!({})).unwrap();
    assert_eq!(status["daemon"], Value::Null);
    assert_eq!(status["index"]["files"], 5);
    // Without a daemon the index is current by definition: sync is its clock.
    let synced = hub.call(method::SYNC, json!({})).unwrap();
    assert_eq!(synced["clock"], status["clock"]);
    let err = hub.call(method::SHUTDOWN, json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);

    // A stale socket file does not fool it either.
    drop(std::os::unix::net::UnixListener::bind(daemon.socket()).unwrap());
    assert_eq!(Codehub::open(&daemon.state_dir).unwrap().source(), Source::Store);

    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(Codehub::open(empty.path()), Err(store::StoreError::NotIndexed(_))));
    let _ = &daemon.root;
}

/// Follows `next_cursor` to the end and returns every item's key, in order.
fn all_pages(
    c: &mut Client,
    method: &str,
    mut params: Value,
    list: &str,
    key: impl Fn(&Value) -> String,
) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut pages = 0;
    loop {
        let page = c.call(method, params.clone()).unwrap();
        pages += 1;
        out.extend(page[list].as_array().unwrap().iter().map(&key));
        match page["next_cursor"].as_str() {
            Some(cursor) => params["cursor"] = json!(cursor),
            None => return (out, pages),
        }
    }
}

#[test]
fn paging_returns_every_result_exactly_once() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();

    let (found, pages) =
        all_pages(&mut c, method::NODES_FIND, json!({"name": "gen_", "limit": 7}), "nodes", id);
    let expected: Vec<String> = (0..250).map(|i| format!("many.py::gen_{i:03}")).collect();
    assert_eq!(found, expected);
    assert_eq!(pages, 36);

    let (hits, _) = all_pages(
        &mut c,
        method::SEARCH_TEXT,
        json!({"query": "generated function", "limit": 33}),
        "hits",
        id,
    );
    let one_page =
        c.call(method::SEARCH_TEXT, json!({"query": "generated function", "limit": 1000})).unwrap();
    assert_eq!(hits.len(), 250);
    assert_eq!(hits, ids(&one_page, "hits"), "pages concatenate to the whole list");

    // A limit over the maximum is clamped, not refused.
    let clamped = c.call(method::NODES_FIND, json!({"name": "gen_", "limit": 5000})).unwrap();
    assert_eq!(clamped["nodes"].as_array().unwrap().len(), 250);
    assert_eq!(clamped["next_cursor"], Value::Null);
}

#[test]
fn change_pages_cover_the_log_exactly_once_even_inside_one_commit() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    let before = c.call(method::HEALTH, json!({})).unwrap()["clock"].as_u64().unwrap();
    // Two commits: one file with 250 changed nodes, then one with a new node.
    write(&daemon.root, "many.py", &many(2));
    index(&daemon.root);
    write(
        &daemon.root,
        "pkg/other.py",
        "def helper():\n    return 2\n\n\ndef added():\n    pass\n",
    );
    index(&daemon.root);

    let whole = c.call(method::CHANGES_SINCE, json!({"clock": before, "limit": 1000})).unwrap();
    let key = |v: &Value| {
        format!(
            "{} {} {}",
            v["clock"],
            v["change"].as_str().unwrap(),
            v["node_id"].as_str().unwrap()
        )
    };
    let expected: Vec<String> = whole["changes"].as_array().unwrap().iter().map(key).collect();
    assert!(expected.len() >= 251, "{whole}");
    assert!(expected.iter().any(|k| k.ends_with("added pkg/other.py::added")), "{expected:?}");
    assert_eq!(whole["next_cursor"], Value::Null);

    for limit in [1, 7, 100, 250] {
        let (paged, _) = all_pages(
            &mut c,
            method::CHANGES_SINCE,
            json!({"clock": before, "limit": limit}),
            "changes",
            key,
        );
        assert_eq!(paged, expected, "limit {limit}");
    }
    let last_clock =
        whole["changes"].as_array().unwrap().last().unwrap()["clock"].as_u64().unwrap();
    assert!(whole["clock"].as_u64().unwrap() >= last_clock);
    let after = c.call(method::CHANGES_SINCE, json!({"clock": whole["clock"]})).unwrap();
    assert_eq!(after["changes"], json!([]));
}

// ---------------------------------------------------------------------------------
// Issue 17: regressions found by the reliability and security campaign.

#[test]
fn a_search_of_thousands_of_words_is_refused_at_once_not_run_for_seconds() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    let words: Vec<String> = (0..3000).map(|i| format!("word{i}")).collect();
    let started = std::time::Instant::now();
    let err = c.call(method::SEARCH_TEXT, json!({"query": words.join(" ")})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
    // Short words: the word bound, not the byte bound.
    let err = c.call(method::SEARCH_TEXT, json!({"query": "a ".repeat(100)})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
    assert!(err.message.contains("100 words"), "{err}");
    let err = c.call(method::SEARCH_TEXT, json!({"query": "x".repeat(5000)})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    // The most words allowed are still searched (and the same bound holds for packs).
    let most = words[..protocol::MAX_QUERY_WORDS].join(" ");
    assert!(c.call(method::SEARCH_TEXT, json!({"query": most})).is_ok());
    let err = c.call(method::CONTEXT_PACK, json!({"query": words[..100].join(" ")})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
}

#[test]
fn a_repeated_key_is_an_invalid_request_not_the_last_one_winning() {
    let daemon = Daemon::start();
    let mut raw = daemon.raw();
    let answer = raw.ask(r#"{"jsonrpc":"2.0","id":1,"method":"health","method":"shutdown"}"#);
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    assert!(answer["error"]["message"].as_str().unwrap().contains("\"method\""), "{answer}");
    let answer =
        raw.ask(r#"{"jsonrpc":"2.0","id":2,"method":"nodes.get","params":{"id":"a","id":"b"}}"#);
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    assert!(!daemon.stop.load(Ordering::SeqCst), "shutdown must not have run");
    assert_eq!(raw.ask(r#"{"jsonrpc":"2.0","id":3,"method":"health"}"#)["result"]["ok"], true);
}

#[test]
fn an_idle_connection_is_closed_after_the_idle_timeout() {
    let limits = Limits { idle_timeout: Duration::from_millis(200), ..Limits::default() };
    let daemon = Daemon::start_with(|_| {}, limits);
    let mut idle = daemon.raw();
    let started = std::time::Instant::now();
    assert_eq!(idle.read(), None, "closed without a word");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // A connection that keeps asking is served past the idle timeout.
    let mut busy = daemon.client();
    for _ in 0..4 {
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(busy.call(method::HEALTH, json!({})).unwrap()["ok"], true);
    }
}

#[test]
fn with_every_slot_taken_status_sync_and_stop_still_get_a_reserved_slot() {
    let limits = Limits { max_connections: 2, reserved_connections: 1, ..Limits::default() };
    let daemon = Daemon::start_with(|_| {}, limits);
    let _first = daemon.raw();
    let _second = daemon.raw();
    // The reserved slot: control methods work, anything else is refused and closed.
    let mut control = daemon.client();
    assert_eq!(control.call(method::STATUS, json!({})).unwrap()["source"], "daemon");
    assert!(control.call(method::SYNC, json!({})).is_ok());
    // Past the reserved slots, connections are refused with one line.
    let mut refused = daemon.raw();
    assert_eq!(refused.read().expect("a refusal")["error"]["code"], -32006);
    let err = control.call(method::NODES_FIND, json!({"name": "Engine"})).unwrap_err();
    assert_eq!(err.code, -32006, "{err}");
}

#[test]
fn sync_waits_as_long_as_timeout_ms_asks_and_refuses_out_of_range_timeouts() {
    let limits = Limits { request_timeout: Duration::from_millis(300), ..Limits::default() };
    let daemon =
        Daemon::start_with(|live| live.sync_takes = Some(Duration::from_millis(800)), limits);
    let mut c = daemon.client();
    // The default barrier gives up inside the request deadline...
    let err = c.call(method::SYNC, json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    // ... a longer timeout_ms stretches the deadline to fit the barrier.
    let mut c = daemon.client();
    let synced = c.call(method::SYNC, json!({"timeout_ms": 3000})).unwrap();
    assert_eq!(synced["source"], "daemon");
    for bad in [json!(0), json!(protocol::MAX_SYNC_TIMEOUT_MS + 1), json!("5s")] {
        let err = c.call(method::SYNC, json!({ "timeout_ms": bad })).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParams, "{bad}: {err}");
    }
}

#[test]
fn sync_fails_instead_of_reading_the_index_when_the_daemon_is_there_but_full() {
    let limits = Limits { max_connections: 1, reserved_connections: 0, ..Limits::default() };
    let daemon = Daemon::start_with(|_| {}, limits);
    let _hog = daemon.raw();
    let mut hub = Codehub::open(&daemon.state_dir).unwrap();
    assert_eq!(hub.source(), Source::Store);
    let err = hub.call(method::SYNC, json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.message.contains("cannot be reached"), "{err}");
    let err = hub.call(method::NODES_FIND, json!({"name": "Engine", "sync": true})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    // Plain reads still answer, from the index, and say so.
    let found = hub.call(method::NODES_FIND, json!({"name": "Engine"})).unwrap();
    assert_eq!(found["source"], "store");
}

#[test]
fn a_context_pack_never_reads_through_a_symlink_to_dev_zero_or_a_fifo() {
    let daemon = Daemon::start();
    let mut c = daemon.client();
    let core = daemon.root.join("pkg/core.py");
    fs::remove_file(&core).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &core).unwrap();
    let started = std::time::Instant::now();
    let pack = c.call(method::CONTEXT_PACK, json!({"nodes": ["Engine.run"]})).unwrap();
    assert_eq!(pack["included"][0]["id"], "pkg/core.py::Engine.run", "{pack}");
    assert_eq!(pack["included"][0]["source"], false, "{pack}");
    assert!(pack["text"].as_str().unwrap().contains("symlink"), "{pack}");

    fs::remove_file(&core).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&core).status().unwrap();
    assert!(made.success());
    let pack = c.call(method::CONTEXT_PACK, json!({"nodes": ["Engine.run"]})).unwrap();
    assert_eq!(pack["included"][0]["source"], false, "{pack}");
    assert!(pack["text"].as_str().unwrap().contains("regular file"), "{pack}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());

    // A file grown past its indexed size is not read whole either: it has changed.
    fs::remove_file(&core).unwrap();
    fs::write(&core, "x".repeat(10 << 20)).unwrap();
    let pack = c.call(method::CONTEXT_PACK, json!({"nodes": ["Engine.run"]})).unwrap();
    assert!(pack["text"].as_str().unwrap().contains("changed on disk"), "{pack}");
}

#[test]
fn callers_callees_and_tests_carry_their_possible_edges() {
    let daemon = Daemon::start();
    // `engine.run()` on an untyped parameter resolves to nothing: a possible caller of
    // Engine.run, named like its class, in a file that imports the class's module.
    write(
        &daemon.root,
        "late.py",
        "from pkg.core import Engine\n\n\ndef later(engine):\n    return engine.run()\n",
    );
    index(&daemon.root);
    let mut c = daemon.client();

    let counted = c.call(method::GRAPH_CALLERS, json!({"node": "Engine.run"})).unwrap();
    assert_eq!(counted["possible_count"], 1, "{counted}");
    assert_eq!(counted["possible"], json!([]), "listed only when asked: {counted}");

    let listed =
        c.call(method::GRAPH_CALLERS, json!({"node": "Engine.run", "possible": true})).unwrap();
    assert_eq!(
        listed["possible"],
        json!([{
            "src": "late.py::later",
            "dst": "pkg/core.py::Engine.run",
            "name": "engine.run",
            "line": 5,
            "kind": "calls",
            "provenance": "possible",
            "evidence": ["receiver_name", "imports_module", "arity"],
            "score": 7
        }]),
        "{listed}"
    );
    let resolved: Vec<&str> = listed["reached"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["edge"]["provenance"].as_str().unwrap())
        .collect();
    assert!(!resolved.contains(&"possible"), "never mixed with the traversal: {listed}");

    let callees =
        c.call(method::GRAPH_CALLEES, json!({"node": "later", "possible": true})).unwrap();
    assert_eq!(callees["possible_count"], 1, "{callees}");
    assert_eq!(callees["possible"][0]["name"], "engine.run");

    let definite = c.call(method::GRAPH_CALLERS, json!({"node": "pkg/core.py::helper"})).unwrap();
    assert_eq!(definite["possible_count"], 0, "{definite}");

    let tests =
        c.call(method::GRAPH_TESTS, json!({"node": "Engine.run", "possible": true})).unwrap();
    assert_eq!(tests["possible_count"], 0, "later is no test: {tests}");
    assert_eq!(tests["possible"], json!([]));
}

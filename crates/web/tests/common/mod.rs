//! Shared fixtures of the web tests: a real daemon on a small Python tree, the HTTP
//! server in front of it on 127.0.0.1:0, and a minimal HTTP/1.1 client over a plain
//! TCP stream (so the tests see exactly the bytes a client would).

#![allow(dead_code)]

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub use test_fixture::write;

pub const CORE: &str = "\"\"\"The core.\"\"\"\n\n\nclass Engine:\n    \"\"\"Runs jobs.\"\"\"\n\n    def run(self):\n        return helper()\n\n\ndef helper():\n    \"\"\"Helps the engine.\"\"\"\n    return 1\n";

/// `pkg/core.py` (Engine.run calls helper), `pkg/other.py` (a second `helper`),
/// `app.py` (main calls both), `tests/test_core.py` (tests helper).
pub fn sample_tree(root: &Path) {
    write(root, "pkg/__init__.py", "");
    write(root, "pkg/core.py", CORE);
    write(root, "pkg/other.py", "def helper():\n    return 2\n");
    write(
        root,
        "app.py",
        "from pkg.core import Engine, helper\n\n\ndef main():\n    Engine().run()\n    return helper()\n",
    );
    write(
        root,
        "tests/test_core.py",
        "from pkg.core import helper\n\n\ndef test_helper():\n    assert helper() == 1\n",
    );
    write(root, "other/util.py", "def util():\n    return 3\n");
}

/// The daemon as the HTTP server sees it; `shutdown` raises a flag.
pub struct TestLive {
    pub daemon: index::Daemon,
    pub shutdown_asked: AtomicBool,
}

impl server::Live for TestLive {
    fn sync(&self, timeout: Duration) -> Result<u64, String> {
        self.daemon.sync(timeout)
    }
    fn daemon_status(&self) -> protocol::DaemonStatus {
        self.daemon.stats()
    }
    fn shutdown(&self) {
        self.shutdown_asked.store(true, Ordering::SeqCst);
    }
    fn wait_for_commit(&self, after: u64, timeout: Duration) -> u64 {
        self.daemon.wait_for_commit(after, timeout)
    }
}

/// A daemon on a sample tree with the HTTP server in front of it.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub root: PathBuf,
    pub live: Arc<TestLive>,
    pub server: Option<web::Server>,
    pub addr: SocketAddr,
}

impl Fixture {
    pub fn start(auth: Option<web::Keys>, limits: web::Limits) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        sample_tree(&root);
        let config = index::Config::new(&root).unwrap();
        let db_path = config.db_path();
        index::index(&config, &|_| {}).unwrap();
        let daemon = index::Daemon::start(config, index::DaemonOptions::default()).unwrap();
        daemon.sync(TIMEOUT).unwrap();
        let live = Arc::new(TestLive { daemon, shutdown_asked: AtomicBool::new(false) });
        let options = web::Options { addr: "127.0.0.1:0".parse().unwrap(), db_path, auth, limits };
        let server = web::serve(options, live.clone()).unwrap();
        let addr = server.addr();
        Fixture { dir, root, live, server: Some(server), addr }
    }

    pub fn get(&self, path: &str) -> Reply {
        request(self.addr, "GET", path, &[], b"")
    }

    pub fn post_rpc(&self, body: &str) -> Reply {
        request(self.addr, "POST", "/rpc", &[("content-type", "application/json")], body.as_bytes())
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop();
        }
        self.live.daemon.stop();
    }
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The stable error kind of an error body (REST or JSON-RPC shape).
    pub fn kind(&self) -> String {
        self.json()["error"]["data"]["kind"].as_str().unwrap_or("").to_owned()
    }
}

/// Sends one request (`Connection: close`) and reads the whole answer.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nconnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("host: {addr}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) and close before reading a large body.
    let _ = stream.write_all(body);
    read_reply(&mut stream)
}

/// Reads an HTTP/1.1 response up to the end of the connection.
pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_reply(&raw)
}

pub fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head in {:?}", String::from_utf8_lossy(raw)));
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Reply { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else { return out };
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
}

/// Percent-encodes a node id for a URL path segment.
pub fn encode(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

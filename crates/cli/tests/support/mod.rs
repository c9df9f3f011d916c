//! A `codehub serve --http 127.0.0.1:0` child for end-to-end tests, and raw clients
//! for its Unix socket and HTTP port that return the bytes the server sent.

#![allow(dead_code)] // each test binary uses a different subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running daemon with HTTP on a free loopback port; killed when dropped.
pub struct Daemon {
    child: Child,
    /// The root it serves.
    pub root: PathBuf,
    /// Its HTTP address.
    pub addr: SocketAddr,
}

impl Daemon {
    /// Starts `codehub serve --http 127.0.0.1:0` in `root` with `envs`, and waits for
    /// it to announce its HTTP address and finish its first index (`sync`).
    pub fn start(root: &Path, envs: &[(&str, &str)]) -> Daemon {
        Daemon::start_with(root, &["serve", "--http", "127.0.0.1:0"], envs)
    }

    /// [`Daemon::start`] with the command line given (it must announce HTTP).
    pub fn start_with(root: &Path, args: &[&str], envs: &[(&str, &str)]) -> Daemon {
        let mut child = Command::new(env!("CARGO_BIN_EXE_codehub"))
            .args(args)
            .current_dir(root)
            .env_remove("CODEHUB_STATE_DIR")
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let addr: SocketAddr = loop {
            let line = lines.next().expect("serve ended before announcing HTTP").unwrap();
            if let Some(rest) = line.strip_prefix("codehub: HTTP and WebSocket on http://") {
                break rest.split(' ').next().unwrap().trim_end_matches('/').parse().unwrap();
            }
        };
        // Keep draining stderr so the daemon never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let daemon = Daemon { child, root: root.to_owned(), addr };
        let (ok, _) = daemon.socket("sync", "{}");
        assert!(ok, "the daemon answers sync");
        daemon
    }

    /// Sends one JSON-RPC request on the Unix socket; returns (succeeded, the raw
    /// bytes of its `result` or `error` member).
    pub fn socket(&self, method: &str, params: &str) -> (bool, String) {
        let mut stream = UnixStream::connect(self.root.join(".codehub/daemon.sock")).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let request = format!(
            "{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{params}}}\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut line = String::new();
        BufReader::new(stream).read_line(&mut line).unwrap();
        member(line.trim_end())
    }

    /// `POST /rpc` with one request; as [`Daemon::socket`].
    pub fn rpc(&self, method: &str, params: &str) -> (bool, String) {
        let body =
            format!("{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{params}}}");
        let (status, reply) = self.http("POST", "/rpc", &body);
        assert_eq!(status, 200, "{reply}");
        member(&reply)
    }

    /// `GET path`: (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        self.http("GET", path, "")
    }

    /// `verb path` with `body` (JSON): (status, body).
    pub fn http(&self, verb: &str, path: &str, body: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let head = format!(
            "{verb} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        let status = reply.split(' ').nth(1).unwrap().parse().unwrap();
        let (headers, body) = reply.split_once("\r\n\r\n").unwrap();
        let body = if headers.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            dechunk(body)
        } else {
            body.to_owned()
        };
        (status, body)
    }

    /// Waits for the process to end (after something stopped it); true on exit code 0.
    pub fn wait(mut self) -> bool {
        self.child.wait().unwrap().success()
    }

    /// `codehub stop`, then waits for the process to end.
    pub fn stop(mut self) {
        let out = crate::common::codehub(&self.root, &["stop"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(self.child.wait().unwrap().success());
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The raw `result` (true) or `error` (false) member of a JSON-RPC response with id 1,
/// as the server serialised it.
fn member(response: &str) -> (bool, String) {
    let rest = response
        .strip_prefix("{\"jsonrpc\":\"2.0\",\"id\":1,")
        .unwrap_or_else(|| panic!("not a response to id 1: {response}"));
    let rest = rest.strip_suffix('}').unwrap();
    if let Some(result) = rest.strip_prefix("\"result\":") {
        (true, result.to_owned())
    } else {
        (false, rest.strip_prefix("\"error\":").unwrap().to_owned())
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n").unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
}

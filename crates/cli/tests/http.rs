//! `codehub serve --http` and `codehub token issue` end to end through the binary:
//! an unprotected public address is refused before anything starts; with `--auth`,
//! a token from `token issue` opens the HTTP API and a missing one does not.

mod common;

use common::{codehub, stderr, stdout, write};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn a_public_address_without_auth_is_refused_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", "def f():\n    return 1\n");
    let out = codehub(dir.path(), &["serve", "--http", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("without auth"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--auth"), "{}", stderr(&out));
    // Refused before indexing: no state directory was made.
    assert!(!dir.path().join(".codehub").exists());
    // --auth needs --http.
    assert_eq!(codehub(dir.path(), &["serve", "--auth"]).status.code(), Some(2));
}

fn get(addr: SocketAddr, path: &str, token: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let auth = token.map(|t| format!("authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!("GET {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n{auth}\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply.split(' ').nth(1).unwrap().parse().unwrap();
    (status, reply)
}

#[test]
fn issued_tokens_open_the_http_api() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", "def f():\n    return g()\n\n\ndef g():\n    return 1\n");
    assert!(codehub(dir.path(), &["index"]).status.success());
    let issued = codehub(
        dir.path(),
        &["token", "issue", "--sub", "ann", "--type", "user", "--scope", "read", "--ttl", "1h"],
    );
    assert!(issued.status.success(), "{}", stderr(&issued));
    let token = stdout(&issued).trim().to_owned();
    assert_eq!(token.split('.').count(), 3, "{token}");
    for bad in [["--type", "robot"], ["--scope", "root"], ["--ttl", "soon"]] {
        let mut args = vec!["token", "issue", "--sub", "ann"];
        args.extend(bad);
        assert_eq!(codehub(dir.path(), &args).status.code(), Some(1), "{bad:?}");
    }

    let mut child = Command::new(env!("CARGO_BIN_EXE_codehub"))
        .args(["serve", "--http", "127.0.0.1:0", "--auth"])
        .current_dir(dir.path())
        .env_remove("CODEHUB_STATE_DIR")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr: SocketAddr = loop {
        let line = lines.next().expect("serve ended before announcing HTTP").unwrap();
        if let Some(rest) = line.strip_prefix("codehub: HTTP and WebSocket on http://") {
            break rest.split(' ').next().unwrap().parse().unwrap();
        }
    };
    let (status, _) = get(addr, "/v1/status", None);
    assert_eq!(status, 401);
    let (status, body) = get(addr, "/v1/nodes/a.py::g/callers", Some(&token));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("a.py::f"), "{body}");
    assert!(codehub(dir.path(), &["stop"]).status.success());
    assert!(child.wait().unwrap().success());
}

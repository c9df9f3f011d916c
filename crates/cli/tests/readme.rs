//! The README's examples work: every `codehub ...` line of the "Using it" block runs
//! (without a daemon, then through one), and every HTTP route the README documents
//! answers, against a small fixture repository. README.md is parsed when the test
//! runs, so a documented command or route that errors fails here.
//!
//! Placeholders in the README (`NODE`, `NAME`, `[PATH]`, ...) are filled from the
//! table in [`fill`]; a new placeholder fails until the table knows it.

mod common;
mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn readme() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of the section under `## {title}`, up to the next `## `.
fn section<'a>(text: &'a str, title: &str) -> &'a str {
    let head = format!("\n## {title}\n");
    let start = text.find(&head).unwrap_or_else(|| panic!("README has no section {title:?}"));
    let body = &text[start + head.len()..];
    &body[..body.find("\n## ").unwrap_or(body.len())]
}

/// The lines of the first ```sh block of `section`.
fn first_sh_block(section: &str) -> Vec<&str> {
    let start = section.find("```sh\n").expect("a ```sh block") + "```sh\n".len();
    let block = &section[start..];
    block[..block.find("```").expect("the block ends")].lines().collect()
}

/// Shell words of a command line, without its `# comment`; quotes group words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quote, mut in_word) = (None, false);
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '#') if !in_word => break,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                }
                in_word = false;
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// A documented argument with its placeholder filled: `None` to leave it out
/// (`[PATH]`: optional).
fn fill(word: &str) -> Option<String> {
    if word.starts_with('[') && word.ends_with(']') {
        return None;
    }
    let value = match word.trim_end_matches("...") {
        "NODE" | "NAME" | "QUERY" => "helper",
        "PATH" => ".",
        "N" => "2",
        "GLOB" => "pkg/**",
        "SCRIPT" => "size",
        other => {
            let placeholder = other.len() > 1
                && other.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                || other.starts_with('$');
            assert!(!placeholder, "README placeholder {other} has no fixture value in readme.rs");
            other
        }
    };
    Some(value.to_owned())
}

/// The "Using it" block as argument lists (without the leading `codehub`).
fn using_it() -> Vec<Vec<String>> {
    let text = readme();
    let lines = first_sh_block(section(&text, "Using it"));
    let commands: Vec<Vec<String>> = lines
        .iter()
        .map(|l| words(l))
        .filter(|w| w.first().map(String::as_str) == Some("codehub"))
        .map(|w| w[1..].iter().filter_map(|a| fill(a)).collect())
        .collect();
    assert!(commands.len() >= 5, "the block lists commands: {lines:?}");
    commands
}

fn fixture(root: &Path) {
    common::write(root, "pkg/__init__.py", "");
    common::write(
        root,
        "pkg/a.py",
        "def helper(line):\n    \"\"\"Parse a header line.\"\"\"\n    return line.split(':')\n\n\n\
         def run(lines):\n    return [helper(l) for l in lines]\n",
    );
    common::write(
        root,
        "tests/test_a.py",
        "from pkg.a import helper\n\n\ndef test_helper():\n    assert helper('a: b') == ['a', ' b']\n",
    );
    // An update script, for `codehub script try`.
    common::write(root, ".codehub/scripts/size.py", "set('lines', target['line_count'])\n");
    // A git repository, as `codehub impact` diffs one.
    for args in [&["init", "-q"][..], &["add", "."], &["commit", "-q", "-m", "start"]] {
        common::git(root, args);
    }
}

/// Runs `codehub ARGS` in `root` as a user would: no CODEHUB_* from the test's
/// environment, a HOME of its own (nothing outside the fixture is touched).
fn codehub(root: &Path, home: &Path, args: &[String], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_codehub"));
    cmd.args(args).current_dir(root).env("HOME", home);
    for (key, _) in std::env::vars() {
        if key.starts_with("CODEHUB_") {
            cmd.env_remove(key);
        }
    }
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut input, stdin.as_bytes()).unwrap();
    drop(input);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    rx.recv_timeout(Duration::from_secs(120))
        .unwrap_or_else(|_| panic!("codehub {args:?} did not finish in 120 s"))
}

fn check(out: &Output, args: &[String]) {
    assert!(
        out.status.success(),
        "README command `codehub {}` failed ({}):\n{}{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Commands that hold the terminal or need a daemon: run in their own way.
fn special(args: &[String]) -> Option<&str> {
    match args.first().map(String::as_str) {
        // `mcp install` is an ordinary command; bare `mcp` is the stdio server.
        Some("mcp") if args.get(1).is_some_and(|a| a == "install") => None,
        Some(c @ ("serve" | "stop" | "mcp")) => Some(c),
        _ => None,
    }
}

const MCP_INITIALIZE: &str = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"readme\",\"version\":\"0\"}}}\n";

#[test]
fn every_command_of_the_using_it_block_runs() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let root = dir.path();
    fixture(root);
    let commands = using_it();
    // Without a daemon: the index read directly.
    for args in commands.iter().filter(|a| special(a).is_none()) {
        check(&codehub(root, home.path(), args, ""), args);
    }
    // `codehub serve` as documented (plus HTTP, for the routes), then everything
    // again through it, then `codehub stop` as documented.
    let serve = commands.iter().find(|a| special(a) == Some("serve")).expect("serve is documented");
    let mut serve_args: Vec<&str> = serve.iter().map(String::as_str).collect();
    serve_args.extend(["--http", "127.0.0.1:0"]);
    let daemon =
        support::Daemon::start_with(root, &serve_args, &[("HOME", home.path().to_str().unwrap())]);
    for args in commands.iter().filter(|a| special(a).is_none()) {
        let out = codehub(root, home.path(), args, "");
        check(&out, args);
    }
    for args in commands.iter().filter(|a| special(a) == Some("mcp")) {
        let out = codehub(root, home.path(), args, MCP_INITIALIZE);
        check(&out, args);
        let answer = String::from_utf8_lossy(&out.stdout);
        assert!(answer.contains("\"result\"") && answer.contains("\"id\":1"), "{answer}");
    }
    let stop = commands.iter().find(|a| special(a) == Some("stop")).expect("stop is documented");
    check(&codehub(root, home.path(), stop, ""), stop);
    assert!(daemon.wait(), "the daemon stopped cleanly");
}

/// The routes the README's HTTP section documents, as (method, path) with `{id}` and
/// query values filled in.
fn documented_routes() -> Vec<(String, String)> {
    let text = readme();
    let http = section(&text, "HTTP and WebSocket");
    let mut routes = Vec::new();
    // The curl examples.
    for word in http.split_whitespace() {
        if let Some(i) = word.find("localhost:") {
            let rest = &word[i..];
            if let Some(slash) = rest.find('/') {
                routes.push(("GET".to_owned(), rest[slash..].to_owned()));
            }
        }
    }
    // The `Routes:` paragraph: `POST /rpc`, `GET /v1/nodes/{id}`, relative `/callers`,
    // and query groups (`?depth=&limit=`) that apply to the routes since the last one.
    let paragraph = &http[http.find("Routes:").expect("a Routes: paragraph")..];
    let paragraph = &paragraph[..paragraph.find("\n\n").unwrap_or(paragraph.len())];
    let mut group: Vec<usize> = Vec::new();
    let mut base: Option<String> = None;
    for (i, span) in paragraph.split('`').enumerate() {
        if i % 2 == 0 {
            continue;
        }
        let span = span.trim();
        if let Some(query) = span.strip_prefix('?') {
            for &r in &group {
                let (verb, path) = routes[r].clone();
                routes.push((verb, format!("{path}?{query}")));
            }
            group.clear();
            continue;
        }
        let (verb, path) = match span.split_once(' ') {
            Some((verb @ ("GET" | "POST"), path)) => (verb.to_owned(), path.to_owned()),
            _ if span.starts_with('/') => ("GET".to_owned(), span.to_owned()),
            _ => continue,
        };
        let single = path.trim_start_matches('/').split(['/', '?']).count() == 1;
        let path = match &base {
            // `/callees` after `/v1/nodes/{id}/callers`: a sibling of it.
            Some(base) if single && !path.contains('?') => {
                group.push(routes.len());
                format!("{base}{path}")
            }
            _ => {
                group = vec![routes.len()];
                path
            }
        };
        if let Some(at) = path.find("{id}/") {
            base = Some(path[..at + "{id}".len()].to_owned());
        } else if !path.contains("{id}") {
            base = None;
        }
        routes.push((verb, path));
    }
    assert!(routes.len() >= 8, "{routes:?}");
    routes
}

#[test]
fn every_documented_http_route_answers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fixture(root);
    assert!(common::codehub(root, &["index"]).status.success());
    let daemon = support::Daemon::start(root, &[]);
    for (verb, route) in documented_routes() {
        let (path, query) = route.split_once('?').unwrap_or((&route, ""));
        let path = path.replace("{id}", "pkg/a.py::helper");
        // Empty query values get fixture values; a cursor is taken from a first page.
        let mut params: Vec<(String, String)> = Vec::new();
        let mut wants_cursor = false;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match (key, value) {
                ("cursor", "") => wants_cursor = true,
                (key, "") => params.push((key.to_owned(), fill_query(key))),
                (key, value) => params.push((key.to_owned(), value.to_owned())),
            }
        }
        let url = |params: &[(String, String)]| {
            let q: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            if q.is_empty() {
                path.clone()
            } else {
                format!("{path}?{}", q.join("&"))
            }
        };
        let (status, body) = match (verb.as_str(), path.as_str()) {
            ("POST", "/rpc") => {
                daemon.http("POST", "/rpc", r#"{"jsonrpc":"2.0","id":1,"method":"health"}"#)
            }
            (_, "/ws") => websocket_status(&daemon),
            _ => daemon.get(&url(&params)),
        };
        let expected = if path == "/ws" { 101 } else { 200 };
        assert_eq!(status, expected, "README route {verb} {route} ({}): {body}", url(&params));
        if wants_cursor {
            let v: serde_json::Value = serde_json::from_str(&body).unwrap();
            if let Some(next) = v["next_cursor"].as_str() {
                params.push(("cursor".to_owned(), next.to_owned()));
                let (status, body) = daemon.get(&url(&params));
                assert_eq!(status, 200, "README route {route} with a cursor: {body}");
            }
        }
    }
    daemon.stop();
}

/// A value for an empty documented query parameter (`?q=`, `?limit=`).
fn fill_query(key: &str) -> String {
    match key {
        "q" => "helper",
        "depth" => "2",
        "limit" => "1",
        "possible" => "true",
        other => panic!("README query parameter {other} has no fixture value in readme.rs"),
    }
    .to_owned()
}

/// The status of a WebSocket upgrade of `/ws`.
fn websocket_status(daemon: &support::Daemon) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(daemon.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = format!(
        "GET /ws HTTP/1.1\r\nhost: {}\r\nupgrade: websocket\r\nconnection: Upgrade\r\n\
         sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n",
        daemon.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut buf = [0u8; 256];
    let n = stream.read(&mut buf).unwrap();
    let reply = String::from_utf8_lossy(&buf[..n]).into_owned();
    let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, reply)
}

#[test]
fn the_readme_parser_reads_what_it_should() {
    assert_eq!(
        words(r#"codehub search "parse header"   # full-text"#),
        ["codehub", "search", "parse header"]
    );
    assert_eq!(fill("[PATH]"), None);
    assert_eq!(fill("NODE...").as_deref(), Some("helper"));
    assert_eq!(fill("--depth").as_deref(), Some("--depth"));
}

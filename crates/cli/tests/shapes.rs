//! One set of shapes: `codehub --json` prints a method's JSON-RPC result exactly as
//! the socket and HTTP carry it (from the daemon or read from the index), errors in
//! the JSON-RPC error object's shape everywhere, `--limit`/`--cursor` paging with the
//! next cursor shown, and `path:line:` locations, coloured only when asked.

mod common;
mod support;

use common::{codehub, stderr, stdout, write};
use support::Daemon;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "pkg/core.py",
        "def helper(x):\n    \"\"\"Add one.\"\"\"\n    return x + 1\n\n\ndef run(x):\n    return helper(x)\n\n\nclass Engine:\n    def start(self):\n        return run(1)\n\n    def stop(self):\n        return helper(0)\n",
    );
    write(
        root,
        "tests/test_core.py",
        "from pkg.core import helper, run\n\n\ndef test_helper():\n    assert helper(1) == 2\n\n\ndef test_helper_again():\n    assert helper(2) == 3\n\n\ndef test_run():\n    assert run(1) == 2\n",
    );
    assert!(codehub(root, &["index"]).status.success());
    dir
}

/// `codehub --json ARGS`: its stdout without the final newline, and the exit code.
fn cli_json(root: &std::path::Path, args: &[&str]) -> (String, Option<i32>) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = codehub(root, &all);
    let text = stdout(&out);
    assert!(text.ends_with('\n') && text.matches('\n').count() == 1, "one line: {text:?}");
    (text.trim_end().to_owned(), out.status.code())
}

/// Each command, and the method call it stands for (params as the CLI sends them).
const COMMANDS: &[(&[&str], &str, &str)] = &[
    (&["find", "helper"], "nodes.find", r#"{"name":"helper","limit":50}"#),
    (&["show", "helper"], "nodes.get", r#"{"node":"helper"}"#),
    (&["callers", "helper"], "graph.callers", r#"{"node":"helper","depth":1,"limit":1000}"#),
    (
        &["callees", "Engine.start", "--depth", "2"],
        "graph.callees",
        r#"{"node":"Engine.start","depth":2,"limit":1000}"#,
    ),
    (&["tests", "helper"], "graph.tests", r#"{"node":"helper","limit":100}"#),
    (&["search", "add one"], "search.text", r#"{"query":"add one","limit":20}"#),
    (
        &["context", "run", "--budget", "300"],
        "context.pack",
        r#"{"nodes":["run"],"budget":300,"encoding":"o200k_base"}"#,
    ),
    (&["sync"], "sync", "{}"),
];

#[test]
fn cli_json_is_the_socket_and_http_result_byte_for_byte() {
    let dir = fixture();
    let root = dir.path();
    let daemon = Daemon::start(root, &[]);
    let mut from_socket = Vec::new();
    for (args, method, params) in COMMANDS {
        let (cli, code) = cli_json(root, args);
        assert_eq!(code, Some(0), "{args:?}: {cli}");
        let (ok, socket) = daemon.socket(method, params);
        assert!(ok, "{method}: {socket}");
        assert_eq!(cli, socket, "{args:?}: CLI --json and the socket's result differ");
        let (ok, http) = daemon.rpc(method, params);
        assert!(ok, "{method}: {http}");
        assert_eq!(cli, http, "{args:?}: CLI --json and POST /rpc's result differ");
        assert!(cli.contains(r#""source":"daemon""#), "{cli}");
        from_socket.push((args, socket));
    }
    // REST routes answer the same bytes.
    for (route, args) in [
        ("/v1/nodes/helper", &["show", "helper"][..]),
        ("/v1/nodes/helper/callers?limit=1000", &["callers", "helper"][..]),
        ("/v1/nodes/helper/tests?limit=100", &["tests", "helper"][..]),
        ("/v1/search?q=add%20one&limit=20", &["search", "add one"][..]),
    ] {
        let (status, body) = daemon.get(route);
        assert_eq!(status, 200, "{route}: {body}");
        assert_eq!(body, cli_json(root, args).0, "{route}");
    }
    // `status` carries the daemon's uptime and its metrics (the `status` call itself
    // is counted), which move between two calls: the rest is the same document.
    let (cli, _) = cli_json(root, &["status"]);
    let (_, socket) = daemon.socket("status", "{}");
    let strip = |text: &str| {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["daemon"]["uptime_s"] = 0.into();
        v["daemon"]["metrics"] = serde_json::Value::Null;
        v
    };
    assert_eq!(strip(&cli), strip(&socket));
    daemon.stop();

    // Read directly from the index: the same serialisation, only `source` differs.
    for (args, socket) in from_socket {
        let (cli, code) = cli_json(root, args);
        assert_eq!(code, Some(0), "{args:?}: {cli}");
        let expected = socket.replace(r#""source":"daemon""#, r#""source":"store""#);
        assert_eq!(cli, expected, "{args:?} without a daemon");
    }
}

#[test]
fn errors_have_the_json_rpc_error_shape_everywhere() {
    let dir = fixture();
    let root = dir.path();
    write(root, "pkg/other.py", "def helper():\n    return 0\n");
    assert!(codehub(root, &["index"]).status.success());
    let daemon = Daemon::start(root, &[]);
    for (args, method, params) in [
        (&["show", "nosuch"][..], "nodes.get", r#"{"node":"nosuch"}"#),
        (
            &["callers", "helper"][..],
            "graph.callers",
            r#"{"node":"helper","depth":1,"limit":1000}"#,
        ),
        (&["search", "!!"][..], "search.text", r#"{"query":"!!","limit":20}"#),
    ] {
        let (cli, code) = cli_json(root, args);
        assert_eq!(code, Some(1), "{args:?}");
        let (ok, socket) = daemon.socket(method, params);
        assert!(!ok);
        assert_eq!(cli, format!("{{\"error\":{socket}}}"), "{args:?}");
        let v: serde_json::Value = serde_json::from_str(&cli).unwrap();
        assert!(v["error"]["code"].is_i64() && v["error"]["message"].is_string(), "{v}");
        assert!(v["error"]["data"]["kind"].is_string(), "{v}");
    }
    // The REST error body is the same document (its members in another order).
    let (status, body) = daemon.get("/v1/nodes/nosuch");
    assert_eq!(status, 404);
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(parse(&body), parse(&cli_json(root, &["show", "nosuch"]).0));
    let (ambiguous, _) = cli_json(root, &["callers", "helper"]);
    let v: serde_json::Value = serde_json::from_str(&ambiguous).unwrap();
    assert_eq!(v["error"]["data"]["kind"], "ambiguous");
    assert_eq!(v["error"]["data"]["candidates"].as_array().unwrap().len(), 2);
    daemon.stop();

    // Without a daemon, and for failures that are not a method's: the same shape.
    let (cli, code) = cli_json(root, &["show", "nosuch"]);
    assert_eq!(code, Some(1));
    assert!(cli.starts_with(r#"{"error":{"code":-32001,"message":"#), "{cli}");
    let empty = tempfile::tempdir().unwrap();
    let (cli, code) = cli_json(empty.path(), &["status"]);
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&cli).unwrap();
    assert_eq!(v["error"]["data"]["kind"], "not_found", "no index: {v}");
    let (cli, code) = cli_json(root, &["callers", "--depth", "x", "run"]);
    assert_eq!(code, Some(2), "usage errors keep exit code 2");
    let v: serde_json::Value = serde_json::from_str(&cli).unwrap();
    assert_eq!(v["error"]["data"]["kind"], "invalid_params", "{v}");
}

#[test]
fn listing_commands_page_with_limit_and_cursor() {
    let dir = fixture();
    let root = dir.path();
    for (args, list) in [
        (&["tests", "helper"][..], "tests"),
        (&["callers", "helper"][..], "reached"),
        (&["find", "test_"][..], "nodes"),
        (&["search", "helper"][..], "hits"),
    ] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut page_args = args.to_vec();
            page_args.extend(["--limit", "1"]);
            if let Some(c) = &cursor {
                page_args.extend(["--cursor", c.as_str()]);
            }
            let (json, code) = cli_json(root, &page_args);
            assert_eq!(code, Some(0), "{page_args:?}: {json}");
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert!(v[list].as_array().unwrap().len() <= 1, "{v}");
            seen.extend(v[list].as_array().unwrap().iter().cloned());
            // Human output says how to get the next page.
            let human = codehub(root, &page_args);
            match v["next_cursor"].as_str() {
                Some(next) => {
                    assert!(
                        stderr(&human).contains(&format!("--cursor {next}")),
                        "{}",
                        stderr(&human)
                    );
                    cursor = Some(next.to_owned());
                }
                None => {
                    assert!(!stderr(&human).contains("--cursor"), "{}", stderr(&human));
                    break;
                }
            }
        }
        assert!(seen.len() >= 2, "{args:?}: more than one page: {seen:?}");
        let (whole, _) = cli_json(root, args);
        let v: serde_json::Value = serde_json::from_str(&whole).unwrap();
        assert_eq!(v[list].as_array().unwrap(), &seen, "{args:?}: the pages make up the whole");
    }
}

#[test]
fn human_output_has_path_line_locations_and_colour_only_when_asked() {
    let dir = fixture();
    let root = dir.path();
    let out = codehub(root, &["find", "helper"]);
    assert_eq!(
        stdout(&out).lines().next().unwrap(),
        "pkg/core.py:1: helper  function  def helper(x)"
    );
    let out = codehub(root, &["tests", "helper"]);
    let text = stdout(&out);
    assert!(text.contains("tests/test_core.py:4: test_helper\n"), "{text}");
    let out = codehub(root, &["callers", "helper"]);
    assert!(stdout(&out).contains("pkg/core.py:7: run  (exact)"), "{}", stdout(&out));
    let out = codehub(root, &["callees", "run"]);
    assert!(stdout(&out).contains("pkg/core.py:7: pkg/core.py::helper"), "{}", stdout(&out));
    let out = codehub(root, &["show", "run"]);
    assert!(
        stdout(&out).starts_with("pkg/core.py:6: function pkg/core.py::run\n"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains('\x1b'), "no colour into a pipe");

    let forced = std::process::Command::new(env!("CARGO_BIN_EXE_codehub"))
        .args(["find", "helper"])
        .current_dir(root)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    let coloured = stdout(&forced);
    assert!(coloured.contains("\x1b[35mpkg/core.py\x1b[0m:\x1b[32m1\x1b[0m:"), "{coloured:?}");
    let plain = std::process::Command::new(env!("CARGO_BIN_EXE_codehub"))
        .args(["--json", "find", "helper"])
        .current_dir(root)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!stdout(&plain).contains('\x1b'), "never colour in --json");
}

#[test]
fn the_tests_route_takes_limit_and_cursor_and_refuses_depth() {
    let dir = fixture();
    let daemon = Daemon::start(dir.path(), &[]);
    let (status, body) = daemon.get("/v1/nodes/helper/tests?limit=1");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["tests"].as_array().unwrap().len(), 1);
    let next = v["next_cursor"].as_str().expect("a second page").to_owned();
    let (status, body) = daemon.get(&format!("/v1/nodes/helper/tests?limit=1&cursor={next}"));
    assert_eq!(status, 200, "{body}");
    let second: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_ne!(second["tests"], v["tests"]);
    let (status, body) = daemon.get("/v1/nodes/helper/tests?depth=2");
    assert_eq!(status, 400, "tests have no depth: {body}");
    assert!(body.contains("invalid_params"), "{body}");
    daemon.stop();
}

/// `codehub ARGS` on a pseudo-terminal (util-linux `script`), with `envs`.
fn on_a_terminal(root: &std::path::Path, args: &str, envs: &[(&str, &str)]) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_codehub"));
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm")
        .envs(envs.iter().copied())
        .output()
        .expect("util-linux `script` runs the CLI on a pseudo-terminal");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let dir = fixture();
    let root = dir.path();
    let coloured = on_a_terminal(root, "find helper", &[]);
    assert!(coloured.contains("\x1b[35mpkg/core.py\x1b[0m"), "{coloured:?}");
    let plain = on_a_terminal(root, "find helper", &[("NO_COLOR", "1")]);
    assert!(plain.contains("pkg/core.py:1: helper"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "NO_COLOR: {plain:?}");
}

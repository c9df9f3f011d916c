//! Configuration end to end: flags > `CODEHUB_*` environment > `codehub.toml` >
//! defaults (as `codehub config` reports them), unknown keys refused with file and
//! line, include/exclude globs changing what the index and the daemon take in, and
//! the log filter.

mod common;
mod support;

use common::{stderr, stdout, write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// `codehub ARGS` in `root` with exactly `envs` of the `CODEHUB_*` variables.
fn run(root: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_codehub"));
    cmd.args(args).current_dir(root);
    for (key, _) in std::env::vars() {
        if key.starts_with("CODEHUB_") {
            cmd.env_remove(key);
        }
    }
    cmd.envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Bounded: a `serve` that should have refused to start must not hang the test.
    let child = cmd.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        panic!("codehub {args:?} did not end within 60 s")
    })
}

fn config(root: &Path, args: &[&str], envs: &[(&str, &str)]) -> serde_json::Value {
    let mut all = vec!["--json", "config"];
    all.extend_from_slice(args);
    let out = run(root, &all, envs);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn flags_beat_the_environment_which_beats_codehub_toml_which_beats_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "codehub.toml",
        "workers = 3\nqueue_bound = 7\nmax_file_size = 1000\nexclude = [\"gen\"]\ndebounce_ms = 25\n",
    );
    let envs = [("CODEHUB_WORKERS", "5"), ("CODEHUB_QUEUE_BOUND", "8")];
    let v = config(root, &["--workers", "9"], &envs);
    let s = &v["settings"];
    let toml = root.canonicalize().unwrap().join("codehub.toml");
    assert_eq!(v["file"], toml.to_str().unwrap());
    assert_eq!(s["workers"]["value"], 9);
    assert_eq!(s["workers"]["source"], "flag");
    assert_eq!(s["workers"]["from"], "--workers");
    assert_eq!(s["queue_bound"]["value"], 8);
    assert_eq!(s["queue_bound"]["source"], "env");
    assert_eq!(s["queue_bound"]["from"], "CODEHUB_QUEUE_BOUND");
    assert_eq!(s["max_file_size"]["value"], 1000);
    assert_eq!(s["max_file_size"]["source"], "file");
    assert_eq!(s["exclude"]["value"], serde_json::json!(["gen"]));
    assert_eq!(s["settle_ms"]["value"], 50);
    assert_eq!(s["settle_ms"]["source"], "default");
    assert_eq!(s["debounce_ms"]["value"], 25);
    assert_eq!(s["debounce_ms"]["source"], "file");
    assert_eq!(s["http"]["value"], serde_json::Value::Null);
    // Take away the flag, then the variable: the next layer shows through.
    assert_eq!(config(root, &[], &envs)["settings"]["workers"]["value"], 5);
    let v = config(root, &[], &[]);
    assert_eq!(v["settings"]["workers"]["value"], 3);
    assert_eq!(v["settings"]["workers"]["source"], "file");
    // Booleans and addresses go through the same layers.
    write(root, "codehub.toml", "http = \"127.0.0.1:7878\"\nauth = true\n");
    let v = config(root, &[], &[("CODEHUB_AUTH", "false")]);
    assert_eq!(v["settings"]["auth"]["value"], false);
    assert_eq!(v["settings"]["http"]["value"], "127.0.0.1:7878");
    assert_eq!(
        config(root, &["--auth=false", "--include-vendored"], &[])["settings"]["auth"]["value"],
        false
    );
    // The text form names each origin.
    let out = run(root, &["config", "--settle-ms", "20"], &[("CODEHUB_WORKERS", "2")]);
    let text = stdout(&out);
    assert!(text.contains("flag --settle-ms"), "{text}");
    assert!(text.contains("env CODEHUB_WORKERS"), "{text}");
    assert!(text.contains("codehub.toml"), "{text}");
    assert!(text.contains("default"), "{text}");
}

#[test]
fn unknown_keys_in_codehub_toml_are_errors_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", "def f():\n    pass\n");
    write(root, "codehub.toml", "workers = 2\n\nwokers = 3\n");
    for args in [&["config"][..], &["index"][..]] {
        let out = run(root, args, &[]);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("codehub.toml:3:"), "file and line: {err}");
        assert!(err.contains("wokers"), "the key: {err}");
    }
    assert!(!root.join(".codehub").exists(), "nothing was indexed");
    write(root, "codehub.toml", "workers = \"many\"\n");
    let err = stderr(&run(root, &["config"], &[]));
    assert!(err.contains("codehub.toml:1:") && err.contains("workers"), "{err}");
    // Daemon settings are checked by the daemon's commands only.
    write(root, "codehub.toml", "auth = true\nqueue_bound = 0\n");
    assert_eq!(run(root, &["index"], &[]).status.code(), Some(0));
    assert!(stderr(&run(root, &["serve"], &[])).contains("queue_bound"));
    write(root, "codehub.toml", "auth = true\n");
    let serve = run(root, &["serve"], &[]);
    assert_eq!(serve.status.code(), Some(2), "auth without http: {}", stderr(&serve));
    write(root, "codehub.toml", "exclude = [\"a[\"]\n");
    let err = stderr(&run(root, &["index"], &[]));
    assert!(err.contains("a["), "a bad glob is named: {err}");
}

fn indexed(root: &Path) -> Vec<String> {
    let out = run(root, &["--json", "search", "fn", "--limit", "1000"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut paths: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

#[test]
fn include_and_exclude_globs_change_what_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for file in ["pkg/a.py", "pkg/gen/b.py", "scripts/c.py", "pkg/d_pb2.py"] {
        write(root, file, "def fn_here():\n    \"\"\"fn\"\"\"\n");
    }
    assert!(run(root, &["index"], &[]).status.success());
    assert_eq!(indexed(root), ["pkg/a.py", "pkg/d_pb2.py", "pkg/gen/b.py", "scripts/c.py"]);

    write(root, "codehub.toml", "exclude = [\"gen\", \"*_pb2.py\"]\n");
    assert!(run(root, &["index"], &[]).status.success());
    assert_eq!(indexed(root), ["pkg/a.py", "scripts/c.py"], "excluded files are removed");
    let out = run(root, &["index", "--include", "pkg/**"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(indexed(root), ["pkg/a.py"], "the flag's include and the file's exclude");

    // The daemon's path filter applies the same globs to changes.
    let daemon = support::Daemon::start(root, &[]);
    write(root, "pkg/gen/new.py", "def fn_new():\n    \"\"\"fn\"\"\"\n");
    write(root, "pkg/e.py", "def fn_e():\n    \"\"\"fn\"\"\"\n");
    assert!(daemon.socket("sync", "{}").0);
    assert_eq!(indexed(root), ["pkg/a.py", "pkg/e.py", "scripts/c.py"]);
    daemon.stop();
}

#[test]
fn the_log_filter_comes_from_flag_env_or_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", "def f():\n    pass\n");
    let quiet = run(root, &["index"], &[]);
    assert!(!stderr(&quiet).contains("store opened"), "{}", stderr(&quiet));
    let flag = run(root, &["--log", "debug", "index"], &[]);
    assert!(stderr(&flag).contains("store opened"), "{}", stderr(&flag));
    let env = run(root, &["index"], &[("CODEHUB_LOG", "index=debug")]);
    assert!(stderr(&env).contains("store opened"), "{}", stderr(&env));
    write(root, "codehub.toml", "log = \"debug\"\n");
    let file = run(root, &["index"], &[]);
    assert!(stderr(&file).contains("store opened"), "{}", stderr(&file));
    let bad = run(root, &["index"], &[("CODEHUB_LOG", "index=[")]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
}

fn docstring_outdated(root: &Path) -> bool {
    let out = run(root, &["--json", "show", "geo.py::area"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["node"]["docstring_outdated"]
        .as_bool()
        .unwrap_or_else(|| panic!("no docstring_outdated in {v}"))
}

/// Indexes `geo.py`, changes its function's signature (not its docstring) and
/// indexes again.
fn change_a_signature(root: &Path) {
    write(root, "geo.py", "def area(w):\n    \"\"\"The area.\"\"\"\n    return w * w\n");
    assert!(run(root, &["index"], &[]).status.success());
    write(root, "geo.py", "def area(w, h):\n    \"\"\"The area.\"\"\"\n    return w * h\n");
    let out = run(root, &["index"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn codehub_rules_lists_the_builtin_cascade_and_codehub_toml_turns_a_rule_off() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let listed = stdout(&run(root, &["rules"], &[]));
    for line in [
        "relink_dependents    always on",
        "docstring_outdated   on         on signature_changed for every node: docstring_outdated",
        "dependency_changed   on         on dependency_changed for every node",
    ] {
        assert!(listed.contains(line), "{line:?} in\n{listed}");
    }
    change_a_signature(root);
    assert!(docstring_outdated(root), "the built-in rule flags it");

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "codehub.toml",
        "[[rules]]\nname = \"docstring_outdated\"\nenabled = false\n\n[[rules]]\nname = \"api_docs\"\n\
         on = [\"body_changed\"]\nmatch = { path = \"api/**\", kind = \"function\" }\ndo = \"docstring_outdated\"\n",
    );
    let out = run(root, &["--json", "rules"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules[1]["name"], "docstring_outdated");
    assert_eq!(rules[1]["enabled"], false);
    assert_eq!(rules[3]["name"], "api_docs");
    assert_eq!(rules[3]["match"], "path=api/** kind=function");
    assert_eq!(rules[3]["source"], "codehub.toml");
    change_a_signature(root);
    assert!(!docstring_outdated(root), "the rule is off");
}

#[test]
fn a_rule_stated_wrongly_stops_the_commands_that_index_and_says_what_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", "def f():\n    pass\n");
    assert!(run(root, &["index"], &[]).status.success());
    write(
        root,
        "codehub.toml",
        "[[rules]]\nname = \"x\"\non = [\"saved\"]\ndo = \"docstring_outdated\"\n",
    );
    for args in [&["rules"][..], &["index"][..]] {
        let out = run(root, args, &[]);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(
                "codehub.toml: [[rules]]: rule `x`: unknown event `saved` (one of node_added,"
            ),
            "{err}"
        );
    }
    // Commands that only read the index are not stopped by it.
    let out = run(root, &["find", "f"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    write(root, "codehub.toml", "[[rules]]\nname = \"relink_dependents\"\nenabled = false\n");
    let err = stderr(&run(root, &["rules"], &[]));
    assert!(err.contains("keeps every edge true and cannot be turned off"), "{err}");
}

#[test]
fn update_scripts_set_custom_fields_that_show_find_and_status_answer() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", "def parse(t):\n    if t:\n        return 1\n    return 0\n\n\ndef run():\n    return parse(1)\n");
    write(root, "CODEOWNERS", "*.py @core\n");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let toml = std::fs::read_to_string(examples.join("codehub.toml")).unwrap().replace(
        "scripts = \"examples/scripts\"",
        &format!("scripts = {:?}", examples.join("scripts")),
    );
    write(root, "codehub.toml", &toml);
    let out = run(root, &["index"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = run(root, &["--json", "show", "app.py::parse"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["node"]["fields"],
        serde_json::json!({"risk": 8, "owners": ["@core"], "untested_api": true}),
        "complexity 2 x (1 + 1 caller), doubled untested"
    );
    let shown = String::from_utf8(run(root, &["show", "app.py::parse"], &[]).stdout).unwrap();
    assert!(shown.contains("    risk = 8"), "{shown}");

    let out = run(root, &["find", "--where", "risk>3"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let found = String::from_utf8(out.stdout).unwrap();
    assert!(found.contains("app.py:1: parse") && !found.contains(" run "), "{found}");
    let out = run(root, &["find", "--where", "risk>100"], &[]);
    assert_eq!(out.status.code(), Some(1), "nothing found");
    let out = run(root, &["find", "--where", ">3"], &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("expected FIELD"), "{}", stderr(&out));

    let status = String::from_utf8(run(root, &["status"], &[]).stdout).unwrap();
    assert!(status.contains("scripts:") && status.contains("risk"), "{status}");
    let listed = String::from_utf8(run(root, &["rules"], &[]).stdout).unwrap();
    assert!(listed.contains(": script risk"), "{listed}");

    // Trying a script on one node stores nothing.
    let out = run(root, &["script", "try", "risk", "parse"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tried = String::from_utf8(out.stdout).unwrap();
    assert!(tried.contains("risk on app.py::parse") && tried.contains("  risk = 8"), "{tried}");
    write(root, "scripts/broken.py", "raise ValueError('no')\n");
    let toml_with_dir = format!("scripts = {:?}\n", root.join("scripts"));
    std::fs::write(root.join("codehub.toml"), &toml_with_dir).unwrap();
    let out = run(root, &["script", "try", "broken", "app.py::parse"], &[]);
    assert_eq!(out.status.code(), Some(1), "a failed run");
    let tried = String::from_utf8(out.stdout).unwrap();
    assert!(tried.contains("note: broken: error: ValueError: no (line 1)"), "{tried}");
    write(root, "codehub.toml", &toml);

    // A rule whose script is missing stops indexing with the path it looked for.
    write(
        root,
        "codehub.toml",
        "[[rules]]\nname = \"x\"\non = [\"node_added\"]\nscript = \"nope\"\n",
    );
    let out = run(root, &["index"], &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("rule `x`: no script `nope`") && err.contains("nope.py"), "{err}");
}

#[test]
fn a_daemon_running_a_script_that_spins_keeps_serving_and_its_fields_stay_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", "def parse(t):\n    return t\n");
    write(root, ".codehub/scripts/lines.py", "set('lines', target['line_count'])\n");
    write(root, ".codehub/scripts/spin.py", "while True:\n    pass\n");
    write(
        root,
        "codehub.toml",
        "script_timeout_ms = 200\n\n\
         [[rules]]\nname = \"lines\"\non = [\"node_added\", \"body_changed\"]\n\
         match = { kind = \"function\" }\nscript = \"lines\"\n\n\
         [[rules]]\nname = \"spin\"\non = [\"node_added\", \"body_changed\"]\n\
         match = { name = \"^parse$\" }\nscript = \"spin\"\n",
    );
    let daemon = support::Daemon::start(root, &[]);
    let node = |daemon: &support::Daemon| -> serde_json::Value {
        let (ok, reply) = daemon.socket("nodes.get", r#"{"node": "app.py::parse", "sync": true}"#);
        assert!(ok, "{reply}");
        serde_json::from_str::<serde_json::Value>(&reply).unwrap()["node"].clone()
    };
    let first = node(&daemon);
    assert_eq!(first["fields"], serde_json::json!({"lines": 2}));
    let notes = first["notes"].to_string();
    assert!(notes.contains("spin: error: TimeoutError"), "{notes}");

    // An edit commits, the script's field follows it, and every interface answers.
    write(root, "app.py", "def parse(t):\n    t = t.strip()\n    return t\n");
    let (ok, reply) = daemon.socket("sync", "{}");
    assert!(ok, "{reply}");
    assert_eq!(node(&daemon)["fields"], serde_json::json!({"lines": 3}));
    let (status, body) = daemon.get("/v1/nodes/app.py::parse");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""fields":{"lines":3}"#), "{body}");
    let (status, metrics) = daemon.get("/metrics");
    assert_eq!(status, 200);
    assert!(metrics.contains(r#"codehub_script_limit_hits{script="spin"} 2"#), "{metrics}");
    assert!(metrics.contains(r#"codehub_script_runs{script="lines"}"#), "{metrics}");
}

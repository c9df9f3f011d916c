//! How `codehub` behaves inside a user's shell and repository: a closed pipe ends it
//! quietly with exit 0 (as ripgrep does), and its state directory keeps itself out
//! of `git status`.

mod common;

use common::{codehub, stderr, write};
use std::path::Path;
use std::process::{Command, Stdio};

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pkg/__init__.py", "");
    let mut util = String::from("def helper(x):\n    return x + 1\n");
    for i in 0..50 {
        util.push_str(&format!("\n\ndef user_{i}():\n    return helper({i})\n"));
    }
    write(dir.path(), "pkg/util.py", &util);
    dir
}

/// Runs `codehub ARGS` in `cwd` with stdout a pipe whose reading end is already
/// closed, as after `codehub ... | head -c1` once head has exited: every write fails
/// with EPIPE, whatever the size of the output.
fn into_closed_pipe(cwd: &Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_codehub"))
        .args(args)
        .current_dir(cwd)
        .env_remove("CODEHUB_STATE_DIR")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

// Regression: `codehub find x --json | head -c1` exited 1 with "codehub: Broken pipe
// (os error 32)": serde_json's error did not count as a closed pipe.
#[test]
fn a_closed_pipe_exits_0_without_an_error_json_or_text() {
    let dir = fixture();
    assert!(codehub(dir.path(), &["index"]).status.success());
    for args in [
        &["find", "helper", "--json"][..],
        &["find", "helper"],
        &["callers", "helper", "--json"],
        &["callers", "helper"],
        &["search", "helper", "--json"],
        &["status", "--json"],
        &["context", "helper", "--json"],
        &["context", "helper"],
    ] {
        let out = into_closed_pipe(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "codehub {args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "codehub {args:?} printed to stderr");
    }
}

#[test]
fn a_closed_pipe_does_not_hide_a_real_failure() {
    let dir = fixture();
    assert!(codehub(dir.path(), &["index"]).status.success());
    let out = into_closed_pipe(dir.path(), &["show", "no_such_node"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").args(args).current_dir(dir).output().expect("running git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn git_status_does_not_list_the_state_dir() {
    let dir = fixture();
    git(dir.path(), &["init", "--quiet"]);
    let out = codehub(dir.path(), &["index"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join(".codehub/index.db").is_file());
    let ignore = std::fs::read_to_string(dir.path().join(".codehub/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/*"), "{ignore:?}");
    // Update scripts are the project's: git sees them.
    std::fs::create_dir_all(dir.path().join(".codehub/scripts")).unwrap();
    std::fs::write(dir.path().join(".codehub/scripts/risk.py"), "set('risk', 1)\n").unwrap();

    let status = git(dir.path(), &["status", "--porcelain", "--untracked-files=all"]);
    assert!(status.contains("pkg/util.py"), "git sees the project: {status}");
    let listed: Vec<&str> = status.lines().filter(|l| l.contains(".codehub")).collect();
    assert_eq!(listed, ["?? .codehub/scripts/risk.py"], "git lists the state dir: {status}");
    // The index itself does not take the .gitignore for source.
    let found = codehub(dir.path(), &["find", "helper"]);
    assert!(found.status.success(), "{}", stderr(&found));
}

#[test]
fn an_existing_directory_named_by_state_dir_gets_no_gitignore() {
    let dir = fixture();
    let mine = tempfile::tempdir().unwrap();
    write(mine.path(), "notes.txt", "mine\n");
    let state = mine.path().to_str().unwrap();
    for _ in 0..2 {
        let out = codehub(dir.path(), &["--state-dir", state, "index"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(mine.path().join("index.db").is_file());
    assert!(
        !mine.path().join(".gitignore").exists(),
        "codehub wrote into a directory it did not make"
    );

    let fresh = mine.path().join("new-state");
    let out = codehub(dir.path(), &["--state-dir", fresh.to_str().unwrap(), "index"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fresh.join(".gitignore").is_file(), "a state dir codehub made ignores itself");
}

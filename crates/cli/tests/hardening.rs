//! Regressions of issue 17 through the `codehub` binary: `sync --timeout`, a daemon
//! whose root is deleted, and a directory the daemon may not read.

mod common;

use common::{codehub, write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_codehub")
}

/// `codehub ARGS` in `cwd` as `uid` (ourselves when `None`).
fn codehub_as(uid: Option<u32>, cwd: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(bin());
    command.args(args).current_dir(cwd).env_remove("CODEHUB_STATE_DIR");
    if let Some(uid) = uid {
        command.uid(uid).gid(uid);
    }
    command.output().unwrap()
}

/// A `codehub serve` child, killed if the test ends without it having stopped.
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `codehub serve` in `root` as `uid` and waits until its `sync` answers.
fn serve_as(uid: Option<u32>, root: &Path) -> Serve {
    let mut command = Command::new(bin());
    command
        .arg("serve")
        .current_dir(root)
        .env_remove("CODEHUB_STATE_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(uid) = uid {
        command.uid(uid).gid(uid);
    }
    let child = Serve(command.spawn().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let out = codehub_as(uid, root, &["--json", "sync"]);
        if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("\"daemon\"") {
            return child;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the daemon did not come up");
}

fn wait_exit(serve: &mut Serve, within: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Some(status) = serve.0.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn sync_timeout_waits_as_asked_and_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", "def main():\n    return 1\n");
    let mut serve = serve_as(None, root);
    for bad in ["0", "-1", "601", "nan"] {
        let out = codehub(root, &["sync", "--timeout", bad]);
        assert_eq!(out.status.code(), Some(2), "--timeout {bad}");
    }
    write(root, "app.py", "def main():\n    return 1\n\n\ndef later():\n    return 2\n");
    let out = codehub(root, &["--json", "sync", "--timeout", "60"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let synced: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(synced["source"], "daemon");
    let out = codehub(root, &["--json", "show", "later"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let _ = codehub(root, &["stop"]);
    let _ = wait_exit(&mut serve, Duration::from_secs(30));
}

#[test]
fn a_daemon_whose_root_is_deleted_stops_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    write(&root, "app.py", "def main():\n    return 1\n");
    let mut serve = serve_as(None, &root);
    std::fs::remove_dir_all(&root).unwrap();
    let exit = wait_exit(&mut serve, Duration::from_secs(30));
    let exit = exit.expect("the daemon kept running after its root was deleted");
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn an_unreadable_directory_is_skipped_and_the_rest_is_still_watched() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    write(&root, "app.py", "def main():\n    return 1\n");
    write(&root, "open/lib.py", "def lib():\n    return 2\n");
    write(&root, "locked/secret.py", "def secret():\n    return 3\n");
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    // Root reads everything: run the daemon as `nobody`, with the locked directory
    // left to root alone.
    let uid = as_root.then_some(65534u32);
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(dir.path(), 0o755).unwrap();
    if let Some(uid) = uid {
        for path in [&root, &root.join("app.py"), &root.join("open"), &root.join("open/lib.py")] {
            std::os::unix::fs::chown(path, Some(uid), Some(uid)).unwrap();
        }
    }
    mode(&root.join("locked"), if as_root { 0o700 } else { 0o000 }).unwrap();

    let mut serve = serve_as(uid, &root);
    let out = codehub_as(uid, &root, &["--json", "status"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["daemon"]["watch_mode"], "inotify", "{status}");
    let last_error = status["daemon"]["last_error"].as_str().unwrap_or("");
    assert!(last_error.contains("locked"), "the skipped directory is named: {status}");

    // Changes elsewhere are still seen by the watcher.
    write(&root, "open/more.py", "def more():\n    return 4\n");
    let out = codehub_as(uid, &root, &["sync"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = codehub_as(uid, &root, &["--json", "show", "open/more.py::more"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let _ = codehub_as(uid, &root, &["stop"]);
    let _ = wait_exit(&mut serve, Duration::from_secs(30));
    mode(&root.join("locked"), 0o755).unwrap();
}

#[test]
fn a_context_pack_for_a_just_removed_node_is_not_found_never_an_empty_success() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let source = "def keep():\n    return gone()\n\n\ndef gone():\n    return 1\n";
    write(root, "a.py", source);
    write(root, "b.py", "def other():\n    return 2\n");
    let _serve = serve_as(None, root);
    // The pack races the daemon's commit of the removal: whichever wins, the answer
    // is the node with its context, or not_found; never a pack without its seed.
    for _ in 0..5 {
        write(root, "a.py", source);
        assert!(codehub(root, &["sync"]).status.success());
        std::fs::remove_file(root.join("a.py")).unwrap();
        let out = codehub(root, &["--json", "context", "a.py::gone"]);
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if out.status.success() {
            assert_eq!(answer["included"][0]["id"], "a.py::gone", "{answer}");
        } else {
            assert_eq!(answer["error"]["data"]["kind"], "not_found", "{answer}");
        }
    }
    let _ = codehub(root, &["stop"]);
}

#[test]
fn sync_without_a_daemon_indexes_what_changed_since_the_last_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", "def first():\n    return 1\n");
    assert!(codehub(root, &["index"]).status.success());
    write(root, "b.py", "def second():\n    return 2\n");
    let out = codehub(root, &["--json", "sync"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let found = codehub(root, &["--json", "find", "second"]);
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(found["nodes"][0]["id"], "b.py::second", "sync succeeded on a stale index");
}

#[test]
fn sync_fails_while_a_daemon_holds_the_index_without_answering() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", "def first():\n    return 1\n");
    assert!(codehub(root, &["index"]).status.success());
    // A daemon that has taken its lock but serves no socket yet (starting up).
    let lock = std::fs::File::create(root.join(".codehub/daemon.lock")).unwrap();
    lock.try_lock().unwrap();
    std::fs::write(root.join(".codehub/daemon.lock"), "4242").unwrap();
    write(root, "b.py", "def second():\n    return 2\n");
    let out = codehub(root, &["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "sync must not succeed: {stderr}");
    assert!(stderr.contains("4242") && stderr.contains("does not answer"), "{stderr}");
    drop(lock);
}

//! `codehub serve` end to end, as a separate process: read-your-writes through the
//! socket, one daemon per root, clean stop, a storm of changes while the daemon is
//! frozen (SIGSTOP), and kill -9 in the middle of commits.

mod common;

use common::{codehub, write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_codehub")
}

fn json(cwd: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = codehub(cwd, &all);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A `codehub serve` child, killed if the test ends without stopping it.
struct Serve {
    child: Child,
    root: PathBuf,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let child = Command::new(bin())
            .arg("serve")
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let serve = Serve { child, root: root.to_owned() };
        serve.wait_ready();
        serve
    }

    /// Waits until the daemon answers (its first reconcile may still run: `sync`
    /// then covers it).
    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let socket = self.root.join(".codehub/daemon.sock");
        while Instant::now() < deadline {
            if socket.exists() {
                let out = codehub(&self.root, &["--json", "sync"]);
                if out.status.success() {
                    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                    if v["source"] == "daemon" {
                        return;
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the daemon did not come up");
    }

    fn signal(&self, sig: libc::c_int) {
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, sig);
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn indexed_paths(root: &Path) -> Vec<String> {
    let store = store::Store::open_read_only(&root.join(".codehub/index.db")).unwrap();
    let mut paths: Vec<String> = store.files().unwrap().into_keys().collect();
    paths.sort();
    paths
}

fn source_files_on_disk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path.strip_prefix(root).unwrap().to_str().unwrap().to_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn serve_answers_with_read_your_writes_and_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", "def main():\n    return helper()\n\n\ndef helper():\n    return 1\n");
    let mut serve = Serve::start(root);

    write(root, "app.py", "def main():\n    return helper()\n\n\ndef helper():\n    return 2\n\n\ndef added():\n    return main()\n");
    let synced = json(root, &["sync"]);
    assert_eq!(synced["source"], "daemon");
    let shown = json(root, &["show", "added"]);
    assert_eq!(shown["source"], "daemon");
    assert_eq!(shown["node"]["callees"][0]["id"], "app.py::main");
    assert!(shown["clock"].as_u64().unwrap() >= synced["clock"].as_u64().unwrap());

    let status = json(root, &["status"]);
    assert_eq!(status["daemon"]["pid"], serve.child.id());
    assert_eq!(status["daemon"]["watch_mode"], "inotify");

    // One daemon per root.
    let second = codehub(root, &["serve"]);
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("already running"));

    let stopped = codehub(root, &["stop"]);
    assert!(stopped.status.success(), "{}", String::from_utf8_lossy(&stopped.stderr));
    let exit = serve.child.wait().unwrap();
    assert!(exit.success());
    assert!(!root.join(".codehub/daemon.sock").exists(), "the socket is removed");
    // Without a daemon the CLI reads the index directly, and nothing was lost.
    let shown = json(root, &["show", "added"]);
    assert_eq!(shown["source"], "store");
}

#[test]
fn a_storm_while_the_daemon_is_frozen_is_fully_applied() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..1000 {
        write(root, &format!("old/m{i}.py"), &format!("def f{i}():\n    return {i}\n"));
    }
    let serve = Serve::start(root);
    serve.signal(libc::SIGSTOP);
    for i in 0..5000 {
        write(root, &format!("new/d{}/n{i}.py", i % 50), &format!("def g{i}():\n    return {i}\n"));
    }
    for i in 0..500 {
        std::fs::rename(root.join(format!("old/m{i}.py")), root.join(format!("old/renamed{i}.py")))
            .unwrap();
    }
    for i in 500..1000 {
        std::fs::remove_file(root.join(format!("old/m{i}.py"))).unwrap();
    }
    serve.signal(libc::SIGCONT);
    // 5,500 files on a CI machine busy with other tests: more than the default 9 s.
    json(root, &["sync", "--timeout", "120"]);
    let indexed = indexed_paths(root);
    let on_disk = source_files_on_disk(root);
    let missing: Vec<_> =
        on_disk.iter().filter(|p| indexed.binary_search(p).is_err()).take(5).collect();
    let extra: Vec<_> =
        indexed.iter().filter(|p| on_disk.binary_search(p).is_err()).take(5).collect();
    if !(missing.is_empty() && extra.is_empty()) {
        let status = codehub(root, &["--json", "status"]);
        panic!(
            "missing {missing:?}, extra {extra:?}; daemon status: {}",
            String::from_utf8_lossy(&status.stdout)
        );
    }
    assert_eq!(indexed.len(), 5500);
}

#[test]
fn kill_9_during_commits_leaves_a_sound_store_that_restart_repairs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..200 {
        write(root, &format!("m{i}.py"), &format!("def f{i}():\n    return {i}\n"));
    }
    let mut serve = Serve::start(root);
    // A burst of edits, killed while the writer is busy with it.
    for i in 0..200 {
        write(
            root,
            &format!("m{i}.py"),
            &format!("def f{i}():\n    return {i} + 1\n\n\ndef h{i}():\n    return f{i}()\n"),
        );
    }
    serve.signal(libc::SIGKILL);
    serve.child.wait().unwrap();
    let store = store::Store::open(&root.join(".codehub/index.db")).unwrap();
    store.integrity_check().unwrap();
    drop(store);

    let _serve = Serve::start(root);
    json(root, &["sync"]);
    let live = store::Store::open_read_only(&root.join(".codehub/index.db"))
        .unwrap()
        .graph_dump()
        .unwrap();
    let clean_state = tempfile::tempdir().unwrap();
    let out = codehub(root, &["--state-dir", clean_state.path().to_str().unwrap(), "index"]);
    assert!(out.status.success());
    let clean = store::Store::open_read_only(&clean_state.path().join("index.db"))
        .unwrap()
        .graph_dump()
        .unwrap();
    assert!(live == clean, "after kill -9 and restart the graph equals a clean index");
}

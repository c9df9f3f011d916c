//! What a tool call gets when the daemon does not come up: a bounded wait ending in
//! "starting" (never a hang), or the log of a daemon that exited. The daemon is a
//! stand-in executable here; `crates/cli/tests/mcp.rs` runs the real one end to end.

use mcp::{CallError, Daemon, Launch};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

fn launch(root: &Path, exe: &Path, startup_wait: Duration) -> Launch {
    let state_dir = root.join(".codehub");
    std::fs::create_dir_all(&state_dir).unwrap();
    Launch { exe: exe.to_owned(), root: root.to_owned(), state_dir, startup_wait }
}

fn script(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn a_daemon_that_never_listens_gets_starting_try_again_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    // Runs, logs, and never creates the socket (like a daemon still opening a store).
    let exe = script(dir.path(), "slow-codehub", "echo \"slow start: $*\"\nexec sleep 60");
    let daemon = Daemon::new(launch(dir.path(), &exe, Duration::from_millis(300)));
    let answer = daemon.request::<protocol::methods::Status>(&Default::default());
    let _kill = KillOnDrop(daemon.started_pid().expect("the call started the daemon"));
    match answer {
        Err(e @ CallError::Starting { .. }) => {
            assert!(e.to_string().contains("codehub is starting"), "{e}")
        }
        other => panic!("expected Starting, got {other:?}"),
    }
    // It was started as `EXE serve ROOT --state-dir DIR`, logging to daemon.log.
    let expected = format!("slow start: serve {} --state-dir", dir.path().display());
    let log_path = dir.path().join(".codehub").join(mcp::LOG_FILE);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut log = String::new();
    while !log.contains(&expected) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        log = std::fs::read_to_string(&log_path).unwrap_or_default();
    }
    assert!(log.contains(&expected), "{log}");
}

#[test]
fn a_daemon_that_exits_at_once_is_reported_with_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let exe =
        script(dir.path(), "broken-codehub", "echo 'cannot open the store: disk full' >&2\nexit 3");
    let daemon = Daemon::new(launch(dir.path(), &exe, Duration::from_secs(60)));
    match daemon.request::<protocol::methods::Status>(&Default::default()) {
        Err(e @ CallError::DaemonExited { .. }) => {
            let text = e.to_string();
            assert!(text.contains("cannot open the store: disk full"), "{text}");
            assert!(text.contains("exit status: 3"), "{text}");
        }
        other => panic!("expected DaemonExited, got {other:?}"),
    }
}

/// Kills the stand-in daemon when the test ends, passed or failed.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
        unsafe { libc::kill(self.0 as libc::pid_t, libc::SIGKILL) };
    }
}

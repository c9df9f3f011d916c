//! What codehub's tests share, once: writing files and multi-file fixtures into a
//! tree, the clean-index comparison behind every "incremental equals clean" check,
//! the rule for slow test variants, and one fake daemon ([`FakeLive`]) for tests of
//! the transports. A dev-dependency only.
//!
//! A fixture is one string of files, each introduced by a `//- /path` line (the
//! notation of rust-analyzer's test fixtures):
//!
//! ```text
//! //- /pkg/core.py
//! def helper():
//!     return 1
//! //- /app.py
//! from pkg.core import helper
//! ```

#![warn(missing_docs)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// Writes `content` to `root/rel`, creating parent directories. Panics on IO errors.
pub fn write(root: &Path, rel: &str, content: &str) {
    write_bytes(root, rel, content.as_bytes());
}

/// [`write`] of bytes that need not be text (binary or invalid UTF-8 files).
pub fn write_bytes(root: &Path, rel: &str, content: &[u8]) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("creating {}: {e}", parent.display()));
    }
    std::fs::write(&path, content).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// The files of a fixture: `(path relative to the root, content)`, in order. Text
/// before the first `//- ` line is ignored; each file's content ends where the next
/// `//- ` line starts. Panics on a `//- ` line without a `/path` or a path given twice.
pub fn files(fixture: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("//- ") {
            let path = header.trim();
            let rel = path
                .strip_prefix('/')
                .unwrap_or_else(|| panic!("fixture header {line:?}: paths start with /"));
            assert!(out.iter().all(|(p, _)| p != rel), "{rel} twice in the fixture");
            out.push((rel.to_owned(), String::new()));
        } else if let Some((_, content)) = out.last_mut() {
            content.push_str(line);
        }
    }
    out
}

/// Writes the files of `fixture` under `root`.
pub fn write_fixture(root: &Path, fixture: &str) {
    for (rel, content) in files(fixture) {
        write(root, &rel, &content);
    }
}

/// A temporary directory holding the files of `fixture`.
pub fn tree(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary directory: {e}"));
    write_fixture(dir.path(), fixture);
    dir
}

/// Whether the slow variants of tests run (larger trees, longer property runs):
/// `CODEHUB_SLOW_TESTS=1`, which CI sets. Locally the fast variants check the same
/// properties on smaller inputs.
pub fn slow() -> bool {
    std::env::var("CODEHUB_SLOW_TESTS").is_ok_and(|v| v == "1")
}

/// Indexes `root` (state in `root/.codehub`), panicking on an error.
pub fn index(root: &Path) -> index::IndexReport {
    let config = index::Config::new(root).unwrap_or_else(|e| panic!("config: {e}"));
    index::index(&config, &|_| {}).unwrap_or_else(|e| panic!("indexing {}: {e}", root.display()))
}

/// The graph a fresh index of `root` produces (`Store::graph_dump` lines), with its
/// state kept outside the root so that the tree is not touched.
pub fn clean_dump(root: &Path) -> Vec<String> {
    let state = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary directory: {e}"));
    let mut config = index::Config::new(root).unwrap_or_else(|e| panic!("config: {e}"));
    config.state_dir = state.path().to_owned();
    index::index(&config, &|_| {}).unwrap_or_else(|e| panic!("clean index: {e}"));
    store::Store::open_read_only(&config.db_path())
        .and_then(|s| s.graph_dump())
        .unwrap_or_else(|e| panic!("reading the clean index: {e}"))
}

/// The differences between two graph dumps, for a failure message: how many lines
/// each has that the other lacks, and the first ten of each. Empty when equal.
pub fn dump_diff(ours: &[String], clean: &[String]) -> String {
    let ours: BTreeSet<&String> = ours.iter().collect();
    let clean: BTreeSet<&String> = clean.iter().collect();
    let only_ours: Vec<_> = ours.difference(&clean).collect();
    let only_clean: Vec<_> = clean.difference(&ours).collect();
    if only_ours.is_empty() && only_clean.is_empty() {
        return String::new();
    }
    format!(
        "{} lines only in the index, {} only in a clean index\nindex only: {:#?}\nclean only: {:#?}",
        only_ours.len(),
        only_clean.len(),
        &only_ours[..only_ours.len().min(10)],
        &only_clean[..only_clean.len().min(10)],
    )
}

/// Fails with the first differences unless the index at `db` (a store file) holds
/// the graph a clean index of `root` would, and its edges are consistent.
pub fn assert_equals_clean(root: &Path, db: &Path) {
    let store = store::Store::open_read_only(db).unwrap_or_else(|e| panic!("opening {db:?}: {e}"));
    store.check_edges().unwrap_or_else(|e| panic!("inconsistent edges: {e}"));
    let ours = store.graph_dump().unwrap_or_else(|e| panic!("reading the index: {e}"));
    let diff = dump_diff(&ours, &clean_dump(root));
    assert!(diff.is_empty(), "{diff}");
}

/// A fake daemon for tests of the transports: `sync` answers the store clock of
/// `db_path` (0 without one), or blocks or takes time when told to; `status` gives
/// fixed facts (pid, 3 changes applied, 1 rescan) or panics when told to;
/// `shutdown` raises the stop flag given with [`FakeLive::stop_with`]; `sessions`
/// are offered when [`FakeLive::with_sessions`] was used.
#[derive(Default)]
pub struct FakeLive {
    /// The store whose clock `sync` answers.
    pub db_path: Option<PathBuf>,
    /// How many times `sync` ran.
    pub syncs: AtomicUsize,
    /// `daemon_status` panics (a handler that panics must end only its request).
    pub panic_in_status: bool,
    /// When set, `sync` blocks until the sender is dropped.
    pub block_sync: Option<Mutex<mpsc::Receiver<()>>>,
    /// When set, the barrier takes this long (failing when its timeout is shorter).
    pub sync_takes: Option<Duration>,
    /// The flag `shutdown` raises.
    pub stop: Mutex<Option<Arc<AtomicBool>>>,
    /// The context-pack sessions offered, if any.
    pub sessions: Option<context::Sessions>,
}

impl FakeLive {
    /// A fake whose `sync` answers the clock of the store at `db_path`.
    pub fn new(db_path: PathBuf) -> FakeLive {
        FakeLive { db_path: Some(db_path), ..FakeLive::default() }
    }

    /// A fake that only offers context-pack sessions (`sync` answers 0).
    pub fn with_sessions() -> FakeLive {
        FakeLive { sessions: Some(context::Sessions::default()), ..FakeLive::default() }
    }

    /// Makes `shutdown` raise `flag`.
    pub fn stop_with(&self, flag: Arc<AtomicBool>) {
        *self.stop.lock().unwrap_or_else(|e| e.into_inner()) = Some(flag);
    }
}

impl server::Live for FakeLive {
    fn sync(&self, timeout: Duration) -> Result<u64, String> {
        self.syncs.fetch_add(1, Ordering::SeqCst);
        if let Some(takes) = self.sync_takes {
            std::thread::sleep(takes.min(timeout));
            if takes > timeout {
                return Err(format!("sync timed out after {timeout:?}"));
            }
        }
        if let Some(block) = &self.block_sync {
            let _ = block.lock().unwrap_or_else(|e| e.into_inner()).recv();
        }
        match &self.db_path {
            Some(db) => {
                store::Store::open_read_only(db).and_then(|s| s.clock()).map_err(|e| e.to_string())
            }
            None => Ok(0),
        }
    }

    fn daemon_status(&self) -> protocol::DaemonStatus {
        if self.panic_in_status {
            panic!("status exploded");
        }
        protocol::DaemonStatus {
            pid: std::process::id(),
            uptime_s: 1.5,
            queue_depth: 0,
            changes_applied: 3,
            rescans: 1,
            last_error: None,
            watch_mode: "inotify".into(),
            indexing: None,
            metrics: Default::default(),
        }
    }

    fn shutdown(&self) {
        if let Some(stop) = &*self.stop.lock().unwrap_or_else(|e| e.into_inner()) {
            stop.store(true, Ordering::SeqCst);
        }
    }

    fn sessions(&self) -> Option<&context::Sessions> {
        self.sessions.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixture_is_split_at_its_headers() {
        let got = files("ignored\n//- /a.py\ndef f():\n    pass\n//- /pkg/b.py\nx = 1\n");
        assert_eq!(
            got,
            [
                ("a.py".to_owned(), "def f():\n    pass\n".to_owned()),
                ("pkg/b.py".to_owned(), "x = 1\n".to_owned()),
            ]
        );
    }

    #[test]
    #[should_panic(expected = "twice")]
    fn a_path_given_twice_is_refused() {
        files("//- /a.py\n//- /a.py\n");
    }
}

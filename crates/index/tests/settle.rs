//! Saves that truncate a file and then write it (Python's `Path.write_text`, Node's
//! `fs.writeFile`, many editors) through the real daemon and watcher: the change log
//! (what `changes.since` and change subscribers read) shows one `changed` per save,
//! never the file's nodes `removed` and then `added` again.

use index::{Config, Daemon, DaemonOptions};
use model::ChangeKind;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

const SYNC: Duration = Duration::from_secs(30);
/// Functions in the edited file (issue 9 saw 19 nodes removed and re-added).
const FUNCTIONS: usize = 18;

fn source(value: usize) -> String {
    let mut text = format!("def f0():\n    return {value}\n");
    for i in 1..FUNCTIONS {
        text.push_str(&format!("\n\ndef f{i}():\n    return f{}() + {i}\n", i - 1));
    }
    text
}

/// Truncates `path` and writes `content`, with `gap` between the two as a slow writer
/// (a large buffer, a busy machine) would leave: the empty file is visible meanwhile.
fn truncate_then_write(path: &Path, content: &str, gap: Duration) {
    let mut file = fs::File::create(path).unwrap();
    if !gap.is_zero() {
        std::thread::sleep(gap);
    }
    file.write_all(content.as_bytes()).unwrap();
}

fn reader(root: &Path) -> store::Store {
    store::Store::open_read_only(&root.join(".codehub/index.db")).unwrap()
}

fn trials() -> usize {
    if test_fixture::slow() {
        400
    } else {
        40
    }
}

#[test]
fn truncate_then_write_saves_are_one_change_not_a_removal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = root.join("m.py");
    fs::write(&file, source(0)).unwrap();
    let daemon = Daemon::start(Config::new(root).unwrap(), DaemonOptions::default()).unwrap();
    let mut clock = daemon.sync(SYNC).unwrap();
    let store = reader(root);
    assert!(store.node("m.py::f17").unwrap().is_some());
    let trials = trials();
    let mut phantom = Vec::new();
    for trial in 1..=trials {
        let content = source(trial);
        // Every other save leaves the file empty for a few milliseconds.
        let gap = Duration::from_millis(if trial % 2 == 0 { (trial % 8) as u64 + 1 } else { 0 });
        truncate_then_write(&file, &content, gap);
        let now = daemon.sync(SYNC).unwrap();
        let changes = store.changes_since(clock, 10_000).unwrap();
        clock = now;
        let row = store.file("m.py").unwrap().expect("m.py stays indexed");
        assert_eq!(row.size, content.len() as u64, "trial {trial}: sync must see the final save");
        let mut kinds: Vec<_> = changes.iter().map(|c| (c.node_id.as_str(), c.change)).collect();
        kinds.sort_by_key(|(id, _)| *id);
        // The module and f0 changed; the other 17 functions did not.
        if kinds != [("m.py", ChangeKind::Changed), ("m.py::f0", ChangeKind::Changed)] {
            phantom.push(format!("trial {trial} (gap {gap:?}): {kinds:?}"));
        }
    }
    assert!(
        phantom.is_empty(),
        "{} of {trials} saves were not exactly one `changed` of the module and f0:\n{}",
        phantom.len(),
        phantom.join("\n")
    );
    daemon.stop();
}

#[test]
fn a_file_truncated_for_good_is_emptied_after_the_settle_window() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = root.join("m.py");
    fs::write(&file, source(0)).unwrap();
    let options = DaemonOptions { settle: Duration::from_millis(200), ..DaemonOptions::default() };
    let daemon = Daemon::start(Config::new(root).unwrap(), options).unwrap();
    let clock = daemon.sync(SYNC).unwrap();
    fs::File::create(&file).unwrap();
    // `sync` waits for the settle window: the empty file is then committed.
    daemon.sync(SYNC).unwrap();
    let store = reader(root);
    assert_eq!(store.file("m.py").unwrap().map(|r| r.size), Some(0));
    assert!(store.node("m.py::f0").unwrap().is_none(), "f0 is gone from an empty file");
    let removed = store
        .changes_since(clock, 10_000)
        .unwrap()
        .iter()
        .filter(|c| c.change == ChangeKind::Removed)
        .count();
    assert_eq!(removed, FUNCTIONS, "every function is removed once");
    daemon.stop();
}

#[test]
fn a_file_shrunk_to_a_prefix_then_completed_is_one_change() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = root.join("m.py");
    fs::write(&file, source(0)).unwrap();
    let options = DaemonOptions { settle: Duration::from_millis(500), ..DaemonOptions::default() };
    let daemon = Daemon::start(Config::new(root).unwrap(), options).unwrap();
    // A first edit after the start-up index, so a worker parses (and remembers) it.
    daemon.sync(SYNC).unwrap();
    fs::write(&file, source(1)).unwrap();
    let clock = daemon.sync(SYNC).unwrap();
    // A save caught half-way: the first half of the same content, then the rest.
    let full = source(1);
    let half = &full[..full.len() / 2];
    let mut f = fs::File::create(&file).unwrap();
    f.write_all(half.as_bytes()).unwrap();
    f.flush().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    f.write_all(&full.as_bytes()[half.len()..]).unwrap();
    drop(f);
    daemon.sync(SYNC).unwrap();
    let store = reader(root);
    let changes = store.changes_since(clock, 10_000).unwrap();
    assert!(changes.is_empty(), "the content is as before: nothing changed, got {changes:?}");
    assert!(store.node("m.py::f17").unwrap().is_some());
    daemon.stop();
}

/// Waits until the store's row for `rel` has `size` bytes, polling (no `sync`, which
/// would skip the debounce window).
fn wait_for_size(root: &Path, rel: &str, size: u64) {
    let store = reader(root);
    let deadline = std::time::Instant::now() + SYNC;
    while store.file(rel).unwrap().map(|r| r.size) != Some(size) {
        assert!(std::time::Instant::now() < deadline, "{rel} never reached {size} bytes");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_burst_of_saves_inside_the_debounce_window_is_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = root.join("m.py");
    fs::write(&file, source(0)).unwrap();
    let options = DaemonOptions { debounce: Duration::from_secs(1), ..DaemonOptions::default() };
    let daemon = Daemon::start(Config::new(root).unwrap(), options).unwrap();
    let clock = daemon.sync(SYNC).unwrap();
    // Five saves 20 ms apart: each restarts the window, so only the last is indexed.
    // The last one is longer than the others, so its size tells when it is in.
    for value in [1, 2, 3, 4, 100] {
        fs::write(&file, source(value)).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    wait_for_size(root, "m.py", source(100).len() as u64);
    let store = reader(root);
    let changes = store.changes_since(clock, 10_000).unwrap();
    let mut clocks: Vec<u64> = changes.iter().map(|c| c.clock).collect();
    clocks.dedup();
    assert_eq!(clocks.len(), 1, "five saves were not one commit: {changes:?}");
    daemon.stop();
}

#[test]
fn sync_does_not_wait_for_the_debounce_window() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = root.join("m.py");
    fs::write(&file, source(0)).unwrap();
    let options = DaemonOptions { debounce: Duration::from_secs(20), ..DaemonOptions::default() };
    let daemon = Daemon::start(Config::new(root).unwrap(), options).unwrap();
    daemon.sync(SYNC).unwrap();
    fs::write(&file, source(1)).unwrap();
    let started = std::time::Instant::now();
    daemon.sync(SYNC).unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "sync waited out the 20 s window");
    let store = reader(root);
    assert_eq!(store.file("m.py").unwrap().map(|r| r.size), Some(source(1).len() as u64));
    daemon.stop();
}

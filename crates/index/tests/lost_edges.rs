//! Scenarios of issue 17 (lost edges), each ending by comparing the graph with a clean
//! index of the same tree: an interrupted cold index finished by the next `index` and
//! by a daemon's start-up, re-linking after a change of more than 20,000 symbols, a
//! storm of changes while the daemon cannot commit, and an inotify overflow.
//! `CODEHUB_SLOW_TESTS=1` runs larger variants.

use index::{Config, Daemon, DaemonOptions, IndexError, IndexReport};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use store::{LinkState, Store};
use test_fixture::{slow, write};

const SYNC: Duration = Duration::from_secs(300);

fn run(root: &Path) -> IndexReport {
    index::index(&Config::new(root).unwrap(), &|_| {}).unwrap()
}

fn db(root: &Path) -> std::path::PathBuf {
    root.join(".codehub/index.db")
}

fn reader(root: &Path) -> Store {
    Store::open_read_only(&db(root)).unwrap()
}

/// Fails with the first differences unless `root`'s index holds the graph a clean
/// index of the tree would, and its edges are consistent.
fn assert_equals_clean(root: &Path) {
    test_fixture::assert_equals_clean(root, &db(root));
}

/// `n` modules in `pkg/`, each calling the next one's function through an import, so
/// that nearly every module has a cross-file edge into another cold batch.
fn chain(root: &Path, n: usize) {
    for i in 0..n {
        let j = (i + 1) % n;
        write(
            root,
            &format!("pkg/m{i}.py"),
            &format!("from pkg.m{j} import f{j}\n\n\ndef f{i}():\n    return f{j}()\n"),
        );
    }
}

/// Runs a cold index of `root` that dies after its first batch commit: the progress
/// callback panics once more than a batch (1,000 files) has been handled, as a Ctrl-C
/// would end the process there. Returns how many files the batch committed.
fn interrupted_cold_index(root: &Path) -> u64 {
    let config = Config::new(root).unwrap();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        index::index(&config, &|handled| {
            if handled > 1000 {
                panic!("interrupted");
            }
        })
    }));
    assert!(outcome.is_err(), "the index was meant to be interrupted");
    let store = reader(root);
    assert!(store.clock().unwrap() >= 1, "the first batch was committed");
    assert_eq!(store.link_state().unwrap(), LinkState::ColdIncomplete);
    store.status().unwrap().files
}

/// Issue 17 item 1: after an interrupted first index, the next run left the saved
/// files' cross-file edges unlinked for good, and was slow (one file per transaction).
#[test]
fn an_interrupted_cold_index_is_finished_by_the_next_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n = if slow() { 5000 } else { 1100 };
    chain(root, n);
    let committed = interrupted_cold_index(root);
    assert!((1000..n as u64).contains(&committed), "{committed} files committed");
    // The tree changes before the next run: a saved file is edited, another deleted.
    let saved: Vec<String> = reader(root).files().unwrap().into_keys().collect();
    let (edited, deleted) = (&saved[0], &saved[1]);
    let source = fs::read_to_string(root.join(edited)).unwrap();
    write(root, edited, &format!("{source}\n\ndef extra():\n    return 0\n"));
    fs::remove_file(root.join(deleted)).unwrap();

    let report = run(root);
    assert!(report.cold && report.resumed, "{report:?}");
    assert_eq!(report.parsed, n as u64 - committed + 1, "saved files are not parsed again");
    assert_eq!(report.removed, 1);
    assert_eq!(reader(root).link_state().unwrap(), LinkState::Current);
    assert_equals_clean(root);
    // And it stays so.
    let again = run(root);
    assert!(!again.cold && again.parsed == 0, "{again:?}");
    assert_equals_clean(root);
}

#[test]
fn the_daemon_finishes_an_interrupted_cold_index_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    chain(root, 1100);
    interrupted_cold_index(root);
    let daemon = Daemon::start(Config::new(root).unwrap(), DaemonOptions::default()).unwrap();
    daemon.sync(SYNC).unwrap();
    assert_eq!(daemon.stats().indexing, None);
    daemon.stop();
    assert_eq!(reader(root).link_state().unwrap(), LinkState::Current);
    assert_equals_clean(root);
}

/// A stop request (`codehub stop`, SIGTERM) during a long reconcile waited for the
/// whole walk. Now the run stops between files: a cold index keeps what it committed,
/// stays marked incomplete, and the next run finishes it to a clean graph.
#[test]
fn a_stopped_cold_index_keeps_its_batches_and_the_next_run_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n = 1100;
    chain(root, n);
    let stop = AtomicBool::new(false);
    let outcome = index::index_until(
        &Config::new(root).unwrap(),
        &|handled| {
            if handled > 1000 {
                stop.store(true, Ordering::SeqCst);
            }
        },
        &stop,
    );
    assert!(matches!(outcome, Err(IndexError::Interrupted)), "{outcome:?}");
    let store = reader(root);
    assert_eq!(store.link_state().unwrap(), LinkState::ColdIncomplete);
    let committed = store.status().unwrap().files;
    assert!((1000..n as u64).contains(&committed), "{committed} files committed");
    let report = run(root);
    assert!(report.cold && report.resumed, "{report:?}");
    assert_equals_clean(root);
}

/// An incremental run that is stopped removes nothing it did not reach: files the
/// walk had not yet reported are not taken for deleted.
#[test]
fn a_stopped_incremental_run_deletes_nothing_and_the_next_run_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    chain(root, 300);
    run(root);
    for i in 0..300 {
        write(root, &format!("pkg/m{i}.py"), &format!("def f{i}():\n    return {i}\n"));
    }
    fs::remove_file(root.join("pkg/m7.py")).unwrap();
    let stop = AtomicBool::new(true);
    let outcome = index::index_until(&Config::new(root).unwrap(), &|_| {}, &stop);
    assert!(matches!(outcome, Err(IndexError::Interrupted)), "{outcome:?}");
    assert_eq!(reader(root).status().unwrap().files, 300, "nothing was removed");
    reader(root).check_edges().unwrap();
    let report = run(root);
    assert_eq!((report.parsed, report.removed), (299, 1), "{report:?}");
    assert_equals_clean(root);
}

/// The daemon's stop during its start-up reconcile of a large tree returns before
/// the reconcile would have ended (it used to wait for the whole walk), and the next
/// start finishes it to a clean graph.
#[test]
fn stopping_the_daemon_during_its_first_index_interrupts_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n = 4000;
    chain(root, n);
    let daemon = Daemon::start(Config::new(root).unwrap(), DaemonOptions::default()).unwrap();
    // Once the first batch is committed, the rest of the walk is still ahead.
    let deadline = std::time::Instant::now() + SYNC;
    while Store::open_read_only(&db(root)).and_then(|s| s.clock()).unwrap_or(0) == 0 {
        assert!(std::time::Instant::now() < deadline, "no batch committed");
        std::thread::sleep(Duration::from_millis(5));
    }
    daemon.stop();
    let store = reader(root);
    let committed = store.status().unwrap().files;
    assert!(committed < n as u64, "the reconcile ran to its end: {committed} files");
    assert_eq!(store.link_state().unwrap(), LinkState::ColdIncomplete);
    drop(store);
    let daemon = Daemon::start(Config::new(root).unwrap(), DaemonOptions::default()).unwrap();
    daemon.sync(SYNC).unwrap();
    daemon.stop();
    assert_equals_clean(root);
}

/// `def f0` .. `def f{n-1}`.
fn library(functions: usize) -> String {
    (0..functions).map(|i| format!("def f{i}():\n    pass\n")).collect()
}

/// Calls the first, second, a middle and the last of `lib.py`'s 25,000 functions.
const CALLER: &str = "from lib import f0, f1, f12345, f24999\n\n\ndef main():\n    f0()\n    f1()\n    f12345()\n    f24999()\n";

fn main_calls(root: &Path) -> Vec<(String, bool)> {
    let main = reader(root).node("app.py::main").unwrap().unwrap();
    main.callees.into_iter().map(|e| (e.id, e.resolved)).collect()
}

/// Issue 17 item 2: with more than 20,000 changed symbols in one commit, the re-link
/// stopped, and the call kept resolving to the deleted node.
#[test]
fn deleting_a_file_of_25000_functions_unlinks_its_callers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "lib.py", &library(25_000));
    write(root, "app.py", CALLER);
    run(root);
    assert!(main_calls(root).iter().all(|(_, resolved)| *resolved));
    fs::remove_file(root.join("lib.py")).unwrap();
    run(root);
    let calls = main_calls(root);
    assert!(calls.iter().all(|(_, resolved)| !resolved), "still linked: {calls:?}");
    assert_equals_clean(root);
}

#[test]
fn a_file_of_25000_functions_appearing_links_its_waiting_callers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", CALLER);
    run(root);
    write(root, "lib.py", &library(25_000));
    run(root);
    let calls = main_calls(root);
    assert!(calls.iter().all(|(_, resolved)| *resolved), "not linked: {calls:?}");
    assert_equals_clean(root);
}

/// The daemon variant: `rm -rf lib/` (files x 100 functions, over 20,000 symbols in
/// one commit) left `main` calling a deleted function.
#[test]
fn removing_a_library_directory_under_the_daemon_unlinks_main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let files = if slow() { 300 } else { 210 };
    for i in 0..files {
        let body: String =
            (0..100).map(|k| format!("def f{i}_{k}():\n    return {k}\n\n\n")).collect();
        write(root, &format!("lib/m{i}.py"), &body);
    }
    write(
        root,
        "main.py",
        "from lib.m0 import f0_0\nfrom lib.m7 import f7_99\n\n\ndef main():\n    return f0_0() + f7_99()\n",
    );
    let daemon = Daemon::start(Config::new(root).unwrap(), DaemonOptions::default()).unwrap();
    daemon.sync(SYNC).unwrap();
    let calls = |store: &Store| store.node("main.py::main").unwrap().unwrap().callees;
    assert!(calls(&reader(root)).iter().all(|e| e.resolved));
    fs::remove_dir_all(root.join("lib")).unwrap();
    daemon.sync(SYNC).unwrap();
    let after = calls(&reader(root));
    assert!(after.iter().all(|e| !e.resolved), "main still calls deleted nodes: {after:?}");
    daemon.stop();
    assert_equals_clean(root);
}

/// The tree of the storm scenarios: `base` modules in `pkg/` and `pkg/sub/`, each
/// calling a neighbour, and `main.py` calling into modules the storm deletes, renames
/// and moves, and into modules it creates. `pkg/sub/big.py` has 25,000 functions:
/// moving `pkg/sub` changes over 20,000 symbols in one commit.
fn storm_tree(root: &Path, base: usize) {
    write(root, "pkg/sub/big.py", &library(25_000));
    for i in 0..base {
        let dir = if i.is_multiple_of(4) { "pkg/sub" } else { "pkg" };
        let j = (i + 1) % base;
        let jdir = if j.is_multiple_of(4) { "pkg.sub" } else { "pkg" };
        write(
            root,
            &format!("{dir}/m{i}.py"),
            &format!(
                "from {jdir}.m{j} import f{j}\nfrom new.n{i} import g{i}\n\n\ndef f{i}():\n    return f{j}() + g{i}()\n"
            ),
        );
    }
    write(
        root,
        "main.py",
        "from pkg.m1 import f1\nfrom pkg.m2 import f2\nfrom pkg.sub.m4 import f4\nfrom new.n3 import g3\nfrom pkg.sub.big import f0, f24999\n\n\ndef main():\n    return f1() + f2() + f4() + g3() + f0() + f24999()\n",
    );
}

/// Creates `creates` modules in `new/` (defining what `pkg` modules wait for), renames
/// and deletes `changes` modules each, and moves `pkg/sub` to `moved/sub`.
fn storm(root: &Path, base: usize, creates: usize, changes: usize) {
    for k in 0..creates {
        let i = k % base;
        let dir = if i.is_multiple_of(4) { "pkg.sub" } else { "pkg" };
        write(
            root,
            &format!("new/n{k}.py"),
            &format!("from {dir}.m{i} import f{i}\n\n\ndef g{k}():\n    return f{i}\n"),
        );
    }
    let plain: Vec<usize> = (0..base).filter(|i| !i.is_multiple_of(4)).collect();
    for &i in plain.iter().take(changes) {
        fs::rename(root.join(format!("pkg/m{i}.py")), root.join(format!("pkg/r{i}.py"))).unwrap();
    }
    for &i in plain.iter().skip(changes).take(changes) {
        fs::remove_file(root.join(format!("pkg/m{i}.py"))).unwrap();
    }
    fs::create_dir_all(root.join("moved")).unwrap();
    fs::rename(root.join("pkg/sub"), root.join("moved/sub")).unwrap();
}

/// Runs `f` while holding the store's write lock, as a paused daemon commits nothing:
/// the daemon's writer waits (SQLite's busy timeout, 10 s) until `f` returns, while
/// its watcher and workers carry on.
fn with_writes_blocked(root: &Path, f: impl FnOnce()) {
    let mut store = Store::open(&db(root)).unwrap();
    let lock = store.writer(false).unwrap();
    f();
    drop(lock);
}

/// Issue 17: a storm of creates, renames, deletes and a directory move while the
/// daemon could not commit (the campaign paused it with SIGSTOP; `codehub-bench
/// --storm` does exactly that) left edges unresolved that a clean index resolves.
#[test]
fn a_storm_while_the_daemon_cannot_commit_ends_equal_to_a_clean_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (base, creates, changes) = if slow() { (2000, 5000, 500) } else { (60, 300, 10) };
    storm_tree(root, base);
    let daemon = Daemon::start(Config::new(root).unwrap(), DaemonOptions::default()).unwrap();
    daemon.sync(SYNC).unwrap();
    with_writes_blocked(root, || storm(root, base, creates, changes));
    daemon.sync(SYNC).unwrap();
    daemon.stop();
    assert_equals_clean(root);
}

/// When the kernel's inotify queue overflows, notify reports one event with the
/// rescan flag and the daemon reconciles the whole tree; changes no event reported
/// (here: files dropped from the store behind the daemon's back) are repaired too.
#[test]
fn an_inotify_overflow_is_reconciled_to_a_clean_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (base, creates, changes) = if slow() { (2000, 8000, 500) } else { (60, 300, 10) };
    storm_tree(root, base);
    // A queue of one path: while writes are blocked, the watcher's thread waits on the
    // queue and the kernel's queue (fs.inotify.max_queued_events) fills up.
    let options = DaemonOptions { queue_bound: 1, ..DaemonOptions::default() };
    let daemon = Daemon::start(Config::new(root).unwrap(), options).unwrap();
    daemon.sync(SYNC).unwrap();
    {
        let mut store = Store::open(&db(root)).unwrap();
        let mut w = store.writer(false).unwrap();
        for i in [1, 2, 3, 5] {
            w.remove_file(&format!("pkg/m{i}.py")).unwrap();
        }
        w.commit().unwrap();
    }
    let rescans = daemon.stats().rescans;
    with_writes_blocked(root, || {
        storm(root, base, creates, changes);
        if !slow() {
            // Too few events to overflow the kernel's queue: report the overflow as
            // notify does (`Q_OVERFLOW` becomes an `Other` event with the rescan flag).
            let overflow =
                notify::Event::new(notify::EventKind::Other).set_flag(notify::event::Flag::Rescan);
            daemon.inject_event(Ok(overflow));
        }
    });
    daemon.sync(SYNC).unwrap();
    assert!(daemon.stats().rescans > rescans, "the tree was reconciled");
    daemon.stop();
    assert_equals_clean(root);
}

//! Fault injection at the store's boundary: a commit whose N-th SQLite step fails
//! (for every N up to the commit's length) leaves the graph committed before it
//! intact, clock included, and the same commit retried then succeeds and holds the
//! graph a clean index of the new files would.

use model::UpdateSource;
use store::{FileMeta, Store};

const META: FileMeta = FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };

const BEFORE: &[(&str, &str)] = &[
    ("pkg/core.py", "def helper():\n    \"\"\"Helps.\"\"\"\n    return 1\n\n\nclass Engine:\n    def run(self):\n        return helper()\n"),
    ("app.py", "from pkg.core import Engine, helper\n\n\ndef main():\n    Engine().run()\n    return helper()\n"),
    ("old.py", "def gone():\n    return 0\n"),
];

/// The commit under test: changes a callee's signature and docstring, adds a caller,
/// removes a file.
const CHANGED: &[(&str, &str)] = &[
    ("pkg/core.py", "def helper(x=1):\n    \"\"\"Helps more.\"\"\"\n    return x\n\n\nclass Engine:\n    def run(self):\n        return helper(2)\n"),
    ("new.py", "from pkg.core import helper\n\n\ndef extra():\n    return helper()\n"),
];

fn facts(path: &str, source: &str) -> model::facts::FileFacts {
    extract::extract(path, source.as_bytes()).expect("a language codehub parses")
}

/// A store holding `BEFORE`, each file committed on its own.
fn before(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("index.db")).unwrap();
    for (path, source) in BEFORE {
        let mut w = store.writer(false).unwrap();
        w.replace_file(&facts(path, source), META, UpdateSource::FileChange, None).unwrap();
        w.commit().unwrap();
    }
    store
}

/// The commit under test, as one transaction.
fn change(store: &mut Store) -> store::Result<u64> {
    let mut w = store.writer(false)?;
    for (path, source) in CHANGED {
        w.replace_file(&facts(path, source), META, UpdateSource::FileChange, None)?;
    }
    w.remove_file("old.py")?;
    w.commit()
}

/// The graph of `BEFORE` with `CHANGED` applied, indexed clean.
fn clean_after() -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("index.db")).unwrap();
    let mut w = store.writer(true).unwrap();
    for (path, source) in BEFORE.iter().filter(|(p, _)| *p != "old.py" && *p != "pkg/core.py") {
        w.replace_file(&facts(path, source), META, UpdateSource::ColdStart, None).unwrap();
    }
    for (path, source) in CHANGED {
        w.replace_file(&facts(path, source), META, UpdateSource::ColdStart, None).unwrap();
    }
    w.link_all().unwrap();
    w.commit().unwrap();
    store.graph_dump().unwrap()
}

#[test]
fn a_commit_failing_at_any_step_leaves_the_graph_before_it_and_the_retry_succeeds() {
    let clean = clean_after();
    let mut failures = 0;
    let mut steps = 100;
    loop {
        let dir = tempfile::tempdir().unwrap();
        let mut store = before(&dir);
        let graph = store.graph_dump().unwrap();
        let clock = store.clock().unwrap();

        store.fail_after_steps(Some(steps));
        let result = change(&mut store);
        store.fail_after_steps(None);
        match result {
            Err(_) => {
                failures += 1;
                assert_eq!(
                    store.graph_dump().unwrap(),
                    graph,
                    "a commit failed at step {steps} left part of itself"
                );
                assert_eq!(
                    store.clock().unwrap(),
                    clock,
                    "the clock moved for a failed commit (step {steps})"
                );
                store.check_edges().unwrap();
                change(&mut store).unwrap_or_else(|e| {
                    panic!("the retry after a fault at step {steps} failed: {e}")
                });
            }
            Ok(_) => {
                assert!(failures >= 10, "only {failures} injected faults hit the commit");
                assert_eq!(store.graph_dump().unwrap(), clean);
                return;
            }
        }
        assert_eq!(store.graph_dump().unwrap(), clean, "the retry after a fault at step {steps}");
        assert!(store.clock().unwrap() > clock);
        store.integrity_check().unwrap();
        // Every step early in the commit, then wider apart: a commit is some thousands.
        steps += if steps < 2_000 { 100 } else { steps / 4 };
    }
}

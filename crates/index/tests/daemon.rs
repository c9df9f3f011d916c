//! The daemon in-process: every change lands after `sync`, lost events are repaired
//! by a rescan, and any sequence of edits leaves the graph equal to a clean index.

use index::{Config, Daemon, DaemonOptions};
use proptest::prelude::*;
use std::fs;
use std::path::Path;
use std::time::Duration;
use test_fixture::{clean_dump, write};

const SYNC: Duration = Duration::from_secs(30);

fn start(root: &Path) -> Daemon {
    Daemon::start(Config::new(root).unwrap(), DaemonOptions::default()).unwrap()
}

fn reader(root: &Path) -> store::Store {
    store::Store::open_read_only(&root.join(".codehub/index.db")).unwrap()
}

fn diff(a: &[String], b: &[String]) -> String {
    let only_a: Vec<_> = a.iter().filter(|l| !b.contains(l)).take(10).collect();
    let only_b: Vec<_> = b.iter().filter(|l| !a.contains(l)).take(10).collect();
    format!("daemon only: {only_a:#?}\nclean only: {only_b:#?}")
}

#[test]
fn a_hundred_concurrent_edits_are_all_visible_after_sync() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..100 {
        write(root, &format!("m{i}.py"), &format!("def f{i}():\n    return {i}\n"));
    }
    let daemon = start(root);
    daemon.sync(SYNC).unwrap();
    assert_eq!(reader(root).status().unwrap().files, 100);
    assert_eq!(daemon.stats().indexing, None, "the start-up index is over after sync");
    std::thread::scope(|s| {
        for chunk in 0..10 {
            s.spawn(move || {
                for i in chunk * 10..chunk * 10 + 10 {
                    let source = format!(
                        "def f{i}():\n    return {i}\n\n\ndef added{i}():\n    return f{i}()\n"
                    );
                    write(root, &format!("m{i}.py"), &source);
                }
            });
        }
    });
    daemon.sync(SYNC).unwrap();
    let store = reader(root);
    let missing: Vec<_> =
        (0..100).filter(|i| store.node(&format!("m{i}.py::added{i}")).unwrap().is_none()).collect();
    assert!(missing.is_empty(), "not visible after sync: {missing:?}");
    let callees = store.node("m7.py::added7").unwrap().unwrap().callees;
    assert_eq!(callees[0].id, "m7.py::f7");
    daemon.stop();
}

#[test]
fn a_rescan_event_repairs_a_stale_store() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", "def a():\n    pass\n");
    write(root, "b.py", "def b():\n    pass\n");
    let daemon = start(root);
    daemon.sync(SYNC).unwrap();
    // Make the store stale behind the daemon's back: as if events had been lost.
    {
        let mut store = store::Store::open(&root.join(".codehub/index.db")).unwrap();
        let mut w = store.writer(false).unwrap();
        w.remove_file("b.py").unwrap();
        w.commit().unwrap();
    }
    assert!(reader(root).node("b.py::b").unwrap().is_none());
    let rescans = daemon.stats().rescans;
    daemon.inject_event(Ok(notify::Event::new(notify::EventKind::Any)));
    daemon.sync(SYNC).unwrap();
    assert!(reader(root).node("b.py::b").unwrap().is_some(), "the rescan restored b.py");
    assert!(daemon.stats().rescans > rescans);
    daemon.stop();
}

#[test]
fn a_second_daemon_on_the_same_root_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let daemon = start(dir.path());
    let second = Daemon::start(Config::new(dir.path()).unwrap(), DaemonOptions::default());
    let err = second.err().expect("a second daemon must not start");
    assert!(err.to_string().contains("already running"), "{err}");
    daemon.stop();
    // After a clean stop the lock is free again, and nothing is re-parsed.
    let daemon = start(dir.path());
    daemon.sync(SYNC).unwrap();
    daemon.stop();
}

#[test]
fn moves_and_deletes_of_whole_directories_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pkg/a.py", "def a():\n    pass\n");
    write(root, "pkg/sub/b.py", "def b():\n    return a()\n");
    write(root, "other/c.py", "def c():\n    pass\n");
    let daemon = start(root);
    daemon.sync(SYNC).unwrap();
    let before = reader(root).node("pkg/sub/b.py::b").unwrap().unwrap();
    fs::rename(root.join("pkg"), root.join("moved")).unwrap();
    fs::remove_dir_all(root.join("other")).unwrap();
    // An editor's atomic save: write a temporary file, rename it over the original.
    write(root, "moved/a.py.tmp", "def a():\n    return 1\n");
    fs::rename(root.join("moved/a.py.tmp"), root.join("moved/a.py")).unwrap();
    daemon.sync(SYNC).unwrap();
    let store = reader(root);
    assert!(store.node("pkg/a.py::a").unwrap().is_none());
    assert!(store.node("other/c.py::c").unwrap().is_none());
    let b = store.node("moved/sub/b.py::b").unwrap().unwrap();
    assert_eq!(b.version, before.version, "a moved file keeps its history");
    assert!(store.node("moved/a.py::a").unwrap().unwrap().signature.is_some());
    assert_eq!(store.graph_dump().unwrap(), clean_dump(root));
    daemon.stop();
}

/// Applies `edits` to a fresh tree under a running daemon; returns the daemon's
/// graph after `sync` and a clean index's graph of the final tree.
fn run_sequence(edits: &[Edit]) -> (Vec<String>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (i, file) in FILES.iter().enumerate().take(4) {
        write(root, file, &source(file, i));
    }
    let daemon = start(root);
    daemon.sync(SYNC).unwrap();
    for e in edits {
        apply(root, e);
    }
    daemon.sync(SYNC).unwrap();
    let live = reader(root).graph_dump().unwrap();
    daemon.stop();
    (live, clean_dump(root))
}

/// One edit of the random sequences.
#[derive(Clone, Debug)]
enum Edit {
    Write { file: usize, body: usize },
    Delete { file: usize },
    Rename { file: usize, to: usize },
    MoveDir,
    Break { file: usize },
}

const FILES: [&str; 6] = ["a.py", "pkg/b.py", "pkg/c.rs", "web/d.ts", "web/e.ts", "pkg/f.py"];

fn source(file: &str, body: usize) -> String {
    let n = body % 4;
    match file.rsplit('.').next().unwrap() {
        "py" => format!("from a import helper{n}\n\n\ndef f{body}(x):\n    return helper{n}(x)\n\n\ndef helper{body}(y):\n    return y\n"),
        "rs" => format!("pub fn r{body}() -> u32 {{ helper{n}() }}\nfn helper{n}() -> u32 {{ {body} }}\n"),
        _ => format!("import {{ t{n} }} from './e';\nexport function t{body}(): number {{ return t{n}(); }}\n"),
    }
}

fn apply(root: &Path, edit: &Edit) {
    match edit {
        Edit::Write { file, body } => write(root, FILES[*file], &source(FILES[*file], *body)),
        Edit::Delete { file } => {
            let _ = fs::remove_file(root.join(FILES[*file]));
        }
        Edit::Rename { file, to } => {
            let (from, to) = (root.join(FILES[*file]), root.join(FILES[*to]));
            if from.exists() && from != to {
                fs::create_dir_all(to.parent().unwrap()).unwrap();
                fs::rename(from, to).unwrap();
            }
        }
        Edit::MoveDir => {
            let (pkg, moved) = (root.join("pkg"), root.join("pkg2"));
            if pkg.exists() && !moved.exists() {
                fs::rename(&pkg, &moved).unwrap();
            } else if moved.exists() && !pkg.exists() {
                fs::rename(&moved, &pkg).unwrap();
            }
        }
        Edit::Break { file } => write(root, FILES[*file], "def broken(:\n  pass\nfn x( {\n"),
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..FILES.len(), 0..20usize).prop_map(|(file, body)| Edit::Write { file, body }),
        1 => (0..FILES.len()).prop_map(|file| Edit::Delete { file }),
        1 => (0..FILES.len(), 0..FILES.len()).prop_map(|(file, to)| Edit::Rename { file, to }),
        1 => Just(Edit::MoveDir),
        1 => (0..FILES.len()).prop_map(|file| Edit::Break { file }),
    ]
}

fn cases() -> u32 {
    std::env::var("CODEHUB_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// SPEC §5.4: after any sequence of edits and `sync`, the daemon's graph equals a
    /// clean index of the same tree.
    #[test]
    fn incremental_equals_clean(edits in proptest::collection::vec(edit(), 1..12)) {
        let (live, clean) = run_sequence(&edits);
        prop_assert!(live == clean, "after {:?}:\n{}", edits, diff(&live, &clean));
    }
}

#[test]
fn regression_move_dir_then_rename_into_it() {
    let edits = vec![
        Edit::MoveDir,
        Edit::Rename { file: 0, to: 5 },
        Edit::Rename { file: 1, to: 5 },
        Edit::Break { file: 2 },
        Edit::Write { file: 4, body: 17 },
        Edit::Delete { file: 1 },
        Edit::Delete { file: 1 },
        Edit::MoveDir,
        Edit::Write { file: 1, body: 3 },
        Edit::Write { file: 3, body: 11 },
    ];
    let (live, clean) = run_sequence(&edits);
    assert!(live == clean, "{}", diff(&live, &clean));
}

//! Lost edges (issue 17) at the store's boundary: re-linking after a change of more
//! than 20,000 symbols in one commit, an unfinished cold index found and finished, and
//! a store linked under other rules re-linked; each ends equal to a clean index.

use model::UpdateSource;
use std::collections::BTreeSet;
use store::{FileMeta, LinkState, Store};

const META: FileMeta = FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };

/// Calls the first, second, a middle and the last of `lib.py`'s 25,000 functions (the
/// cap dropped the keys that sort first).
const CALLER: &str = "from lib import f0, f1, f12345, f24999\n\n\ndef main():\n    f0()\n    f1()\n    f12345()\n    f24999()\n";

fn library(functions: usize) -> String {
    (0..functions).map(|i| format!("def f{i}():\n    pass\n")).collect()
}

fn facts(path: &str, source: &str) -> model::facts::FileFacts {
    extract::extract(path, source.as_bytes()).expect("a language codehub parses")
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("index.db")).unwrap()
}

/// Writes each file in its own committed transaction, as an incremental run does.
fn put(store: &mut Store, files: &[(&str, &str)]) {
    for (path, source) in files {
        let mut w = store.writer(false).unwrap();
        w.replace_file(&facts(path, source), META, UpdateSource::FileChange, None).unwrap();
        w.commit().unwrap();
    }
}

fn remove(store: &mut Store, path: &str) {
    let mut w = store.writer(false).unwrap();
    w.remove_file(path).unwrap();
    w.commit().unwrap();
}

/// The graph a clean (cold) index of `files` holds.
fn clean(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut w = store.writer(true).unwrap();
    for (path, source) in files {
        w.replace_file(&facts(path, source), META, UpdateSource::ColdStart, None).unwrap();
    }
    w.link_all().unwrap();
    w.commit().unwrap();
    store.graph_dump().unwrap()
}

fn assert_same_graph(store: &Store, files: &[(&str, &str)]) {
    let ours: BTreeSet<String> = store.graph_dump().unwrap().into_iter().collect();
    let theirs: BTreeSet<String> = clean(files).into_iter().collect();
    let only_ours: Vec<_> = ours.difference(&theirs).take(10).collect();
    let only_clean: Vec<_> = theirs.difference(&ours).take(10).collect();
    assert!(
        only_ours.is_empty() && only_clean.is_empty(),
        "store only: {only_ours:#?}\nclean only: {only_clean:#?}"
    );
}

fn callees(store: &Store, id: &str) -> Vec<(String, bool)> {
    store.node(id).unwrap().unwrap().callees.into_iter().map(|e| (e.id, e.resolved)).collect()
}

#[test]
fn deleting_a_file_of_25000_functions_unlinks_every_caller() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let lib = library(25_000);
    put(&mut store, &[("lib.py", &lib), ("app.py", CALLER)]);
    assert!(callees(&store, "app.py::main").iter().all(|(_, resolved)| *resolved));
    remove(&mut store, "lib.py");
    let calls = callees(&store, "app.py::main");
    assert!(calls.iter().all(|(_, resolved)| !resolved), "still linked: {calls:?}");
    store.check_edges().expect("no resolved edge points at a deleted node");
    assert_same_graph(&store, &[("app.py", CALLER)]);
}

#[test]
fn a_file_of_25000_functions_appearing_links_every_waiting_caller() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let lib = library(25_000);
    put(&mut store, &[("app.py", CALLER), ("lib.py", &lib)]);
    let calls = callees(&store, "app.py::main");
    assert_eq!(
        calls,
        ["f0", "f1", "f12345", "f24999"].map(|f| (format!("lib.py::{f}"), true)).to_vec()
    );
    assert_same_graph(&store, &[("app.py", CALLER), ("lib.py", &lib)]);
}

/// The state an interrupted cold index leaves: batches committed, nothing linked.
#[test]
fn an_unfinished_cold_index_is_reported_until_link_all_finishes_it() {
    let files = [
        ("pkg/__init__.py", "from .core import Engine\n"),
        (
            "pkg/core.py",
            "class Engine:\n    def run(self):\n        return go()\n\ndef go():\n    pass\n",
        ),
        ("main.py", "from pkg import Engine\n\ndef main():\n    Engine().run()\n"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    assert_eq!(store.link_state().unwrap(), LinkState::Current, "a new store");
    let mut w = store.writer(true).unwrap();
    for (path, source) in &files[..2] {
        w.replace_file(&facts(path, source), META, UpdateSource::ColdStart, None).unwrap();
    }
    w.commit().unwrap();
    // The process dies here. A reader sees what the next run must do.
    let reader = Store::open_read_only(&dir.path().join("index.db")).unwrap();
    assert_eq!(reader.link_state().unwrap(), LinkState::ColdIncomplete);

    let mut w = store.writer(true).unwrap();
    let (path, source) = files[2];
    w.replace_file(&facts(path, source), META, UpdateSource::ColdStart, None).unwrap();
    w.link_all().unwrap();
    w.commit().unwrap();
    assert_eq!(reader.link_state().unwrap(), LinkState::Current);
    assert!(callees(&store, "main.py::main").contains(&("pkg/core.py::Engine".into(), true)));
    assert_same_graph(&store, &files);
}

/// An incremental commit between the batches of a cold index (the daemon's writer
/// before its start-up reconcile) links edges; `link_all` then compares with what is
/// stored and unlinks those whose target the cold index removed.
#[test]
fn link_all_unlinks_edges_linked_between_the_batches_of_a_cold_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let lib = ("lib.py", "def helper():\n    pass\n");
    let app = ("app.py", "from lib import helper\n\ndef main():\n    helper()\n");
    let mut w = store.writer(true).unwrap();
    w.replace_file(&facts(lib.0, lib.1), META, UpdateSource::ColdStart, None).unwrap();
    w.commit().unwrap();
    put(&mut store, &[app]);
    assert_eq!(callees(&store, "app.py::main"), vec![("lib.py::helper".into(), true)]);
    assert_eq!(store.link_state().unwrap(), LinkState::ColdIncomplete);

    let mut w = store.writer(true).unwrap();
    w.remove_file(lib.0).unwrap();
    w.link_all().unwrap();
    w.commit().unwrap();
    assert_eq!(callees(&store, "app.py::main"), vec![("lib.helper".into(), false)]);
    store.check_edges().unwrap();
    assert_same_graph(&store, &[app]);
}

/// A store written by a build that did not record its linking rules (or linked it
/// under others) may hold edges that build left wrong: it is outdated until a
/// complete re-link.
#[test]
fn a_store_linked_under_other_rules_is_relinked_to_a_clean_graph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.db");
    let files = [
        ("lib.py", "def helper():\n    pass\n\n\ndef other():\n    pass\n"),
        ("app.py", "from lib import helper\n\ndef main():\n    helper()\n"),
    ];
    let mut store = open(&dir);
    put(&mut store, &files);
    assert_eq!(store.link_state().unwrap(), LinkState::Current);
    drop(store);
    {
        // What an older build left: no recorded rules, and an edge it linked wrongly.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("DELETE FROM meta WHERE key = 'link_rules'", []).unwrap();
        let changed = conn
            .execute(
                "UPDATE edges SET dst = 'lib.py::other' WHERE dst = 'lib.py::helper'
                 AND kind = 'calls'",
                [],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.link_state().unwrap(), LinkState::Outdated);
    let mut w = store.writer(false).unwrap();
    w.link_all().unwrap();
    w.commit().unwrap();
    assert_eq!(store.link_state().unwrap(), LinkState::Current);
    assert_eq!(callees(&store, "app.py::main"), vec![("lib.py::helper".into(), true)]);
    let main = store.node("app.py::main").unwrap().unwrap();
    assert_eq!(main.update_source, UpdateSource::DependencyChange, "its callee changed");
    assert_same_graph(&store, &files);
}

/// `pkg/expressions.py`'s `Base.copy`, re-exported by `pkg/__init__.py`, called through
/// two levels of subclasses in other files (`Leaf(Mid)`, `Mid(Base)`), its result's
/// `render` called: what the call links to follows each edit of what `copy` returns
/// or of who overrides it, as a clean index of the same files says.
#[test]
fn edits_to_what_a_base_method_returns_relink_callers_below_its_subclasses() {
    let base_self = "import copy\n\n\nclass Base:\n    def copy(self):\n        return copy.copy(self)\n\n    def render(self):\n        pass\n";
    let base_other = "class Other:\n    def render(self):\n        pass\n\n\nclass Base:\n    def copy(self) -> Other:\n        return Other()\n\n    def render(self):\n        pass\n";
    let base_nothing =
        "class Base:\n    def copy(self):\n        pass\n\n    def render(self):\n        pass\n";
    let init = "from pkg.expressions import Base\n";
    let mid = "from pkg import Base\n\n\nclass Mid(Base):\n    def render(self):\n        pass\n";
    let mid_override = "from pkg import Base\n\n\nclass Mid(Base):\n    def render(self):\n        pass\n\n    def copy(self):\n        return make()\n";
    let leaf = "from mid import Mid\n\n\nclass Leaf(Mid):\n    def draw(self):\n        self.copy().render()\n";
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let render_callee = |store: &Store| {
        callees(store, "leaf.py::Leaf.draw")
            .into_iter()
            .find(|(id, _)| id.ends_with("render"))
            .map(|(id, resolved)| (resolved, id))
    };
    let base = "pkg/expressions.py";
    let first =
        [(base, base_nothing), ("pkg/__init__.py", init), ("mid.py", mid), ("leaf.py", leaf)];
    // Enough other keyed edges that re-linking the few dependents costs less than
    // re-linking everything, which the writer would do instead.
    let lib = library(2_000);
    let users: String = std::iter::once("import lib\n\n\ndef use():\n".to_owned())
        .chain((0..2_000).map(|i| format!("    lib.f{i}()\n")))
        .collect();
    put(&mut store, &[("lib.py", &lib), ("users.py", &users)]);
    put(&mut store, &first);
    assert_eq!(render_callee(&store).map(|c| c.0), Some(false));
    let steps: [(&str, &str, Option<&str>); 6] = [
        (base_self, mid, Some("mid.py::Mid.render")),
        (base_nothing, mid, None),
        (base_self, mid, Some("mid.py::Mid.render")),
        (base_other, mid, Some("pkg/expressions.py::Other.render")),
        (base_self, mid_override, None),
        (base_self, mid, Some("mid.py::Mid.render")),
    ];
    for (source, mid, want) in steps {
        put(&mut store, &[(base, source), ("mid.py", mid)]);
        let files = [
            (base, source),
            ("pkg/__init__.py", init),
            ("mid.py", mid),
            ("leaf.py", leaf),
            ("lib.py", &lib),
            ("users.py", &users),
        ];
        assert_same_graph(&store, &files);
        let got = render_callee(&store);
        match want {
            Some(id) => assert_eq!(got, Some((true, id.to_owned()))),
            None => assert_eq!(got.map(|c| c.0), Some(false), "nothing says what copy returns"),
        }
    }
}

/// A constructor appearing or going re-links the calls of its class only, whatever
/// name they call it by (an import alias, a subclass, a Java class in another file),
/// and the graph equals a clean index's after each edit.
#[test]
fn constructor_edits_relink_their_class_callers_under_any_name() {
    let with_init = "class Query:\n    def __init__(self, x):\n        self.x = x\n\n\nclass Other:\n    def __init__(self):\n        pass\n";
    let without_init =
        "class Query:\n    pass\n\n\nclass Other:\n    def __init__(self):\n        pass\n";
    let rest: &[(&str, &str)] = &[
        ("app.py", "from lib import Query as Alias\n\n\ndef make():\n    return Alias(1)\n"),
        ("sub.py", "from lib import Query\n\n\nclass Sub(Query):\n    pass\n"),
        ("use.py", "from sub import Sub\nfrom lib import Other\n\n\ndef build():\n    Other()\n    return Sub(2)\n"),
        (
            "p/Box.java",
            "package p;\npublic class Box {\n    public Box(int n) {}\n}\n",
        ),
        (
            "q/Use.java",
            "package q;\nimport p.Box;\nclass Use {\n    Box make() { return new Box(1); }\n}\n",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, rest);
    for (lib, java) in [
        (with_init, "package p;\npublic class Box {\n    public Box(int n) {}\n}\n"),
        (without_init, "package p;\npublic class Box {\n}\n"),
        (with_init, "package p;\npublic class Box {\n    public Box(int n) {}\n}\n"),
    ] {
        put(&mut store, &[("lib.py", lib), ("p/Box.java", java)]);
        let mut files = rest.to_vec();
        files.retain(|(path, _)| *path != "p/Box.java");
        files.push(("lib.py", lib));
        files.push(("p/Box.java", java));
        assert_same_graph(&store, &files);
        let inits = |id: &str| -> Vec<bool> {
            callees(&store, id)
                .into_iter()
                .filter(|(c, _)| c.ends_with("__init__"))
                .map(|(_, resolved)| resolved)
                .collect()
        };
        let has_init = lib == with_init;
        assert_eq!(inits("app.py::make"), [has_init], "Alias(1) is Query(1)");
        assert!(inits("use.py::build").contains(&has_init), "Sub(2) runs Query.__init__");
    }
}

#[test]
fn edits_to_a_callbacks_declared_parameters_relink_the_callbacks_calls_through_re_exports() {
    // `operate` reaches `ops.ts` through a barrel's named re-export; the callback's
    // `subscriber` is whatever `operate` declares for it.
    let declares = |class: &str| {
        format!(
            "export class Subscriber {{\n  next(): void {{}}\n}}\nexport class Logger {{\n  next(): void {{}}\n}}\n\
             export function operate(init: (source: number, subscriber: {class}) => void): void {{}}\n"
        )
    };
    let rest: &[(&str, &str)] = &[
        ("src/index.ts", "export { operate } from \"./lift\";\n"),
        (
            "src/ops.ts",
            "import { operate } from \"./index\";\n\nexport function take(): void {\n  operate((source, subscriber) => subscriber.next());\n}\n",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, rest);
    for class in ["Subscriber", "Logger", "Subscriber"] {
        let lift = declares(class);
        put(&mut store, &[("src/lift.ts", &lift)]);
        let mut files = rest.to_vec();
        files.push(("src/lift.ts", &lift));
        assert_same_graph(&store, &files);
        let next = format!("src/lift.ts::{class}.next");
        assert!(
            callees(&store, "src/ops.ts::take").contains(&(next.clone(), true)),
            "take calls {next}: {:?}",
            callees(&store, "src/ops.ts::take")
        );
    }
}

//! Index runs on real trees in temporary directories: incremental behaviour (no wasted
//! work, renames, deletions, incremental equals clean) and bad input (each kind gets a
//! diagnostic or a skip entry, and the rest of the index is unaffected).

use std::fs;
use std::path::Path;
use test_fixture::{write, write_bytes};

fn run(root: &Path) -> index::IndexReport {
    let config = index::Config::new(root).unwrap();
    index::index(&config, &|_| {}).unwrap()
}

fn run_with_state(root: &Path, state: &Path) -> index::IndexReport {
    let mut config = index::Config::new(root).unwrap();
    config.state_dir = state.to_owned();
    index::index(&config, &|_| {}).unwrap()
}

fn open(root: &Path) -> store::Store {
    store::Store::open_read_only(&root.join(".codehub/index.db")).unwrap()
}

fn sample_tree(root: &Path) {
    write(root, "pkg/__init__.py", "from .core import Engine\n");
    write(root, "pkg/core.py", "class Engine:\n    def run(self):\n        return helper()\n\n\ndef helper():\n    return 1\n");
    write(root, "app.py", "from pkg import Engine\n\n\ndef main():\n    Engine().run()\n");
    write(root, "src/lib.rs", "pub fn answer() -> u32 { helper() }\nfn helper() -> u32 { 42 }\n");
    write(
        root,
        "web/util.ts",
        "export function add(a: number, b: number): number { return a + b; }\n",
    );
    write(
        root,
        "web/main.js",
        "import { add } from './util';\nexport function total() { return add(1, 2); }\n",
    );
    write(root, "README.md", "not source\n");
}

#[test]
fn a_second_run_parses_nothing_and_an_edit_parses_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    sample_tree(root);
    let first = run(root);
    assert!(first.cold);
    assert_eq!((first.files, first.parsed), (6, 6), "{first:?}");

    let second = run(root);
    assert!(!second.cold);
    // Files written within the last second are hashed, not trusted by stat alone
    // ("racy" timestamps), but never re-parsed.
    assert_eq!((second.parsed, second.unchanged + second.touched), (0, 6), "{second:?}");

    write(root, "pkg/core.py", "class Engine:\n    def run(self):\n        return helper() + 1\n\n\ndef helper():\n    return 1\n");
    let third = run(root);
    assert_eq!(third.parsed, 1);
    assert_eq!(third.nodes_changed, 3, "the module, Engine and Engine.run changed: {third:?}");
    let store = open(root);
    let run_node = store.node("pkg/core.py::Engine.run").unwrap().unwrap();
    assert_eq!(run_node.update_source, model::UpdateSource::FileChange);
    let helper = store.node("pkg/core.py::helper").unwrap().unwrap();
    assert_eq!(helper.update_source, model::UpdateSource::ColdStart);
}

#[test]
fn an_index_written_by_another_extractor_version_is_extracted_again_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    sample_tree(root);
    write(
        root,
        "pkg/use.py",
        "from pkg.core import helper


def table():
    return [helper]
",
    );
    run(root);
    // What an older build leaves: its version, and files without what is extracted
    // now (here: the `references` edge of `[helper]` is removed by hand).
    {
        let conn = rusqlite::Connection::open(root.join(".codehub/index.db")).unwrap();
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'extractor'", []).unwrap();
        let gone = conn.execute("DELETE FROM edges WHERE kind = 'references'", []).unwrap();
        assert!(gone > 0, "the tree has a reference to lose");
    }
    let upgraded = run(root);
    assert!(upgraded.reextracted, "{upgraded:?}");
    assert_eq!(upgraded.parsed, 7, "every file extracted again: {upgraded:?}");
    test_fixture::assert_equals_clean(root, &root.join(".codehub/index.db"));
    let next = run(root);
    assert!(!next.reextracted);
    assert_eq!(next.parsed, 0, "once: {next:?}");
}

#[test]
fn touching_a_file_without_changing_it_does_not_reparse() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    sample_tree(root);
    run(root);
    let content = fs::read(root.join("app.py")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    write_bytes(root, "app.py", &content);
    let report = run(root);
    assert_eq!(report.parsed, 0, "{report:?}");
    assert!(report.touched >= 1, "app.py was hashed, found unchanged: {report:?}");
    // SPEC: the clock counts changes to the graph; refreshing stat data is none.
    let clock = report.clock;
    write_bytes(root, "app.py", &fs::read(root.join("app.py")).unwrap());
    let again = run(root);
    assert!(again.touched >= 1, "{again:?}");
    assert_eq!(again.clock, clock, "a run that changed nothing advanced the clock");
}

#[test]
fn deleted_files_disappear_and_moved_files_are_renames() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    sample_tree(root);
    run(root);
    let before = open(root).node("pkg/core.py::helper").unwrap().unwrap();
    fs::remove_file(root.join("web/main.js")).unwrap();
    fs::create_dir_all(root.join("pkg2")).unwrap();
    fs::rename(root.join("pkg/core.py"), root.join("pkg2/core.py")).unwrap();
    let report = run(root);
    assert_eq!(report.removed, 1, "{report:?}");
    assert_eq!(report.renamed, vec![("pkg/core.py".into(), "pkg2/core.py".into())]);
    let store = open(root);
    assert!(store.node("web/main.js::total").unwrap().is_none());
    let after = store.node("pkg2/core.py::helper").unwrap().unwrap();
    assert_eq!(after.version, before.version, "a rename keeps history");
    assert_eq!(after.renamed_from.as_deref(), Some("pkg/core.py::helper"));
}

#[test]
fn incremental_runs_equal_a_clean_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    sample_tree(root);
    run(root);
    // A sequence of edits touching definitions other files depend on.
    write(root, "pkg/core.py", "class Engine:\n    def start(self):\n        return 0\n");
    run(root);
    write(
        root,
        "pkg/extra.py",
        "from pkg.core import Engine\n\n\ndef boot():\n    return Engine().start()\n",
    );
    fs::remove_file(root.join("src/lib.rs")).unwrap();
    run(root);
    write(root, "pkg/core.py", "class Engine:\n    def run(self):\n        return helper()\n\n\ndef helper():\n    return 1\n");
    write(root, "web/util.ts", "export function add(a: number, b: number): number { return b + a; }\nexport const mul = (a: number, b: number) => a * b;\n");
    run(root);
    let incremental = open(root).graph_dump().unwrap();

    let clean_state = tempfile::tempdir().unwrap();
    run_with_state(root, clean_state.path());
    let clean = store::Store::open_read_only(&clean_state.path().join("index.db"))
        .unwrap()
        .graph_dump()
        .unwrap();
    let only_inc: Vec<_> = incremental.iter().filter(|l| !clean.contains(l)).collect();
    let only_clean: Vec<_> = clean.iter().filter(|l| !incremental.contains(l)).collect();
    assert!(
        only_inc.is_empty() && only_clean.is_empty(),
        "incremental only: {only_inc:#?}\nclean only: {only_clean:#?}"
    );
}

#[test]
fn calls_resolve_across_files_through_imports() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    sample_tree(root);
    run(root);
    let store = open(root);
    let main = store.node("app.py::main").unwrap().unwrap();
    let callees: Vec<_> = main.callees.iter().map(|e| (e.id.as_str(), e.resolved)).collect();
    assert!(callees.contains(&("pkg/core.py::Engine", true)), "{callees:?}");
    let total = store.node("web/main.js::total").unwrap().unwrap();
    assert_eq!(total.callees[0].id, "web/util.ts::add", "{total:?}");
}

#[test]
fn bad_input_is_reported_and_harms_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.py", "def fine():\n    return 1\n");
    write(root, "broken.py", "def ok():\n    pass\n\ndef broken(:\n    pass\n");
    write_bytes(root, "binary.py", b"\x00\x01\x02binary\x00");
    write_bytes(root, "latin1.py", b"def caf\xe9():\n    return 1\n\ndef after():\n    pass\n");
    write(root, "empty.py", "");
    // 50 MB: over the 2 MiB default.
    write_bytes(root, "huge.py", &vec![b'#'; 50 * 1024 * 1024]);
    let deep_py = {
        let mut s = String::from("x = ");
        s.push_str(&"[".repeat(10_000));
        s.push_str(&"]".repeat(10_000));
        s.push_str("\n\ndef after_deep():\n    pass\n");
        s
    };
    write(root, "deep.py", &deep_py);
    let mut deep_js = String::from("function outer() {\n");
    deep_js.push_str(&"{\n".repeat(10_000));
    deep_js.push_str(&"}\n".repeat(10_000));
    deep_js.push_str("\n}\nfunction afterDeep() {}\n");
    write(root, "deep.js", &deep_js);
    write(root, "deep.ts", &deep_js);
    let mut deep_rs = String::from("fn outer() {\n");
    deep_rs.push_str(&"{".repeat(10_000));
    deep_rs.push_str(&"}".repeat(10_000));
    deep_rs.push_str("\n}\nfn after_deep() {}\n");
    write(root, "deep.rs", &deep_rs);
    // Indentation makes 10,000 nested defs 50 MB; 300 levels pass the depth limit.
    let mut nested_defs = String::new();
    for i in 0..300 {
        nested_defs.push_str(&" ".repeat(i));
        nested_defs.push_str(&format!("def f{i}():\n"));
    }
    nested_defs.push_str(&" ".repeat(300));
    nested_defs.push_str("pass\n");
    write(root, "nested_defs.py", &nested_defs);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("good.py"), root.join("link.py")).unwrap();
        write(root, "secret.py", "def hidden():\n    pass\n");
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(root.join("secret.py"), fs::Permissions::from_mode(0o000)).unwrap();
    }

    let report = run(root);
    let skipped =
        |path: &str| report.skipped.iter().find(|s| s.path == path).map(|s| s.reason.clone());
    assert!(skipped("binary.py").unwrap().contains("binary"));
    assert!(skipped("huge.py").unwrap().contains("limit"));
    assert!(skipped("link.py").unwrap().contains("symbolic link"));
    assert!(skipped("loop").unwrap().contains("symbolic link"));
    assert!(
        report.diagnostics.iter().any(|d| d.starts_with("broken.py:4: syntax error")),
        "{:?}",
        report.diagnostics
    );
    assert!(report.diagnostics.iter().any(|d| d.starts_with("latin1.py:0: invalid UTF-8")));
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.starts_with("nested_defs.py") && d.contains("nesting")));

    let store = open(root);
    for id in [
        "good.py::fine",
        "broken.py::ok",
        "latin1.py::after",
        "empty.py",
        "deep.py::after_deep",
        "deep.js::afterDeep",
        "deep.ts::afterDeep",
        "deep.rs::after_deep",
        "nested_defs.py::f0",
    ] {
        assert!(store.node(id).unwrap().is_some(), "{id} missing; skipped: {:?}", report.skipped);
    }
    assert!(store.node("binary.py").unwrap().is_none());
    assert!(store.node("huge.py").unwrap().is_none());
    #[cfg(unix)]
    {
        // Root reads files whatever their mode; elsewhere the file is skipped.
        let is_root = fs::metadata("/proc/self")
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
            .unwrap_or(false);
        if !is_root {
            assert!(skipped("secret.py").unwrap().contains("cannot read"));
        }
    }
    store.integrity_check().unwrap();
}

#[test]
fn adding_a_tsconfig_relinks_imports_through_its_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "src/lib/money.ts",
        "export function cents(x: number): number { return x * 100; }\n",
    );
    write(root, "src/app.ts", "import { cents } from '@/lib/money';\nexport function total(): number { return cents(2); }\n");
    run(root);
    let callee =
        |root: &Path| open(root).node("src/app.ts::total").unwrap().unwrap().callees[0].clone();
    assert!(!callee(root).resolved, "no tsconfig yet: the alias means nothing");
    write(root, "tsconfig.json", "{\n  // paths relative to baseUrl\n  \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"src/*\"], }, },\n}\n");
    run(root);
    assert_eq!(callee(root).id, "src/lib/money.ts::cents");
    let clean_state = tempfile::tempdir().unwrap();
    run_with_state(root, clean_state.path());
    let clean = store::Store::open_read_only(&clean_state.path().join("index.db"))
        .unwrap()
        .graph_dump()
        .unwrap();
    assert_eq!(open(root).graph_dump().unwrap(), clean);
}

#[test]
fn vendored_directories_are_skipped_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", "def main():\n    return 1\n");
    write(root, "static/vendor/lib.js", "function jq() { return 1; }\n");
    write(root, "third_party/six.py", "def moves():\n    return 2\n");
    write(root, "vendor.py", "def not_vendored():\n    return 3\n");

    let report = run(root);
    assert_eq!(report.files, 2, "app.py and vendor.py: {report:?}");
    let mut skipped: Vec<&str> = report.skipped.iter().map(|s| s.path.as_str()).collect();
    skipped.sort();
    assert_eq!(skipped, ["static/vendor/", "third_party/"]);
    assert!(report.skipped.iter().all(|s| s.reason.contains("--include-vendored")));

    let mut config = index::Config::new(root).unwrap();
    config.include_vendored = true;
    let report = index::index(&config, &|_| {}).unwrap();
    assert_eq!(report.files, 4, "{report:?}");
    assert!(open(root).node("third_party/six.py::moves").unwrap().is_some());

    // Back to the default: the vendored files leave the index.
    let report = run(root);
    assert_eq!((report.files, report.removed), (2, 2), "{report:?}");
    assert!(open(root).node("third_party/six.py::moves").unwrap().is_none());
}

/// Issue 17 item 8: `this.hello()` did not resolve in `weird/a::b.js` (its ids split
/// at the path's own `::`), and renaming `weird/x::y.py` wrote change-log ids that
/// never existed. Such paths are refused with a skip entry; nothing else changes.
#[test]
fn paths_with_the_id_separator_are_skipped_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let js = "class A {\n  hello() {}\n  run() { this.hello(); }\n}\n";
    write(root, "plain/ab.js", js);
    write(root, "weird/a::b.js", js);
    write(root, "weird/x.py", "def f():\n    return 1\n");
    let report = run(root);
    assert_eq!(report.files, 2, "{report:?}");
    let skip = report.skipped.iter().find(|s| s.path == "weird/a::b.js").expect("reported");
    assert!(skip.reason.contains("`::`"), "{skip:?}");
    let store = open(root);
    assert!(store.node("plain/ab.js::A.run").unwrap().is_some());
    assert!(store.node("weird/a::b.js").unwrap().is_none());

    // Renaming an indexed file to such a path removes its nodes (and reports the
    // skip); renaming it back indexes it again under its own ids.
    fs::rename(root.join("weird/x.py"), root.join("weird/x::y.py")).unwrap();
    let report = run(root);
    assert_eq!(report.removed, 1, "{report:?}");
    assert!(report.skipped.iter().any(|s| s.path == "weird/x::y.py"));
    assert!(open(root).node("weird/x.py::f").unwrap().is_none());
    fs::rename(root.join("weird/x::y.py"), root.join("weird/z.py")).unwrap();
    run(root);
    let store = open(root);
    assert!(store.node("weird/z.py::f").unwrap().is_some());
    for id in store.graph_dump().unwrap() {
        assert!(!id.contains("x::y"), "{id}");
    }
}

//! Store behaviour at its boundary: atomic per-file replacement, history carried
//! across replacements, linking and re-linking across files, reopening, schema checks.

use model::UpdateSource;
use store::{FileMeta, Resolution, Store, StoreError};

const META: FileMeta = FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };

fn facts(path: &str, source: &str) -> model::facts::FileFacts {
    extract::extract(path, source.as_bytes()).expect("a language codehub parses")
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("index.db")).unwrap()
}

/// Writes each `(path, source)` in its own committed transaction, linking as an
/// incremental run does.
fn put(store: &mut Store, files: &[(&str, &str)]) {
    for (path, source) in files {
        let mut w = store.writer(false).unwrap();
        w.replace_file(&facts(path, source), META, UpdateSource::FileChange, None).unwrap();
        w.commit().unwrap();
    }
}

fn callees(store: &Store, id: &str) -> Vec<(String, bool)> {
    store.node(id).unwrap().unwrap().callees.into_iter().map(|e| (e.id, e.resolved)).collect()
}

#[test]
fn replacing_a_file_swaps_its_nodes_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, &[("a.py", "def old():\n    pass\n")]);
    let reader = Store::open_read_only(&dir.path().join("index.db")).unwrap();
    assert_eq!(reader.resolve("old").unwrap(), Resolution::Found("a.py::old".into()));

    // An uncommitted replacement is invisible to readers, and rolls back when dropped.
    {
        let mut w = store.writer(false).unwrap();
        w.replace_file(
            &facts("a.py", "def new():\n    pass\n"),
            META,
            UpdateSource::FileChange,
            None,
        )
        .unwrap();
        assert_eq!(reader.resolve("new").unwrap(), Resolution::NotFound);
        assert_eq!(reader.resolve("old").unwrap(), Resolution::Found("a.py::old".into()));
    }
    assert_eq!(reader.resolve("old").unwrap(), Resolution::Found("a.py::old".into()));

    put(&mut store, &[("a.py", "def new():\n    pass\n")]);
    assert_eq!(reader.resolve("old").unwrap(), Resolution::NotFound);
    assert_eq!(reader.resolve("new").unwrap(), Resolution::Found("a.py::new".into()));
    assert_eq!(reader.status().unwrap().files, 1);
}

#[test]
fn versions_change_exactly_when_source_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, &[("a.py", "def f():\n    return 1\n\n\ndef g():\n    return 2\n")]);
    let f1 = store.node("a.py::f").unwrap().unwrap();
    let g1 = store.node("a.py::g").unwrap().unwrap();
    // Editing g (and moving f down a line) keeps f's version: ids have no line numbers.
    put(&mut store, &[("a.py", "\ndef f():\n    return 1\n\n\ndef g():\n    return 3\n")]);
    let f2 = store.node("a.py::f").unwrap().unwrap();
    let g2 = store.node("a.py::g").unwrap().unwrap();
    assert_eq!(f1.version, f2.version);
    assert_eq!(f2.span.start_line, 2);
    assert_ne!(g1.version, g2.version);
    assert!(g2.version > g1.version, "UUIDv7 versions order in time");
    assert_eq!(g2.update_source, UpdateSource::FileChange);
}

#[test]
fn docstring_is_flagged_outdated_when_only_the_signature_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, &[("a.py", "def f(x):\n    \"\"\"Uses x.\"\"\"\n")]);
    put(&mut store, &[("a.py", "def f(x, y):\n    \"\"\"Uses x.\"\"\"\n")]);
    assert!(store.node("a.py::f").unwrap().unwrap().docstring_outdated);
    put(&mut store, &[("a.py", "def f(x, y):\n    \"\"\"Uses x and y.\"\"\"\n")]);
    assert!(!store.node("a.py::f").unwrap().unwrap().docstring_outdated);
}

#[test]
fn edges_into_a_file_follow_its_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, &[("app.py", "from lib import helper\n\ndef main():\n    helper()\n")]);
    assert_eq!(callees(&store, "app.py::main"), vec![("lib.helper".into(), false)]);

    // The callee appears later: the caller's edge is re-linked.
    put(&mut store, &[("lib.py", "def helper():\n    pass\n")]);
    assert_eq!(callees(&store, "app.py::main"), vec![("lib.py::helper".into(), true)]);
    let callers = store.node("lib.py::helper").unwrap().unwrap().callers;
    assert_eq!(callers[0].id, "app.py::main");

    // It is renamed away: the edge falls back to the name, unresolved.
    put(&mut store, &[("lib.py", "def helper2():\n    pass\n")]);
    assert_eq!(callees(&store, "app.py::main"), vec![("lib.helper".into(), false)]);

    // A re-export through a package __init__ links through the alias.
    put(
        &mut store,
        &[
            ("lib.py", "from impl.core import helper\n"),
            ("impl/core.py", "def helper():\n    pass\n"),
        ],
    );
    assert_eq!(callees(&store, "app.py::main"), vec![("impl/core.py::helper".into(), true)]);

    // Deleting the defining file unresolves the edge again.
    let mut w = store.writer(false).unwrap();
    w.remove_file("impl/core.py").unwrap();
    w.commit().unwrap();
    assert_eq!(callees(&store, "app.py::main"), vec![("lib.helper".into(), false)]);
    store.check_edges().unwrap();
}

#[test]
fn cold_linking_equals_incremental_linking() {
    let files = [
        ("pkg/__init__.py", "from .core import Engine\n"),
        ("pkg/core.py", "class Engine:\n    def run(self):\n        return go()\n\ndef go():\n    pass\n"),
        ("main.py", "import pkg\nfrom pkg import Engine\n\ndef main():\n    Engine().run()\n    pkg.core.go()\n"),
    ];
    let cold_dir = tempfile::tempdir().unwrap();
    let mut cold = open(&cold_dir);
    let mut w = cold.writer(true).unwrap();
    for (path, source) in files {
        w.replace_file(&facts(path, source), META, UpdateSource::ColdStart, None).unwrap();
    }
    w.link_all().unwrap();
    w.commit().unwrap();

    let inc_dir = tempfile::tempdir().unwrap();
    let mut inc = open(&inc_dir);
    // Reverse order: callers arrive before their callees.
    let mut reversed = files;
    reversed.reverse();
    put(&mut inc, &reversed);
    assert_eq!(cold.graph_dump().unwrap(), inc.graph_dump().unwrap());
    assert!(callees(&cold, "main.py::main").contains(&("pkg/core.py::Engine".into(), true)));
}

#[test]
fn rename_keeps_history_and_reports_old_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let source = "def f():\n    pass\n";
    put(&mut store, &[("old.py", source)]);
    let before = store.node("old.py::f").unwrap().unwrap();
    let mut w = store.writer(false).unwrap();
    let change = w
        .replace_file(&facts("new.py", source), META, UpdateSource::FileChange, Some("old.py"))
        .unwrap();
    w.commit().unwrap();
    assert!(change.added.is_empty() && change.changed.is_empty(), "{change:?}");
    let after = store.node("new.py::f").unwrap().unwrap();
    assert_eq!(after.version, before.version);
    assert_eq!(after.renamed_from.as_deref(), Some("old.py::f"));
    assert!(store.node("old.py::f").unwrap().is_none());
    assert_eq!(store.status().unwrap().files, 1);
}

#[test]
fn reopening_keeps_everything_and_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let dump;
    {
        let mut store = open(&dir);
        put(&mut store, &[("a.py", "def f():\n    g()\n\ndef g():\n    pass\n")]);
        dump = store.graph_dump().unwrap();
        assert_eq!(store.clock().unwrap(), 1);
        store.checkpoint().unwrap();
    }
    let store = open(&dir);
    assert_eq!(store.graph_dump().unwrap(), dump);
    assert_eq!(store.clock().unwrap(), 1);
    store.integrity_check().unwrap();
}

#[test]
fn a_version_1_store_is_migrated_to_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.db");
    let mut store = Store::open(&path).unwrap();
    put(
        &mut store,
        &[
            ("pkg/a.py", "def parse_header(x):\n    \"\"\"Read a header.\"\"\"\n    return os.path.join(x)\n"),
            ("pkg/b.py", "from pkg.a import parse_header\n\ndef main():\n    return parse_header(1) + missing()\n"),
        ],
    );
    let before = store.graph_dump().unwrap();
    drop(store);
    // Rewrite it as version 1 had it: FTS triggers, edges with `path`, the source's
    // id and a full `key_name`, and every edge indexed by destination; no tables of
    // update scripts.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE node_fields; DROP TABLE script_reads; DROP TABLE script_notes;
        DROP TABLE script_stats;
        CREATE TRIGGER nodes_fts_insert AFTER INSERT ON nodes BEGIN
            INSERT INTO nodes_fts(rowid, name, qualified_name, signature, docstring)
            VALUES (new.rowid, new.name, new.qualified_name, new.signature, new.docstring);
        END;
        CREATE TRIGGER nodes_fts_delete AFTER DELETE ON nodes BEGIN
            INSERT INTO nodes_fts(nodes_fts, rowid, name, qualified_name, signature, docstring)
            VALUES ('delete', old.rowid, old.name, old.qualified_name, old.signature, old.docstring);
        END;
        CREATE TRIGGER nodes_fts_update AFTER UPDATE ON nodes BEGIN
            INSERT INTO nodes_fts(nodes_fts, rowid, name, qualified_name, signature, docstring)
            VALUES ('delete', old.rowid, old.name, old.qualified_name, old.signature, old.docstring);
            INSERT INTO nodes_fts(rowid, name, qualified_name, signature, docstring)
            VALUES (new.rowid, new.name, new.qualified_name, new.signature, new.docstring);
        END;
        CREATE TABLE edges_v1 (
            rowid INTEGER PRIMARY KEY, path TEXT NOT NULL, src TEXT NOT NULL,
            kind TEXT NOT NULL, dst TEXT NOT NULL, resolved INTEGER NOT NULL,
            provenance TEXT NOT NULL, line INTEGER NOT NULL, target_key TEXT,
            target_name TEXT, key_name TEXT, key_inferred INTEGER NOT NULL DEFAULT 0);
        INSERT INTO edges_v1 SELECT e.rowid, n.path, n.id, e.kind, e.dst, e.resolved,
            e.provenance, e.line, e.target_key, e.target_name,
            coalesce(e.key_name, substr(e.target_key, instr(e.target_key, ':') + 1)),
            e.key_inferred
            FROM edges e JOIN nodes n ON n.rowid = e.src;
        DROP TABLE edges;
        ALTER TABLE edges_v1 RENAME TO edges;
        CREATE INDEX edges_src ON edges(src, kind);
        CREATE INDEX edges_dst ON edges(dst, kind);
        CREATE INDEX edges_target_key ON edges(target_key) WHERE target_key IS NOT NULL;
        CREATE INDEX edges_target_name ON edges(target_name) WHERE target_key IS NOT NULL;
        PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.graph_dump().unwrap(), before);
    store.integrity_check().unwrap();
    // The migrated rows are searched with the schema 4 full-text index: stemmed
    // ("parsing" finds `parse_header`), any word.
    let ids: Vec<String> =
        store.search("parsing headers", 10).unwrap().into_iter().map(|(n, _)| n.id).collect();
    assert_eq!(ids[0], "pkg/a.py::parse_header", "{ids:?}");
    // Writing goes on as usual: an edit re-diffs the migrated rows, and an edge whose
    // target disappears falls back to its stored name.
    put(&mut store, &[("pkg/a.py", "def parse_footer(x):\n    \"\"\"Write a footer.\"\"\"\n")]);
    let ids: Vec<String> =
        store.search("footer", 10).unwrap().into_iter().map(|(n, _)| n.id).collect();
    assert_eq!(ids, ["pkg/a.py::parse_footer"]);
    let main = store.node("pkg/b.py::main").unwrap().unwrap();
    let callees: Vec<(String, bool)> =
        main.callees.into_iter().map(|e| (e.id, e.resolved)).collect();
    assert!(callees.contains(&("pkg.a.parse_header".to_owned(), false)), "{callees:?}");
    store.integrity_check().unwrap();
}

#[test]
fn a_store_from_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", store::SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    match Store::open(&path) {
        Err(StoreError::SchemaTooNew { found, .. }) => assert_eq!(found, store::SCHEMA_VERSION + 1),
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer schema was accepted"),
    }
    assert!(matches!(Store::open_read_only(&path), Err(StoreError::SchemaTooNew { .. })));
}

#[test]
fn a_missing_index_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_read_only(&dir.path().join("index.db")).err().unwrap();
    assert!(matches!(err, StoreError::NotIndexed(_)));
    assert!(err.to_string().contains("codehub index"));
}

#[test]
fn search_follows_edits_renames_and_removals() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let hits = |store: &Store, q: &str| -> Vec<String> {
        store.search(q, 10).unwrap().into_iter().map(|(n, _)| n.id).collect()
    };
    put(&mut store, &[("a.py", "def parse_header(x):\n    \"\"\"Read a header.\"\"\"\n")]);
    assert_eq!(hits(&store, "header"), ["a.py::parse_header"]);

    // The docstring changes, the name does not: the old words are gone.
    put(&mut store, &[("a.py", "def parse_header(x):\n    \"\"\"Write a footer.\"\"\"\n")]);
    assert_eq!(hits(&store, "footer"), ["a.py::parse_header"]);
    assert_eq!(hits(&store, "read"), Vec::<String>::new());
    store.integrity_check().unwrap();

    // A rename within the file, then a move of the file, then its removal.
    put(&mut store, &[("a.py", "def parse_footer(x):\n    \"\"\"Write a footer.\"\"\"\n")]);
    assert_eq!(hits(&store, "header"), Vec::<String>::new());
    assert_eq!(hits(&store, "parse_footer"), ["a.py::parse_footer"]);
    {
        let mut w = store.writer(false).unwrap();
        let moved = facts("b.py", "def parse_footer(x):\n    \"\"\"Write a footer.\"\"\"\n");
        w.replace_file(&moved, META, UpdateSource::FileChange, Some("a.py")).unwrap();
        w.commit().unwrap();
    }
    assert_eq!(hits(&store, "footer"), ["b.py::parse_footer"]);
    store.integrity_check().unwrap();
    {
        let mut w = store.writer(false).unwrap();
        w.remove_file("b.py").unwrap();
        w.commit().unwrap();
    }
    assert_eq!(hits(&store, "footer"), Vec::<String>::new());
    store.integrity_check().unwrap();
}

#[test]
fn search_ranks_name_matches_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, &[(
        "a.py",
        "def parse_header(x):\n    \"\"\"Read a header.\"\"\"\n\ndef other():\n    \"\"\"Calls parse on the header of a request.\"\"\"\n",
    )]);
    let hits = store.search("parse header", 10).unwrap();
    assert_eq!(hits[0].0.id, "a.py::parse_header");
    assert_eq!(hits.len(), 2);
    assert!(store.search("nonexistentword", 10).unwrap().is_empty());
    assert!(store.search("\"*)(", 10).unwrap().is_empty(), "FTS syntax in queries is inert");
}

/// What a new user types, on names they would expect to find (issue 11, item 8).
const HTTP_AND_TEMPLATES: &str = "\
def parseHTTPAcceptHeader(value):
    \"\"\"Split the value into media ranges.\"\"\"

def parse_date(value):
    \"\"\"Read a date.\"\"\"

def render_template(name, context):
    \"\"\"Fill the named file with the context.\"\"\"

def get(key):
    \"\"\"Return the value stored under key.\"\"\"

def get_many(keys):
    \"\"\"Get every key: get, get, get.\"\"\"

class Header:
    def get(self):
        \"\"\"Get the header value.\"\"\"
";

#[test]
fn search_finds_code_by_the_words_of_its_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    put(&mut store, &[("web.py", HTTP_AND_TEMPLATES)]);
    let top = |q: &str| -> Vec<String> {
        store.search(q, 10).unwrap().into_iter().map(|(n, _)| n.id).collect()
    };
    // camelCase is split, and not every word has to match ("http" is only in the name).
    assert_eq!(top("parse http accept header")[0], "web.py::parseHTTPAcceptHeader");
    // Stemming: "rendering" finds `render`, "templates" finds `template`.
    assert_eq!(top("template rendering")[0], "web.py::render_template");
    assert_eq!(top("rendering templates")[0], "web.py::render_template");
    // An exact name comes first, before nodes whose docstrings repeat the word; both
    // nodes named `get` come before everything else.
    let hits = top("get");
    assert_eq!(hits[..2], ["web.py::Header.get", "web.py::get"], "{hits:?}");
    assert_eq!(top("Header.get")[0], "web.py::Header.get");
    assert_eq!(top("web.py::get")[0], "web.py::get");
    // Only part of a compound query word matches: still an answer.
    assert_eq!(top("acceptHeaders")[0], "web.py::parseHTTPAcceptHeader");
    store.integrity_check().unwrap();
}

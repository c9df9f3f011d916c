//! The rules of the change cascade (issue 14) at the store's boundary: the built-in
//! rules flag docstrings and mark dependency changes as the writer always did,
//! configured rules turn them off or run them elsewhere, and the graph an
//! incremental index ends with equals a clean one whatever the rules.

use model::UpdateSource;
use std::collections::BTreeSet;
use store::rules::{RuleConfig, RuleSet};
use store::{FileMeta, Store};

const META: FileMeta = FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };

fn facts(path: &str, source: &str) -> model::facts::FileFacts {
    extract::extract(path, source.as_bytes()).expect("a language codehub parses")
}

fn put(store: &mut Store, files: &[(&str, &str)]) {
    for (path, source) in files {
        let mut w = store.writer(false).unwrap();
        w.replace_file(&facts(path, source), META, UpdateSource::FileChange, None).unwrap();
        w.commit().unwrap();
    }
}

fn rules(json: &str) -> RuleSet {
    let configured: Vec<RuleConfig> = serde_json::from_str(json).unwrap();
    RuleSet::configure(&configured).unwrap()
}

fn store_with(dir: &tempfile::TempDir, rules: RuleSet) -> Store {
    let mut store = Store::open(&dir.path().join("index.db")).unwrap();
    store.set_rules(rules);
    store
}

const DOC: &str = "def area(w):\n    \"\"\"The area.\"\"\"\n    return w * w\n";
const NEW_SIGNATURE: &str = "def area(w, h):\n    \"\"\"The area.\"\"\"\n    return w * h\n";
const NEW_BODY: &str = "def area(w):\n    \"\"\"The area.\"\"\"\n    return w ** 2\n";

fn outdated(store: &Store, id: &str) -> bool {
    store.node(id).unwrap().unwrap().docstring_outdated
}

#[test]
fn the_docstring_rule_flags_signature_changes_by_default_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with(&dir, RuleSet::builtin());
    put(&mut store, &[("geo.py", DOC), ("geo.py", NEW_SIGNATURE)]);
    assert!(outdated(&store, "geo.py::area"), "a signature change leaves the docstring behind");

    let dir = tempfile::tempdir().unwrap();
    let mut store =
        store_with(&dir, rules(r#"[{"name": "docstring_outdated", "enabled": false}]"#));
    put(&mut store, &[("geo.py", DOC), ("geo.py", NEW_SIGNATURE)]);
    assert!(!outdated(&store, "geo.py::area"), "the rule is off");
}

#[test]
fn a_configured_rule_runs_its_action_on_its_events_for_the_nodes_it_matches() {
    let dir = tempfile::tempdir().unwrap();
    let api = r#"[{"name": "api_docs", "on": ["body_changed"], "match": {"path": "api/**"},
                   "do": "docstring_outdated"}]"#;
    let mut store = store_with(&dir, rules(api));
    put(&mut store, &[("api/geo.py", DOC), ("lib/geo.py", DOC)]);
    put(&mut store, &[("api/geo.py", NEW_BODY), ("lib/geo.py", NEW_BODY)]);
    assert!(outdated(&store, "api/geo.py::area"), "a body change under api/");
    assert!(
        !outdated(&store, "lib/geo.py::area"),
        "not matched: the built-in rule wants a signature change"
    );
    // Editing the docstring clears the flag whatever the rules.
    put(&mut store, &[("api/geo.py", &NEW_BODY.replace("The area.", "The square."))]);
    assert!(!outdated(&store, "api/geo.py::area"));
}

#[test]
fn the_dependency_rule_marks_callers_re_linked_by_another_files_change_unless_off() {
    let caller = ("app.py", "from lib import helper\n\n\ndef run():\n    helper()\n");
    for (rule_set, marked) in [
        (RuleSet::builtin(), true),
        (rules(r#"[{"name": "dependency_changed", "enabled": false}]"#), false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_with(&dir, rule_set);
        put(&mut store, &[caller]);
        put(&mut store, &[("lib.py", "def helper():\n    pass\n")]);
        let run = store.node("app.py::run").unwrap().unwrap();
        let by_dependency = run.update_source == UpdateSource::DependencyChange;
        assert_eq!(by_dependency, marked, "{:?}", run.update_source);
        assert!(
            run.callees.iter().any(|e| e.id == "lib.py::helper" && e.resolved),
            "linked either way"
        );
    }
}

#[test]
fn an_incremental_index_equals_a_clean_one_whatever_the_rules() {
    let edits: &[(&str, &str)] = &[
        ("app.py", "from lib import helper\n\n\ndef run():\n    helper()\n"),
        ("lib.py", "def helper():\n    \"\"\"Help.\"\"\"\n    pass\n"),
        ("lib.py", "def helper(x=1):\n    \"\"\"Help.\"\"\"\n    return x\n"),
        ("app.py", "from lib import helper as h\n\n\ndef run():\n    h(2)\n"),
    ];
    let all_off = r#"[{"name": "docstring_outdated", "enabled": false},
                      {"name": "dependency_changed", "enabled": false}]"#;
    let more = r#"[{"name": "everywhere", "on": ["node_added", "body_changed"],
                    "do": "docstring_outdated"}]"#;
    let mut graphs = Vec::new();
    for rule_set in [RuleSet::builtin(), rules(all_off), rules(more)] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_with(&dir, rule_set);
        put(&mut store, edits);
        graphs.push(store.graph_dump().unwrap().into_iter().collect::<BTreeSet<String>>());
    }
    let dir = tempfile::tempdir().unwrap();
    let mut clean = Store::open(&dir.path().join("index.db")).unwrap();
    let mut w = clean.writer(true).unwrap();
    for (path, source) in [edits[2], edits[3]] {
        w.replace_file(&facts(path, source), META, UpdateSource::ColdStart, None).unwrap();
    }
    w.link_all().unwrap();
    w.commit().unwrap();
    let clean: BTreeSet<String> = clean.graph_dump().unwrap().into_iter().collect();
    for graph in graphs {
        assert_eq!(graph, clean);
    }
}

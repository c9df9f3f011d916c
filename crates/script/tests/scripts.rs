//! Update scripts end to end through the store's writer: the shipped examples compute
//! their fields, an edit re-runs only the scripts whose reads changed, incremental
//! equals clean, and hostile scripts are refused or stopped within their limits
//! while everything else goes on.

use model::UpdateSource;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use store::rules::{RuleConfig, RuleSet};
use store::{FileMeta, Store};

#[global_allocator]
static ALLOCATOR: script::alloc::CountingAllocator = script::alloc::CountingAllocator;

const META: FileMeta = FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// The rules of examples/codehub.toml.
fn example_rules() -> RuleSet {
    #[derive(serde::Deserialize)]
    struct File {
        rules: Vec<RuleConfig>,
    }
    let text = std::fs::read_to_string(examples().join("codehub.toml")).unwrap();
    let file: File = toml::from_str(&text).unwrap();
    RuleSet::configure(&file.rules).unwrap()
}

fn rules(json: &str) -> RuleSet {
    let configured: Vec<RuleConfig> = serde_json::from_str(json).unwrap();
    RuleSet::configure(&configured).unwrap()
}

struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        Tree { dir: tempfile::tempdir().unwrap() }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, text: &str) {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    fn scripts(&self, dir: &Path, limits: script::Limits) -> Arc<script::Scripts> {
        Arc::new(script::Scripts::load(self.root(), dir, limits).unwrap())
    }

    /// A store at `name` with these rules and scripts.
    fn store(&self, name: &str, rules: RuleSet, scripts: Arc<script::Scripts>) -> Store {
        scripts.check(&rules).unwrap();
        let mut store = Store::open(&self.root().join(name)).unwrap();
        store.set_rules(rules);
        store.set_scripts(Some(scripts));
        store
    }
}

fn facts(tree: &Tree, path: &str) -> model::facts::FileFacts {
    let bytes = std::fs::read(tree.root().join(path)).unwrap();
    extract::extract(path, &bytes).expect("a language codehub parses")
}

/// Writes `paths` (as they are on disk) in one commit; cold when the store is new.
fn index(store: &mut Store, tree: &Tree, paths: &[&str]) {
    let cold = store.clock().unwrap() == 0;
    let mut w = store.writer(cold).unwrap();
    for path in paths {
        w.replace_file(&facts(tree, path), META, UpdateSource::FileChange, None).unwrap();
    }
    if cold {
        w.link_all().unwrap();
    }
    w.commit().unwrap();
}

fn fields(store: &Store, id: &str) -> serde_json::Value {
    let node = store.node(id).unwrap().unwrap_or_else(|| panic!("no node {id}"));
    serde_json::to_value(&node.fields).unwrap()
}

fn runs(store: &Store, script: &str) -> u64 {
    store.script_stats().unwrap().iter().find(|s| s.script == script).map_or(0, |s| s.runs)
}

const APP: &str = "\
def parse(text):
    if text:
        return text.split()
    return []


def render(text):
    return ' '.join(parse(text))


def _private():
    return 1
";

const OTHER: &str = "\
from app import parse


def main():
    return parse('a b')
";

const TESTS: &str = "\
from app import render


def test_render():
    assert render('a') == 'a'
";

fn project() -> Tree {
    let tree = Tree::new();
    tree.write("app.py", APP);
    tree.write("other.py", OTHER);
    tree.write("tests/test_app.py", TESTS);
    tree.write(".github/CODEOWNERS", "*.py @team\n/tests/ @qa\n");
    tree
}

const FILES: &[&str] = &["app.py", "other.py", "tests/test_app.py"];

/// The project indexed with the shipped examples and their rules.
fn indexed_with_examples() -> (Tree, Store) {
    let tree = project();
    let scripts = tree.scripts(&examples().join("scripts"), script::Limits::default());
    let mut store = tree.store("index.db", example_rules(), scripts);
    index(&mut store, &tree, FILES);
    (tree, store)
}

#[test]
fn the_shipped_examples_compute_risk_owners_and_untested_public_api() {
    let (tree, mut store) = indexed_with_examples();
    // parse: complexity 2, callers render and main, no direct test: 2 * 3 * 2.
    assert_eq!(
        fields(&store, "app.py::parse"),
        serde_json::json!({"risk": 12, "owners": ["@team"], "untested_api": true})
    );
    // render: complexity 1, one caller (the test), tested: 1 * 2.
    assert_eq!(
        fields(&store, "app.py::render"),
        serde_json::json!({"risk": 2, "owners": ["@team"]})
    );
    assert_eq!(
        fields(&store, "app.py::_private"),
        serde_json::json!({"risk": 2, "owners": ["@team"]}),
        "private: not public API"
    );
    assert_eq!(
        fields(&store, "tests/test_app.py::test_render")["owners"],
        serde_json::json!(["@qa"])
    );
    assert!(fields(&store, "tests/test_app.py::test_render").get("untested_api").is_none());

    // Custom fields can be searched.
    let filter = store::scripts::FieldFilter::parse("risk>3").unwrap();
    let found: Vec<String> =
        store.find_where(None, &filter, 10).unwrap().into_iter().map(|n| n.id).collect();
    assert_eq!(found, ["app.py::parse"]);
    let filter = store::scripts::FieldFilter::parse("owners=@qa").unwrap();
    let found: Vec<String> =
        store.find_where(None, &filter, 10).unwrap().into_iter().map(|n| n.id).collect();
    assert_eq!(found, ["tests/test_app.py", "tests/test_app.py::test_render"]);

    // A new test of parse: its rows change without parse itself changing.
    tree.write(
        "tests/test_parse.py",
        "from app import parse\n\n\ndef test_parse():\n    assert parse('a') == ['a']\n",
    );
    index(&mut store, &tree, &["tests/test_parse.py"]);
    assert_eq!(
        fields(&store, "app.py::parse"),
        serde_json::json!({"risk": 8, "owners": ["@team"]}),
        "now tested, and one more caller: 2 * 4, and no longer untested"
    );
    let changes = store.changes_since(store.clock().unwrap() - 1, 100).unwrap();
    let parse =
        changes.iter().find(|c| c.node_id == "app.py::parse").expect("parse's fields changed");
    assert_eq!(parse.fields["risk"], serde_json::json!(8), "changes carry the new fields");
}

#[test]
fn an_edit_re_runs_only_the_scripts_whose_reads_changed() {
    let (tree, mut store) = indexed_with_examples();
    let before = runs(&store, "risk");
    // main's body changes: main re-runs (its own event). parse's run read its callers,
    // main among them: it is checked, and its calls answer as before, so it does not
    // run; render and _private, in another file, are not even checked.
    tree.write("other.py", &OTHER.replace("'a b'", "'c d'"));
    index(&mut store, &tree, &["other.py"]);
    assert_eq!(runs(&store, "risk") - before, 1, "main only");
    // main calls render instead of parse: both their caller lists change.
    let before = runs(&store, "risk");
    tree.write(
        "other.py",
        &OTHER.replace("import parse", "import render").replace("parse(", "render("),
    );
    index(&mut store, &tree, &["other.py"]);
    assert_eq!(runs(&store, "risk") - before, 3, "main, parse and render");
    assert_eq!(fields(&store, "app.py::parse")["risk"], serde_json::json!(8), "2 x (1 + 1) x 2");
    // The same file again: nothing changed, nothing runs.
    let before = runs(&store, "risk");
    index(&mut store, &tree, &["other.py"]);
    assert_eq!(runs(&store, "risk"), before);
}

#[test]
fn incremental_equals_clean_with_scripts() {
    let tree = project();
    let dir = examples().join("scripts");
    let mut store =
        tree.store("live.db", example_rules(), tree.scripts(&dir, script::Limits::default()));
    index(&mut store, &tree, FILES);
    let edits: &[(&str, &str)] = &[
        ("app.py", &APP.replace("if text:", "if text and text.strip():")),
        ("other.py", "from app import render\n\n\ndef main():\n    return render('x')\n"),
        ("app.py", &APP.replace("def _private", "def public")),
        ("tests/test_app.py", "def test_nothing():\n    pass\n"),
    ];
    for (i, (path, text)) in edits.iter().enumerate() {
        tree.write(path, text);
        index(&mut store, &tree, &[path]);
        let mut clean = tree.store(
            &format!("clean{i}.db"),
            example_rules(),
            tree.scripts(&dir, script::Limits::default()),
        );
        index(&mut clean, &tree, FILES);
        assert_eq!(store.graph_dump().unwrap(), clean.graph_dump().unwrap(), "after edit {i}");
    }
}

#[test]
fn a_changed_script_runs_again_everywhere_and_a_removed_rule_drops_its_fields() {
    let tree = project();
    let dir = tree.root().join("scripts");
    tree.write("scripts/size.py", "set('lines', target['line_count'])\n");
    let rule = r#"[{"name": "size", "on": ["node_added"], "script": "size"}]"#;
    let mut store = tree.store("index.db", rules(rule), tree.scripts(&dir, Default::default()));
    index(&mut store, &tree, FILES);
    assert_eq!(fields(&store, "app.py::parse"), serde_json::json!({"lines": 4}));

    tree.write("scripts/size.py", "set('lines', target['line_count'] * 10)\n");
    store.set_scripts(Some(tree.scripts(&dir, Default::default())));
    store.writer(false).unwrap().commit().unwrap();
    assert_eq!(fields(&store, "app.py::parse"), serde_json::json!({"lines": 40}));

    store.set_rules(RuleSet::builtin());
    store.set_scripts(None);
    store.writer(false).unwrap().commit().unwrap();
    assert_eq!(fields(&store, "app.py::parse"), serde_json::json!({}));
}

/// Hostile scripts, each with what its error note must say. Every one runs on every
/// node of the project, beside a well-behaved script.
const HOSTILE: &[(&str, &str, &str)] = &[
    ("imports_os", "import os\nset('x', os.getcwd())\n", "refused"),
    ("opens_a_file", "set('x', open('/etc/passwd').read())\n", "error"),
    ("dunder_import", "os = __import__('os')\nset('x', 1)\n", "NameError"),
    ("evals", "set('x', eval('1 + 1'))\n", "NameError"),
    ("execs", "exec('x = 1')\nset('x', 1)\n", "NameError"),
    ("reflects", "set('x', len(().__class__.__bases__[0].__subclasses__()))\n", "AttributeError"),
    ("spins", "while True:\n    pass\n", "TimeoutError"),
    ("allocates", "x = [0] * (10 * 1024 ** 3)\nset('x', len(x))\n", "MemoryError"),
    ("grows", "x = []\nwhile True:\n    x.append('y' * 1000)\n", "MemoryError"),
    ("recurses", "def f(n):\n    return f(n + 1)\nf(0)\n", "RecursionError"),
    ("returns_100_mb", "'x' * (100 * 1024 * 1024)\n", "MemoryError"),
    ("big_field", "set('x', 'y' * 5000)\n", "at most 4096"),
    ("raises", "raise ValueError('no')\n", "ValueError: no"),
    ("calls_the_host_forever", "while True:\n    node(target['id'])\n", "host API calls"),
    ("sets_another_node", "set('x', 1, 'app.py::render')\n", "no other node"),
    ("reads_the_clock", "import datetime\nset('x', str(datetime.datetime.now()))\n", "refused"),
    ("reads_the_environment", "import os\nset('x', os.getenv('HOME'))\n", "refused"),
];

#[test]
fn hostile_scripts_are_refused_or_stopped_and_nothing_else_changes() {
    let tree = project();
    let dir = tree.root().join("scripts");
    tree.write("scripts/good.py", "set('ok', True)\n");
    let mut rule_list = vec![
        serde_json::json!({"name": "good", "on": ["node_added"], "script": "good", "match": {"name": "^parse$"}}),
    ];
    for (name, text, _) in HOSTILE {
        tree.write(&format!("scripts/{name}.py"), text);
        rule_list.push(serde_json::json!({
            "name": name, "on": ["node_added"], "script": name, "match": {"name": "^parse$"}
        }));
    }
    let limits = script::Limits { time: Duration::from_millis(500), ..Default::default() };
    let rule_set = rules(&serde_json::Value::from(rule_list).to_string());
    let mut store = tree.store("index.db", rule_set, tree.scripts(&dir, limits));
    let started = std::time::Instant::now();
    index(&mut store, &tree, FILES);
    // Two time-outs of 0.5 s (spins, grows at worst), everything else at once.
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());

    let node = store.node("app.py::parse").unwrap().unwrap();
    if std::env::var_os("SCRIPT_NOTES").is_some() {
        eprintln!("{}", node.notes.join("\n"));
    }
    assert_eq!(serde_json::to_value(&node.fields).unwrap(), serde_json::json!({"ok": true}));
    for (name, _, says) in HOSTILE {
        let note = node
            .notes
            .iter()
            .find(|n| n.starts_with(&format!("{name}: error: ")))
            .unwrap_or_else(|| panic!("{name}: no error note in {:?}", node.notes));
        assert!(note.contains(says), "{name}: {note:?} does not say {says:?}");
    }
    for id in ["app.py::render", "other.py::main", "app.py"] {
        let other = store.node(id).unwrap().unwrap();
        assert!(other.fields.is_empty() && other.notes.is_empty(), "{id} changed: {other:?}");
    }
    let stats = store.script_stats().unwrap();
    let limited: Vec<&str> =
        stats.iter().filter(|s| s.limit_hits > 0).map(|s| s.script.as_str()).collect();
    for expected in
        ["spins", "allocates", "grows", "recurses", "returns_100_mb", "calls_the_host_forever"]
    {
        assert!(limited.contains(&expected), "{expected} not counted as a limit hit: {stats:?}");
    }
    assert!(stats.iter().all(|s| s.runs == 1), "{stats:?}");

    // The store keeps working: another edit commits and the good script runs again.
    tree.write("app.py", &APP.replace("return []", "return ['']"));
    index(&mut store, &tree, &["app.py"]);
    assert_eq!(fields(&store, "app.py::parse"), serde_json::json!({"ok": true}));
    store.integrity_check().unwrap();
}

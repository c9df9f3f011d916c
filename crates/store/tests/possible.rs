//! Possible edges at the store's boundary: unresolved calls of a node's name are
//! counted and ranked by evidence, never mixed with resolved callers, and carry the
//! `possible` tier.

use model::{EdgeKind, Evidence, Provenance, UpdateSource};
use store::{FileMeta, Store};

const META: FileMeta = FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };

/// One call of `get_host` resolves (through the annotation); the others are unresolved
/// receivers, with different evidence each.
const TREE: &[(&str, &str)] = &[
    (
        "pkg/http.py",
        "class HttpRequest:\n    def get_host(self):\n        return 'h'\n\n\n\
         def local_use(request):\n    return request.get_host()\n",
    ),
    (
        "pkg/views.py",
        "from pkg.http import HttpRequest\n\n\n\
         def typed(r: HttpRequest):\n    return r.get_host()\n\n\n\
         def untyped(request):\n    return request.get_host()\n\n\n\
         def other(thing):\n    return thing.get_host('x')\n",
    ),
    ("other/lib.py", "def unrelated(conn):\n    return conn.get_host()\n"),
    (
        "tests/test_views.py",
        "from pkg.views import untyped\n\n\n\
         def test_untyped():\n    untyped(None)\n    x = make()\n    x.get_host()\n",
    ),
];

const GET_HOST: &str = "pkg/http.py::HttpRequest.get_host";

/// Indexes `files` one commit each, as incremental runs link; `cold` indexes them in
/// one deferred-link batch as a cold index does.
fn index(files: &[(&str, &str)], cold: bool) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("index.db")).unwrap();
    if cold {
        let mut w = store.writer(true).unwrap();
        for (path, source) in files {
            let facts = extract::extract(path, source.as_bytes()).unwrap();
            w.replace_file(&facts, META, UpdateSource::ColdStart, None).unwrap();
        }
        w.link_all().unwrap();
        w.commit().unwrap();
    } else {
        for (path, source) in files {
            let facts = extract::extract(path, source.as_bytes()).unwrap();
            let mut w = store.writer(false).unwrap();
            w.replace_file(&facts, META, UpdateSource::FileChange, None).unwrap();
            w.commit().unwrap();
        }
    }
    (dir, store)
}

#[test]
fn unresolved_calls_of_the_name_are_counted_and_ranked_by_evidence() {
    for cold in [false, true] {
        let (_dir, store) = index(TREE, cold);
        let callers: Vec<String> =
            store.callers(GET_HOST, 1).unwrap().into_iter().map(|r| r.edge.id).collect();
        assert_eq!(callers, ["pkg/views.py::typed"], "only the annotated call resolves");

        let counted = store.possible_callers(&[GET_HOST.to_owned()], false).unwrap();
        assert_eq!(counted.count, 5);
        assert!(counted.edges.is_empty(), "listed only when asked");

        let listed = store.possible_callers(&[GET_HOST.to_owned()], true).unwrap();
        assert_eq!(listed.count, 5);
        let ranked: Vec<(&str, &str, u32, &[Evidence])> = listed
            .edges
            .iter()
            .map(|e| (e.src.as_str(), e.name.as_str(), e.score, e.evidence.as_slice()))
            .collect();
        use Evidence::*;
        assert_eq!(
            ranked,
            [
                (
                    "pkg/http.py::local_use",
                    "request.get_host",
                    7,
                    &[ReceiverName, SameModule, Arity][..]
                ),
                (
                    "pkg/views.py::untyped",
                    "request.get_host",
                    7,
                    &[ReceiverName, ImportsModule, Arity]
                ),
                ("pkg/views.py::other", "thing.get_host", 2, &[ImportsModule]),
                ("other/lib.py::unrelated", "conn.get_host", 1, &[Arity]),
                ("tests/test_views.py::test_untyped", "x.get_host", 1, &[Arity]),
            ]
        );
        for e in &listed.edges {
            assert_eq!(e.provenance, Provenance::Possible);
            assert!(e.provenance > Provenance::Inferred, "the possible tier is below inferred");
            assert_eq!(e.kind, EdgeKind::Calls);
            assert_eq!(e.dst, GET_HOST);
        }
        assert_eq!(listed.edges[0].line, 7);
    }
}

#[test]
fn a_fully_resolved_node_has_no_possible_callers() {
    let (_dir, store) = index(TREE, false);
    let untyped = store.possible_callers(&["pkg/views.py::untyped".to_owned()], true).unwrap();
    assert_eq!(untyped.count, 0, "its one call resolves: the answer is definite");
    assert!(untyped.edges.is_empty());
}

#[test]
fn tests_whose_call_of_the_name_is_unresolved_are_possible_tests() {
    let (_dir, store) = index(TREE, false);
    let tests = store.possible_tests(GET_HOST, true).unwrap();
    assert_eq!(tests.count, 1);
    let listed: Vec<(&str, EdgeKind, Provenance)> =
        tests.edges.iter().map(|e| (e.src.as_str(), e.kind, e.provenance)).collect();
    assert_eq!(
        listed,
        [("tests/test_views.py::test_untyped", EdgeKind::Tests, Provenance::Possible)]
    );
    // A test already resolved to the node is a test, not a possible one.
    let untyped = store.possible_tests("pkg/views.py::untyped", true).unwrap();
    assert_eq!(untyped.count, 0);
}

#[test]
fn callees_not_resolved_are_listed_by_name() {
    let (_dir, store) = index(TREE, false);
    let callees = store.possible_callees(&["pkg/views.py::untyped".to_owned()], true).unwrap();
    assert_eq!(callees.count, 1);
    let e = &callees.edges[0];
    assert_eq!(
        (e.src.as_str(), e.name.as_str(), e.line),
        ("pkg/views.py::untyped", "request.get_host", 9)
    );
    assert_eq!(e.evidence, [Evidence::NameInIndex], "a node is named get_host");
    assert_eq!(e.provenance, Provenance::Possible);
    let typed = store.possible_callees(&["pkg/views.py::typed".to_owned()], false).unwrap();
    assert_eq!(typed.count, 0);
}

#[test]
fn editing_a_call_site_updates_its_possible_edge() {
    let (dir, _) = index(TREE, false);
    let mut store = Store::open(&dir.path().join("index.db")).unwrap();
    // `other` now passes no argument: the arity matches.
    let views = TREE[1].1.replace("thing.get_host('x')", "thing.get_host()");
    let facts = extract::extract("pkg/views.py", views.as_bytes()).unwrap();
    let mut w = store.writer(false).unwrap();
    w.replace_file(&facts, META, UpdateSource::FileChange, None).unwrap();
    w.commit().unwrap();
    let listed = store.possible_callers(&[GET_HOST.to_owned()], true).unwrap();
    let other = listed.edges.iter().find(|e| e.src == "pkg/views.py::other").unwrap();
    assert_eq!(other.evidence, [Evidence::ImportsModule, Evidence::Arity]);
}

/// Calls of builtins and of the standard library are external edges by qualified
/// name: not possible callers of the root's functions of the same name, and not
/// counted as calls the answer may be missing; a root module of the same name, once
/// it defines the callee, takes the call (cold and incremental alike).
#[test]
fn standard_library_calls_are_external_not_possible() {
    let tree: &[(&str, &str)] = &[
        (
            "app.py",
            "import os.path\nfrom json import loads\n\n\n\
             def run(parts):\n    n = len(parts)\n    loads('1')\n    return os.path.join(*parts), n\n",
        ),
        ("paths.py", "def join(a, b):\n    return a + b\n"),
    ];
    for cold in [false, true] {
        let (_dir, store) = index(tree, cold);
        let callees = store.callees("app.py::run", 1).unwrap();
        let mut seen: Vec<(String, Provenance, bool)> = callees
            .iter()
            .map(|r| (r.edge.id.clone(), r.edge.provenance, r.edge.resolved))
            .collect();
        seen.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            seen,
            [
                ("builtins.len".to_owned(), Provenance::External, false),
                ("json.loads".to_owned(), Provenance::External, false),
                ("os.path.join".to_owned(), Provenance::External, false),
            ],
            "cold: {cold}"
        );
        let missing = store.possible_callees(&["app.py::run".to_owned()], true).unwrap();
        assert_eq!(missing.count, 0, "every call is known (definite): {:?}", missing.edges);
        let callers = store.possible_callers(&["paths.py::join".to_owned()], true).unwrap();
        assert_eq!(callers.count, 0, "os.path.join calls no join of the root: {:?}", callers.edges);
    }

    // A module `json` of the root that defines `loads` links the call.
    let mut files = tree.to_vec();
    files.push(("json.py", "def loads(text):\n    return text\n"));
    for cold in [false, true] {
        let (_dir, store) = index(&files, cold);
        let callees = store.callees("app.py::run", 1).unwrap();
        let loads = callees.iter().find(|r| r.edge.id.ends_with("loads")).unwrap();
        assert_eq!(
            (loads.edge.id.as_str(), loads.edge.resolved),
            ("json.py::loads", true),
            "cold: {cold}"
        );
    }
}

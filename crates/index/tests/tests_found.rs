//! Tests that are really found (issue 13, part 3): pytest fixtures from `conftest.py`
//! files at any level and the objects they return typed like locals, unittest
//! `setUp`/`setUpClass` attributes, shared test-helper modules, and production code
//! reached through calls (`indirect`, with the path length), each checked against a
//! clean index after edits in other files.

use model::TestReach;
use std::path::Path;
use test_fixture::{assert_equals_clean, index, tree, write};

const PROJECT: &str = r#"
//- /app/client.py
class Client:
    def get(self, path):
        return path

    def post(self, path):
        return self.get(path)


class Other:
    def get(self, path):
        return path
//- /app/core.py
def render(page):
    return page


def handle(page):
    return render(page)


def serve(page):
    return handle(page)
//- /tests/conftest.py
import pytest
from app.client import Client


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def session() -> Client:
    return make()


@pytest.fixture
def yielded():
    c = Client()
    yield c
//- /tests/unit/conftest.py
import pytest
from app.client import Client


@pytest.fixture
def client():
    return Client()
//- /tests/helpers.py
from app.core import handle


def check_page(page):
    return handle(page)
//- /tests/unit/test_api.py
import pytest
from tests.helpers import check_page


def test_get(client, tmp_path):
    client.get("/")


def test_yielded(yielded):
    yielded.post("/")


def test_session(session):
    session.get("/")


@pytest.mark.parametrize("client", [1])
def test_parametrized(client):
    client.get("/")


def test_page():
    check_page("x")
//- /tests/test_case.py
import unittest
from app.client import Client


class ApiTest(unittest.TestCase):
    def setUp(self):
        self.client = Client()

    @classmethod
    def setUpClass(cls):
        cls.shared = Client()

    def test_get(self):
        self.client.get("/")

    def test_shared(self):
        self.shared.post("/")
"#;

fn db(root: &Path) -> std::path::PathBuf {
    root.join(".codehub/index.db")
}

/// `graph.tests`' list for node `id`, one line per test: `test provenance depth via`.
fn tests_of(root: &Path, id: &str) -> Vec<String> {
    let store = store::Store::open_read_only(&db(root)).unwrap();
    store
        .tests_reaching(id)
        .unwrap()
        .into_iter()
        .map(|TestReach { test, provenance, depth, via }| {
            let via = via.map(|v| format!(" via {v}")).unwrap_or_default();
            format!("{test} {provenance} {depth}{via}", provenance = provenance.as_str())
        })
        .collect()
}

fn has_edge(root: &Path, line: &str) -> bool {
    let store = store::Store::open_read_only(&db(root)).unwrap();
    store.graph_dump().unwrap().iter().any(|l| l.starts_with(line))
}

#[test]
fn a_fixture_parameter_links_to_the_nearest_conftest_and_types_its_value() {
    let dir = tree(PROJECT);
    let root = dir.path();
    index(root);
    // The nearest conftest.py wins: tests/unit's `client`, not tests'.
    assert_eq!(
        tests_of(root, "tests/unit/conftest.py::client"),
        ["tests/unit/test_api.py::test_get exact 1"]
    );
    assert_eq!(tests_of(root, "tests/conftest.py::client"), Vec::<String>::new());
    // A fixture further up, and what it returns (annotated) or yields, typed like a
    // local: `session.get()` is `Client.get`, `yielded.post()` is `Client.post`.
    assert_eq!(
        tests_of(root, "tests/conftest.py::yielded"),
        ["tests/unit/test_api.py::test_yielded exact 1"]
    );
    assert_eq!(
        tests_of(root, "app/client.py::Client.post"),
        [
            "tests/test_case.py::ApiTest.test_shared inferred 1",
            "tests/unit/test_api.py::test_yielded inferred 1",
        ]
    );
    let get = tests_of(root, "app/client.py::Client.get");
    for line in [
        "tests/test_case.py::ApiTest.test_get inferred 1",
        "tests/unit/test_api.py::test_get inferred 1",
        "tests/unit/test_api.py::test_session inferred 1",
        "tests/test_case.py::ApiTest.test_shared indirect 2 via app/client.py::Client.post",
        "tests/unit/test_api.py::test_yielded indirect 2 via app/client.py::Client.post",
    ] {
        assert!(get.contains(&line.to_owned()), "{line} missing from {get:#?}");
    }
    // A parametrized argument is no fixture; pytest's own fixtures are not looked up.
    assert!(!get.iter().any(|l| l.contains("test_parametrized")), "{get:#?}");
    assert!(!has_edge(root, "edge tests tests/unit/test_api.py::test_get -> tmp_path"));
}

#[test]
fn production_code_reached_through_a_shared_helper_is_tested_indirectly() {
    let dir = tree(PROJECT);
    let root = dir.path();
    index(root);
    assert_eq!(
        tests_of(root, "tests/helpers.py::check_page"),
        ["tests/unit/test_api.py::test_page exact 1"]
    );
    assert_eq!(
        tests_of(root, "app/core.py::handle"),
        ["tests/unit/test_api.py::test_page indirect 2 via tests/helpers.py::check_page"]
    );
    assert_eq!(
        tests_of(root, "app/core.py::render"),
        ["tests/unit/test_api.py::test_page indirect 3 via tests/helpers.py::check_page"]
    );
    // `serve` calls what the test reaches; the test does not reach `serve`.
    assert_eq!(tests_of(root, "app/core.py::serve"), Vec::<String>::new());
}

#[test]
fn indirect_tests_follow_edits_in_other_files() {
    let dir = tree(PROJECT);
    let root = dir.path();
    index(root);
    // Production code stops calling `render`: its indirect test is gone.
    write(
        root,
        "app/core.py",
        "def render(page):\n    return page\n\n\ndef handle(page):\n    return page\n",
    );
    index(root);
    assert_equals_clean(root, &db(root));
    assert_eq!(tests_of(root, "app/core.py::render"), Vec::<String>::new());
    // ... then again, through a new function: a path of 4 edges, beyond the bound.
    write(
        root,
        "app/core.py",
        "def render(page):\n    return page\n\n\ndef layout(page):\n    return render(page)\n\n\ndef handle(page):\n    return layout(page)\n",
    );
    index(root);
    assert_equals_clean(root, &db(root));
    assert_eq!(
        tests_of(root, "app/core.py::layout"),
        ["tests/unit/test_api.py::test_page indirect 3 via tests/helpers.py::check_page"]
    );
    assert_eq!(tests_of(root, "app/core.py::render"), Vec::<String>::new());
    // ... and directly again.
    write(
        root,
        "app/core.py",
        "def render(page):\n    return page\n\n\ndef handle(page):\n    return render(page)\n",
    );
    index(root);
    assert_equals_clean(root, &db(root));
    assert_eq!(
        tests_of(root, "app/core.py::render"),
        ["tests/unit/test_api.py::test_page indirect 3 via tests/helpers.py::check_page"]
    );
}

#[test]
fn fixture_links_follow_edits_of_conftest_files() {
    let dir = tree(PROJECT);
    let root = dir.path();
    index(root);
    // The nearer fixture goes: the test now gets tests/conftest.py's.
    std::fs::remove_file(root.join("tests/unit/conftest.py")).unwrap();
    index(root);
    assert_equals_clean(root, &db(root));
    assert_eq!(
        tests_of(root, "tests/conftest.py::client"),
        ["tests/unit/test_api.py::test_get exact 1"]
    );
    // What the fixture returns changes: `client.get()` follows it to `Other.get`.
    write(
        root,
        "tests/conftest.py",
        "import pytest\nfrom app.client import Other\n\n\n@pytest.fixture\ndef client():\n    return Other()\n",
    );
    index(root);
    assert_equals_clean(root, &db(root));
    let other = tests_of(root, "app/client.py::Other.get");
    assert!(
        other.contains(&"tests/unit/test_api.py::test_get inferred 1".to_owned()),
        "{other:#?}"
    );
    // A conftest.py closer to the test appears again.
    write(
        root,
        "tests/unit/conftest.py",
        "import pytest\nfrom app.client import Client\n\n\n@pytest.fixture\ndef client():\n    return Client()\n",
    );
    index(root);
    assert_equals_clean(root, &db(root));
    assert_eq!(
        tests_of(root, "tests/unit/conftest.py::client"),
        ["tests/unit/test_api.py::test_get exact 1"]
    );
    assert!(!tests_of(root, "app/client.py::Other.get").iter().any(|l| l.contains("test_get ")));
}

#[test]
fn provenance_is_ordered_direct_first() {
    let dir = tree(PROJECT);
    index(dir.path());
    let get = tests_of(dir.path(), "app/client.py::Client.get");
    let first_indirect = get.iter().position(|l| l.contains(" indirect ")).unwrap();
    assert!(get[..first_indirect].iter().all(|l| !l.contains(" indirect ")));
    assert!(get[first_indirect..].iter().all(|l| l.contains(" indirect ")));
}

#[test]
fn describe_and_it_blocks_are_the_tests_named_by_their_descriptions() {
    let dir = tree(
        r#"
//- /src/sum.ts
export function sum(a: number, b: number): number {
  return add(a, b);
}

export function add(a: number, b: number): number {
  return a + b;
}
//- /test/sum.test.ts
import { describe, it, expect } from "vitest";
import { sum } from "../src/sum";

describe("sum", () => {
  it("adds numbers", () => {
    expect(sum(1, 2)).toBe(3);
  });
});
"#,
    );
    let root = dir.path();
    index(root);
    assert_eq!(
        tests_of(root, "src/sum.ts::sum"),
        [r#"test/sum.test.ts::"sum" exact 1"#, r#"test/sum.test.ts::"sum"."adds numbers" exact 1"#,]
    );
    assert_eq!(
        tests_of(root, "src/sum.ts::add"),
        [
            r#"test/sum.test.ts::"sum" indirect 2 via src/sum.ts::sum"#,
            r#"test/sum.test.ts::"sum"."adds numbers" indirect 2 via src/sum.ts::sum"#,
        ]
    );
    // The nested block's parent is its describe block.
    let store = store::Store::open_read_only(&db(root)).unwrap();
    let node = store.node(r#"test/sum.test.ts::"sum"."adds numbers""#).unwrap().unwrap();
    assert_eq!(node.parent.as_deref(), Some(r#"test/sum.test.ts::"sum""#));
    assert_eq!(node.name, r#""adds numbers""#);
}

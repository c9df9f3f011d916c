//! `codehub tests NODE` end to end: a test reaches a function through a test-local
//! helper, and the function lists it as a related test.

mod common;

use common::{codehub, stdout, write};

/// A module, and a pytest file whose test calls `total` only through a helper.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "shop/pricing.py",
        "def total(prices):\n    return sum(prices)\n\n\ndef unused():\n    return 0\n",
    );
    write(
        root,
        "tests/test_pricing.py",
        "from shop.pricing import total\n\n\ndef checkout(prices):\n    return total(prices)\n\n\ndef test_checkout():\n    assert checkout([1, 2]) == 3\n",
    );
    let out = codehub(root, &["index"]);
    assert!(out.status.success(), "index failed: {}", String::from_utf8_lossy(&out.stderr));
    dir
}

#[test]
fn tests_lists_a_test_that_reaches_the_node_through_a_helper() {
    let dir = fixture();
    let root = dir.path();
    let out = codehub(root, &["tests", "total"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The last line says no test was left unresolved by name (no possible tests).
    assert_eq!(
        stdout(&out),
        "tests/test_pricing.py:8: test_checkout\nno other test calls total by name (definite)\n"
    );

    let out = codehub(root, &["--json", "tests", "shop/pricing.py::total"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["node"], "shop/pricing.py::total");
    assert_eq!(json["tests"][0]["id"], "tests/test_pricing.py::test_checkout");

    let out = codehub(root, &["tests", "unused"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "shop/pricing.py::unused: no tests\nno other test calls unused by name (definite)\n"
    );

    let out = codehub(root, &["tests", "no_such_function"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn show_has_the_test_in_related_tests() {
    let dir = fixture();
    let out = codehub(dir.path(), &["--json", "show", "total"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["node"]["related_tests"],
        serde_json::json!(["tests/test_pricing.py::test_checkout"])
    );
}

/// A test that reaches production code only through a shared helper module and one
/// more call: listed after the direct tests, with its path length and first hop.
#[test]
fn tests_lists_indirect_tests_with_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "app/core.py",
        "def render(page):\n    return page\n\n\ndef handle(page):\n    return render(page)\n",
    );
    write(
        root,
        "tests/helpers.py",
        "from app.core import handle\n\n\ndef check_page(page):\n    return handle(page)\n",
    );
    write(
        root,
        "tests/test_pages.py",
        "from app.core import render\nfrom tests.helpers import check_page\n\n\ndef test_page():\n    check_page(\"x\")\n\n\ndef test_render():\n    render(\"y\")\n",
    );
    let out = codehub(root, &["index"]);
    assert!(out.status.success(), "index failed: {}", String::from_utf8_lossy(&out.stderr));
    let out = codehub(root, &["tests", "render"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        stdout(&out),
        "tests/test_pages.py:9: test_render\n\
         tests/test_pages.py:5: test_page  (indirect: 3 edges, via tests/helpers.py::check_page)\n\
         no other test calls render by name (definite)\n"
    );
    let out = codehub(root, &["--json", "tests", "render"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["reach"],
        serde_json::json!([
            {"test": "tests/test_pages.py::test_render", "provenance": "exact", "depth": 1},
            {"test": "tests/test_pages.py::test_page", "provenance": "indirect", "depth": 3,
             "via": "tests/helpers.py::check_page"},
        ])
    );
}

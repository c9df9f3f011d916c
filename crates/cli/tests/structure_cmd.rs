//! `codehub impact`, `members`, `hierarchy`, `references` and `show --source` end to
//! end: a git repository is edited, and `impact` names the changed function, its
//! callers and the test to run, for each kind of diff.

mod common;

use common::{codehub, git, stdout, write};
use serde_json::Value;
use std::path::Path;

/// A committed repository: `total` is called by `checkout`, which a test calls.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "shop/pricing.py",
        "def total(prices):\n    return sum(prices)\n\n\ndef unused():\n    return 0\n",
    );
    write(
        root,
        "shop/cart.py",
        "from shop.pricing import total\n\n\nclass Cart:\n    def checkout(self, prices):\n        return total(prices)\n",
    );
    write(
        root,
        "tests/test_cart.py",
        "from shop.cart import Cart\n\n\ndef test_checkout():\n    assert Cart().checkout([1]) == 1\n",
    );
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "start"]);
    dir
}

fn impact(root: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json", "impact"];
    all.extend_from_slice(args);
    let out = codehub(root, &all);
    assert!(out.status.success(), "impact {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.get("edge").map_or(&v["id"], |e| &e["id"]).as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn impact_names_the_changed_function_its_callers_and_the_tests_to_run() {
    let dir = repository();
    let root = dir.path();
    let pricing =
        "def total(prices):\n    return sum(prices) + 0\n\n\ndef unused():\n    return 0\n";
    write(root, "shop/pricing.py", pricing);
    assert!(codehub(root, &["index"]).status.success());

    let r = impact(root, &[]);
    assert_eq!(r["diff"], "git diff HEAD");
    assert_eq!(r["files"][0]["path"], "shop/pricing.py");
    assert_eq!(r["files"][0]["indexed"], "current");
    assert_eq!(r["files"][0]["lines"], serde_json::json!([[2, 2]]));
    assert_eq!(ids(&r["changed"]), ["shop/pricing.py::total"], "not `unused`: {r}");
    assert_eq!(
        ids(&r["callers"]),
        ["shop/cart.py::Cart.checkout", "tests/test_cart.py::test_checkout"],
        "depth 2 by default"
    );
    assert_eq!(ids(&r["tests"]), ["tests/test_cart.py::test_checkout"]);

    let direct = impact(root, &["--depth", "1"]);
    assert_eq!(ids(&direct["callers"]), ["shop/cart.py::Cart.checkout"]);

    // Only staged changes: nothing is staged yet.
    assert_eq!(impact(root, &["--staged"])["files"], serde_json::json!([]));
    git(root, &["add", "shop/pricing.py"]);
    assert_eq!(ids(&impact(root, &["--staged"])["changed"]), ["shop/pricing.py::total"]);
    assert_eq!(impact(root, &["--worktree"])["files"], serde_json::json!([]));

    // Against a revision: the commit since it, with the working tree.
    git(root, &["commit", "-q", "-m", "total"]);
    write(root, "shop/extra.py", "def more():\n    return 1\n");
    assert!(codehub(root, &["index"]).status.success());
    let r = impact(root, &["HEAD~1"]);
    assert_eq!(
        ids(&r["changed"]),
        ["shop/pricing.py::total"],
        "the untracked file is not in git's diff"
    );

    // Human output ends with the tests to run.
    let out = codehub(root, &["impact", "HEAD~1"]);
    let text = stdout(&out);
    assert!(text.contains("tests to run (1):\n  tests/test_cart.py:4: test_checkout"), "{text}");

    // A revision that could be read as an option is refused before git runs.
    let out = codehub(root, &["impact", "--", "--output=/tmp/x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a revision"));
}

#[test]
fn impact_says_when_the_index_is_behind_a_changed_file() {
    let dir = repository();
    let root = dir.path();
    assert!(codehub(root, &["index"]).status.success());
    write(root, "shop/pricing.py", "def total(prices):\n    return 0\n");
    let r = impact(root, &[]);
    assert_eq!(r["files"][0]["indexed"], "stale", "{r}");
    let text = stdout(&codehub(root, &["impact"]));
    assert!(text.contains("index behind the file"), "{text}");
}

#[test]
fn structural_commands_answer_from_the_index() {
    let dir = repository();
    let root = dir.path();
    assert!(codehub(root, &["index"]).status.success());
    let out = codehub(root, &["members", "Cart"]);
    assert_eq!(stdout(&out), "shop/cart.py:5: Cart.checkout  method  def checkout(self, prices)\n");
    let out = codehub(root, &["references", "total"]);
    assert_eq!(stdout(&out), "shop/cart.py:1: shop/cart.py  import  (exact)\n");
    let out = codehub(root, &["hierarchy", "Cart"]);
    assert_eq!(stdout(&out), "shop/cart.py::Cart: no bases or subtypes in the index\n");
    let out = codehub(root, &["show", "total", "--source"]);
    assert!(
        stdout(&out).ends_with("  source:\n    def total(prices):\n        return sum(prices)\n"),
        "{}",
        stdout(&out)
    );
}

//! The `codehub` binary end to end on small fixture trees: what a user types and sees.

mod common;

use common::{codehub, stderr, stdout, write};
use expect_test::expect;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "shop/models.py",
        r#""""Shop models."""


class Order:
    """An order of items."""

    def total(self):
        return sum_prices(self.items)

    def save(self):
        """Persist the order."""
        return self.total()


def sum_prices(items):
    """Add up item prices."""
    return sum(i.price for i in items)
"#,
    );
    write(
        root,
        "shop/views.py",
        r#"from shop.models import Order


def checkout(request):
    order = Order()
    return order.save()


def save(x):
    return x
"#,
    );
    write(root, "shop/__init__.py", "");
    dir
}

#[test]
fn index_then_query_from_anywhere_inside_the_root() {
    let dir = fixture();
    let root = dir.path();
    let out = codehub(root, &["index"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.starts_with("indexed 3 files (cold):"), "{summary}");
    assert!(root.join(".codehub/index.db").exists());

    // From a subdirectory, the index is found by walking up.
    let sub = root.join("shop");
    let out = codehub(&sub, &["show", "Order.total"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("method shop/models.py::Order.total"), "{text}");
    assert!(text.contains("signature: def total(self)"), "{text}");
    assert!(text.contains("shop/models.py::Order.save"), "callers listed: {text}");

    let out = codehub(&sub, &["callees", "shop/models.py::Order.total"]);
    assert!(stdout(&out).contains("shop/models.py::sum_prices"), "{}", stdout(&out));

    // Depth 2: checkout → Order (constructor) and Order.save? save is called on a local.
    let out = codehub(root, &["callers", "sum_prices", "--depth", "3"]);
    let text = stdout(&out);
    assert!(text.contains(": Order.total  (exact)"), "{text}");
    assert!(text.contains(":   Order.save"), "second level is indented: {text}");

    let out = codehub(root, &["search", "price"]);
    assert!(stdout(&out).lines().next().unwrap().contains("sum_prices"), "{}", stdout(&out));

    let out = codehub(root, &["status"]);
    let text = stdout(&out);
    assert!(text.contains("files:      3"), "{text}");
}

#[test]
fn json_output_parses_and_carries_the_fields() {
    let dir = fixture();
    let root = dir.path();
    let out = codehub(root, &["--json", "index"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report"]["files"], 3);
    let out = codehub(root, &["--json", "show", "sum_prices"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"], "store", "no daemon runs: the index is read directly");
    let node = &v["node"];
    assert_eq!(node["id"], "shop/models.py::sum_prices");
    assert_eq!(node["summary"], "Add up item prices.");
    assert_eq!(node["update_source"], "cold_start");
    assert_eq!(node["callers"][0]["id"], "shop/models.py::Order.total");
    assert_eq!(node["source_hash"].as_str().unwrap().len(), 64);
    let out = codehub(root, &["--json", "find", "save"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 2);
}

#[test]
fn ambiguous_and_unknown_names_exit_1_and_usage_errors_exit_2() {
    let dir = fixture();
    let root = dir.path();
    codehub(root, &["index"]);
    let out = codehub(root, &["show", "save"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("ambiguous"), "{err}");
    assert!(stdout(&out).contains("shop/views.py:9: save"), "candidates listed: {}", stdout(&out));
    assert!(stdout(&out).contains("shop/models.py:"), "{}", stdout(&out));
    assert!(stdout(&out).contains(": Order.save"), "{}", stdout(&out));

    let out = codehub(root, &["callers", "no_such_thing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not_found: no node named"), "{}", stderr(&out));

    let out = codehub(root, &["callers", "--depth", "x", "save"]);
    assert_eq!(out.status.code(), Some(2));
    let out = codehub(root, &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn without_an_index_commands_say_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = codehub(dir.path(), &["status"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("codehub index"), "{}", stderr(&out));
}

#[test]
fn reindexing_reports_what_changed() {
    let dir = fixture();
    let root = dir.path();
    codehub(root, &["index"]);
    let out = codehub(root, &["index"]);
    assert!(
        stdout(&out).contains("(0 parsed, 3 unchanged, 0 removed, 0 renamed)"),
        "{}",
        stdout(&out)
    );
    write(root, "shop/views.py", "def checkout(request):\n    return None\n");
    std::fs::remove_file(root.join("shop/__init__.py")).unwrap();
    let out = codehub(root, &["index"]);
    assert!(
        stdout(&out).contains("(1 parsed, 1 unchanged, 1 removed, 0 renamed)"),
        "{}",
        stdout(&out)
    );
    let out = codehub(root, &["--json", "show", "sum_prices"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["node"]["callers"].as_array().unwrap().len(), 1);
}

#[test]
fn a_custom_state_dir_is_used_and_found_again() {
    let dir = fixture();
    let state = tempfile::tempdir().unwrap();
    let state_arg = state.path().to_str().unwrap();
    let out = codehub(dir.path(), &["--state-dir", state_arg, "index"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.path().join(".codehub").exists());
    let out = codehub(dir.path(), &["--state-dir", state_arg, "find", "Order"]);
    assert!(stdout(&out).contains(": Order  class"), "{}", stdout(&out));
}

#[test]
fn callers_end_with_the_possible_call_sites_and_list_them_with_possible() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "web/http.py", "class HttpRequest:\n    def get_host(self):\n        return 'h'\n");
    write(
        root,
        "web/views.py",
        "from web.http import HttpRequest\n\n\ndef typed(r: HttpRequest):\n    return r.get_host()\n\n\ndef untyped(request):\n    return request.get_host()\n",
    );
    assert!(codehub(root, &["index"]).status.success());

    // Whole outputs, as a user reads them (`UPDATE_EXPECT=1 cargo test` rewrites them).
    let out = codehub(root, &["callers", "HttpRequest.get_host"]);
    assert!(out.status.success(), "{}", stderr(&out));
    expect![[r#"
        web/views.py:5: typed  (inferred)
        +1 possible call site by name (unresolved receivers): --possible to list
    "#]]
    .assert_eq(&stdout(&out));
    let out = codehub(root, &["callers", "HttpRequest.get_host", "--possible"]);
    expect![[r#"
        web/views.py:5: typed  (inferred)
        possible callers (unresolved calls by name), best first:
        web/views.py:9: untyped  request.get_host  (possible: receiver_name, imports_module, arity)
        +1 possible call site by name (unresolved receivers), listed above
    "#]]
    .assert_eq(&stdout(&out));
    // A definite answer says so.
    let out = codehub(root, &["callers", "typed"]);
    expect![[r#"
        web/views.py::typed: no callers
        all call sites named typed are resolved (definite)
    "#]]
    .assert_eq(&stdout(&out));
    let out = codehub(root, &["callees", "untyped"]);
    expect![[r#"
        web/views.py:9: request.get_host  (unresolved)
        +1 call not resolved (callee known by name only): --possible to list
    "#]]
    .assert_eq(&stdout(&out));
    let out = codehub(root, &["tests", "HttpRequest.get_host"]);
    expect![[r#"
        web/http.py::HttpRequest.get_host: no tests
        no other test calls get_host by name (definite)
    "#]]
    .assert_eq(&stdout(&out));

    let out = codehub(root, &["--json", "callers", "HttpRequest.get_host", "--possible"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["possible_count"], 1);
    assert_eq!(v["possible"][0]["provenance"], "possible");
    assert_eq!(v["possible"][0]["src"], "web/views.py::untyped");
}

//! `codehub context` end to end: the pack's text and footer from the index directly,
//! `--json` within the budget, usage and lookup errors, and a session through a
//! running daemon that re-sends only what an edit changed.

mod common;

use common::{codehub, stderr, stdout, write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SHOP: &str = r#""""Shop logic."""


def price(item, qty):
    """Compute the price of qty items."""
    return item.unit * qty


def checkout(cart):
    """Sum the cart."""
    total = 0
    for item, qty in cart:
        total += price(item, qty)
    return total
"#;

const SHOP_TEST: &str = r#"from pkg.shop import price


def test_price():
    assert price(None, 0) == 0
"#;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pkg/shop.py", SHOP);
    write(dir.path(), "tests/test_shop.py", SHOP_TEST);
    dir
}

fn indexed() -> tempfile::TempDir {
    let dir = fixture();
    let out = codehub(dir.path(), &["index"]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn pack_json(root: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json", "context"];
    all.extend_from_slice(args);
    let out = codehub(root, &all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn context_prints_the_seed_source_its_neighbours_and_a_footer() {
    let dir = indexed();
    let out = codehub(dir.path(), &["context", "price", "--budget", "500"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("seed · pkg/shop.py:4-6 · function price\n```python\n"), "{text}");
    assert!(text.contains("    return item.unit * qty\n"), "{text}");
    assert!(text.contains("caller · pkg/shop.py:9-14 · function checkout\n"), "{text}");
    assert!(text.contains("test · tests/test_shop.py:4-5 · function test_price\n"), "{text}");
    let footer = text.lines().last().unwrap();
    assert!(footer.starts_with("-- ") && footer.contains("/500 tokens (o200k_base)"), "{footer}");
    assert!(footer.contains("included · 0 omitted"), "{footer}");
}

#[test]
fn context_json_stays_within_the_budget_with_either_encoding() {
    let dir = indexed();
    for encoding in ["o200k_base", "cl100k_base"] {
        let r = pack_json(dir.path(), &["checkout", "--budget", "40", "--encoding", encoding]);
        assert_eq!(r["encoding"], encoding);
        assert_eq!(r["budget"], 40);
        assert!(r["tokens"].as_u64().unwrap() <= 40, "{r}");
        assert!(!r["omitted"].as_array().unwrap().is_empty(), "{r}");
    }
    let r = pack_json(dir.path(), &["--query", "price of items"]);
    assert_eq!(r["included"][0]["id"], "pkg/shop.py::price");
}

#[test]
fn context_errors_say_what_is_wrong() {
    let dir = indexed();
    let out = codehub(dir.path(), &["context", "nosuchthing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("nosuchthing") || stderr(&out).contains("nosuchthing"));
    let out = codehub(dir.path(), &["context", "price", "--budget", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = codehub(dir.path(), &["context"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("give seed nodes, a query, or both"), "{}", stderr(&out));
}

/// A `codehub serve` child, killed if the test ends without stopping it.
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(root: &Path) -> Serve {
    let child = Command::new(env!("CARGO_BIN_EXE_codehub"))
        .arg("serve")
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let serve = Serve(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let out = codehub(root, &["--json", "sync"]);
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            if v["source"] == "daemon" {
                return serve;
            }
        }
        assert!(Instant::now() < deadline, "the daemon did not come up");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_session_through_the_daemon_resends_only_what_an_edit_changed() {
    let dir = fixture();
    let root = dir.path();
    let _serve = serve(root);
    let first = pack_json(root, &["checkout", "--session", "agent"]);
    assert_eq!(first["source"], "daemon");
    let n_first = first["included"].as_array().unwrap().len();
    assert!(n_first >= 3, "{first}");

    write(root, "pkg/shop.py", &SHOP.replace("item.unit * qty", "item.unit * qty * 2"));
    assert!(codehub(root, &["sync"]).status.success());
    let second = pack_json(root, &["checkout", "--session", "agent"]);
    let mut sent: Vec<&str> =
        second["included"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    sent.sort();
    // `price` changed, and its module (whose span is the whole file).
    assert_eq!(sent, ["pkg/shop.py", "pkg/shop.py::price"], "{second}");
    assert_eq!(second["unchanged"].as_array().unwrap().len(), n_first - 2, "{second}");

    let out = codehub(root, &["context", "checkout", "--session", "agent"]);
    assert!(stdout(&out).contains(" unchanged since sent in this session"), "{}", stdout(&out));
    let out = codehub(root, &["stop"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

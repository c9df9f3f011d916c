//! `context.pack` through `server::dispatch`: error kinds for bad requests, and
//! sessions remembered only when a daemon (`Live`) offers them.

use protocol::{method, ErrorKind};
use serde_json::{json, Value};
use server::dispatch;
use test_fixture::{write, FakeLive};

fn indexed() -> (tempfile::TempDir, store::Store) {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.py",
        "def helper():\n    return 1\n\n\ndef main():\n    return helper()\n",
    );
    write(dir.path(), "b.py", "def helper():\n    return 2\n");
    let config = index::Config::new(dir.path()).unwrap();
    index::index(&config, &|_| {}).unwrap();
    let store = store::Store::open_read_only(&config.db_path()).unwrap();
    (dir, store)
}

#[test]
fn bad_context_requests_get_their_kinds() {
    let (_dir, store) = indexed();
    let cases: &[(Value, ErrorKind)] = &[
        (json!({}), ErrorKind::InvalidParams),
        (json!({"nodes": ["main"], "budget": 0}), ErrorKind::InvalidParams),
        (json!({"nodes": ["main"], "budget": 200_001}), ErrorKind::InvalidParams),
        (json!({"nodes": ["main"], "encoding": "p50k_base"}), ErrorKind::InvalidParams),
        (json!({"nodes": ["main"], "bugdet": 10}), ErrorKind::InvalidParams),
        (json!({"nodes": ["main"], "session": ""}), ErrorKind::InvalidParams),
        (json!({"query": "..."}), ErrorKind::InvalidParams),
        (json!({"nodes": ["no_such_thing"]}), ErrorKind::NotFound),
        (json!({"query": "zzzyzzy"}), ErrorKind::NotFound),
        (json!({"nodes": ["helper"]}), ErrorKind::Ambiguous),
    ];
    for (params, kind) in cases {
        let err = dispatch(&store, None, method::CONTEXT_PACK, params.clone()).unwrap_err();
        assert_eq!(err.kind(), *kind, "{params}: {err}");
    }
    let err =
        dispatch(&store, None, method::CONTEXT_PACK, json!({"nodes": ["helper"]})).unwrap_err();
    assert_eq!(err.data.candidates.len(), 2);
}

#[test]
fn sessions_are_remembered_only_with_a_daemon() {
    let (_dir, store) = indexed();
    let params = json!({"nodes": ["main"], "session": "s1"});
    for _ in 0..2 {
        let r = dispatch(&store, None, method::CONTEXT_PACK, params.clone()).unwrap();
        assert_eq!(r["source"], "store");
        assert_eq!(r["session"], "s1");
        assert_eq!(r["unchanged"], json!([]));
    }
    let live = FakeLive::with_sessions();
    let first = dispatch(&store, Some(&live), method::CONTEXT_PACK, params.clone()).unwrap();
    assert_eq!(first["source"], "daemon");
    assert!(!first["included"].as_array().unwrap().is_empty());
    let second = dispatch(&store, Some(&live), method::CONTEXT_PACK, params).unwrap();
    assert_eq!(second["included"], json!([]), "{second}");
    assert_eq!(second["text"], "");
    assert_eq!(second["tokens"], 0);
    assert_eq!(
        second["unchanged"].as_array().unwrap().len(),
        first["included"].as_array().unwrap().len()
    );
}

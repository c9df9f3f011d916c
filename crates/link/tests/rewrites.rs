//! The invariant the re-linking of dependents rests on: a rewrite of a key while
//! linking (a prefix alias, a star row, a package path mapping) never changes the
//! key's last segment, so the edges a changed symbol may affect are found by that
//! segment (`store`'s `Writer::dependents`). Only a whole-key alias may rename
//! (`from b import g as f`), and the reverse walk over aliases covers those.
//! Checked on random symbol tables of every row form, and each step on a table made
//! to take it.

use link::{last_segment, resolve, resolve_traced, Step, Sym};
use proptest::prelude::*;
use std::collections::HashMap;

const MODULES: &[&str] = &["py:a", "py:b", "py:a.sub", "js:src", "js:src/lib"];
const CLASSES: &[&str] = &["C", "D"];
const MEMBERS: &[&str] = &["f", "g", "_h"];

/// Every key a table or a query may use: modules, classes, members of both, and
/// bare package specifiers under a path mapping.
fn keys() -> Vec<String> {
    let mut keys: Vec<String> =
        vec!["js:pkg:@".into(), "js:pkg:@/lib.f".into(), "js:pkg:@/lib.C.g".into()];
    for m in MODULES {
        keys.push((*m).to_owned());
        for member in MEMBERS {
            keys.push(format!("{m}.{member}"));
        }
        for c in CLASSES {
            keys.push(format!("{m}.{c}"));
            for member in MEMBERS {
                keys.push(format!("{m}.{c}.{member}"));
            }
        }
    }
    keys
}

/// One symbol row: a node, an alias (renaming or not), or a star row.
fn row() -> impl Strategy<Value = (String, Sym)> {
    let keys = keys();
    let owners: Vec<String> = keys.iter().filter(|k| !k.contains("pkg:@/")).cloned().collect();
    prop_oneof![
        prop::sample::select(keys.clone()).prop_map(|k| (k.clone(), Sym::Node(k))),
        (prop::sample::select(keys.clone()), prop::sample::select(keys))
            .prop_map(|(k, t)| (k, Sym::Alias(t))),
        (prop::sample::select(owners.clone()), prop::sample::select(owners))
            .prop_map(|(k, t)| (format!("{k}.*"), Sym::Alias(t))),
        Just(("js:pkg:@".to_owned(), Sym::Alias("js:src".to_owned()))),
    ]
}

fn table(rows: Vec<(String, Sym)>) -> HashMap<String, Vec<Sym>> {
    let mut table: HashMap<String, Vec<Sym>> = HashMap::new();
    for (key, sym) in rows {
        let entry = table.entry(key).or_default();
        if !entry.contains(&sym) {
            entry.push(sym);
        }
    }
    table
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_rewrite_but_a_whole_key_alias_changes_the_last_segment(
        rows in prop::collection::vec(row(), 0..40),
        query in prop::sample::select(keys()),
    ) {
        let table = table(rows);
        let mut lookup = |k: &str| table.get(k).cloned().unwrap_or_default();
        let mut trace = Vec::new();
        let traced = resolve_traced(&query, &mut lookup, &mut trace);
        prop_assert_eq!(traced, resolve(&query, &mut lookup), "tracing changed the answer");
        for (step, from, to) in &trace {
            if *step != Step::Alias {
                prop_assert_eq!(
                    last_segment(from), last_segment(to),
                    "{:?} rewrote {} to {} while resolving {}", step, from, to, query
                );
            }
        }
    }
}

#[test]
fn each_rewrite_is_traced_and_keeps_the_last_segment() {
    let rows = vec![
        ("py:a.C".to_owned(), Sym::Node("a.py::C".to_owned())),
        ("py:a.C.*".to_owned(), Sym::Alias("py:b.D".to_owned())),
        ("py:b.D".to_owned(), Sym::Node("b.py::D".to_owned())),
        ("py:b.D.f".to_owned(), Sym::Node("b.py::D.f".to_owned())),
        ("py:a.sub".to_owned(), Sym::Alias("py:a".to_owned())),
        ("py:b.g".to_owned(), Sym::Alias("py:b.D.f".to_owned())),
        ("js:pkg:@".to_owned(), Sym::Alias("js:src".to_owned())),
        ("js:src/lib.f".to_owned(), Sym::Node("src/lib.ts::f".to_owned())),
        ("c:lib_version".to_owned(), Sym::Node("lib.c::lib_version".to_owned())),
    ];
    let table = table(rows);
    let mut lookup = |k: &str| table.get(k).cloned().unwrap_or_default();
    let cases = [
        ("py:a.sub.C.f", Step::Prefix, "b.py::D.f"),
        ("py:a.C.f", Step::Star, "b.py::D.f"),
        ("js:pkg:@/lib.f", Step::Path, "src/lib.ts::f"),
        ("py:b.g", Step::Alias, "b.py::D.f"),
        ("cpp:.lib_version", Step::Space, "lib.c::lib_version"),
    ];
    for (key, step, node) in cases {
        let mut trace = Vec::new();
        let linked = resolve_traced(key, &mut lookup, &mut trace);
        assert_eq!(linked.map(|l| l.node_id).as_deref(), Some(node), "{key}: {trace:?}");
        assert!(trace.iter().any(|(s, _, _)| *s == step), "{key} took no {step:?} step: {trace:?}");
    }
}

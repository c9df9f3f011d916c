//! `tests` edges, for every language: from a test to what it calls, directly or
//! through the test-local helpers of its file, and the test-path rule they share.

use crate::builder::{FileBuilder, NodeIdx};
use crate::{EdgeFacts, Target};
use model::{EdgeKind, Provenance};
use std::collections::{HashMap, HashSet, VecDeque};

/// How many helper levels a test's `tests` edges follow: its direct calls (1), the
/// calls of the test-local helpers it calls (2), and of their helpers (3).
const MAX_HELPER_DEPTH: usize = 3;

/// [`add_tests_edges`] where every call of each helper counts.
pub(crate) fn add_tests_edges(
    b: &mut FileBuilder<'_>,
    tests: Vec<(NodeIdx, Vec<(Target, u32)>)>,
    helpers: &HashSet<String>,
) {
    let helpers: HashMap<String, u32> = helpers.iter().map(|h| (h.clone(), 0)).collect();
    add_tests_edges_from(b, tests, &helpers);
}

/// Tests as edges: for each `(test, roots)` adds a
/// `tests` edge from the test to every target of `roots` (its direct calls, and the
/// names its name says it tests), and, breadth first up to [`MAX_HELPER_DEPTH`],
/// to the `calls` targets of the `helpers` it reaches (node ids of this file, each
/// with the first line whose calls count: a Python decorator above a `def` sets the
/// helper up, it is not what the helper calls). Targets
/// are kept as the call edges have them, so the store links keys as it links calls;
/// names (builtins, dynamic calls) are skipped, and each destination appears once
/// per test (exact rather than inferred when both are found), at the line of the
/// test's own site that reaches it.
pub(crate) fn add_tests_edges_from(
    b: &mut FileBuilder<'_>,
    tests: Vec<(NodeIdx, Vec<(Target, u32)>)>,
    helpers: &HashMap<String, u32>,
) {
    let mut calls: HashMap<&str, Vec<&Target>> = HashMap::new();
    for e in b.edges.iter().filter(|e| e.kind == EdgeKind::Calls) {
        if helpers.get(&e.src).is_some_and(|&from| e.line < from) {
            continue;
        }
        calls.entry(e.src.as_str()).or_default().push(&e.target);
    }
    let mut out: Vec<EdgeFacts> = Vec::new();
    for (test, roots) in tests {
        let test_id = &b.nodes[test].id;
        // Destination → index in `out`, so that an exact target replaces an inferred one.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut expanded: HashSet<&str> = HashSet::from([test_id.as_str()]);
        let mut queue: VecDeque<(Target, u32, usize)> =
            roots.into_iter().map(|(t, line)| (t, line, 1)).collect();
        while let Some((target, line, depth)) = queue.pop_front() {
            let dst = match &target {
                Target::Name(_) => continue,
                Target::Node { id, .. } if id == test_id => continue,
                Target::Node { id, .. } => {
                    if depth < MAX_HELPER_DEPTH && helpers.contains_key(id) {
                        if let Some((id, callees)) = calls.get_key_value(id.as_str()) {
                            if expanded.insert(id) {
                                for &t in callees {
                                    queue.push_back((t.clone(), line, depth + 1));
                                }
                            }
                        }
                    }
                    format!("node {id}")
                }
                Target::Key { key, .. } => format!("key {key}"),
            };
            match seen.get(&dst) {
                Some(&at) => {
                    if !is_inferred(&target) && is_inferred(&out[at].target) {
                        out[at].target = target;
                    }
                }
                None => {
                    seen.insert(dst, out.len());
                    let src = test_id.clone();
                    out.push(EdgeFacts {
                        kind: EdgeKind::Tests,
                        src,
                        target,
                        line,
                        arity: None,
                        role: None,
                    });
                }
            }
        }
    }
    b.edges.extend(out);
}

/// The `calls` edges from node `src`, as `(target, line)`: a test's own call sites,
/// the roots [`add_tests_edges`] starts from.
pub(crate) fn call_roots(b: &FileBuilder<'_>, src: &str) -> Vec<(Target, u32)> {
    b.edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Calls && e.src == src)
        .map(|e| (e.target.clone(), e.line))
        .collect()
}

/// Whether a target was found by a heuristic.
pub(crate) fn is_inferred(target: &Target) -> bool {
    match target {
        Target::Node { provenance, .. } => *provenance == Provenance::Inferred,
        Target::Key { inferred, .. } => *inferred,
        Target::Name(_) => false,
    }
}

/// Whether a directory of `path` (not the file itself) is named `dir`: `tests` for
/// Python and Rust, `__tests__` for JavaScript.
pub(crate) fn in_dir(path: &str, dir: &str) -> bool {
    path.split('/').rev().skip(1).any(|d| d == dir)
}

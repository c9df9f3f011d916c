//! The tests of a node, with how each reaches it (`graph.tests`): its stored `tests`
//! edges (direct: the test calls it, through helpers of its own file or a fixture),
//! and, found at read time, tests that reach it through other code's calls
//! (`indirect`, with the path length). Reading them from the call graph on each
//! query, bounded by `model::MAX_TEST_DEPTH` and [`MAX_TEST_FRONTIER`], keeps them right
//! after any edit without storing a derived edge that a change in another file
//! would have to find and rewrite.

use crate::read::Direction;
use crate::{Result, Store};
use model::{EdgeKind, Provenance, TestReach, MAX_TEST_DEPTH};
use std::collections::{HashMap, HashSet};

/// At most this many callers are visited looking for indirect tests of one node: a
/// bound on the cost of a node that half the code base calls.
pub const MAX_TEST_FRONTIER: usize = 1_000;

impl Store {
    /// The tests of node `id`: first those with a stored `tests` edge to it (depth 1,
    /// the edge's provenance, `exact` when several edges disagree), by id; then, by
    /// depth and id, those whose `tests` edge reaches a node that calls `id` through
    /// at most `MAX_TEST_DEPTH - 1` resolved `calls` edges (provenance `indirect`,
    /// `via` that node). Each test appears once, at its shortest path. Callers are
    /// read breadth first, at most [`MAX_TEST_FRONTIER`] of them.
    pub fn tests_reaching(&self, id: &str) -> Result<Vec<TestReach>> {
        let mut direct: Vec<TestReach> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for end in self.edge_ends(id, EdgeKind::Tests, Direction::Incoming)? {
            match at.get(&end.id) {
                Some(&i) => {
                    if end.provenance == Provenance::Exact {
                        direct[i].provenance = Provenance::Exact;
                    }
                }
                None => {
                    at.insert(end.id.clone(), direct.len());
                    direct.push(TestReach {
                        test: end.id,
                        provenance: end.provenance,
                        depth: 1,
                        via: None,
                    });
                }
            }
        }
        let mut found: HashSet<String> = at.into_keys().collect();
        let mut out = direct;
        let mut visited: HashSet<String> = HashSet::from([id.to_owned()]);
        let mut level: Vec<String> = vec![id.to_owned()];
        for depth in 2..=MAX_TEST_DEPTH {
            let mut next: Vec<String> = Vec::new();
            'level: for node in &level {
                for caller in self.edge_ends(node, EdgeKind::Calls, Direction::Incoming)? {
                    if visited.len() > MAX_TEST_FRONTIER {
                        break 'level;
                    }
                    if visited.insert(caller.id.clone()) {
                        next.push(caller.id);
                    }
                }
            }
            let mut reached: Vec<TestReach> = Vec::new();
            for via in &next {
                for end in self.edge_ends(via, EdgeKind::Tests, Direction::Incoming)? {
                    if found.insert(end.id.clone()) {
                        reached.push(TestReach {
                            test: end.id,
                            provenance: Provenance::Indirect,
                            depth,
                            via: Some(via.clone()),
                        });
                    }
                }
            }
            reached.sort_by(|a, b| a.test.cmp(&b.test));
            out.extend(reached);
            if next.is_empty() {
                break;
            }
            level = next;
        }
        Ok(out)
    }
}

//! McCabe's cyclomatic complexity (McCabe 1976, "A Complexity Measure"): one plus the
//! number of decision points in a function's body, where a definition nested in the
//! body counts for itself, not for the function around it. Each language says which
//! syntax is a decision point; the counting rule is written here once.

use crate::walk;
use tree_sitter::Node;

/// The cyclomatic complexity of `body`: 1 + the decision points `weigh` gives each
/// node under `body` (and `body` itself), in preorder. `weigh` returns `None` for a
/// node whose subtree is not part of this body (a nested definition, a token tree),
/// which is then neither counted nor descended into.
pub(crate) fn cyclomatic(body: Node<'_>, mut weigh: impl FnMut(Node<'_>) -> Option<u32>) -> u32 {
    let mut n = 1;
    walk::preorder(body, |node| match weigh(node) {
        Some(points) => {
            n += points;
            true
        }
        None => false,
    });
    n
}

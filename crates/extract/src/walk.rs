//! Small tree-sitter helpers shared by the language modules: iterative traversal (so
//! deeply nested input cannot overflow the stack), node text, and syntax diagnostics.

use crate::Diagnostic;
use tree_sitter::{Node, Tree, TreeCursor};

/// Visits `root` and its descendants in pre-order without recursion. `visit` returns
/// whether to descend into the node it was given; `root` itself is always visited.
pub(crate) fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut cursor: TreeCursor<'t> = root.walk();
    let mut descend = visit(cursor.node());
    loop {
        if descend && cursor.goto_first_child() {
            descend = visit(cursor.node());
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                descend = visit(cursor.node());
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// [`preorder`], also telling `visit` the field the node is in under its parent
/// (`None` for the root and for children outside any field) and its depth (the root
/// is 0): what a top-down walk needs to judge a node by its parent without asking
/// tree-sitter for the parent.
pub(crate) fn preorder_with_fields<'t>(
    root: Node<'t>,
    mut visit: impl FnMut(Node<'t>, Option<&'static str>, usize) -> bool,
) {
    let mut cursor: TreeCursor<'t> = root.walk();
    let mut depth = 0;
    let mut descend = visit(cursor.node(), None, 0);
    loop {
        if descend && cursor.goto_first_child() {
            depth += 1;
            descend = visit(cursor.node(), cursor.field_name(), depth);
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                descend = visit(cursor.node(), cursor.field_name(), depth);
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}

/// The text of `node` in `src`, lossily decoded (invalid UTF-8 becomes U+FFFD).
pub(crate) fn text<'s>(node: Node<'_>, src: &'s [u8]) -> std::borrow::Cow<'s, str> {
    String::from_utf8_lossy(&src[node.start_byte()..node.end_byte()])
}

/// Collapses every run of whitespace to one space and trims the ends.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// 1-based line of the start of `node`.
pub(crate) fn line(node: Node<'_>) -> u32 {
    node.start_position().row as u32 + 1
}

/// Up to `limit` diagnostics for the ERROR and MISSING nodes of `tree`, each quoting
/// (at most 40 characters of) the source it could not parse.
pub(crate) fn syntax_diagnostics(tree: &Tree, src: &[u8], limit: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let root = tree.root_node();
    if !root.has_error() {
        return out;
    }
    preorder(root, |node| {
        if out.len() >= limit {
            return false;
        }
        if node.is_error() {
            let one_line = collapse_ws(&text(node, src));
            let shown: String = one_line.chars().take(40).collect();
            let ellipsis = if one_line.chars().count() > 40 { "…" } else { "" };
            out.push(Diagnostic {
                line: line(node),
                message: format!("syntax error: could not parse `{shown}{ellipsis}`"),
            });
            return false;
        }
        if node.is_missing() {
            out.push(Diagnostic {
                line: line(node),
                message: format!("syntax error: missing `{}`", node.kind()),
            });
            return false;
        }
        node.has_error()
    });
    out
}

//! Small tree-sitter helpers shared by the language modules: iterative traversal (so
//! deeply nested input cannot overflow the stack), node text, and syntax diagnostics.

use crate::Diagnostic;
use std::cell::RefCell;
use tree_sitter::{Language, Node, Tree, TreeCursor};

/// Field look-ups by name at the cost of a look-up by field id. Tree-sitter's
/// `Node::child_by_field_name` finds the field's id on every call by comparing the
/// name with the language's field names (`ts_language_field_id_for_name`, a
/// `strncmp` per name: 2% of a cold index's CPU on Django); this remembers the id of
/// each (language, name) in a small per-thread table.
pub(crate) trait Fields<'t> {
    /// The first child in field `name`, as `Node::child_by_field_name(name)`.
    fn field(&self, name: &'static str) -> Option<Node<'t>>;
}

/// Node kinds without tree-sitter's cost: `Node::kind` looks the kind's name up and
/// measures and validates it as UTF-8 on every call (`CStr::from_ptr(..).to_str()`,
/// 4.7% of a cold index's instructions on Django); this reads it from a per-thread
/// table of each language's kind names, by the node's kind id.
pub(crate) trait Kinds {
    /// The node's kind, as `Node::kind()`.
    fn kind_name(&self) -> &'static str;
}

thread_local! {
    /// The kind names of each language met on this thread, by kind id.
    static KIND_NAMES: RefCell<Vec<(Language, Vec<&'static str>)>> = const { RefCell::new(Vec::new()) };
}

impl Kinds for Node<'_> {
    fn kind_name(&self) -> &'static str {
        let id = usize::from(self.kind_id());
        let language = self.language();
        let found = KIND_NAMES.with_borrow_mut(|tables| {
            let table = match tables.iter().position(|(l, _)| l == &*language) {
                Some(i) => &tables[i].1,
                None => {
                    let names = (0..language.node_kind_count())
                        .map(|i| u16::try_from(i).ok().and_then(|i| language.node_kind_for_id(i)))
                        .map(|name| name.unwrap_or(""))
                        .collect();
                    tables.push(((*language).clone(), names));
                    &tables[tables.len() - 1].1
                }
            };
            table.get(id).copied().filter(|name| !name.is_empty())
        });
        // `ERROR` and the other built-in kinds have ids past the table.
        found.unwrap_or_else(|| self.kind())
    }
}

/// Slots of the per-thread field-id table (names hash to one slot each; a slot
/// taken by another name is looked up again and replaced).
const FIELD_SLOTS: usize = 512;

/// A remembered field id: the language, the name's address and length (a
/// `&'static str`), and the id (0: the language has no such field).
struct FieldSlot {
    language: Option<Language>,
    name: *const u8,
    len: usize,
    id: u16,
}

thread_local! {
    static FIELD_IDS: RefCell<Vec<FieldSlot>> = RefCell::new(
        (0..FIELD_SLOTS)
            .map(|_| FieldSlot { language: None, name: std::ptr::null(), len: 0, id: 0 })
            .collect(),
    );
}

impl<'t> Fields<'t> for Node<'t> {
    fn field(&self, name: &'static str) -> Option<Node<'t>> {
        let language = self.language();
        let slot = ((name.as_ptr() as usize >> 3) ^ name.len()) % FIELD_SLOTS;
        let id = FIELD_IDS.with_borrow_mut(|slots| {
            let s = &mut slots[slot];
            if s.name == name.as_ptr()
                && s.len == name.len()
                && s.language.as_ref() == Some(&*language)
            {
                return s.id;
            }
            let id = language.field_id_for_name(name).map_or(0, |f| f.get());
            *s = FieldSlot {
                language: Some((*language).clone()),
                name: name.as_ptr(),
                len: name.len(),
                id,
            };
            id
        });
        if id == 0 {
            return None;
        }
        self.child_by_field_id(id)
    }
}

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
                message: format!("syntax error: missing `{}`", node.kind_name()),
            });
            return false;
        }
        node.has_error()
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(language: Language, source: &str) -> Tree {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&language).unwrap();
        parser.parse(source, None).unwrap()
    }

    #[test]
    fn field_look_ups_by_cached_id_agree_with_look_ups_by_name_across_languages() {
        let python = parse(
            tree_sitter_python::LANGUAGE.into(),
            "def f(a, b=1) -> int:\n    return a(b).c\n\nclass C(B):\n    x: int = 2\n",
        );
        let typescript = parse(
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            "function f<T>(a: T, b = 1): number { return a.c(b); }\nclass C extends B { x: number = 2 }\n",
        );
        // Fields of both grammars, of one only, and of neither; interleaving the two
        // trees makes each slot change language.
        let names = [
            "name",
            "parameters",
            "body",
            "return_type",
            "function",
            "arguments",
            "object",
            "attribute",
            "property",
            "superclasses",
            "type",
            "value",
            "left",
            "right",
            "type_parameters",
            "no_such_field",
        ];
        let mut nodes = Vec::new();
        for tree in [&python, &typescript] {
            preorder(tree.root_node(), |n| {
                nodes.push(n);
                true
            });
        }
        let (mut some, mut none) = (0, 0);
        for round in 0..2 {
            for (i, node) in nodes.iter().enumerate() {
                let node = if round == 0 { *node } else { nodes[nodes.len() - 1 - i] };
                for name in names {
                    let by_name = node.child_by_field_name(name);
                    assert_eq!(node.field(name), by_name, "{} {name}", node.kind());
                    if by_name.is_some() {
                        some += 1
                    } else {
                        none += 1
                    }
                }
            }
        }
        assert!(some > 20 && none > 20, "both outcomes were checked: {some} found, {none} not");
    }

    #[test]
    fn kind_names_from_the_table_agree_with_tree_sitter_across_languages() {
        let python = parse(tree_sitter_python::LANGUAGE.into(), "def f(:\n  return [1, 2\n");
        let typescript = parse(
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            "class A { m(): number { return this.x?.y ?? 1 } } let = ;",
        );
        let mut nodes = Vec::new();
        for tree in [&python, &typescript, &python] {
            preorder(tree.root_node(), |n| {
                nodes.push(n);
                true
            });
        }
        for node in &nodes {
            assert_eq!(node.kind_name(), node.kind());
        }
        assert!(nodes.iter().any(|n| n.kind() == "ERROR"), "an ERROR node was checked");
    }
}

//! C emission: `calls` edges from each function (and from the module, for calls
//! outside functions), and the `tests` edges of a test file's `test_*` functions.

use super::*;
use crate::walk::{Fields, Kinds};
use crate::Target;
use model::{EdgeKind, NodeKind, Provenance};

/// How many object-like macros (`#define a b`) a call follows to the name it calls.
const MAX_MACRO_HOPS: usize = 8;

/// C keywords (and the operators spelled like names) a macro body may follow with
/// `(` without calling anything.
const NOT_CALLEES: &[&str] = &[
    "if",
    "while",
    "for",
    "switch",
    "return",
    "sizeof",
    "do",
    "else",
    "case",
    "typeof",
    "__typeof__",
    "_Alignof",
    "alignof",
    "_Generic",
    "_Static_assert",
    "static_assert",
    "defined",
    "__attribute__",
    "__extension__",
    "__asm__",
    "asm",
    "int",
    "char",
    "long",
    "short",
    "unsigned",
    "signed",
    "void",
    "float",
    "double",
    "const",
    "volatile",
    "struct",
    "union",
    "enum",
];

/// The calls in a macro body's text: each name followed by `(`, with its byte
/// offset; names in string and character literals and comments are skipped, and so
/// is a name whose parenthesised list is followed by `{` (a definition the macro
/// expands to).
pub(crate) fn macro_body_calls(text: &str) -> Vec<(&str, usize)> {
    let bytes = text.as_bytes();
    let parens = matching_parens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\'' {
            i += 1;
            while i < bytes.len() && bytes[i] != b {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = text[i + 2..].find("*/").map_or(bytes.len(), |e| i + 2 + e + 2);
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = text[i..].find('\n').map_or(bytes.len(), |e| i + e);
            continue;
        }
        if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
            {
                i += 1;
            }
            let name = &text[start..i];
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            // `a.f(x)` and `a->f(x)` call through a field; `#x` and `a##b` paste.
            let before = text[..start].trim_end();
            let through_field = before.ends_with('.') || before.ends_with("->");
            let pasted = before.ends_with('#') || text[i..].trim_start().starts_with("##");
            if bytes.get(j) == Some(&b'(')
                && !through_field
                && !pasted
                && !NOT_CALLEES.contains(&name)
                && !parens.get(&j).is_some_and(|&end| text[end..].trim_start().starts_with('{'))
            {
                out.push((name, start));
            }
            continue;
        }
        if b.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    out
}

/// For each `(` of `text` (by byte offset), the offset just past its `)`, in one
/// pass: what [`macro_body_calls`] asks of every call stays linear in the body.
fn matching_parens(text: &str) -> HashMap<usize, usize> {
    let mut open = Vec::new();
    let mut out = HashMap::new();
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' => open.push(i),
            b')' => {
                if let Some(at) = open.pop() {
                    out.insert(at, i + 1);
                }
            }
            _ => {}
        }
    }
    out
}

impl<'s, 't> Cx<'s, 't> {
    /// Every call site becomes a `calls` edge from its function, or from the module.
    pub(super) fn calls(&mut self) {
        let src = self.b.src;
        for (idx, def) in self.functions.clone() {
            let locals = scopes::locals(def, src);
            let Some(body) = def.field("body") else { continue };
            self.calls_in(idx, body, &locals);
        }
        let none = HashSet::new();
        for item in std::mem::take(&mut self.module_items) {
            self.calls_in(0, item, &none);
        }
        for (idx, def) in std::mem::take(&mut self.macros) {
            self.macro_calls(idx, def);
        }
    }

    /// The calls in a function-like macro's body, read from its tokens (see the module
    /// docs); its parameters are local names.
    fn macro_calls(&mut self, idx: NodeIdx, def: Node<'t>) {
        let Some(value) = def.field("value") else { return };
        let mut params = HashSet::new();
        if let Some(list) = def.field("parameters") {
            let mut cursor = list.walk();
            for p in list.named_children(&mut cursor) {
                params.insert(self.b.text(p).into_owned());
            }
        }
        let text = self.b.text(value).into_owned();
        let mut line = walk::line(value);
        let mut counted = 0;
        for (name, offset) in macro_body_calls(&text) {
            // Offsets ascend: the lines are counted once over the whole body.
            line += text[counted..offset].matches('\n').count() as u32;
            counted = offset;
            if params.contains(name) {
                continue;
            }
            for target in self.name_targets(name.to_owned(), &params, 0) {
                self.b.edge(EdgeKind::Calls, idx, target, line);
            }
        }
    }

    /// The calls in `syntax`, from node `idx`, whose local names are `locals`.
    fn calls_in(&mut self, idx: NodeIdx, syntax: Node<'t>, locals: &HashSet<String>) {
        let mut sites = Vec::new();
        walk::preorder(syntax, |node| {
            if node.kind_name() == "call_expression" {
                if let Some(callee) = node.field("function") {
                    sites.push((callee, walk::line(node)));
                }
            }
            true
        });
        for (callee, line) in sites {
            for target in self.call_targets(callee, locals) {
                self.b.edge(EdgeKind::Calls, idx, target, line);
            }
        }
    }

    /// Where a call of `callee` goes (see the module docs for the order of look-ups).
    fn call_targets(&self, callee: Node<'t>, locals: &HashSet<String>) -> Vec<Target> {
        let mut name_node = callee;
        // `(f)(x)` calls `f` (the parentheses keep a macro `f` from expanding).
        while name_node.kind_name() == "parenthesized_expression"
            && name_node.named_child_count() == 1
        {
            match name_node.named_child(0) {
                Some(inner) => name_node = inner,
                None => break,
            }
        }
        let text = short(&walk::collapse_ws(&self.b.text(callee)));
        if name_node.kind_name() != "identifier" {
            return vec![Target::Name(text)];
        }
        let name = self.b.text(name_node).into_owned();
        self.name_targets(name, locals, 0)
    }

    /// Where a call of the name `name` goes; `hops` counts the object-like macros
    /// followed to get there.
    fn name_targets(&self, name: String, locals: &HashSet<String>, hops: usize) -> Vec<Target> {
        if locals.contains(&name) || self.globals.contains(&name) {
            return vec![Target::Name(name)];
        }
        match self.callables.get(&name).map(Vec::as_slice) {
            Some([one]) => {
                vec![Target::Node {
                    id: self.b.nodes[*one].id.clone(),
                    provenance: Provenance::Exact,
                }]
            }
            Some(several) => several
                .iter()
                .map(|&i| Target::Node {
                    id: self.b.nodes[i].id.clone(),
                    provenance: Provenance::Inferred,
                })
                .collect(),
            None => match self.object_macros.get(&name) {
                Some(Some(value)) if hops < MAX_MACRO_HOPS => {
                    self.name_targets(value.clone(), locals, hops + 1)
                }
                Some(_) => vec![Target::Name(name)],
                None => vec![Target::Key { key: function_key(&name), name, inferred: false }],
            },
        }
    }

    /// Tests as edges (see the module docs), through the shared
    /// [`crate::common::tests_edges::add_tests_edges`].
    pub(super) fn tests(&mut self) {
        if !is_test_file(self.b.path) {
            return;
        }
        let functions: HashSet<NodeIdx> = self.functions.iter().map(|(i, _)| *i).collect();
        let helpers: HashSet<String> = self
            .b
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Function)
            .map(|n| n.id.clone())
            .collect();
        let mut with_roots = Vec::new();
        for idx in 1..self.b.nodes.len() {
            let node = &self.b.nodes[idx];
            if !functions.contains(&idx) || !node.name.starts_with("test_") {
                continue;
            }
            let mut roots = crate::common::tests_edges::call_roots(&self.b, &node.id);
            let tested = &node.name["test_".len()..];
            if let Some(&[def]) = self.callables.get(tested).map(Vec::as_slice) {
                let target = Target::Node {
                    id: self.b.nodes[def].id.clone(),
                    provenance: Provenance::Exact,
                };
                roots.push((target, node.span.start_line));
            }
            with_roots.push((idx, roots));
        }
        crate::common::tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }
}

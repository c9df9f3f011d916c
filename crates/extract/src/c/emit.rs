//! C emission: `calls` edges from each function (and from the module, for calls
//! outside functions), and the `tests` edges of a test file's `test_*` functions.

use super::*;
use crate::Target;
use model::{EdgeKind, NodeKind, Provenance};

impl<'s, 't> Cx<'s, 't> {
    /// Every call site becomes a `calls` edge from its function, or from the module.
    pub(super) fn calls(&mut self) {
        let src = self.b.src;
        for (idx, def) in self.functions.clone() {
            let locals = scopes::locals(def, src);
            let Some(body) = def.child_by_field_name("body") else { continue };
            self.calls_in(idx, body, &locals);
        }
        let none = HashSet::new();
        for item in std::mem::take(&mut self.module_items) {
            self.calls_in(0, item, &none);
        }
    }

    /// The calls in `syntax`, from node `idx`, whose local names are `locals`.
    fn calls_in(&mut self, idx: NodeIdx, syntax: Node<'t>, locals: &HashSet<String>) {
        let mut sites = Vec::new();
        walk::preorder(syntax, |node| {
            if node.kind() == "call_expression" {
                if let Some(callee) = node.child_by_field_name("function") {
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
        while name_node.kind() == "parenthesized_expression" && name_node.named_child_count() == 1 {
            match name_node.named_child(0) {
                Some(inner) => name_node = inner,
                None => break,
            }
        }
        let text = short(&walk::collapse_ws(&self.b.text(callee)));
        if name_node.kind() != "identifier" {
            return vec![Target::Name(text)];
        }
        let name = self.b.text(name_node).into_owned();
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
            None if self.object_macros.contains(&name) => vec![Target::Name(name)],
            None => vec![Target::Key { key: function_key(&name), name, inferred: false }],
        }
    }

    /// Tests as edges (see the module docs), through the shared
    /// [`crate::python::add_tests_edges`].
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
            let mut roots: Vec<(Target, u32)> = self
                .b
                .edges
                .iter()
                .filter(|e| e.kind == EdgeKind::Calls && e.src == node.id)
                .map(|e| (e.target.clone(), e.line))
                .collect();
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
        crate::python::add_tests_edges(&mut self.b, with_roots, &helpers);
    }
}

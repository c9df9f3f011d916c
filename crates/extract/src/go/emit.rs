//! Go emission: `calls` edges from each func and method (and from the module, for
//! calls in package-level values), `inherits` edges for embedding, the `tests`
//! edges of a `_test.go` file's tests, and the symbols the linker needs to follow
//! results, fields, package variables and embedded types.

use super::scopes::Locals;
use super::*;
use crate::walk::{Fields, Kinds};
use crate::Target;
use model::keys;
use model::{EdgeKind, NodeKind, Provenance};

impl<'s, 't> Gx<'s, 't> {
    /// Every call site becomes a `calls` edge from its func or method, or from the
    /// module; every embedding an `inherits` edge from the embedding type.
    pub(super) fn calls(&mut self) {
        for (idx, decl, _) in self.bodies.clone() {
            let locals = self.locals(decl);
            let Some(body) = decl.field("body") else { continue };
            self.calls_in(idx, body, &locals);
        }
        let none = Locals::new();
        for item in std::mem::take(&mut self.module_items) {
            self.calls_in(0, item, &none);
        }
        let mut embedding: Vec<(String, Vec<(Ty, u32)>)> =
            self.embedded.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        embedding.sort();
        for (name, embedded) in embedding {
            let Some(&idx) = self.types.get(&name) else { continue };
            for (ty, line) in embedded {
                let target = match self.local_type(&ty.key).and_then(|t| self.types.get(t)) {
                    Some(&base) => Target::Node {
                        id: self.b.nodes[base].id.clone(),
                        provenance: Provenance::Exact,
                    },
                    None => {
                        Target::Key { name: display_name(&ty.key), key: ty.key, inferred: false }
                    }
                };
                self.b.edge(EdgeKind::Inherits, idx, target, line);
            }
        }
    }

    /// The calls in `syntax`, from node `idx`, whose local names are `locals`.
    fn calls_in(&mut self, idx: NodeIdx, syntax: Node<'t>, locals: &Locals) {
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
            if let Some(target) = self.call_target(idx, callee, locals) {
                self.b.edge(EdgeKind::Calls, idx, target, line);
            }
        }
    }

    /// Where a call of `callee` goes, `None` for a conversion to a predeclared type.
    fn call_target(&mut self, idx: NodeIdx, callee: Node<'t>, locals: &Locals) -> Option<Target> {
        let mut callee = callee;
        while callee.kind_name() == "parenthesized_expression" && callee.named_child_count() == 1 {
            callee = callee.named_child(0)?;
        }
        let text = || callee_text(callee, self.b.src);
        match callee.kind_name() {
            "identifier" => {
                let name = self.b.text(callee).into_owned();
                if locals.contains_key(&name) || self.globals.contains_key(&name) {
                    return Some(Target::Name(name));
                }
                if let Some(&f) = self.funcs.get(&name).or_else(|| self.types.get(&name)) {
                    let id = self.b.nodes[f].id.clone();
                    return Some(Target::Node { id, provenance: Provenance::Exact });
                }
                if BUILTIN_TYPES.contains(&name.as_str()) {
                    return None;
                }
                if BUILTIN_FUNCS.contains(&name.as_str()) {
                    return Some(Target::Name(name));
                }
                let key = format!("{}.{name}", self.pkg);
                Some(Target::Key { key, name, inferred: false })
            }
            "selector_expression" => {
                let operand = callee.field("operand")?;
                let field = self.b.text(callee.field("field")?).into_owned();
                if let Some(path) = self.imported(operand, locals).map(str::to_owned) {
                    let alias = self.b.text(operand).into_owned();
                    self.b.use_import(idx, &alias);
                    return Some(Target::Key {
                        key: format!("{MODULE_PREFIX}{path}.{field}"),
                        name: format!("{path}.{field}"),
                        inferred: false,
                    });
                }
                let Some(owner) = self.type_of(operand, locals) else {
                    return Some(Target::Name(text()));
                };
                if let Some(local) = self.local_type(&owner.key).map(str::to_owned) {
                    if let Some(&m) = self.methods.get(&(local.clone(), field.clone())) {
                        let provenance =
                            if owner.inferred { Provenance::Inferred } else { Provenance::Exact };
                        let id = self.b.nodes[m].id.clone();
                        return Some(Target::Node { id, provenance });
                    }
                    if self.func_fields.contains(&(local.clone(), field.clone())) {
                        return Some(Target::Name(text()));
                    }
                    // A method of another file of the package, or one promoted from an
                    // embedded type: only the latter is a guess, and this file cannot
                    // tell them apart when the type embeds anything.
                    let promoted = self.embedded.contains_key(&local);
                    return Some(Target::Key {
                        key: format!("{}.{field}", owner.key),
                        name: text(),
                        inferred: owner.inferred || promoted,
                    });
                }
                let key = format!("{}.{field}", owner.key);
                // A method of an imported package's type is shown by its qualified
                // name (`testing.T.Fatal`) while nothing defines it.
                let name = match key.strip_prefix(MODULE_PREFIX) {
                    Some(qualified) if !keys::is_derived(qualified) => qualified.to_owned(),
                    _ => text(),
                };
                Some(Target::Key { key, name, inferred: owner.inferred })
            }
            _ => Some(Target::Name(text())),
        }
    }

    /// Tests as edges (see the module docs), through the shared
    /// [`crate::common::tests_edges::add_tests_edges`].
    pub(super) fn tests(&mut self) {
        if !is_test_file(self.b.path) {
            return;
        }
        let helpers: HashSet<String> =
            self.b.nodes.iter().filter(|n| n.kind.is_callable()).map(|n| n.id.clone()).collect();
        let mut with_roots = Vec::new();
        for &(idx, _, ref receiver) in &self.bodies {
            let node = &self.b.nodes[idx];
            if receiver.is_some() || node.kind != NodeKind::Function || !is_test_name(&node.name) {
                continue;
            }
            let roots = crate::common::tests_edges::call_roots(&self.b, &node.id);
            with_roots.push((idx, roots));
        }
        crate::common::tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// The symbols other files' calls link through: each func's and method's result
    /// (`{key}.__return__` → its type), each struct field's type (`{T}.f.*`), each
    /// package variable's type (`{pkg}.x.*`), each embedded type (`{T}.*`, in order).
    pub(super) fn export_resolution_symbols(&mut self) {
        let mut results: Vec<(NodeIdx, Ty)> =
            self.results.iter().map(|(i, t)| (*i, t.clone())).collect();
        results.sort_by_key(|(i, _)| *i);
        for (idx, ty) in results {
            let node = &self.b.nodes[idx];
            if node.qualified_name.contains('#') {
                continue;
            }
            let key = format!("{}.{}", self.pkg, node.qualified_name);
            self.b.export_alias(keys::returns(&key), ty.key);
        }
        let mut fields: Vec<((String, String), Ty)> =
            self.fields.iter().map(|(k, t)| (k.clone(), t.clone())).collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        for ((ty, field), field_ty) in fields {
            self.b.export_alias(keys::star(&format!("{}.{ty}.{field}", self.pkg)), field_ty.key);
        }
        let mut globals: Vec<(String, Ty)> =
            self.globals.iter().filter_map(|(n, t)| t.clone().map(|t| (n.clone(), t))).collect();
        globals.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, ty) in globals {
            if name != "_" {
                self.b.export_alias(keys::star(&format!("{}.{name}", self.pkg)), ty.key);
            }
        }
        let mut embedding: Vec<(String, Vec<(Ty, u32)>)> =
            self.embedded.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        embedding.sort();
        for (name, embedded) in embedding {
            let key = format!("{}.{name}", self.pkg);
            let mut targets: Vec<String> = Vec::new();
            let mut seen: HashSet<String> = HashSet::from([key.clone()]);
            for (ty, _) in embedded {
                if seen.insert(ty.key.clone()) {
                    targets.push(ty.key);
                }
            }
            for t in &targets {
                self.b.export_alias(keys::star(&key), t.clone());
            }
            if targets.len() > 1 {
                self.b.export_alias(keys::star(&key), keys::order(&targets));
            }
        }
    }
}

/// A callee's text as an unresolved name: whitespace collapsed, at most 80
/// characters, read from at most the first 400 bytes (a call chain's callee holds
/// the whole chain below it: reading all of it for each call would be quadratic).
fn callee_text(callee: Node<'_>, src: &[u8]) -> String {
    let end = callee.end_byte().min(callee.start_byte() + 400);
    short(&walk::collapse_ws(&String::from_utf8_lossy(&src[callee.start_byte()..end])))
}

/// What to show for a type key no file defines: `go:mod:io.Reader` → `io.Reader`,
/// `go:pkg.T` → `T`.
fn display_name(key: &str) -> String {
    if let Some(rest) = key.strip_prefix(MODULE_PREFIX) {
        return rest.to_owned();
    }
    key.rsplit('.').next().unwrap_or(key).to_owned()
}

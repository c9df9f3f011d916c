//! Rust emission: `calls` edges (call expressions and the macro heuristic), `tests`
//! edges, and the symbols exported for cross-file resolution.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Rs<'s, 't> {
    /// Tests as edges: functions with a test attribute ([`is_test_attribute`]) get
    /// `tests` edges to what they call, directly or through test-local helpers (the
    /// functions of `#[cfg(test)]` modules, or of a file under `tests/`), and to `X`
    /// when the test is named `test_X` and `X` resolves where the test is defined.
    pub(super) fn tests(&mut self) {
        let in_tests_dir = tests_edges::in_dir(self.b.path, "tests");
        let mut test_only: HashSet<String> = HashSet::new();
        let mut helpers = HashSet::new();
        let mut tests = Vec::new();
        for idx in 1..self.b.nodes.len() {
            let node = &self.b.nodes[idx];
            let cfg_test = node.decorators.iter().any(|d| d.replace(' ', "") == "#[cfg(test)]");
            let under_test = node.parent.as_ref().is_some_and(|p| test_only.contains(p));
            if cfg_test || under_test {
                test_only.insert(node.id.clone());
            }
            if !node.kind.is_callable() {
                continue;
            }
            if in_tests_dir || cfg_test || under_test {
                helpers.insert(node.id.clone());
            }
            if node.decorators.iter().any(|d| is_test_attribute(d)) {
                tests.push(idx);
            }
        }
        let mut with_roots = Vec::new();
        for test in tests {
            let id = &self.b.nodes[test].id;
            let mut roots = crate::common::tests_edges::call_roots(&self.b, id);
            let tested = self.b.nodes[test].name.strip_prefix("test_").map(str::to_owned);
            if let (Some(tested), Some(&scope)) = (tested, self.def_scope.get(&test)) {
                let target = match self.lookup(&tested, scope, &[Ns::Values, Ns::Types]) {
                    Some((Binding::Node(idx), _)) => Some(self.exact(idx)),
                    Some((Binding::Import(imp), _)) => Some(match imp.local {
                        Some(idx) => self.exact(idx),
                        None => Target::Key { key: imp.key, name: imp.shown, inferred: false },
                    }),
                    None => self.through_globs(&[tested], scope),
                };
                let line = self.b.nodes[test].span.start_line;
                roots.extend(target.map(|t| (t, line)));
            }
            with_roots.push((test, roots));
        }
        tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// Exports the symbols the store needs to resolve across files: the return types
    /// of functions (`f.__return__`, and `f.__ok__` for `Result`/`Option`), and for
    /// `impl` blocks: a trait implemented by a type of this file (`T.*` → the trait),
    /// and for a type of another file, its methods here under `{module}.T@impl` with
    /// `T.*` → that namespace (→ the trait, for a trait impl).
    pub(super) fn export_resolution_symbols(&mut self) {
        let mut functions: Vec<(NodeIdx, String)> = self
            .keys
            .iter()
            .filter(|(i, _)| self.b.nodes[**i].kind.is_callable())
            .map(|(i, k)| (*i, k.clone()))
            .collect();
        functions.sort();
        for (idx, key) in functions {
            let (suffix, ty) = match self.return_ty(idx) {
                Some(Ty::Wrapped(inner)) => (keys::RUST_OK, *inner),
                Some(ty) => (keys::RETURN, ty),
                None => continue,
            };
            if let Some(target) = self.ty_key(&ty) {
                self.b.export_alias(format!("{key}.{suffix}"), target);
            }
        }
        for info in std::mem::take(&mut self.impls) {
            let src = self.b.src;
            let trait_key = info.trait_path.and_then(|t| {
                let segs = path_segs(t, src).or_else(|| path_segs(t.field("type")?, src))?;
                let ty = self.declared_path(&segs, info.scope, 0)?;
                self.ty_key(&ty)
            });
            let type_key = match info.local {
                Some(idx) => self.keys.get(&idx).cloned(),
                None => {
                    let (name, simple) = type_name(info.ty, src);
                    let _ = name;
                    let segs = if simple {
                        Some(vec![info.name.clone()])
                    } else {
                        path_segs(info.ty, src).or_else(|| path_segs(info.ty.field("type")?, src))
                    };
                    segs.and_then(|segs| self.declared_path(&segs, info.scope, 0))
                        .and_then(|ty| self.ty_key(&ty))
                }
            };
            let Some(type_key) = type_key else { continue };
            if info.local.is_some() {
                if let Some(trait_key) = trait_key {
                    self.b.export_alias(keys::star(&type_key), trait_key);
                }
                continue;
            }
            let Some(module_key) = self.scope_key(info.scope) else { continue };
            let ns = format!("{module_key}.{}{}", info.name, keys::RUST_IMPL);
            self.b.export_alias(keys::star(&type_key), ns.clone());
            for m in info.methods {
                let name = self.b.nodes[m].name.clone();
                self.b.export_node(format!("{ns}.{name}"), m);
            }
            if let Some(trait_key) = trait_key {
                self.b.export_alias(keys::star(&ns), trait_key);
            }
        }
    }

    /// Pass 2: every call in the owner's body (not in nested items, which are owners
    /// of their own) becomes a `calls` edge from the owner.
    pub(super) fn calls(&mut self, owner: &Owner<'t>) {
        let mut sites = Vec::new();
        let mut typed = Vec::new();
        let mut shadowing = Vec::new();
        let body = owner.body;
        let function = self
            .fn_syntax
            .get(&owner.idx)
            .map(|(f, _, _)| *f)
            .filter(|f| f.field("body") == Some(body));
        if let Some(params) = function.and_then(|f| f.field("parameters")) {
            let mut cursor = params.walk();
            typed.extend(
                params.named_children(&mut cursor).filter(|p| p.kind_name() == "parameter"),
            );
        }
        self.generics = function.map(|f| self.generic_bounds(owner.idx, f)).unwrap_or_default();
        walk::preorder(body, |node| {
            let kind = node.kind_name();
            if node != body && is_item(kind) && !matches!(kind, "const_item" | "static_item") {
                return false;
            }
            match kind {
                "call_expression" => {
                    if let Some(callee) = node.field("function") {
                        sites.push(Site::Expr { callee, line: walk::line(node) });
                    }
                }
                "token_tree" => macro_calls(node, self.b.src, &mut sites),
                "let_declaration" | "parameter" => typed.push(node),
                "for_expression" => {
                    if let Some(pattern) = node.field("pattern") {
                        shadowing.push((pattern, Some(node)));
                    }
                }
                "let_condition" | "match_arm" => {
                    shadowing.extend(node.field("pattern").map(|p| (p, None)));
                }
                "closure_parameters" => shadowing.push((node, None)),
                "attribute_item" | "inner_attribute_item" | "macro_definition" => return false,
                _ => {}
            }
            true
        });
        let vars = self.var_types(&typed, &shadowing, owner);
        for site in sites {
            let (target, line) = match site {
                Site::Expr { callee, line } => self.resolve_callee(callee, owner, &vars, line),
                Site::Macro { segs, dotted, line, pos } => {
                    let target = if dotted {
                        let (recv, m) = segs.split_at(segs.len() - 1);
                        match Recv::from_segs(recv)
                            .and_then(|recv| self.method_call(recv, &m[0], owner, &vars, pos))
                        {
                            Some(Target::Key { key, name, inferred }) if name.is_empty() => {
                                Target::Key {
                                    key,
                                    name: short(&segs.join("."), MAX_SHOWN_CHARS),
                                    inferred,
                                }
                            }
                            Some(target) => target,
                            None => Target::Name(short(&segs.join("."), MAX_SHOWN_CHARS)),
                        }
                    } else {
                        let st = owner.self_ty.as_ref();
                        self.resolve_path(&segs, owner.scope, owner.idx, st, true)
                    };
                    (inferred(target), line)
                }
            };
            self.b.edge(EdgeKind::Calls, owner.idx, target, line);
        }
        self.generics.clear();
    }

    /// The target of a call's callee expression, and the line of the call site (the
    /// method name's line for method calls, which may sit on a line of their own).
    pub(super) fn resolve_callee(
        &mut self,
        callee: Node<'t>,
        owner: &Owner<'t>,
        vars: &Vars,
        line: u32,
    ) -> (Target, u32) {
        let mut f = callee;
        if f.kind_name() == "generic_function" {
            if let Some(inner) = f.field("function") {
                f = inner;
            }
        }
        match f.kind_name() {
            "identifier" | "scoped_identifier" => {
                if let Some(segs) = path_segs(f, self.b.src) {
                    let st = owner.self_ty.as_ref();
                    return (self.resolve_path(&segs, owner.scope, owner.idx, st, true), line);
                }
            }
            "field_expression" => {
                if let (Some(value), Some(field)) = (f.field("value"), f.field("field")) {
                    let line = walk::line(field);
                    let m = self.b.text(field).into_owned();
                    let text = walk::collapse_ws(&self.b.text(f)).replace(" .", ".");
                    let target = match self.receiver_method(value, &m, owner, vars) {
                        Some(Target::Key { key, name, inferred }) if name.is_empty() => {
                            Target::Key { key, name: short(&text, MAX_SHOWN_CHARS), inferred }
                        }
                        Some(target) => target,
                        None => Target::Name(short(&text, MAX_SHOWN_CHARS)),
                    };
                    return (target, line);
                }
            }
            _ => {}
        }
        (Target::Name(short(&walk::collapse_ws(&self.b.text(f)), MAX_SHOWN_CHARS)), line)
    }
}

/// Downgrades a target found by the macro heuristic to a guess.
pub(super) fn inferred(target: Target) -> Target {
    match target {
        Target::Node { id, .. } => Target::Node { id, provenance: Provenance::Inferred },
        Target::Key { key, name, .. } => Target::Key { key, name, inferred: true },
        name => name,
    }
}

/// Calls in the direct children of a macro's token tree: a path (`a::b`) or a dotted
/// chain (`x.y.m`) of plain names directly followed by a parenthesised group. Chains
/// after a complex receiver and `fn name(...)` definitions are left out.
pub(super) fn macro_calls<'t>(tree: Node<'t>, src: &[u8], sites: &mut Vec<Site<'t>>) {
    let mut cursor = tree.walk();
    let kids: Vec<Node<'t>> = tree.children(&mut cursor).collect();
    for (i, kid) in kids.iter().enumerate() {
        if kid.kind_name() != "token_tree" || i == 0 || !walk::text(*kid, src).starts_with('(') {
            continue;
        }
        if kids[i - 1].kind_name() != "identifier" {
            continue;
        }
        let mut start = i - 1;
        let mut sep: Option<&str> = None;
        while start >= 2 {
            let s = kids[start - 1].kind_name();
            let name_like =
                matches!(kids[start - 2].kind_name(), "identifier" | "self" | "super" | "crate");
            if (s == "::" || s == ".") && sep.is_none_or(|x| x == s) && name_like {
                sep = Some(if s == "::" { "::" } else { "." });
                start -= 2;
            } else {
                break;
            }
        }
        if start >= 1 && matches!(kids[start - 1].kind_name(), "." | "::" | "fn") {
            continue;
        }
        let segs: Vec<String> =
            kids[start..i].iter().step_by(2).map(|n| walk::text(*n, src).into_owned()).collect();
        let (line, pos) = (walk::line(kids[i - 1]), kids[i - 1].start_byte());
        sites.push(Site::Macro { segs, dotted: sep == Some("."), line, pos });
    }
}

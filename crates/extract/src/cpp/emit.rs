//! C++ emission: `calls` edges from each body (functions, methods, tests, and the
//! class, namespace or module for calls outside them), the calls in macro bodies,
//! `inherits` edges to bases, `tests` edges, and the symbols other files link
//! through (bases, fields, returns, default constructors, lookup scopes).

use super::lower::written_type;
use super::scopes::{locals, Callee, Locals, Ty};
use super::*;
use crate::walk;
use crate::walk::{Fields, Kinds};
use model::EdgeKind;

/// How many arguments a call expression passes.
pub(super) fn argument_count(call: Node<'_>) -> usize {
    let Some(args) = call.field("arguments") else { return 0 };
    let mut cursor = args.walk();
    let n = args.named_children(&mut cursor).filter(|a| a.kind_name() != "comment").count();
    n
}

/// `static_cast<T>(x)` and its kin, which tree-sitter reads as calls of a
/// template: conversions, not calls.
fn is_cast(callee: Node<'_>, src: &[u8]) -> bool {
    callee.kind_name() == "template_function"
        && callee.field("name").is_some_and(|n| {
            matches!(
                &*walk::text(n, src),
                "static_cast" | "dynamic_cast" | "reinterpret_cast" | "const_cast"
            )
        })
}

/// A call site of a body: what is called and how.
enum Site<'t> {
    /// `f(x)`, `a.f(x)`, `A::f(x)`: the callee and the call.
    Call(Node<'t>, Node<'t>),
    /// `new A(x)`, `A a(x);`: the type constructed and the argument count.
    Construct(Node<'t>, usize),
    /// `: Base(x)` in a constructor's initializer list: the name and argument count.
    Initializer(Node<'t>, usize),
}

impl<'s, 't> Px<'s, 't> {
    /// Every call site becomes a `calls` edge from its body's node.
    pub(super) fn calls(&mut self) {
        let src = self.b.src;
        for body in std::mem::take(&mut self.bodies) {
            let locals = locals(body.syntax, body.is_function, src);
            let mut sites = Vec::new();
            let roots: Vec<Node<'t>> = if body.is_function {
                let mut cursor = body.syntax.walk();
                let found = body
                    .syntax
                    .named_children(&mut cursor)
                    .filter(|c| {
                        matches!(
                            c.kind_name(),
                            "compound_statement" | "field_initializer_list" | "try_statement"
                        )
                    })
                    .collect();
                found
            } else {
                vec![body.syntax]
            };
            for root in roots {
                walk::preorder(root, |node| {
                    match node.kind_name() {
                        "call_expression" => {
                            if let Some(callee) = node.field("function") {
                                if !is_cast(callee, src) {
                                    sites.push((Site::Call(callee, node), walk::line(node)));
                                }
                            }
                        }
                        "new_expression" => {
                            if let Some(ty) = node.field("type") {
                                sites.push((
                                    Site::Construct(ty, argument_count(node)),
                                    walk::line(node),
                                ));
                            }
                        }
                        "declaration" => {
                            if let Some(ty) = node.field("type") {
                                let mut cursor = node.walk();
                                for d in node.children_by_field_name("declarator", &mut cursor) {
                                    let args = d.field("value").filter(|v| {
                                        d.kind_name() == "init_declarator"
                                            && v.kind_name() == "argument_list"
                                    });
                                    if let Some(args) = args {
                                        let mut c = args.walk();
                                        let n = args
                                            .named_children(&mut c)
                                            .filter(|a| a.kind_name() != "comment")
                                            .count();
                                        sites.push((Site::Construct(ty, n), walk::line(d)));
                                    }
                                }
                            }
                        }
                        "field_initializer" => {
                            if let Some(name) = node.named_child(0) {
                                let n = node.named_child(1).map_or(0, |args| {
                                    let mut c = args.walk();
                                    let n = args
                                        .named_children(&mut c)
                                        .filter(|a| a.kind_name() != "comment")
                                        .count();
                                    n
                                });
                                sites.push((Site::Initializer(name, n), walk::line(node)));
                            }
                        }
                        _ => {}
                    }
                    true
                });
            }
            for (site, line) in sites {
                let (callee, arity) = match site {
                    Site::Call(callee, call) => {
                        let n = argument_count(call);
                        (self.callee(callee, n, &body.ctx, &locals, 0), n)
                    }
                    Site::Construct(ty, n) => match written_type(ty, src) {
                        Some(w) => match self.construct(&w, &body.ctx, n) {
                            Some(c) => (c, n),
                            None => continue,
                        },
                        None => continue,
                    },
                    Site::Initializer(name, n) => match self.base_initializer(name, n, &body.ctx) {
                        Some(c) => (c, n),
                        None => continue,
                    },
                };
                for target in self.targets(callee) {
                    let arity = u16::try_from(arity).ok();
                    self.b.call_edge(EdgeKind::Calls, body.node, target, line, arity);
                }
            }
        }
        for (idx, def) in std::mem::take(&mut self.macros) {
            self.macro_calls(idx, def);
        }
    }

    /// `: Base(x)` in a constructor of a class of this file: a call of the base's
    /// constructor when the name is one of the class's bases (a member's
    /// initializer calls nothing we count).
    fn base_initializer(&mut self, name: Node<'t>, args: usize, ctx: &Ctx) -> Option<Callee> {
        let src = self.b.src;
        let w = written_type(name, src).or_else(|| {
            let text = walk::text(name, src).into_owned();
            (!text.is_empty()).then(|| Written { segs: vec![text], ..Written::default() })
        })?;
        let last = w.segs.last()?.clone();
        let bases: Vec<Written> = match &ctx.class {
            Some(ClassRef::Here(ci)) => {
                self.classes[*ci].bases.iter().map(|(b, _)| b.clone()).collect()
            }
            _ => return None,
        };
        let base = bases.into_iter().find(|b| b.segs.last() == Some(&last))?;
        let Some(ClassRef::Here(ci)) = ctx.class.clone() else { return None };
        let at = self.classes[ci].ctx.clone();
        self.construct(&base, &at, args)
    }

    /// The calls in a function-like macro's body, read from its tokens as C's are;
    /// its parameters are local names.
    fn macro_calls(&mut self, idx: NodeIdx, def: Node<'t>) {
        let Some(value) = def.field("value") else { return };
        let mut params = Locals::new();
        if let Some(list) = def.field("parameters") {
            let mut cursor = list.walk();
            for p in list.named_children(&mut cursor) {
                params.insert(self.b.text(p).into_owned(), scopes::Local::Unknown);
            }
        }
        let text = self.b.text(value).into_owned();
        let mut line = walk::line(value);
        let mut counted = 0;
        let ctx = Ctx::default();
        for (name, offset) in crate::c::macro_body_calls(&text) {
            line += text[counted..offset].matches('\n').count() as u32;
            counted = offset;
            if params.contains_key(name) {
                continue;
            }
            // `ns::f(` in a macro body: the qualified name, read back over `::`s.
            let mut segs = vec![name.to_owned()];
            let mut before = text[..offset].trim_end();
            let mut global = false;
            while let Some(rest) = before.strip_suffix("::") {
                let rest = rest.trim_end();
                let start = rest
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                if start == rest.len() {
                    global = true;
                    break;
                }
                segs.insert(0, rest[start..].to_owned());
                before = rest[..start].trim_end();
            }
            let callee = if segs.len() > 1 || global {
                self.qualified_call(&segs, global, 0, &ctx)
            } else {
                self.name_call(name, 0, &ctx, &params)
            };
            for target in self.targets(callee) {
                self.b.edge(EdgeKind::Calls, idx, target, line);
            }
        }
    }

    /// Tests as edges (see the module docs), through the shared
    /// [`crate::common::tests_edges::add_tests_edges`].
    pub(super) fn tests(&mut self) {
        if self.tests.is_empty() {
            return;
        }
        let helpers: HashSet<String> =
            self.b.nodes.iter().filter(|n| n.kind.is_callable()).map(|n| n.id.clone()).collect();
        let mut with_roots = Vec::new();
        for &idx in &self.tests {
            let roots = crate::common::tests_edges::call_roots(&self.b, &self.b.nodes[idx].id);
            with_roots.push((idx, roots));
        }
        crate::common::tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// `inherits` edges and the symbols other files resolve through: each class's
    /// bases (star rows), default constructor, fields' types and methods' return
    /// types, functions' return types, and the star rows of the lookup scopes used.
    pub(super) fn export_symbols(&mut self) {
        for ci in 0..self.classes.len() {
            let class_key = self.class_key(ci);
            let local = self.classes[ci].ctx.local;
            let ctx = self.classes[ci].ctx.clone();
            let mut targets = Vec::new();
            for (w, line) in self.classes[ci].bases.clone() {
                let Some(ty) = self.resolve_type(&w, &ctx, 0) else { continue };
                let target = self.ty_target(&ty);
                self.b.edge(EdgeKind::Inherits, self.classes[ci].node, target, line);
                targets.push(self.ty_key(&ty));
            }
            if local {
                continue;
            }
            for t in &targets {
                self.b.export_alias(keys::star(&class_key), t.clone());
            }
            if targets.len() > 1 {
                self.b.export_alias(keys::star(&class_key), keys::order(&targets));
            }
            if !self.classes[ci].has_ctor {
                let mut path = self.classes[ci].path.clone();
                path.push(self.classes[ci].name.clone());
                let node = self.classes[ci].node;
                self.b.export_node(key(&path), node);
            }
        }
        let mut fields: Vec<((usize, String), Written)> =
            self.fields.iter().map(|(k, w)| (k.clone(), w.clone())).collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        for ((ci, name), w) in fields {
            if self.classes[ci].ctx.local {
                continue;
            }
            let ctx = Ctx { class: Some(ClassRef::Here(ci)), ..self.classes[ci].ctx.clone() };
            let Some(ty) = self.resolve_type(&w, &ctx, 0) else { continue };
            let mut path = self.classes[ci].path.clone();
            path.push(name);
            let target = self.ty_key(&ty);
            self.b.export_alias(keys::star(&key(&path)), target);
        }
        let mut returns: Vec<(Vec<String>, Written, Ctx)> = Vec::new();
        for ((ci, name), infos) in &self.methods {
            if self.classes[*ci].ctx.local {
                continue;
            }
            for info in infos {
                if let Some((w, at)) = &info.result {
                    let mut path = self.classes[*ci].path.clone();
                    path.push(name.clone());
                    returns.push((path, w.clone(), at.clone()));
                }
            }
        }
        for (path, infos) in &self.functions {
            for info in infos {
                if let Some((w, at)) = &info.result {
                    if !at.local {
                        returns.push((path.clone(), w.clone(), at.clone()));
                    }
                }
            }
        }
        returns.sort_by(|a, b| a.0.cmp(&b.0));
        returns.dedup_by(|a, b| a.0 == b.0);
        for (path, w, at) in returns {
            let Some(ty) = self.resolve_type(&w, &at, 0) else { continue };
            if let Ty::Key { inferred: true, .. } = ty {
                continue;
            }
            let target = self.ty_key(&ty);
            self.b.export_alias(keys::returns(&key(&path)), target);
        }
        for (scope, targets) in std::mem::take(&mut self.scopes_used) {
            for t in &targets {
                self.b.export_alias(keys::star(&scope), t.clone());
            }
            if targets.len() > 1 {
                self.b.export_alias(keys::star(&scope), keys::order(&targets));
            }
        }
    }
}

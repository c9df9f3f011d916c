//! Java emission: `calls` edges from each method and constructor (and from a class,
//! for calls in field initializers and initializer blocks), `inherits` and
//! `implements` edges, the `tests` edges of test methods, and the symbols the
//! linker needs to follow supertypes, fields, return types, constructors and
//! on-demand imports.

use super::scopes::{argument_count, Callee, Ctx, Locals};
use super::*;
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{keys, EdgeKind, NodeKind, Provenance};
use std::collections::HashSet;

impl<'s, 't> Jx<'s, 't> {
    /// Every call site becomes a `calls` edge; every supertype an `inherits` or
    /// `implements` edge.
    pub(super) fn calls(&mut self) {
        let mut all: Vec<Locals> = Vec::with_capacity(self.bodies.len());
        for b in 0..self.bodies.len() {
            let locals = self.locals(b, &all);
            all.push(locals);
        }
        for (b, locals) in all.iter().enumerate() {
            let body = &self.bodies[b];
            let scan = if body.is_method { body.syntax.field("body") } else { Some(body.syntax) };
            let Some(scan) = scan else { continue };
            let (node, class) = (body.node, body.class);
            let params = body.type_params.clone();
            let mut sites = Vec::new();
            walk::preorder(scan, |n| match n.kind_name() {
                "class_body" => false,
                k if super::lower::is_type_declaration(k) => false,
                "method_invocation" | "explicit_constructor_invocation" => {
                    sites.push(n);
                    true
                }
                "object_creation_expression" => {
                    let mut cursor = n.walk();
                    if !n.named_children(&mut cursor).any(|c| c.kind_name() == "class_body") {
                        sites.push(n);
                    }
                    true
                }
                _ => true,
            });
            let ctx = Ctx { class, params: &params, locals };
            for site in sites {
                let callee = self.site_callee(site, &ctx);
                let target = self.target(callee, site);
                self.note_imports(node, site, &ctx);
                self.b.edge(EdgeKind::Calls, node, target, walk::line(site));
            }
        }
        for t in 0..self.types.len() {
            let from = self.types[t].node;
            for (ty, line, implemented) in self.types[t].supers.clone() {
                let kind = if implemented { EdgeKind::Implements } else { EdgeKind::Inherits };
                let target = match self.type_keys.get(&ty.key) {
                    Some(&s) => Target::Node {
                        id: self.b.nodes[self.types[s].node].id.clone(),
                        provenance: Provenance::Exact,
                    },
                    None => {
                        let name = self.shown(&ty.key).unwrap_or_else(|| ty.key.clone());
                        Target::Key { key: ty.key, name, inferred: false }
                    }
                };
                self.b.edge(kind, from, target, line);
            }
        }
    }

    /// What a call site names: a method call, `new T(...)`, `this(...)` or
    /// `super(...)`.
    fn site_callee(&self, site: Node<'_>, ctx: &Ctx<'_>) -> Callee {
        let arity = site.field("arguments").map_or(0, argument_count);
        match site.kind_name() {
            "method_invocation" => self.invocation(site, ctx, 0),
            "object_creation_expression" => {
                match site.field("type").and_then(|t| self.type_key(t, Some(ctx.class), ctx.params))
                {
                    Some(ty) => self.constructor_call(&ty, arity),
                    None => Callee::Unknown,
                }
            }
            _ => {
                let is_super = site.field("constructor").is_some_and(|c| c.kind_name() == "super");
                let ty = if is_super {
                    self.superclass(ctx.class)
                } else {
                    Some(Ty { key: self.types[ctx.class].key.clone(), inferred: false })
                };
                match ty {
                    Some(ty) => self.constructor_call(&ty, arity),
                    None => Callee::Unknown,
                }
            }
        }
    }

    /// The edge target of a callee.
    fn target(&self, callee: Callee, site: Node<'_>) -> Target {
        match callee {
            Callee::Node { node, inferred, .. } => Target::Node {
                id: self.b.nodes[node].id.clone(),
                provenance: if inferred { Provenance::Inferred } else { Provenance::Exact },
            },
            Callee::Key { key, shown, inferred } => {
                let name = shown.unwrap_or_else(|| callee_text(site, self.b.src));
                Target::Key { key, name, inferred }
            }
            Callee::Unknown => Target::Name(callee_text(site, self.b.src)),
        }
    }

    /// Notes the imported names a call site goes through: a receiver or a `new` type
    /// that is a single-type import, or a statically imported method.
    fn note_imports(&mut self, node: NodeIdx, site: Node<'_>, ctx: &Ctx<'_>) {
        let used = match site.kind_name() {
            "method_invocation" => match site.field("object") {
                Some(o) if o.kind_name() == "identifier" => Some(self.b.text(o)),
                Some(_) => None,
                None => site
                    .field("name")
                    .map(|n| self.b.text(n))
                    .filter(|n| self.static_imports.contains_key(n.as_ref())),
            },
            "object_creation_expression" => site.field("type").map(|t| {
                let t =
                    if t.kind_name() == "generic_type" { t.named_child(0).unwrap_or(t) } else { t };
                self.b.text(t)
            }),
            _ => None,
        };
        let Some(used) = used else { return };
        let shadowed = ctx.locals.contains_key(used.as_ref());
        if !shadowed
            && (self.imports.contains_key(used.as_ref())
                || self.static_imports.contains_key(used.as_ref()))
        {
            self.b.use_import(node, &used);
        }
    }

    /// Tests as edges (see the module docs), through the shared
    /// [`crate::common::tests_edges::add_tests_edges`].
    pub(super) fn tests(&mut self) {
        let helpers: HashSet<String> =
            self.b.nodes.iter().filter(|n| n.kind.is_callable()).map(|n| n.id.clone()).collect();
        let mut with_roots = Vec::new();
        let mut seen = HashSet::new();
        for body in &self.bodies {
            if !body.is_method || !seen.insert(body.node) {
                continue;
            }
            let node = &self.b.nodes[body.node];
            if node.kind != NodeKind::Method {
                continue;
            }
            let annotated = node.decorators.iter().any(|d| {
                let name = d.trim_start_matches('@');
                let name = name.split('(').next().unwrap_or(name);
                let last = name.rsplit('.').next().unwrap_or(name).trim();
                TEST_ANNOTATIONS.contains(&last)
            });
            let class_name = &self.b.nodes[self.types[body.class].node].name;
            let junit3 = node.name.starts_with("test")
                && node.decorators.is_empty()
                && is_test_class(self.b.path, class_name);
            if !annotated && !junit3 {
                continue;
            }
            let roots = crate::common::tests_edges::call_roots(&self.b, &node.id);
            with_roots.push((body.node, roots));
        }
        crate::common::tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// The symbols other files' calls link through: each exported type's supertypes
    /// (`{T}.*`, with an `order:` row), field types (`{T}.f.*`), return types
    /// (`{T}.{N}args.m.__return__`) and default constructor (`{T}.0args.<init>` →
    /// the class; a record's canonical one likewise); the
    /// module as `java:{package}.package`; the on-demand scope's star rows.
    pub(super) fn export_resolution_symbols(&mut self) {
        if !self.pkg.is_empty() {
            self.b.export_node(format!("{PREFIX}{}.package", self.pkg), 0);
        }
        for t in 0..self.types.len() {
            if !self.types[t].exported {
                continue;
            }
            let key = self.types[t].key.clone();
            let mut targets: Vec<String> = Vec::new();
            for (ty, _, _) in &self.types[t].supers {
                if ty.key != key && !targets.contains(&ty.key) {
                    targets.push(ty.key.clone());
                }
            }
            for target in &targets {
                self.b.export_alias(keys::star(&key), target.clone());
            }
            if targets.len() > 1 {
                self.b.export_alias(keys::star(&key), keys::order(&targets));
            }
            // The default constructor (a record's canonical one) is the class.
            let implicit = self.types[t].is_record.then_some(self.types[t].components);
            let ctors = self.ctors.get(&t);
            let default = match implicit {
                Some(n) => ctors.is_none_or(|c| !c.iter().any(|m| m.arity == n)).then_some(n),
                None => ctors.is_none().then_some(0),
            };
            if let Some(n) = default.filter(|_| !self.types[t].is_interface) {
                self.b.export_node(member_key(&key, n, CONSTRUCTOR), self.types[t].node);
            }
        }
        let mut fields: Vec<((usize, String), Ty)> = self
            .fields
            .iter()
            .filter(|((t, _), _)| self.types[*t].exported)
            .filter_map(|(k, ty)| ty.clone().map(|ty| (k.clone(), ty)))
            .collect();
        fields.sort();
        for ((t, name), ty) in fields {
            let key = keys::star(&format!("{}.{name}", self.types[t].key));
            self.b.export_alias(key, ty.key);
        }
        let mut results: Vec<(String, Ty)> = Vec::new();
        for ((t, name), overloads) in &self.methods {
            if !self.types[*t].exported {
                continue;
            }
            for m in overloads {
                let Some(r) = &m.result else { continue };
                for a in call_arities(m.arity, m.varargs) {
                    let key = member_key(&self.types[*t].key, a, name);
                    results.push((keys::returns(&key), r.clone()));
                }
            }
        }
        results.sort();
        results.dedup_by(|a, b| a.0 == b.0);
        for (key, ty) in results {
            self.b.export_alias(key, ty.key);
        }
        if let Some(scope) = self.scope.clone() {
            let mut targets = Vec::new();
            if !self.pkg.is_empty() {
                targets.push(format!("{PREFIX}{}", self.pkg));
            }
            for w in &self.wildcards {
                let key = format!("{PREFIX}{w}");
                if !targets.contains(&key) {
                    targets.push(key);
                }
            }
            let lang = format!("{PREFIX}java.lang");
            if !targets.contains(&lang) {
                targets.push(lang);
            }
            for target in &targets {
                self.b.export_alias(keys::star(&scope), target.clone());
            }
            if targets.len() > 1 {
                self.b.export_alias(keys::star(&scope), keys::order(&targets));
            }
        }
    }
}

/// A call site's text as an unresolved name: up to its arguments (`a.b.m`, `new
/// T`), whitespace collapsed, capped, read from at most the first 400 bytes (a call
/// chain's text holds the whole chain below it).
fn callee_text(site: Node<'_>, src: &[u8]) -> String {
    let end = site.field("arguments").map_or(site.end_byte(), |a| a.start_byte());
    let end = end.min(site.start_byte() + 400);
    short(&walk::collapse_ws(&String::from_utf8_lossy(&src[site.start_byte()..end])))
}

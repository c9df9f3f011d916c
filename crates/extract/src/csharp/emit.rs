//! C# emission: `calls` edges from each member and local function (and from a
//! type, for calls in field initializers and a primary constructor's base call),
//! `inherits` and `implements` edges, the `tests` edges of test methods, and the
//! symbols the linker needs to follow bases, fields and properties, return types,
//! default constructors and lookup scopes.

use super::scopes::{argument_count, Callee, Ctx, Locals};
use super::*;
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{keys, EdgeKind, NodeKind, Provenance};
use std::collections::HashSet;

impl<'s, 't> Cx<'s, 't> {
    /// Every call site becomes a `calls` edge; every base an `inherits` or
    /// `implements` edge.
    pub(super) fn calls(&mut self) {
        let mut all: Vec<Locals> = Vec::with_capacity(self.bodies.len());
        for b in 0..self.bodies.len() {
            let locals = self.locals(b, &all);
            all.push(locals);
        }
        for (b, locals) in all.iter().enumerate() {
            let body = &self.bodies[b];
            let (node, class, scan) = (body.node, body.class, body.syntax);
            let params = body.type_params.clone();
            let mut sites = Vec::new();
            // `T x = new();`: the `new()` creates the stated type.
            let mut typed_new: HashMap<usize, Node<'t>> = HashMap::new();
            walk::preorder(scan, |n| match n.kind_name() {
                "local_function_statement" if n != scan => false,
                "attribute_list" | "parameter_list" | "bracketed_parameter_list" => false,
                k if super::lower::is_type_declaration(k) => false,
                "invocation_expression"
                | "object_creation_expression"
                | "implicit_object_creation_expression"
                | "constructor_initializer"
                | "primary_constructor_base_type" => {
                    sites.push(n);
                    true
                }
                "variable_declaration" => {
                    let stated = n.field("type").filter(|t| t.kind_name() != "implicit_type");
                    if let Some(ty) = stated {
                        let mut cursor = n.walk();
                        for d in n.named_children(&mut cursor) {
                            let value = super::lower::declarator_value(d);
                            if let Some(v) = value
                                .filter(|v| v.kind_name() == "implicit_object_creation_expression")
                            {
                                typed_new.insert(v.id(), ty);
                            }
                        }
                    }
                    true
                }
                _ => true,
            });
            let ctx = Ctx { class, params: &params, locals, body: Some(b) };
            for site in sites {
                let callee = if site.kind_name() == "implicit_object_creation_expression" {
                    let arity = {
                        let mut cursor = site.walk();
                        let args = site
                            .named_children(&mut cursor)
                            .find(|c| c.kind_name() == "argument_list");
                        args.map_or(0, argument_count)
                    };
                    let ty = typed_new.get(&site.id()).or_else(|| self.new_types.get(&site.id()));
                    match ty.and_then(|t| self.type_key(*t, class, &params)) {
                        Some(ty) => self.constructor_call(&ty, arity),
                        None => Callee::Skip,
                    }
                } else {
                    self.site_callee(site, &ctx)
                };
                if matches!(callee, Callee::Skip) {
                    continue;
                }
                let target = self.target(callee, site);
                self.note_imports(node, site, &ctx);
                self.b.edge(EdgeKind::Calls, node, target, walk::line(site));
            }
        }
        for t in 0..self.types.len() {
            let from = self.types[t].node;
            for (ty, line, implemented, guessed) in self.types[t].supers.clone() {
                let kind = if implemented { EdgeKind::Implements } else { EdgeKind::Inherits };
                let target = match self.type_keys.get(&ty.key) {
                    Some(&s) => Target::Node {
                        id: self.b.nodes[self.types[s].node].id.clone(),
                        provenance: Provenance::Exact,
                    },
                    None => {
                        let name = self.shown(&ty.key).unwrap_or_else(|| ty.key.clone());
                        Target::Key { key: ty.key, name, inferred: guessed }
                    }
                };
                self.b.edge(kind, from, target, line);
            }
        }
    }

    /// What a call site names: a method call, `new T(...)`, `: base(...)` or
    /// `: this(...)`, a primary constructor's base `: B(...)`.
    fn site_callee(&self, site: Node<'_>, ctx: &Ctx<'_>) -> Callee {
        match site.kind_name() {
            "invocation_expression" => self.invocation(site, ctx, 0),
            "object_creation_expression" => {
                let arity = site.field("arguments").map_or(0, argument_count);
                match site.field("type").and_then(|t| self.type_key(t, ctx.class, ctx.params)) {
                    Some(ty) => self.constructor_call(&ty, arity),
                    None => Callee::Unknown,
                }
            }
            "primary_constructor_base_type" => {
                let mut cursor = site.walk();
                let args =
                    site.named_children(&mut cursor).find(|c| c.kind_name() == "argument_list");
                let arity = args.map_or(0, argument_count);
                match self.superclass(ctx.class) {
                    Some(ty) => self.constructor_call(&ty, arity),
                    None => Callee::Unknown,
                }
            }
            _ => {
                let mut cursor = site.walk();
                let children: Vec<Node<'_>> = site.children(&mut cursor).collect();
                let is_base = children.iter().any(|c| c.kind_name() == "base");
                let arity = children
                    .iter()
                    .find(|c| c.kind_name() == "argument_list")
                    .map_or(0, |a| argument_count(*a));
                let ty = if is_base {
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
            Callee::Skip | Callee::Unknown => Target::Name(callee_text(site, self.b.src)),
        }
    }

    /// Notes the imported names a call site goes through: a receiver or a `new`
    /// type that is a `using` alias, or a method a `using static` brings in.
    fn note_imports(&mut self, node: NodeIdx, site: Node<'_>, ctx: &Ctx<'_>) {
        let scope = self.types[ctx.class].scope;
        let levels = self.levels(scope);
        let used = match site.kind_name() {
            "invocation_expression" => {
                let f = site.field("function");
                match f.map(|f| (f.kind_name(), f)) {
                    Some(("member_access_expression", f)) => f
                        .field("expression")
                        .filter(|e| e.kind_name() == "identifier")
                        .map(|e| self.b.text(e))
                        .filter(|n| {
                            levels.iter().any(|(_, s)| {
                                s.is_some_and(|s| self.scopes[s].aliases.contains_key(n.as_ref()))
                            })
                        }),
                    _ => None,
                }
            }
            "object_creation_expression" => site
                .field("type")
                .map(|t| {
                    if t.kind_name() == "generic_name" {
                        t.named_child(0).unwrap_or(t)
                    } else {
                        t
                    }
                })
                .map(|t| self.b.text(t))
                .filter(|n| {
                    levels.iter().any(|(_, s)| {
                        s.is_some_and(|s| self.scopes[s].aliases.contains_key(n.as_ref()))
                    })
                }),
            _ => None,
        };
        if let Some(used) = used {
            if !ctx.locals.contains_key(used.as_ref()) {
                self.b.use_import(node, &used);
            }
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
            if !body.is_member || !seen.insert(body.node) {
                continue;
            }
            let node = &self.b.nodes[body.node];
            if node.kind != NodeKind::Method
                || !node.decorators.iter().any(|d| is_test_attribute(d))
            {
                continue;
            }
            let roots = crate::common::tests_edges::call_roots(&self.b, &node.id);
            with_roots.push((body.node, roots));
        }
        crate::common::tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// The symbols other files' calls link through: each exported type's bases
    /// (`{T}.*`, with an `order:` row), field and property types (`{T}.f.*`),
    /// return types (`{T}.{N}args.M.__return__`) and default constructor
    /// (`{T}.0args.<ctor>` → the type; a primary constructor's arity likewise);
    /// each namespace node as `{ns}.<namespace>`; each lookup scope's star rows.
    pub(super) fn export_resolution_symbols(&mut self) {
        let mut namespaces: Vec<(&String, &NodeIdx)> = self.namespaces.iter().collect();
        namespaces.sort();
        let rows: Vec<(String, NodeIdx)> = namespaces
            .into_iter()
            .map(|(ns, &n)| (format!("{}.{NAMESPACE}", qualify(ns)), n))
            .collect();
        for (key, n) in rows {
            self.b.export_node(key, n);
        }
        for t in 0..self.types.len() {
            if !self.types[t].exported {
                continue;
            }
            let key = self.types[t].key.clone();
            let mut targets: Vec<String> = Vec::new();
            for (ty, _, _, _) in &self.types[t].supers {
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
            let info = &self.types[t];
            let ctors = self.ctors.get(&t);
            let mut implicit = Vec::new();
            match info.what {
                "interface" | "enum" | "delegate" => {}
                _ => {
                    if let Some(n) = info.primary {
                        implicit.push(n);
                    }
                    if info.what == "struct" || (ctors.is_none() && info.primary.is_none()) {
                        implicit.push(0);
                    }
                }
            }
            for n in implicit {
                if ctors.is_none_or(|c| !c.iter().any(|m| m.arity == n)) {
                    self.b.export_node(member_key(&key, n, CONSTRUCTOR), self.types[t].node);
                }
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
                for a in call_arities(m) {
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
        // Only scopes that types are written in are looked names up under.
        let used: HashSet<usize> = self.types.iter().map(|t| t.scope).collect();
        for s in 0..self.scopes.len() {
            let Some(scope) = self.scopes[s].key.clone().filter(|_| used.contains(&s)) else {
                continue;
            };
            let mut targets = Vec::new();
            for (ns, level) in self.levels(s) {
                let key = qualify(&ns);
                if !targets.contains(&key) {
                    targets.push(key);
                }
                for u in level.map(|l| self.scopes[l].usings.as_slice()).unwrap_or_default() {
                    let key = qualify(u);
                    if !targets.contains(&key) {
                        targets.push(key);
                    }
                }
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

/// A call site's text as an unresolved name: up to its arguments (`a.b.M`, `new
/// T`), whitespace collapsed, capped, read from at most the first 400 bytes (a call
/// chain's text holds the whole chain below it).
fn callee_text(site: Node<'_>, src: &[u8]) -> String {
    let end = site
        .field("arguments")
        .map(|a| a.start_byte())
        .or_else(|| site.field("function").map(|f| f.end_byte()))
        .unwrap_or(site.end_byte());
    let end = end.min(site.start_byte() + 400);
    short(&walk::collapse_ws(&String::from_utf8_lossy(&src[site.start_byte()..end])))
}

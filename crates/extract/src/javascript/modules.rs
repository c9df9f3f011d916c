//! JavaScript/TypeScript modules: ES `import`/`export` statements, CommonJS
//! `require()` and `module.exports` assignments, module keys of specifiers, and the
//! recorded exports turned into symbols.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Js<'s, 't> {
    /// `require('x')`, `require('x').a.b` or `await import('x')`: the call, the
    /// specifier and the member path.
    pub(super) fn require_source(
        &self,
        value: Node<'t>,
    ) -> Option<(Node<'t>, String, Vec<String>)> {
        let mut v = value;
        let mut members = Vec::new();
        loop {
            match v.kind_name() {
                "member_expression" => {
                    let p = v.field("property")?;
                    members.push(self.b.text(p).into_owned());
                    v = v.field("object")?;
                }
                "await_expression" => v = v.named_child(0)?,
                "parenthesized_expression" => v = v.named_child(0)?,
                "call_expression" => break,
                _ => return None,
            }
        }
        members.reverse();
        let spec = self.import_call(v)?;
        Some((v, spec, members))
    }

    /// The specifier of `require('x')` / `import('x')`, `None` for other calls.
    pub(super) fn import_call(&self, call: Node<'t>) -> Option<String> {
        let f = call.field("function")?;
        let is_import = f.kind_name() == "import"
            || (f.kind_name() == "identifier" && self.b.text(f) == "require");
        if !is_import {
            return None;
        }
        let args = call.field("arguments")?;
        let mut cursor = args.walk();
        let first = args.named_children(&mut cursor).find(|a| a.kind_name() != "comment")?;
        if first.kind_name() != "string" {
            return None;
        }
        Some(listed_specifier(&unquote(&self.b.text(first))))
    }

    /// Binds `name` when `value` is a `require()`/`import()`; true when it was.
    pub(super) fn require_binding(
        &mut self,
        value: Node<'t>,
        name: &str,
        scope: usize,
        line: u32,
    ) -> bool {
        let Some((call, spec, members)) = self.require_source(value) else { return false };
        self.claimed.insert(call.id());
        let key = dotted(&resolve_specifier(&self.dir, &spec), &members);
        let whole = members.is_empty();
        let shown_name = if whole { format!("{spec}.*") } else { dotted(&spec, &members) };
        self.import_edge(&key, &shown_name, line);
        self.scopes[scope]
            .bindings
            .insert(name.to_owned(), Binding::Import { key, name: shown_name, whole });
        true
    }

    /// A `require('x')` or `import('x')` whose value is not bound: an import of the
    /// module for its side effects (or used in place).
    pub(super) fn bare_require(&mut self, call: Node<'t>) {
        let Some(spec) = self.import_call(call) else { return };
        self.claimed.insert(call.id());
        let key = resolve_specifier(&self.dir, &spec);
        self.import_edge(&key, &spec, walk::line(call));
    }

    /// Records an import of `key` (listed as `name`) on the module: the `imports` edge
    /// and the module's imported names.
    pub(super) fn import_edge(&mut self, key: &str, name: &str, line: u32) {
        self.b.nodes[0].imports.push(name.to_owned());
        let target = Target::Key { key: key.to_owned(), name: shown(key), inferred: false };
        self.b.edge(EdgeKind::Imports, 0, target, line);
    }

    /// `import ... from 'x'` and TypeScript's `import x = require('x')`.
    pub(super) fn import_statement(&mut self, stmt: Node<'t>, scope: usize) {
        let line = walk::line(stmt);
        let mut cursor = stmt.walk();
        let children: Vec<Node<'t>> = stmt.named_children(&mut cursor).collect();
        if let Some(req) = children.iter().find(|c| c.kind_name() == "import_require_clause") {
            let (Some(name), Some(source)) = (req.named_child(0), req.field("source")) else {
                return;
            };
            let spec = listed_specifier(&unquote(&self.b.text(source)));
            let key = resolve_specifier(&self.dir, &spec);
            let shown_name = format!("{spec}.*");
            self.import_edge(&key, &shown_name, line);
            let local = self.b.text(name).into_owned();
            self.scopes[scope]
                .bindings
                .insert(local, Binding::Import { key, name: shown_name, whole: true });
            return;
        }
        let Some(source) = stmt.field("source") else { return };
        let spec = listed_specifier(&unquote(&self.b.text(source)));
        let key = resolve_specifier(&self.dir, &spec);
        let Some(clause) = children.iter().find(|c| c.kind_name() == "import_clause") else {
            self.import_edge(&key, &spec, line);
            return;
        };
        // (local name, member key suffix or None for the whole module)
        let mut bound: Vec<(String, Option<String>)> = Vec::new();
        let mut cursor = clause.walk();
        for part in clause.named_children(&mut cursor) {
            match part.kind_name() {
                "identifier" => {
                    bound.push((self.b.text(part).into_owned(), Some("default".into())))
                }
                "namespace_import" => {
                    let mut c = part.walk();
                    let id = part.named_children(&mut c).find(|n| n.kind_name() == "identifier");
                    if let Some(id) = id {
                        bound.push((self.b.text(id).into_owned(), None));
                    }
                }
                "named_imports" => {
                    let mut c = part.walk();
                    for spec_node in part.named_children(&mut c) {
                        if spec_node.kind_name() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec_node.field("name") else { continue };
                        let alias = spec_node.field("alias").unwrap_or(name);
                        let member = unquote(&self.b.text(name));
                        bound.push((unquote(&self.b.text(alias)), Some(member)));
                    }
                }
                _ => {}
            }
        }
        for (local, member) in bound {
            let (key, name) = match member {
                Some(m) => (format!("{key}.{m}"), format!("{spec}.{m}")),
                None => (key.clone(), format!("{spec}.*")),
            };
            self.import_edge(&key, &name, line);
            self.scopes[scope].bindings.insert(local, Binding::Import { key, name, whole: false });
        }
    }

    /// `export` statements: marks wrapped declarations, creates default-exported
    /// functions, classes and objects, records `export { a as b }` and re-exports.
    pub(super) fn export_statement(&mut self, stmt: Node<'t>, ctx: Ctx) {
        let mut cursor = stmt.walk();
        let is_default = stmt.children(&mut cursor).any(|c| c.kind_name() == "default");
        let how = if is_default { Export::Default } else { Export::Named };
        if let Some(decl) = stmt.field("declaration") {
            self.export_of.insert(decl.id(), (stmt, Some(how)));
            return;
        }
        let mk = self.module_key.clone();
        if let Some(value) = stmt.field("value") {
            let v = unwrap_expr(value);
            let own_name = v.field("name").map(|n| self.b.text(n).into_owned());
            match v.kind_name() {
                _ if is_function(v) => {
                    let arrow = v.kind_name() == "arrow_function";
                    let c = Callable {
                        kind: NodeKind::Function,
                        name: own_name.unwrap_or_else(|| "default".into()),
                        func: v,
                        span: stmt,
                        sig_start: if arrow { stmt.start_byte() } else { v.start_byte() },
                        sig_prefix: String::new(),
                        doc_start: stmt.start_byte(),
                        decorators: Vec::new(),
                        export: Some(Export::Default),
                        bind: false,
                        this: if arrow { ctx.this } else { None },
                        declared_type: false,
                    };
                    self.callable(c, ctx);
                }
                "class" => {
                    let name = own_name.unwrap_or_else(|| "default".into());
                    let mut decorators = decorator_children(stmt);
                    decorators.extend(decorator_children(v));
                    let start = after_decorators(v);
                    self.class(
                        v,
                        name,
                        stmt,
                        start,
                        String::new(),
                        decorators,
                        Some(Export::Default),
                        ctx,
                    );
                }
                "object" if self.has_function_members(v) => {
                    self.object(v, "default", stmt, Some(Export::Default), ctx);
                }
                "identifier" => {
                    let name = self.b.text(v).into_owned();
                    let key = format!("{mk}.default");
                    self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                }
                _ => {}
            }
            return;
        }
        let line = walk::line(stmt);
        let source = stmt.field("source").map(|s| listed_specifier(&unquote(&self.b.text(s))));
        let mut cursor = stmt.walk();
        let children: Vec<Node<'t>> = stmt.named_children(&mut cursor).collect();
        let clause = children.iter().find(|c| c.kind_name() == "export_clause");
        let Some(spec) = source else {
            if let Some(clause) = clause {
                // `export { a as b }`
                for (name, alias) in self.export_specifiers(*clause) {
                    let key = format!("{mk}.{alias}");
                    self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                }
            } else if let Some(id) = children.iter().find(|c| c.kind_name() == "identifier") {
                // TypeScript `export = x`
                let name = self.b.text(*id).into_owned();
                let key = format!("{mk}.default");
                self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
            }
            return;
        };
        let target = resolve_specifier(&self.dir, &spec);
        if let Some(clause) = clause {
            for (name, alias) in self.export_specifiers(*clause) {
                let key = format!("{target}.{name}");
                self.import_edge(&key, &format!("{spec}.{name}"), line);
                self.exports.push(ExportRef::Alias(format!("{mk}.{alias}"), key));
            }
        } else if let Some(ns) = children.iter().find(|c| c.kind_name() == "namespace_export") {
            // `export * as ns from 'x'`
            self.import_edge(&target, &format!("{spec}.*"), line);
            let mut c = ns.walk();
            let alias = ns.named_children(&mut c).last().map(|a| unquote(&self.b.text(a)));
            if let Some(alias) = alias {
                self.exports.push(ExportRef::Alias(format!("{mk}.{alias}"), target));
            }
        } else {
            // `export * from 'x'`
            self.import_edge(&target, &format!("{spec}.*"), line);
            self.exports.push(ExportRef::Alias(keys::star(&mk), target));
        }
    }

    /// The `(name, exported as)` pairs of an `export { ... }` clause.
    pub(super) fn export_specifiers(&self, clause: Node<'t>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut cursor = clause.walk();
        for s in clause.named_children(&mut cursor) {
            if s.kind_name() != "export_specifier" {
                continue;
            }
            let Some(name) = s.field("name") else { continue };
            let alias = s.field("alias").unwrap_or(name);
            out.push((unquote(&self.b.text(name)), unquote(&self.b.text(alias))));
        }
        out
    }

    /// Assignments that define things: CommonJS exports at module level
    /// (`module.exports = { f, g() {} }`, `module.exports = f`, `exports.f = ...`,
    /// `module.exports.f = ...`) and functions assigned to members of a local function,
    /// class or object (`A.prototype.m = function () {}`, `A.m = () => {}`): methods.
    pub(super) fn assignment(&mut self, stmt: Node<'t>, ctx: Ctx) {
        let Some(assign) = stmt.named_child(0) else { return };
        if assign.kind_name() != "assignment_expression" {
            return;
        }
        let (Some(left), Some(right)) = (assign.field("left"), assign.field("right")) else {
            return;
        };
        let mut path = Vec::new();
        let mut head = left;
        while head.kind_name() == "member_expression" && path.len() < 4 {
            let Some(p) = head.field("property") else { return };
            path.push(self.b.text(p).into_owned());
            let Some(o) = head.field("object") else { return };
            head = o;
        }
        if head.kind_name() != "identifier" {
            return;
        }
        path.push(self.b.text(head).into_owned());
        path.reverse();
        let member = match path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["module", "exports"] if ctx.parent == 0 => None,
            ["exports", m] | ["module", "exports", m] if ctx.parent == 0 => Some((*m).to_owned()),
            [owner, "prototype", m] | [owner, m] if *owner != "exports" && *owner != "module" => {
                let (owner, m) = ((*owner).to_owned(), (*m).to_owned());
                self.member_assignment(stmt, &owner, m, unwrap_expr(right), ctx);
                return;
            }
            _ => return,
        };
        let mk = self.module_key.clone();
        let value = unwrap_expr(right);
        match member {
            None if value.kind_name() == "object" => {
                let mut cursor = value.walk();
                for m in value.named_children(&mut cursor) {
                    match m.kind_name() {
                        "shorthand_property_identifier" => {
                            let name = self.b.text(m).into_owned();
                            let key = format!("{mk}.{name}");
                            self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                        }
                        "pair" => {
                            let (Some(k), Some(v)) = (self.member_name(m), m.field("value")) else {
                                continue;
                            };
                            if v.kind_name() == "identifier" {
                                let name = self.b.text(v).into_owned();
                                let key = format!("{mk}.{k}");
                                self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                            }
                        }
                        _ => {}
                    }
                }
                self.members_as(value, NodeKind::Function, Some(Export::Named), None, ctx);
            }
            _ => {
                let how = if member.is_some() { Export::Named } else { Export::Default };
                let own = value.field("name").map(|n| self.b.text(n).into_owned());
                let name = member.clone().or(own).unwrap_or_else(|| "default".into());
                if is_function(value) {
                    let this = if value.kind_name() == "arrow_function" { ctx.this } else { None };
                    let c = Callable {
                        kind: NodeKind::Function,
                        name,
                        func: value,
                        span: stmt,
                        sig_start: stmt.start_byte(),
                        sig_prefix: String::new(),
                        doc_start: stmt.start_byte(),
                        decorators: Vec::new(),
                        export: Some(how),
                        bind: false,
                        this,
                        declared_type: false,
                    };
                    self.callable(c, ctx);
                } else if value.kind_name() == "class" {
                    let decorators = decorator_children(value);
                    let start = stmt.start_byte();
                    self.class(value, name, stmt, start, String::new(), decorators, Some(how), ctx);
                } else if value.kind_name() == "identifier" {
                    let local = self.b.text(value).into_owned();
                    let key = match &member {
                        Some(m) => format!("{mk}.{m}"),
                        None => format!("{mk}.default"),
                    };
                    self.exports.push(ExportRef::Local { key, name: local, scope: ctx.scope });
                }
            }
        }
    }

    /// `owner.prototype.name = function () {}` / `owner.name = () => {}` with `owner` a
    /// function, class or object of this file: a method of `owner`.
    pub(super) fn member_assignment(
        &mut self,
        stmt: Node<'t>,
        owner: &str,
        name: String,
        value: Node<'t>,
        ctx: Ctx,
    ) {
        if !is_function(value) {
            return;
        }
        let Some(Binding::Node(idx)) = self.lookup(owner, ctx.scope) else { return };
        if !matches!(
            self.b.nodes[idx].kind,
            NodeKind::Function | NodeKind::Class | NodeKind::Constant
        ) {
            return;
        }
        let this = if value.kind_name() == "arrow_function" { ctx.this } else { Some(idx) };
        let c = Callable {
            kind: NodeKind::Method,
            name,
            func: value,
            span: stmt,
            sig_start: stmt.start_byte(),
            sig_prefix: String::new(),
            doc_start: stmt.start_byte(),
            decorators: Vec::new(),
            export: None,
            bind: false,
            this,
            declared_type: false,
        };
        self.callable(c, Ctx { parent: idx, depth: ctx.depth + 1, ..ctx });
    }

    // ------------------------------------------------------------- resolution

    /// Turns the recorded exports into symbols: nodes (with the members of exported
    /// classes, interfaces, objects and namespaces) and aliases.
    pub(super) fn resolve_exports(&mut self) {
        for export in std::mem::take(&mut self.exports) {
            match export {
                ExportRef::Node(key, idx) => self.export_tree(key, idx),
                ExportRef::Local { key, name, scope } => match self.lookup(&name, scope) {
                    Some(Binding::Node(idx)) => self.export_tree(key, idx),
                    Some(Binding::Import { key: target, .. }) => self.b.export_alias(key, target),
                    _ => {}
                },
                ExportRef::Alias(key, target) => self.b.export_alias(key, target),
            }
        }
    }

    /// Exports `idx` as `key`, and its members as `key.member` for containers.
    pub(super) fn export_tree(&mut self, key: String, idx: NodeIdx) {
        let root = idx;
        let mut stack = vec![(key, idx)];
        while let Some((key, idx)) = stack.pop() {
            // `#N` duplicates are not symbols, nor are `#private` members (no other
            // file can reach them).
            let node = &self.b.nodes[idx];
            if is_duplicate(&node.qualified_name) || (idx != root && node.name.starts_with('#')) {
                continue;
            }
            self.b.export_node(key.clone(), idx);
            self.keys.entry(idx).or_insert_with(|| key.clone());
            let kind = self.b.nodes[idx].kind;
            if !matches!(
                kind,
                NodeKind::Class
                    | NodeKind::Interface
                    | NodeKind::Constant
                    | NodeKind::Module
                    | NodeKind::Function
            ) {
                continue;
            }
            let Some(children) = self.children.get(&idx) else { continue };
            for &child in children.iter().rev() {
                if kind == NodeKind::Module && !self.exported_in_ns.contains(&child) {
                    continue;
                }
                // A function's members are its methods (`F.prototype.m = ...`), not the
                // functions nested in its body.
                if kind == NodeKind::Function && self.b.nodes[child].kind != NodeKind::Method {
                    continue;
                }
                let name = &self.b.nodes[child].name;
                stack.push((format!("{key}.{name}"), child));
            }
        }
    }
}

/// The module part of a path: without extension and trailing `/index`
/// (`src/util/index.ts` → `src/util`, `index.js` → `index`).
pub(super) fn module_path(path: &str) -> String {
    let stem = strip_ext(path);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    if stem.is_empty() {
        "index".to_owned()
    } else {
        stem.to_owned()
    }
}

/// `path` without a JavaScript/TypeScript extension (`.d.ts` counts as one).
pub(super) fn strip_ext(path: &str) -> &str {
    const EXTS: [&str; 11] =
        [".d.ts", ".d.mts", ".d.cts", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
    EXTS.iter().find_map(|ext| path.strip_suffix(ext)).unwrap_or(path)
}

/// The key of the module an import specifier names, seen from directory `dir`:
/// relative specifiers resolve to `js:{path}`, bare ones to `js:pkg:{specifier}`.
pub(super) fn resolve_specifier(dir: &str, spec: &str) -> String {
    let relative = spec == "." || spec == ".." || spec.starts_with("./") || spec.starts_with("../");
    let absolute = spec.starts_with('/');
    if !relative && !absolute {
        return format!("{}{spec}", keys::JS_PACKAGE);
    }
    let mut segments: Vec<&str> =
        if relative { dir.split('/').filter(|s| !s.is_empty()).collect() } else { Vec::new() };
    for seg in spec.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if segments.last().is_some_and(|s| *s != "..") {
                    segments.pop();
                } else {
                    segments.push("..");
                }
            }
            _ => segments.push(seg),
        }
    }
    let joined = segments.join("/");
    let stem = strip_ext(&joined);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    if stem.is_empty() || stem == "index" {
        format!("{}index", keys::JS)
    } else {
        format!("{}{stem}", keys::JS)
    }
}

/// An import specifier as listed in `imports`: relative ones without the extension
/// and trailing `/index` (`./util.js` → `./util`), so that one module has one spelling;
/// bare ones as written.
pub(super) fn listed_specifier(spec: &str) -> String {
    if !spec.starts_with('.') && !spec.starts_with('/') {
        return spec.to_owned();
    }
    let stem = strip_ext(spec);
    stem.strip_suffix("/index").unwrap_or(stem).to_owned()
}

/// What to show for a key nothing defines: the key without `js:pkg:` / `js:`.
pub(super) fn shown(key: &str) -> String {
    key.strip_prefix(keys::JS_PACKAGE)
        .or_else(|| key.strip_prefix(keys::JS))
        .unwrap_or(key)
        .to_owned()
}

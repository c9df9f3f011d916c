//! JavaScript/TypeScript scopes: function scopes and parameters, `const`/`let`/`var`
//! declarators and destructuring, heritage and decorator heads, and dotted names
//! resolved through scopes, members and `extends` chains.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Js<'s, 't> {
    /// A new scope under `parent` binding the parameters of `func` as locals.
    pub(super) fn function_scope(&mut self, func: Node<'t>, parent: usize) -> usize {
        let mut bindings = HashMap::new();
        for name in parameter_names(func, self.b.src) {
            bindings.insert(name.into_owned(), Binding::Local);
        }
        self.scopes.push(Scope { parent: Some(parent), bindings });
        let scope = self.scopes.len() - 1;
        self.anon_scopes.insert(func.id(), scope);
        // Untyped parameters of a function passed as an argument: what the callee
        // declares (`operate((source, subscriber) => ...)`).
        if let Some(&(callee, arg, this, new)) = self.callbacks.get(&func.id()) {
            for (param, p) in parameters(func).into_iter().enumerate() {
                let pattern = match p.kind_name() {
                    "identifier" => p,
                    "required_parameter" | "optional_parameter" if p.field("type").is_none() => {
                        match p.field("pattern") {
                            Some(pattern) if pattern.kind_name() == "identifier" => pattern,
                            _ => continue,
                        }
                    }
                    _ => continue,
                };
                let name = self.b.text(pattern).into_owned();
                let origin = Some(Origin::Callback(Callback { callee, arg, param, this, new }));
                let declared = Declared { ty: None, value: None, scope: parent, origin };
                self.locals.insert((scope, name), declared);
            }
        }
        // Typed parameters: `(repo: Repo) => repo.save()`.
        if let Some(params) = func.field("parameters") {
            let mut cursor = params.walk();
            for p in params.named_children(&mut cursor) {
                let (Some(pattern), Some(ty)) = (p.field("pattern"), p.field("type")) else {
                    continue;
                };
                if pattern.kind_name() == "identifier" {
                    let name = self.b.text(pattern).into_owned();
                    let ty = self.bound_of(func, ty);
                    let declared =
                        Declared { ty: Some(ty), value: None, scope: parent, origin: None };
                    self.locals.insert((scope, name), declared);
                }
            }
        }
        scope
    }

    /// `const`/`let`/`var` declarations: functions, classes and objects with methods
    /// bound to names, module-level upper-case constants, `require()` bindings, and
    /// locals (which shadow outer names).
    pub(super) fn declarators(&mut self, decl: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(decl);
        let mut cursor = decl.walk();
        let list: Vec<Node<'t>> = decl
            .named_children(&mut cursor)
            .filter(|d| d.kind_name() == "variable_declarator")
            .collect();
        let info = Declaration {
            decl,
            keyword: decl.child(0).map(|k| self.b.text(k).into_owned()).unwrap_or_default(),
            single: list.len() == 1,
            outer: wrap.map_or(decl, |w| w.0),
            export: wrap.and_then(|w| w.1),
        };
        self.pending.push(Work::Declarators { info, list, next: 0, ctx });
    }

    /// One declarator `name = value` of the declaration `info`.
    pub(super) fn declarator(&mut self, d: Node<'t>, info: &Declaration<'t>, ctx: Ctx) {
        let Some(name_node) = d.field("name") else { return };
        let value = d.field("value").map(unwrap_expr);
        if name_node.kind_name() == "object_pattern" {
            self.destructure(name_node, value, ctx);
            return;
        }
        if name_node.kind_name() != "identifier" {
            return;
        }
        let name = self.b.text(name_node).into_owned();
        // One declarator spans the whole statement; one of several spans itself and
        // repeats the keyword in its signature.
        let (span, sig_start, prefix) = if info.single {
            (info.outer, info.decl.start_byte(), String::new())
        } else {
            (d, d.start_byte(), info.keyword.clone())
        };
        let export = info.export;
        match value {
            Some(v) if is_function(v) => {
                let this = if v.kind_name() == "arrow_function" { ctx.this } else { None };
                let c = Callable {
                    kind: NodeKind::Function,
                    name,
                    func: v,
                    span,
                    sig_start,
                    sig_prefix: prefix,
                    doc_start: span.start_byte(),
                    decorators: Vec::new(),
                    export,
                    bind: true,
                    this,
                    declared_type: d.field("type").is_some(),
                };
                self.callable(c, ctx);
            }
            Some(v) if v.kind_name() == "class" => {
                let decorators = decorator_children(v);
                self.class(v, name, span, sig_start, prefix, decorators, export, ctx);
            }
            Some(v) if self.require_binding(v, &name, ctx.scope, walk::line(d)) => {}
            Some(v) if v.kind_name() == "object" && self.has_function_members(v) => {
                self.object(v, &name, span, export, ctx);
            }
            _ if self.module_scopes.contains(&ctx.scope)
                && info.keyword == "const"
                && is_upper(&name) =>
            {
                let idx = self.new_node(ctx, NodeKind::Constant, &name, span, export, true);
                self.b.nodes[idx].docstring = self.doc_before(span.start_byte());
                let declared =
                    Declared { ty: d.field("type"), value, scope: ctx.scope, origin: None };
                self.locals.insert((ctx.scope, name), declared);
            }
            _ => {
                if ctx.scope != 0 {
                    self.scopes[ctx.scope].bindings.insert(name.clone(), Binding::Local);
                }
                let declared =
                    Declared { ty: d.field("type"), value, scope: ctx.scope, origin: None };
                self.locals.insert((ctx.scope, name), declared);
            }
        }
    }

    /// `const { a, b: c } = require('./x')` binds `a` → `./x.a`, `c` → `./x.b`;
    /// other destructuring binds its plain names as locals.
    pub(super) fn destructure(&mut self, pattern: Node<'t>, value: Option<Node<'t>>, ctx: Ctx) {
        let required = value.and_then(|v| self.require_source(v));
        // (local, member, the member's syntax)
        let mut names: Vec<(String, String, Node<'t>)> = Vec::new();
        let mut cursor = pattern.walk();
        for p in pattern.named_children(&mut cursor) {
            match p.kind_name() {
                "shorthand_property_identifier_pattern" => {
                    let n = self.b.text(p).into_owned();
                    names.push((n.clone(), n, p));
                }
                "pair_pattern" => {
                    let (Some(k), Some(v)) = (p.field("key"), p.field("value")) else {
                        continue;
                    };
                    if v.kind_name() == "identifier" {
                        names.push((self.b.text(v).into_owned(), unquote(&self.b.text(k)), k));
                    }
                }
                _ => {}
            }
        }
        match required {
            Some((call, spec, members)) => {
                self.claimed.insert(call.id());
                let key = dotted(&resolve_specifier(&self.dir, &spec), &members);
                let base_name = dotted(&spec, &members);
                let line = walk::line(pattern);
                for (local, member, _) in names {
                    let key = format!("{key}.{member}");
                    let name = format!("{base_name}.{member}");
                    self.import_edge(&key, &name, line);
                    self.scopes[ctx.scope]
                        .bindings
                        .insert(local, Binding::Import { key, name, whole: false });
                }
            }
            None => {
                // `const { source, scheduler: s } = this`: each the member of the value.
                for (local, _, member) in names {
                    if ctx.scope != 0 {
                        self.scopes[ctx.scope].bindings.insert(local.clone(), Binding::Local);
                    }
                    if value.is_some() {
                        let origin = Some(Origin::Member(member));
                        let declared = Declared { ty: None, value, scope: ctx.scope, origin };
                        self.locals.insert((ctx.scope, local), declared);
                    }
                }
            }
        }
    }

    /// Resolves heritage (`inherits` / `implements` edges) and decorators (`calls`
    /// edges from the decorated node), both seen from the enclosing scope.
    pub(super) fn resolve_heads(&mut self) {
        for (idx, scope, node) in std::mem::take(&mut self.heads) {
            let mut extends: Vec<Node<'t>> = Vec::new();
            let mut implements: Vec<Node<'t>> = Vec::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                match child.kind_name() {
                    "class_heritage" => {
                        let mut c = child.walk();
                        for h in child.named_children(&mut c) {
                            match h.kind_name() {
                                "extends_clause" => {
                                    let mut c2 = h.walk();
                                    extends.extend(h.children_by_field_name("value", &mut c2));
                                }
                                "implements_clause" => {
                                    let mut c2 = h.walk();
                                    implements.extend(
                                        h.named_children(&mut c2)
                                            .filter(|t| t.kind_name() != "comment"),
                                    );
                                }
                                "comment" => {}
                                _ => extends.push(h),
                            }
                        }
                    }
                    "extends_type_clause" => {
                        let mut c = child.walk();
                        extends.extend(child.children_by_field_name("type", &mut c));
                    }
                    _ => {}
                }
            }
            for (i, base) in extends.into_iter().enumerate() {
                let target = self.resolve_or_name(base, scope, idx, None);
                self.b.edge(EdgeKind::Inherits, idx, target.clone(), walk::line(base));
                if self.b.nodes[idx].kind == NodeKind::Interface {
                    self.interface_bases.entry(idx).or_default().push(target.clone());
                }
                if i == 0 && matches!(self.b.nodes[idx].kind, NodeKind::Class | NodeKind::Interface)
                {
                    self.bases.insert(idx, target);
                }
            }
            for iface in implements {
                let target = self.resolve_or_name(iface, scope, idx, None);
                self.b.edge(EdgeKind::Implements, idx, target, walk::line(iface));
            }
        }
        for (idx, scope, decorators) in std::mem::take(&mut self.decorated) {
            for decorator in decorators {
                let mut cursor = decorator.walk();
                let Some(mut expr) =
                    decorator.named_children(&mut cursor).find(|n| n.kind_name() != "comment")
                else {
                    continue;
                };
                if expr.kind_name() == "call_expression" {
                    match expr.field("function") {
                        Some(f) => expr = f,
                        None => continue,
                    }
                }
                let target = self.resolve_or_name(expr, scope, idx, None);
                self.b.edge(EdgeKind::Calls, idx, target, walk::line(decorator));
            }
        }
    }

    /// [`Self::resolve`], falling back to the expression's text (at most 80 chars).
    pub(super) fn resolve_or_name(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        user: NodeIdx,
        this: Option<NodeIdx>,
    ) -> Target {
        match self.resolve(expr, scope, user, this) {
            Some(t) => t,
            None => Target::Name(capped_text(
                self.b.src,
                expr.start_byte(),
                expr.end_byte(),
                MAX_SHOWN_CHARS,
            )),
        }
    }

    /// Resolves a dotted expression (`f`, `ns.f`, `this.m`, `super.m`, `A.B`) seen from
    /// `scope` by the node `user`. `None` for expressions that are not dotted names.
    pub(super) fn resolve(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        user: NodeIdx,
        this: Option<NodeIdx>,
    ) -> Option<Target> {
        let mut parts = Vec::new();
        let mut head = expr;
        loop {
            match head.kind_name() {
                "member_expression" | "nested_identifier" => {
                    let p = head.field("property")?;
                    parts.push(self.b.text(p).into_owned());
                    head = head.field("object")?;
                }
                "nested_type_identifier" => {
                    let p = head.field("name")?;
                    parts.push(self.b.text(p).into_owned());
                    head = head.field("module")?;
                }
                "generic_type" => head = head.field("name")?,
                "non_null_expression" => head = head.named_child(0)?,
                _ => break,
            }
        }
        parts.reverse();
        if head.kind_name() == "call_expression" {
            // `require('x')(...)`, `require('x').f()`: the module's default export / `f`
            // (not `import('x')`, which is a promise).
            let f = head.field("function")?;
            if f.kind_name() != "identifier" {
                return None;
            }
            let spec = self.import_call(head)?;
            let key = resolve_specifier(&self.dir, &spec);
            let key =
                if parts.is_empty() { format!("{key}.default") } else { dotted(&key, &parts) };
            let name = shown(&key);
            return Some(Target::Key { key, name, inferred: false });
        }
        let name = self.b.text(head).into_owned();
        match head.kind_name() {
            "this" => {
                let Some(class) = this.filter(|_| !parts.is_empty()) else {
                    return Some(Target::Name(short(&dotted("this", &parts), MAX_SHOWN_CHARS)));
                };
                let qname = dotted(&self.b.nodes[class].qualified_name, &parts[..1]);
                if let Some(&idx) = self.by_qname.get(&qname) {
                    return Some(self.member(idx, &parts[1..], &dotted("this", &parts)));
                }
                Some(self.through_bases(class, &parts, "this"))
            }
            "super" => {
                let Some(class) = this else {
                    return Some(Target::Name(short(&dotted("super", &parts), MAX_SHOWN_CHARS)));
                };
                if parts.is_empty() {
                    return Some(
                        self.bases
                            .get(&class)
                            .cloned()
                            .unwrap_or_else(|| Target::Name("super".into())),
                    );
                }
                Some(self.through_bases(class, &parts, "super"))
            }
            "identifier" | "type_identifier" => {
                let shown_name = short(&dotted(&name, &parts), MAX_SHOWN_CHARS);
                Some(match self.lookup(&name, scope) {
                    Some(Binding::Node(idx)) => self.member(idx, &parts, &shown_name),
                    Some(Binding::Import { key, name: imported, whole }) => {
                        self.b.use_import(user, &imported);
                        // A package's default import is the package (CommonJS interop).
                        let (key, whole) = match key.strip_suffix(".default") {
                            Some(pkg) if pkg.starts_with(keys::JS_PACKAGE) => {
                                (pkg.to_owned(), true)
                            }
                            _ => (key, whole),
                        };
                        let key = if whole && parts.is_empty() {
                            format!("{key}.default")
                        } else {
                            dotted(&key, &parts)
                        };
                        let shown_key = shown(&key);
                        Target::Key { key, name: shown_key, inferred: false }
                    }
                    Some(Binding::Local) | None => Target::Name(shown_name),
                })
            }
            _ => None,
        }
    }

    /// `parts` looked up under the node `idx` of this file.
    pub(super) fn member(&self, idx: NodeIdx, parts: &[String], shown_name: &str) -> Target {
        if parts.is_empty() {
            return Target::Node {
                id: self.b.nodes[idx].id.clone(),
                provenance: Provenance::Exact,
            };
        }
        let qname = dotted(&self.b.nodes[idx].qualified_name, parts);
        match self.by_qname.get(&qname) {
            Some(&found) => {
                Target::Node { id: self.b.nodes[found].id.clone(), provenance: Provenance::Exact }
            }
            None if self.b.nodes[idx].kind == NodeKind::Class => {
                let head = self.b.nodes[idx].name.clone();
                self.through_bases(idx, parts, &head)
            }
            None => Target::Name(shown_name.to_owned()),
        }
    }

    /// `parts` (one member) looked up through the `extends` chain of `class`
    /// (inferred: which override runs is a guess about the receiver).
    pub(super) fn through_bases(
        &self,
        class: NodeIdx,
        parts: &[String],
        shown_head: &str,
    ) -> Target {
        let shown_name = short(&dotted(shown_head, parts), MAX_SHOWN_CHARS);
        if parts.len() != 1 {
            // `this.field.m()`: the field may be the class's own; no guess.
            return Target::Name(shown_name);
        }
        let mut current = class;
        for _ in 0..32 {
            match self.bases.get(&current) {
                Some(Target::Node { id, .. }) => {
                    let (_, qname) = model::split_node_id(id);
                    let Some(&base) = self.by_qname.get(qname) else { break };
                    if base == current {
                        break;
                    }
                    let member = dotted(&self.b.nodes[base].qualified_name, parts);
                    if let Some(&found) = self.by_qname.get(&member) {
                        return Target::Node {
                            id: self.b.nodes[found].id.clone(),
                            provenance: Provenance::Inferred,
                        };
                    }
                    current = base;
                }
                Some(Target::Key { key, .. }) => {
                    let key = dotted(key, parts);
                    let name = shown(&key);
                    return Target::Key { key, name, inferred: true };
                }
                _ => break,
            }
        }
        Target::Name(shown_name)
    }

    // ------------------------------------------------------- receiver types

    /// Looks `name` up from `scope` outwards.
    pub(super) fn lookup(&self, name: &str, scope: usize) -> Option<Binding> {
        let mut current = Some(scope);
        while let Some(s) = current {
            if let Some(b) = self.scopes[s].bindings.get(name) {
                return Some(b.clone());
            }
            current = self.scopes[s].parent;
        }
        None
    }
}

/// Named parameters of a function-like node (plain identifiers only).
/// The parameters of a function, function type or signature, in order (a lone
/// arrow-function parameter too; TypeScript's `this` parameter is not one).
pub(super) fn parameters(func: Node<'_>) -> Vec<Node<'_>> {
    if let Some(p) = func.field("parameter") {
        return vec![p];
    }
    let Some(params) = func.field("parameters") else { return Vec::new() };
    let mut cursor = params.walk();
    params
        .named_children(&mut cursor)
        .filter(|p| p.kind_name() != "comment")
        .filter(|p| p.field("pattern").is_none_or(|pattern| pattern.kind_name() != "this"))
        .collect()
}

pub(super) fn parameter_names<'s>(func: Node<'_>, src: &'s [u8]) -> Vec<std::borrow::Cow<'s, str>> {
    let mut out = Vec::new();
    if let Some(p) = func.field("parameter") {
        if p.kind_name() == "identifier" {
            out.push(walk::text(p, src));
        }
    }
    let Some(params) = func.field("parameters") else { return out };
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        let mut target = p;
        // TS wraps patterns in required/optional_parameter, defaults in
        // assignment_pattern, rest parameters in rest_pattern.
        for _ in 0..3 {
            target = match target.kind_name() {
                "required_parameter" | "optional_parameter" => match target.field("pattern") {
                    Some(p) => p,
                    None => break,
                },
                "assignment_pattern" => match target.field("left") {
                    Some(p) => p,
                    None => break,
                },
                "rest_pattern" => match target.named_child(0) {
                    Some(p) => p,
                    None => break,
                },
                _ => break,
            };
        }
        if target.kind_name() == "identifier" {
            out.push(walk::text(target, src));
        }
    }
    out
}

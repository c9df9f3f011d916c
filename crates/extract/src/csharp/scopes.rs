//! C# scopes: what a type name means where it is written (type parameters, the
//! enclosing types, the file's types and `using` aliases namespace by namespace,
//! well-known .NET types, the lookup scope's key), the names a body declares
//! (parameters, locals, `foreach`, `catch`, `using`, pattern and lambda variables)
//! with their declared types, the types of expressions, and which method a call
//! names. A body is one scope: block scopes are not told apart (as the Java and Go
//! extractors do), and a local function also sees the names of the body around it.

use super::*;
use crate::walk;
use crate::walk::{Fields, Kinds};

/// How many member accesses and calls down a chain an operand is typed.
const MAX_CHAIN: usize = 16;

/// How many bases a member look-up in this file visits.
const MAX_SUPERS: usize = 64;

/// How many overloads of one name a call weighs by arity.
const MAX_OVERLOADS: usize = 64;

/// The names of one body and their types (`None`: a value of a type not known).
pub(super) type Locals = HashMap<String, Option<Ty>>;

/// Where a body is: its type, its type parameters, its names, and its index (for its
/// local functions).
pub(super) struct Ctx<'a> {
    pub(super) class: usize,
    pub(super) params: &'a [String],
    pub(super) locals: &'a Locals,
    pub(super) body: Option<usize>,
}

/// What a call names.
pub(super) enum Callee {
    /// A method, constructor, local function or type of this file, with its
    /// declared return type; `inferred` when a receiver's type or an overload was a
    /// guess.
    Node { node: NodeIdx, result: Option<Ty>, inferred: bool },
    /// A member of another file or outside the root, by key; `shown` is the
    /// qualified name when the key says it.
    Key { key: String, shown: Option<String>, inferred: bool },
    /// Not a call codehub counts (a delegate in a variable, `nameof`).
    Skip,
    /// Nothing known: unresolved by its text.
    Unknown,
}

impl<'s, 't> Cx<'s, 't> {
    /// The namespaces a name written in scope `s` is looked up in, innermost first,
    /// each with the scope whose `using`s apply there: `namespace A.B` in the top
    /// level gives `A.B` (its own usings), `A` (none), `` (the top level's).
    pub(super) fn levels(&self, s: usize) -> Vec<(String, Option<usize>)> {
        let mut out = Vec::new();
        let mut scope = Some(s);
        for _ in 0..=crate::MAX_DEPTH {
            let Some(i) = scope else { break };
            let outer = self.scopes[i].outer;
            let outer_ns = outer.map_or("", |o| self.scopes[o].ns.as_str());
            let mut ns = self.scopes[i].ns.clone();
            out.push((ns.clone(), Some(i)));
            // `namespace A.B.C` inside `A`: `A.B` lies between them.
            while let Some((parent, _)) = ns.rsplit_once('.') {
                if parent.len() <= outer_ns.len() {
                    break;
                }
                ns = parent.to_owned();
                out.push((ns.clone(), None));
            }
            if outer.is_none() && !self.scopes[i].ns.is_empty() {
                out.push((String::new(), None));
            }
            scope = outer;
        }
        out
    }

    /// The type a type expression names, as a key (see the module docs of
    /// `csharp`): `None` for `void`, arrays, tuples, type parameters and `var`.
    /// `class` is the type the expression is written in, `params` the member's type
    /// parameters.
    pub(super) fn type_key(&self, ty: Node<'_>, class: usize, params: &[String]) -> Option<Ty> {
        let scope = self.types[class].scope;
        self.type_in(ty, Some(class), scope, params)
    }

    /// [`Self::type_key`] for a type written in scope `scope` (and type `class`).
    pub(super) fn type_in(
        &self,
        ty: Node<'_>,
        class: Option<usize>,
        scope: usize,
        params: &[String],
    ) -> Option<Ty> {
        let mut current = ty;
        for _ in 0..crate::MAX_DEPTH {
            match current.kind_name() {
                "identifier" => {
                    let name = self.b.text(current);
                    if name.is_empty() || self.is_type_parameter(&name, class, params) {
                        return None;
                    }
                    return Some(self.simple_type(&name, class, scope));
                }
                "generic_name" => current = current.named_child(0)?,
                "nullable_type" | "ref_type" | "scoped_type" => current = current.field("type")?,
                "predefined_type" => {
                    let t = predefined(&self.b.text(current))?;
                    return Some(Ty { key: qualify(&format!("System.{t}")), inferred: false });
                }
                "alias_qualified_name" => {
                    let text = without_type_arguments(&self.b.text(current));
                    let rest = text.split_once("::").map_or(text.as_str(), |(_, r)| r);
                    return Some(Ty { key: qualify(rest), inferred: false });
                }
                "qualified_name" => {
                    let text = without_type_arguments(&self.b.text(current));
                    let (first, rest) = text.split_once('.')?;
                    if let Some(first) = first.strip_suffix("::") {
                        let _ = first;
                        return Some(Ty { key: qualify(rest), inferred: false });
                    }
                    if self.is_type_parameter(first, class, params) {
                        return None;
                    }
                    let head = self.simple_type(first, class, scope);
                    return Some(Ty {
                        key: format!("{}.{rest}", head.key),
                        inferred: head.inferred,
                    });
                }
                _ => return None,
            }
        }
        None
    }

    /// Whether `name` is a type parameter of the member or of a type around it.
    fn is_type_parameter(&self, name: &str, class: Option<usize>, params: &[String]) -> bool {
        params.iter().any(|p| p == name)
            || class.is_some_and(|c| self.types[c].type_params.iter().any(|p| p == name))
    }

    /// The key of a simple type name written in `class` within `scope`, in C#'s
    /// order: the enclosing types and their nested types, then namespace by
    /// namespace this file's types and the aliases; a well-known .NET type a
    /// `using` imports; the lookup scope's key.
    pub(super) fn simple_type(&self, name: &str, class: Option<usize>, scope: usize) -> Ty {
        if let Some(t) = self.enclosing_type(name, class) {
            return Ty { key: self.types[t].key.clone(), inferred: false };
        }
        let levels = self.levels(scope);
        for (ns, s) in &levels {
            if let Some(&t) = self.type_names.get(name).and_then(|c| {
                c.iter().find(|&&c| self.types[c].outer.is_none() && self.ns_of(c) == ns)
            }) {
                return Ty { key: self.types[t].key.clone(), inferred: false };
            }
            if let Some(target) = s.and_then(|s| self.scopes[s].aliases.get(name)) {
                return Ty { key: qualify(target), inferred: false };
            }
        }
        if let Some(ns) = self.well_known(name, &levels) {
            return Ty { key: qualify(&format!("{ns}.{name}")), inferred: false };
        }
        match self.scope_of(scope) {
            Some(key) => Ty { key: format!("{key}.{name}"), inferred: false },
            None => Ty { key: qualify(name), inferred: false },
        }
    }

    /// The namespace of a top-level type of this file.
    fn ns_of(&self, t: usize) -> &str {
        &self.scopes[self.types[t].scope].ns
    }

    /// The key names are looked up under in `scope`: its own, or the nearest
    /// enclosing scope's.
    pub(super) fn scope_of(&self, scope: usize) -> Option<&str> {
        let mut s = Some(scope);
        for _ in 0..=crate::MAX_DEPTH {
            let i = s?;
            if let Some(key) = &self.scopes[i].key {
                return Some(key);
            }
            s = self.scopes[i].outer;
        }
        None
    }

    /// The namespace of a well-known .NET type `name` when a `using` in `levels`
    /// (or a namespace around it) imports that namespace.
    fn well_known(&self, name: &str, levels: &[(String, Option<usize>)]) -> Option<&'static str> {
        let (_, ns) = WELL_KNOWN.iter().find(|(n, _)| *n == name)?;
        let imported = levels.iter().any(|(level, s)| {
            level == ns || s.is_some_and(|s| self.scopes[s].usings.iter().any(|u| u == ns))
        });
        imported.then_some(*ns)
    }

    /// The type of this file a simple name means inside `class`: the class itself,
    /// a type around it, or a type nested in one of them.
    fn enclosing_type(&self, name: &str, class: Option<usize>) -> Option<usize> {
        let candidates = self.type_names.get(name)?;
        let mut t = class;
        for _ in 0..=crate::MAX_DEPTH {
            let i = t?;
            if let Some(&c) = candidates.iter().find(|&&c| c == i || self.types[c].outer == Some(i))
            {
                return Some(c);
            }
            t = self.types[i].outer;
        }
        None
    }

    /// The names body `b` declares, after those of the body it is nested in
    /// (`known`: the locals of the bodies before it).
    pub(super) fn locals(&self, b: usize, known: &[Locals]) -> Locals {
        let body = &self.bodies[b];
        let mut out = body.outer.and_then(|o| known.get(o).cloned()).unwrap_or_default();
        let class = body.class;
        let params = &body.type_params;
        if body.is_member {
            if let Some(list) = body.syntax.field("parameters") {
                self.parameters(list, class, params, &mut out);
            }
        }
        let mut declarations = Vec::new();
        walk::preorder(body.syntax, |node| match node.kind_name() {
            "local_function_statement" if node != body.syntax => false,
            "attribute_list" => false,
            k if super::lower::is_type_declaration(k) => false,
            "variable_declaration"
            | "foreach_statement"
            | "catch_declaration"
            | "declaration_pattern"
            | "declaration_expression"
            | "lambda_expression" => {
                declarations.push(node);
                true
            }
            _ => true,
        });
        for node in declarations {
            match node.kind_name() {
                "variable_declaration" => {
                    let stated = node.field("type");
                    let is_var = stated.is_some_and(|t| {
                        t.kind_name() == "implicit_type" || self.b.text(t) == "var"
                    });
                    let stated =
                        stated.filter(|_| !is_var).and_then(|t| self.type_key(t, class, params));
                    let mut cursor = node.walk();
                    let declarators: Vec<Node<'_>> = node
                        .named_children(&mut cursor)
                        .filter(|d| d.kind_name() == "variable_declarator")
                        .collect();
                    for d in declarators {
                        let Some(name) = d.field("name") else { continue };
                        let ty = if is_var {
                            super::lower::declarator_value(d).and_then(|v| {
                                let ctx = Ctx { class, params, locals: &out, body: Some(b) };
                                self.type_of(v, &ctx)
                            })
                        } else {
                            stated.clone()
                        };
                        out.insert(self.b.text(name).into_owned(), ty);
                    }
                }
                "foreach_statement" => {
                    let Some(left) = node.field("left") else { continue };
                    if left.kind_name() != "identifier" {
                        continue;
                    }
                    let ty = node
                        .field("type")
                        .filter(|t| t.kind_name() != "implicit_type" && self.b.text(*t) != "var")
                        .and_then(|t| self.type_key(t, class, params));
                    out.insert(self.b.text(left).into_owned(), ty);
                }
                "catch_declaration" | "declaration_pattern" | "declaration_expression" => {
                    let Some(name) = node.field("name") else { continue };
                    let ty = node
                        .field("type")
                        .filter(|t| t.kind_name() != "implicit_type" && self.b.text(*t) != "var")
                        .and_then(|t| self.type_key(t, class, params));
                    out.insert(self.b.text(name).into_owned(), ty);
                }
                "lambda_expression" => {
                    let Some(p) = node.field("parameters") else { continue };
                    match p.kind_name() {
                        "parameter_list" => self.parameters(p, class, params, &mut out),
                        _ => {
                            out.insert(self.b.text(p).into_owned(), None);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The names of a parameter list, typed by their declared types (a `params`
    /// array has no methods to call).
    fn parameters(&self, list: Node<'_>, class: usize, params: &[String], out: &mut Locals) {
        if let Some(name) = list.field("name") {
            // `params T[] xs`, written in the list itself: an array.
            out.insert(self.b.text(name).into_owned(), None);
        }
        let mut cursor = list.walk();
        for p in list.named_children(&mut cursor) {
            if p.kind_name() != "parameter" {
                continue;
            }
            let Some(name) = p.field("name") else { continue };
            let ty = p.field("type").and_then(|t| self.type_key(t, class, params));
            out.insert(self.b.text(name).into_owned(), ty);
        }
    }

    /// The type of the value of `expr`, as far as declarations say: `None` when it
    /// is not known.
    pub(super) fn type_of(&self, expr: Node<'_>, ctx: &Ctx<'_>) -> Option<Ty> {
        self.type_at(expr, ctx, 0)
    }

    /// [`Self::type_of`] `depth` operands down a chain: chains longer than
    /// [`MAX_CHAIN`] are not typed, which keeps the work per call site constant.
    fn type_at(&self, expr: Node<'_>, ctx: &Ctx<'_>, depth: usize) -> Option<Ty> {
        if depth > MAX_CHAIN {
            return None;
        }
        let mut current = expr;
        for _ in 0..crate::MAX_DEPTH {
            match current.kind_name() {
                "identifier" => return self.name_type(&self.b.text(current), ctx),
                // `Box<int>.Of()`: the generic type's static member.
                "generic_name" => {
                    let name = current.named_child(0)?;
                    return self
                        .type_in(current, Some(ctx.class), self.types[ctx.class].scope, ctx.params)
                        .or_else(|| self.name_type(&self.b.text(name), ctx));
                }
                "this" => {
                    return Some(Ty { key: self.types[ctx.class].key.clone(), inferred: false })
                }
                "base" => return self.superclass(ctx.class),
                "parenthesized_expression" => current = current.named_child(0)?,
                "string_literal"
                | "verbatim_string_literal"
                | "raw_string_literal"
                | "interpolated_string_expression" => {
                    return Some(Ty { key: qualify("System.String"), inferred: false })
                }
                "predefined_type" => {
                    let t = predefined(&self.b.text(current))?;
                    return Some(Ty { key: qualify(&format!("System.{t}")), inferred: false });
                }
                "object_creation_expression" | "cast_expression" => {
                    return self.type_key(current.field("type")?, ctx.class, ctx.params)
                }
                "as_expression" => {
                    return self.type_key(current.field("right")?, ctx.class, ctx.params)
                }
                "conditional_access_expression" => {
                    // `a?.B`: the member `B` of `a`.
                    let owner = self.type_at(current.field("condition")?, ctx, depth + 1)?;
                    let binding = binding(current)?;
                    let name = binding.field("name")?;
                    let name = if name.kind_name() == "generic_name" {
                        name.named_child(0)?
                    } else {
                        name
                    };
                    return self.member_type(&owner, &self.b.text(name));
                }
                "member_access_expression" => {
                    let owner = self.type_at(current.field("expression")?, ctx, depth + 1)?;
                    let name = current.field("name")?;
                    let name = if name.kind_name() == "generic_name" {
                        name.named_child(0)?
                    } else {
                        name
                    };
                    return self.member_type(&owner, &self.b.text(name));
                }
                "invocation_expression" => {
                    return match self.invocation(current, ctx, depth + 1) {
                        Callee::Node { result, inferred, .. } => {
                            result.map(|r| Ty { key: r.key, inferred: r.inferred || inferred })
                        }
                        Callee::Key { key, .. } => {
                            Some(Ty { key: keys::returns(&key), inferred: true })
                        }
                        Callee::Skip | Callee::Unknown => None,
                    }
                }
                _ => return None,
            }
        }
        None
    }

    /// The type of a name used as a value: a local, a field or property of the
    /// type or a type around it, a type (a static member's owner) or namespace, or
    /// a member the type inherits from outside this file (`inferred`).
    fn name_type(&self, name: &str, ctx: &Ctx<'_>) -> Option<Ty> {
        if let Some(ty) = ctx.locals.get(name) {
            return ty.clone();
        }
        let mut t = Some(ctx.class);
        for _ in 0..=crate::MAX_DEPTH {
            let Some(i) = t else { break };
            if let Some(ty) = self.field_of(i, name) {
                return ty;
            }
            t = self.types[i].outer;
        }
        let scope = self.types[ctx.class].scope;
        if self.is_type_parameter(name, Some(ctx.class), ctx.params) {
            return None;
        }
        let known = self.enclosing_type(name, Some(ctx.class)).is_some()
            || self.type_names.contains_key(name)
            || self
                .levels(scope)
                .iter()
                .any(|(_, s)| s.is_some_and(|s| self.scopes[s].aliases.contains_key(name)))
            || WELL_KNOWN.iter().any(|(n, _)| *n == name);
        let inherits_outside = !known && self.inherited_anchor(ctx.class).is_some();
        if !known && name.starts_with(|c: char| c.is_lowercase() || c == '_') {
            // A camelCase name no declaration of this file has: a field the type
            // inherits from outside the file, or declares in another part.
            if let Some((anchor, _)) = self.inherited_anchor(ctx.class) {
                return Some(Ty { key: format!("{anchor}.{name}"), inferred: true });
            }
            if self.types[ctx.class].partial {
                return Some(Ty {
                    key: format!("{}.{name}", self.types[ctx.class].key),
                    inferred: true,
                });
            }
        }
        // A PascalCase name is taken as a type (or namespace) of another file; in a
        // type with bases outside the file it may be an inherited property instead.
        let ty = self.simple_type(name, Some(ctx.class), scope);
        Some(Ty { key: ty.key, inferred: ty.inferred || inherits_outside })
    }

    /// A field or property of type `t` or of its bases in this file: `Some(type)`
    /// when it is declared (`Some(None)`: of a type not known), `None` when not.
    fn field_of(&self, t: usize, name: &str) -> Option<Option<Ty>> {
        for s in self.supertypes(t) {
            if let Some(ty) = self.fields.get(&(s, name.to_owned())) {
                return Some(ty.clone());
            }
        }
        None
    }

    /// The type of member `field` of a value of type `owner`: a field's or
    /// property's type, or a nested type (`Outer.Inner`), through the owner's key
    /// when it is not in this file.
    fn member_type(&self, owner: &Ty, field: &str) -> Option<Ty> {
        if let Some(&t) = self.type_keys.get(&owner.key) {
            if let Some(found) = self.field_of(t, field) {
                return found.map(|f| Ty { key: f.key, inferred: f.inferred || owner.inferred });
            }
            if let Some(nested) = self
                .type_names
                .get(field)
                .and_then(|c| c.iter().copied().find(|&c| self.types[c].outer == Some(t)))
            {
                return Some(Ty { key: self.types[nested].key.clone(), inferred: owner.inferred });
            }
            if self.inherited_anchor(t).is_none() && !self.types[t].partial {
                return None;
            }
        }
        // `A.B` may be a nested type or a namespace's type, or a field or property
        // whose type the owner's file exports (`{owner}.{field}.*`).
        Some(Ty { key: format!("{}.{field}", owner.key), inferred: owner.inferred })
    }

    /// The base class of `t` (its first base that is not an interface), for
    /// `base` and `: base(...)`.
    pub(super) fn superclass(&self, t: usize) -> Option<Ty> {
        let (ty, _, _, _) = self.types[t].supers.iter().find(|(_, _, i, _)| !i)?;
        Some(ty.clone())
    }

    /// `t` and its bases declared in this file, breadth first, each once.
    pub(super) fn supertypes(&self, t: usize) -> Vec<usize> {
        let mut out = vec![t];
        let mut i = 0;
        while i < out.len() && out.len() < MAX_SUPERS {
            for (ty, _, _, _) in &self.types[out[i]].supers {
                if let Some(&s) = self.type_keys.get(&ty.key) {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// The key members of `t` that this file does not declare are looked up under
    /// when some base is outside the file: `t`'s own key (whose star rows lead to
    /// its bases), and the first base from outside, whose name an unresolved
    /// member is shown under. `None` when every base is in this file.
    pub(super) fn inherited_anchor(&self, t: usize) -> Option<(String, String)> {
        let supers = self.supertypes(t);
        let outside = supers
            .iter()
            .flat_map(|&s| self.types[s].supers.iter())
            .find(|(ty, _, _, _)| !self.type_keys.contains_key(&ty.key))?;
        let outside = outside.0.key.clone();
        let anchor = supers
            .iter()
            .copied()
            .find(|&s| self.types[s].exported)
            .map_or_else(|| outside.clone(), |s| self.types[s].key.clone());
        Some((anchor, outside))
    }

    /// The method of `t` (or of its bases in this file) named `name` that a call
    /// with `arity` arguments picks, `inferred` when the choice was not clear.
    pub(super) fn find_method(
        &self,
        t: usize,
        name: &str,
        arity: usize,
    ) -> Option<(&MethodInfo, bool)> {
        for s in self.supertypes(t) {
            if let Some(overloads) = self.methods.get(&(s, name.to_owned())) {
                return pick(overloads, arity);
            }
        }
        None
    }

    /// What the call `invocation` (an `invocation_expression`) names.
    pub(super) fn invocation(&self, invocation: Node<'_>, ctx: &Ctx<'_>, depth: usize) -> Callee {
        let Some(function) = invocation.field("function") else {
            return Callee::Unknown;
        };
        let arity = invocation.field("arguments").map_or(0, argument_count);
        match function.kind_name() {
            "identifier" | "generic_name" => {
                let name_node = if function.kind_name() == "generic_name" {
                    match function.named_child(0) {
                        Some(n) => n,
                        None => return Callee::Unknown,
                    }
                } else {
                    function
                };
                let name = self.b.text(name_node);
                if name == "nameof"
                    || (function.kind_name() == "identifier"
                        && ctx.locals.contains_key(name.as_ref()))
                {
                    return Callee::Skip;
                }
                self.unqualified(&name, arity, ctx)
            }
            "member_access_expression" | "conditional_access_expression" => {
                // `a.M()`, or `a?.M()`: the member binding inside the access.
                let (object, member) = if function.kind_name() == "member_access_expression" {
                    (function.field("expression"), Some(function))
                } else {
                    (function.field("condition"), binding(function))
                };
                let Some(name) = member.and_then(|m| m.field("name")) else {
                    return Callee::Unknown;
                };
                let name = if name.kind_name() == "generic_name" {
                    name.named_child(0).unwrap_or(name)
                } else {
                    name
                };
                let name = self.b.text(name);
                let Some(object) = object else { return Callee::Unknown };
                let owner = self.type_at(object, ctx, depth);
                match owner {
                    Some(owner) => self.member_call(&owner, &name, arity),
                    None => Callee::Unknown,
                }
            }
            _ => Callee::Unknown,
        }
    }

    /// A call of method `name` on a value of type `owner`.
    pub(super) fn member_call(&self, owner: &Ty, name: &str, arity: usize) -> Callee {
        let Some(&t) = self.type_keys.get(&owner.key) else {
            // A type outside the file may have an instance method of the name,
            // which C# prefers: only an extension of exactly that type is taken.
            if let Some(ext) = self.extension(owner, name, arity, false) {
                return ext;
            }
            let key = member_key(&owner.key, arity, name);
            return Callee::Key { shown: self.shown(&key), key, inferred: owner.inferred };
        };
        if let Some((m, unclear)) = self.find_method(t, name, arity) {
            return Callee::Node {
                node: m.node,
                result: m.result.clone(),
                inferred: unclear || owner.inferred,
            };
        }
        let inherited = self.inherited_anchor(t);
        if inherited.is_none() && !self.types[t].partial {
            if let Some(ext) = self.extension(owner, name, arity, true) {
                return ext;
            }
        }
        let anchor = match (&inherited, self.types[t].exported) {
            (_, true) => self.types[t].key.clone(),
            (Some((anchor, _)), false) => anchor.clone(),
            (None, false) => return Callee::Unknown,
        };
        let key = member_key(&anchor, arity, name);
        let shown = match &inherited {
            Some((_, outside)) => self.shown(&member_key(outside, arity, name)),
            None => self.shown(&key),
        };
        Callee::Key { shown, key, inferred: owner.inferred }
    }

    /// An extension method of this file that `x.name(...)` with `x` of type
    /// `owner` may call: one that extends that type, or (`loose`: the type is known
    /// to have no such method) the only one of the name and arity; always
    /// `inferred` (an instance method outside this file would win).
    fn extension(&self, owner: &Ty, name: &str, arity: usize, loose: bool) -> Option<Callee> {
        let candidates: Vec<&(NodeIdx, Option<Ty>, usize)> =
            self.extensions.get(name)?.iter().filter(|(_, _, a)| *a == arity).collect();
        let found = candidates
            .iter()
            .find(|(_, ty, _)| ty.as_ref().is_some_and(|ty| ty.key == owner.key))
            .or(if loose && candidates.len() == 1 { candidates.first() } else { None })?;
        Some(Callee::Node { node: found.0, result: None, inferred: true })
    }

    /// A call of `name` without a receiver: a local function, a method of the type
    /// or a type around it (or their bases in this file), a method inherited from
    /// outside this file or in another part of a partial type, a `using static`
    /// type's.
    fn unqualified(&self, name: &str, arity: usize, ctx: &Ctx<'_>) -> Callee {
        let mut b = ctx.body;
        for _ in 0..=crate::MAX_DEPTH {
            let Some(i) = b else { break };
            if let Some(&node) = self.local_functions.get(&(i, name.to_owned())) {
                return Callee::Node { node, result: None, inferred: false };
            }
            b = self.bodies[i].outer;
        }
        let mut t = Some(ctx.class);
        // C# takes the innermost type with a member of that name, inherited ones
        // included: past a type with bases outside this file, one further out is a
        // guess.
        let mut passed_outside = false;
        for _ in 0..=crate::MAX_DEPTH {
            let Some(i) = t else { break };
            if let Some((m, unclear)) = self.find_method(i, name, arity) {
                let inferred = unclear || passed_outside;
                return Callee::Node { node: m.node, result: m.result.clone(), inferred };
            }
            passed_outside =
                passed_outside || self.inherited_anchor(i).is_some() || self.types[i].partial;
            t = self.types[i].outer;
        }
        let statics: Vec<&String> = self
            .levels(self.types[ctx.class].scope)
            .iter()
            .filter_map(|(_, s)| *s)
            .flat_map(|s| self.scopes[s].statics.iter())
            .collect::<Vec<_>>();
        let mut t = Some(ctx.class);
        for _ in 0..=crate::MAX_DEPTH {
            let Some(i) = t else { break };
            if let Some((anchor, outside)) = self.inherited_anchor(i) {
                let key = member_key(&anchor, arity, name);
                // A `using static` type may be what the name means instead.
                let inferred = !statics.is_empty();
                let shown = self.shown(&member_key(&outside, arity, name));
                return Callee::Key { shown, key, inferred };
            }
            if self.types[i].partial && self.types[i].exported {
                // Another part of the type declares it (or its bases there).
                let key = member_key(&self.types[i].key, arity, name);
                return Callee::Key { shown: self.shown(&key), key, inferred: !statics.is_empty() };
            }
            t = self.types[i].outer;
        }
        match statics.as_slice() {
            [] => Callee::Unknown,
            [only] => {
                let key = member_key(&qualify(only), arity, name);
                Callee::Key { shown: self.shown(&key), key, inferred: false }
            }
            [first, ..] => {
                let key = member_key(&qualify(first), arity, name);
                Callee::Key { shown: Some(name.to_owned()), key, inferred: true }
            }
        }
    }

    /// A constructor call of the type `ty` with `arity` arguments: the constructor
    /// of that arity in this file, the type itself when it declares none (or the
    /// call is a primary constructor's or a struct's `new S()`), or the key
    /// `{type}.{N}args.<ctor>`.
    pub(super) fn constructor_call(&self, ty: &Ty, arity: usize) -> Callee {
        let Some(&t) = self.type_keys.get(&ty.key) else {
            let key = member_key(&ty.key, arity, CONSTRUCTOR);
            return Callee::Key { shown: self.shown(&key), key, inferred: ty.inferred };
        };
        let info = &self.types[t];
        let declared = self.ctors.get(&t);
        let implicit = info.primary == Some(arity) || (info.what == "struct" && arity == 0);
        if implicit && declared.is_none_or(|c| !c.iter().any(|m| m.arity == arity)) {
            return Callee::Node { node: info.node, result: None, inferred: ty.inferred };
        }
        match declared.and_then(|c| pick(c, arity)) {
            Some((m, unclear)) => {
                Callee::Node { node: m.node, result: None, inferred: unclear || ty.inferred }
            }
            // Another part of a partial type may declare the constructor.
            None if info.partial => Callee::Node { node: info.node, result: None, inferred: true },
            None => Callee::Node { node: info.node, result: None, inferred: ty.inferred },
        }
    }

    /// The qualified name users see for a key: without `cs:.` and arities; a
    /// lookup scope's key replaced by the one namespace its `using`s import (or
    /// dropped). `None` for a key made up of a return (`__return__`).
    pub(super) fn shown(&self, key: &str) -> Option<String> {
        if keys::is_derived(key) {
            return None;
        }
        // `A.B.2args.M` is shown `A.B.M`.
        let key: Vec<&str> = key.split('.').filter(|s| !is_arity_segment(s)).collect();
        let key = key.join(".");
        if key.starts_with(keys::CS_SCOPE) {
            let (scope, rest) = key.split_once('.')?;
            let s = *self.scope_index.get(scope)?;
            let usings: Vec<&String> = self
                .levels(s)
                .iter()
                .filter_map(|(_, s)| *s)
                .flat_map(|s| self.scopes[s].usings.iter())
                .collect();
            return Some(match usings.as_slice() {
                [only] => format!("{only}.{rest}"),
                _ => rest.to_owned(),
            });
        }
        let key = key.strip_prefix(PREFIX).unwrap_or(&key);
        Some(key.strip_prefix('.').unwrap_or(key).to_owned())
    }
}

/// The overload a call with `arity` arguments picks: the only one, the one that
/// fits, or the first; `true` when that was not clear (several fit, or none and
/// the first is taken).
fn pick(overloads: &[MethodInfo], arity: usize) -> Option<(&MethodInfo, bool)> {
    // Generated code can hold thousands of overloads: past a few dozen, weighing
    // each per call would make a file of calls quadratic, so the first is a guess.
    if overloads.len() > MAX_OVERLOADS {
        return overloads.first().map(|m| (m, true));
    }
    let fitting: Vec<&MethodInfo> = overloads.iter().filter(|m| m.fits(arity)).collect();
    if let [one] = fitting.as_slice() {
        return Some((one, false));
    }
    // Of several, one taking exactly that many and no `params` is C#'s choice
    // when the others need defaults or `params` to fit.
    let exact: Vec<&&MethodInfo> =
        fitting.iter().filter(|m| m.arity == arity && !m.varargs).collect();
    if let [one] = exact.as_slice() {
        return Some((one, false));
    }
    match fitting.first() {
        Some(m) => Some((m, true)),
        None => overloads.first().map(|m| (m, true)),
    }
}

/// The `.B` of a conditional access `a?.B`.
fn binding(access: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = access.walk();
    let found =
        access.named_children(&mut cursor).find(|c| c.kind_name() == "member_binding_expression");
    found
}

/// Whether a key segment is an arity (`2args`, see [`member_key`]).
fn is_arity_segment(segment: &str) -> bool {
    segment
        .strip_suffix("args")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The number of arguments of an `argument_list`.
pub(super) fn argument_count(args: Node<'_>) -> usize {
    let mut cursor = args.walk();
    let n = args.named_children(&mut cursor).filter(|c| c.kind_name() == "argument").count();
    n
}

use super::lower::without_type_arguments;

//! Java scopes: type names as keys (the file's types, imports, `java.lang`, the
//! package), the names a body declares (parameters, locals, `for`, `catch`,
//! resources, lambda and pattern variables) with their declared types, the types of
//! expressions, and which method a call names. A body is one scope: block scopes
//! are not told apart (as the Go and C extractors do), and a local or anonymous
//! class's methods also see the names of the body around them.

use super::*;
use crate::walk;
use crate::walk::{Fields, Kinds};

/// How many selectors and calls down a chain an operand is typed.
const MAX_CHAIN: usize = 16;

/// How many supertypes a member look-up in this file visits.
const MAX_SUPERS: usize = 64;

/// How many overloads of one name a call weighs by arity.
const MAX_OVERLOADS: usize = 64;

/// The names of one body and their types (`None`: a value of a type not known).
pub(super) type Locals = HashMap<String, Option<Ty>>;

/// Where a body is: its class, its method's type parameters, its names.
pub(super) struct Ctx<'a> {
    pub(super) class: usize,
    pub(super) params: &'a [String],
    pub(super) locals: &'a Locals,
}

/// What a call names.
pub(super) enum Callee {
    /// A method, constructor or class of this file, with its declared return type;
    /// `inferred` when a receiver's type or an overload was a guess.
    Node { node: NodeIdx, result: Option<Ty>, inferred: bool },
    /// A member of another file or outside the root, by key; `shown` is the
    /// qualified name when the key says it.
    Key { key: String, shown: Option<String>, inferred: bool },
    /// Nothing known: unresolved by its text.
    Unknown,
}

impl<'s, 't> Jx<'s, 't> {
    /// The class a type expression names, as a key (see the module docs of `java`):
    /// `None` for primitives, arrays, type parameters and wildcards. `class` is the
    /// type the expression is written in, `params` the method's type parameters.
    pub(super) fn type_key(
        &self,
        ty: Node<'_>,
        class: Option<usize>,
        params: &[String],
    ) -> Option<Ty> {
        let mut current = ty;
        for _ in 0..crate::MAX_DEPTH {
            match current.kind_name() {
                "type_identifier" => {
                    let name = self.b.text(current);
                    if name.is_empty() || self.is_type_parameter(&name, class, params) {
                        return None;
                    }
                    return Some(self.simple_type(&name, class));
                }
                "scoped_type_identifier" => {
                    let text = without_type_arguments(&self.b.text(current));
                    let (first, rest) = text.split_once('.')?;
                    let known = self.type_names.contains_key(first)
                        || self.imports.contains_key(first)
                        || JAVA_LANG.contains(&first)
                        || first.starts_with(|c: char| c.is_uppercase());
                    if known && !self.is_type_parameter(first, class, params) {
                        let outer = self.simple_type(first, class);
                        return Some(Ty { key: format!("{}.{rest}", outer.key), inferred: false });
                    }
                    return Some(Ty { key: format!("{PREFIX}{text}"), inferred: false });
                }
                "generic_type" => current = current.named_child(0)?,
                _ => return None,
            }
        }
        None
    }

    /// Whether `name` is a type parameter of the method or of a type around it.
    fn is_type_parameter(&self, name: &str, class: Option<usize>, params: &[String]) -> bool {
        if params.iter().any(|p| p == name) {
            return true;
        }
        let mut t = class;
        for _ in 0..crate::MAX_DEPTH {
            let Some(i) = t else { return false };
            if self.types[i].type_params.iter().any(|p| p == name) {
                return true;
            }
            t = self.types[i].outer;
        }
        false
    }

    /// The key of a simple type name written in `class`, in Java's order: a type of
    /// this file (a member of `class` or a type around it first), a single-type
    /// import, `java.lang`, the on-demand scope, the package.
    pub(super) fn simple_type(&self, name: &str, class: Option<usize>) -> Ty {
        if let Some(t) = self.file_type(name, class) {
            return Ty { key: self.types[t].key.clone(), inferred: false };
        }
        if let Some(qualified) = self.imports.get(name) {
            return Ty { key: format!("{PREFIX}{qualified}"), inferred: false };
        }
        if JAVA_LANG.contains(&name) {
            return Ty { key: format!("{PREFIX}java.lang.{name}"), inferred: false };
        }
        if let Some(scope) = &self.scope {
            return Ty { key: format!("{scope}.{name}"), inferred: false };
        }
        Ty { key: qualify(&self.pkg, name), inferred: false }
    }

    /// The type of this file a simple name means in `class`: the class itself or a
    /// type around it, a member of one of them, or else a top-level type.
    fn file_type(&self, name: &str, class: Option<usize>) -> Option<usize> {
        let candidates = self.type_names.get(name)?;
        let mut t = class;
        for _ in 0..crate::MAX_DEPTH {
            let Some(i) = t else { break };
            if let Some(&c) = candidates.iter().find(|&&c| c == i || self.types[c].outer == Some(i))
            {
                return Some(c);
            }
            t = self.types[i].outer;
        }
        candidates
            .iter()
            .copied()
            .find(|&c| self.types[c].outer.is_none())
            .or(candidates.first().copied())
    }

    /// The names body `b` declares, after those of the body it is nested in
    /// (`known`: the locals of the bodies before it).
    pub(super) fn locals(&self, b: usize, known: &[Locals]) -> Locals {
        let body = &self.bodies[b];
        let mut out = body.outer.and_then(|o| known.get(o).cloned()).unwrap_or_default();
        let class = Some(body.class);
        let params = &body.type_params;
        let scan = if body.is_method {
            if let Some(list) = body.syntax.field("parameters") {
                self.parameters(list, class, params, &mut out);
            }
            match body.syntax.field("body") {
                Some(s) => s,
                None => return out,
            }
        } else {
            body.syntax
        };
        let mut declarations = Vec::new();
        walk::preorder(scan, |node| match node.kind_name() {
            "class_body" => false,
            k if super::lower::is_type_declaration(k) => false,
            "local_variable_declaration"
            | "enhanced_for_statement"
            | "catch_formal_parameter"
            | "resource"
            | "lambda_expression"
            | "instanceof_expression"
            | "type_pattern" => {
                declarations.push(node);
                true
            }
            _ => true,
        });
        for node in declarations {
            match node.kind_name() {
                "local_variable_declaration" => {
                    let stated = node.field("type");
                    let is_var = stated.is_some_and(|t| self.b.text(t) == "var");
                    let stated =
                        stated.filter(|_| !is_var).and_then(|t| self.type_key(t, class, params));
                    let mut cursor = node.walk();
                    let declarators: Vec<Node<'_>> =
                        node.children_by_field_name("declarator", &mut cursor).collect();
                    for d in declarators {
                        let Some(name) = d.field("name") else { continue };
                        let ty = if is_var {
                            d.field("value").and_then(|v| {
                                let ctx = Ctx { class: body.class, params, locals: &out };
                                self.type_of(v, &ctx)
                            })
                        } else {
                            stated.clone()
                        };
                        out.insert(self.b.text(name).into_owned(), ty);
                    }
                }
                "enhanced_for_statement" | "resource" => {
                    let Some(name) = node.field("name") else { continue };
                    let ty = node
                        .field("type")
                        .filter(|t| self.b.text(*t) != "var")
                        .and_then(|t| self.type_key(t, class, params));
                    out.insert(self.b.text(name).into_owned(), ty);
                }
                "catch_formal_parameter" => {
                    let Some(name) = node.field("name") else { continue };
                    let mut cursor = node.walk();
                    let ty = node
                        .named_children(&mut cursor)
                        .find(|c| c.kind_name() == "catch_type")
                        .and_then(|c| c.named_child(0))
                        .and_then(|t| self.type_key(t, class, params));
                    out.insert(self.b.text(name).into_owned(), ty);
                }
                "lambda_expression" => {
                    let Some(p) = node.field("parameters") else { continue };
                    match p.kind_name() {
                        "identifier" => {
                            out.insert(self.b.text(p).into_owned(), None);
                        }
                        "formal_parameters" => self.parameters(p, class, params, &mut out),
                        _ => {
                            let mut cursor = p.walk();
                            for name in p.named_children(&mut cursor) {
                                out.insert(self.b.text(name).into_owned(), None);
                            }
                        }
                    }
                }
                "instanceof_expression" => {
                    let Some(name) = node.field("name") else { continue };
                    let ty = node.field("right").and_then(|t| self.type_key(t, class, params));
                    out.insert(self.b.text(name).into_owned(), ty);
                }
                "type_pattern" => {
                    let mut cursor = node.walk();
                    let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                    if let [ty, name] = children.as_slice() {
                        if name.kind_name() == "identifier" {
                            let ty = self.type_key(*ty, class, params);
                            out.insert(self.b.text(*name).into_owned(), ty);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The names of a `formal_parameters` list, typed by their declared types (a
    /// varargs parameter is an array: no methods to call).
    fn parameters(
        &self,
        list: Node<'_>,
        class: Option<usize>,
        params: &[String],
        out: &mut Locals,
    ) {
        let mut cursor = list.walk();
        for p in list.named_children(&mut cursor) {
            match p.kind_name() {
                "formal_parameter" => {
                    let Some(name) = p.field("name") else { continue };
                    let ty = p.field("type").and_then(|t| self.type_key(t, class, params));
                    out.insert(self.b.text(name).into_owned(), ty);
                }
                "spread_parameter" => {
                    let mut c = p.walk();
                    let declarator =
                        p.named_children(&mut c).find(|n| n.kind_name() == "variable_declarator");
                    if let Some(name) = declarator.and_then(|d| d.field("name")) {
                        out.insert(self.b.text(name).into_owned(), None);
                    }
                }
                _ => {}
            }
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
        let class = Some(ctx.class);
        let mut current = expr;
        for _ in 0..crate::MAX_DEPTH {
            match current.kind_name() {
                "identifier" => return self.name_type(&self.b.text(current), ctx),
                "this" => {
                    return Some(Ty { key: self.types[ctx.class].key.clone(), inferred: false })
                }
                "super" => return self.superclass(ctx.class),
                "parenthesized_expression" => current = current.named_child(0)?,
                "string_literal" => {
                    return Some(Ty { key: format!("{PREFIX}java.lang.String"), inferred: false })
                }
                "object_creation_expression" | "cast_expression" => {
                    return self.type_key(current.field("type")?, class, ctx.params)
                }
                "field_access" => {
                    if let Some(qualified) = self.qualified_name(current, ctx) {
                        return Some(Ty { key: format!("{PREFIX}{qualified}"), inferred: false });
                    }
                    let owner = self.type_at(current.field("object")?, ctx, depth + 1)?;
                    let field = self.b.text(current.field("field")?);
                    return self.member_type(&owner, &field);
                }
                "method_invocation" => {
                    return match self.invocation(current, ctx, depth + 1) {
                        Callee::Node { result, inferred, .. } => {
                            result.map(|r| Ty { key: r.key, inferred: r.inferred || inferred })
                        }
                        Callee::Key { key, .. } => {
                            Some(Ty { key: keys::returns(&key), inferred: true })
                        }
                        Callee::Unknown => None,
                    }
                }
                _ => return None,
            }
        }
        None
    }

    /// The type of a name used as a value: a local, a field of the class or a type
    /// around it, a class (a static member's owner), or a field the class inherits
    /// from outside this file (`inferred`).
    fn name_type(&self, name: &str, ctx: &Ctx<'_>) -> Option<Ty> {
        if let Some(local) = ctx.locals.get(name) {
            return local.clone();
        }
        let mut t = Some(ctx.class);
        for _ in 0..crate::MAX_DEPTH {
            let Some(i) = t else { break };
            if let Some(found) = self.field_of(i, name) {
                return found;
            }
            t = self.types[i].outer;
        }
        if let Some(class) = self.static_imports.get(name) {
            // A statically imported field: typed through its class's `{f}.*` row.
            return Some(Ty { key: format!("{PREFIX}{class}.{name}"), inferred: true });
        }
        let is_type = self.type_names.contains_key(name)
            || self.imports.contains_key(name)
            || JAVA_LANG.contains(&name)
            || name.starts_with(|c: char| c.is_uppercase());
        if is_type {
            if self.is_type_parameter(name, Some(ctx.class), ctx.params) {
                return None;
            }
            return Some(self.simple_type(name, Some(ctx.class)));
        }
        let (anchor, _) = self.inherited_anchor(ctx.class)?;
        Some(Ty { key: format!("{anchor}.{name}"), inferred: true })
    }

    /// A field of type `t` or of its supertypes in this file: `Some(type)` when it
    /// is declared (`Some(None)`: of a type not known), `None` when it is not.
    fn field_of(&self, t: usize, name: &str) -> Option<Option<Ty>> {
        for s in self.supertypes(t) {
            if let Some(ty) = self.fields.get(&(s, name.to_owned())) {
                return Some(ty.clone());
            }
        }
        None
    }

    /// The type of member `field` of a value of type `owner`: a field's type, or a
    /// nested type (`Outer.Inner`), through the owner's key when it is not in this
    /// file.
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
        }
        let looks_like_type = field.starts_with(|c: char| c.is_uppercase())
            && field.chars().any(|c| c.is_lowercase());
        Some(Ty {
            key: format!("{}.{field}", owner.key),
            inferred: owner.inferred || !looks_like_type,
        })
    }

    /// A `field_access` chain of names whose first name is none of the file's, read
    /// as a qualified class name (`java.util.List`).
    fn qualified_name(&self, access: Node<'_>, ctx: &Ctx<'_>) -> Option<String> {
        let mut parts = Vec::new();
        let mut current = access;
        for _ in 0..MAX_CHAIN {
            match current.kind_name() {
                "field_access" => {
                    parts.push(self.b.text(current.field("field")?).into_owned());
                    current = current.field("object")?;
                }
                "identifier" => {
                    let head = self.b.text(current);
                    let lower = head.starts_with(|c: char| c.is_lowercase());
                    let known = ctx.locals.contains_key(head.as_ref())
                        || self.name_is_field(&head, ctx.class)
                        || self.type_names.contains_key(head.as_ref())
                        || self.imports.contains_key(head.as_ref());
                    if !lower || known {
                        return None;
                    }
                    parts.push(head.into_owned());
                    parts.reverse();
                    return Some(parts.join("."));
                }
                _ => return None,
            }
        }
        None
    }

    /// Whether `name` is a field of `class` or a type around it, in this file.
    fn name_is_field(&self, name: &str, class: usize) -> bool {
        let mut t = Some(class);
        for _ in 0..crate::MAX_DEPTH {
            let Some(i) = t else { return false };
            if self.field_of(i, name).is_some() {
                return true;
            }
            t = self.types[i].outer;
        }
        false
    }

    /// The superclass of `t` (its first supertype), for `super`.
    pub(super) fn superclass(&self, t: usize) -> Option<Ty> {
        let (ty, _, _) =
            self.types[t].supers.iter().find(|(_, _, i)| !i).or(self.types[t].supers.first())?;
        Some(ty.clone())
    }

    /// `t` and its supertypes declared in this file, breadth first, each once.
    pub(super) fn supertypes(&self, t: usize) -> Vec<usize> {
        let mut out = vec![t];
        let mut i = 0;
        while i < out.len() && out.len() < MAX_SUPERS {
            for (ty, _, _) in &self.types[out[i]].supers {
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
    /// when some supertype is outside the file: `t`'s own key when other files can
    /// name it, else (a local or anonymous class) its first supertype's from outside.
    /// `None` when every supertype is in this file. The second key is the first
    /// supertype from outside, whose name an unresolved member is shown under.
    pub(super) fn inherited_anchor(&self, t: usize) -> Option<(String, String)> {
        let supers = self.supertypes(t);
        let outside = supers
            .iter()
            .flat_map(|&s| self.types[s].supers.iter())
            .find(|(ty, _, _)| !self.type_keys.contains_key(&ty.key))?;
        let outside = outside.0.key.clone();
        let anchor = supers
            .iter()
            .copied()
            .find(|&s| self.types[s].exported)
            .map_or_else(|| outside.clone(), |s| self.types[s].key.clone());
        Some((anchor, outside))
    }

    /// The method of `t` (or of its supertypes in this file) named `name` that a
    /// call with `arity` arguments picks: the overload of that arity (or a varargs
    /// one it fits), `inferred` when the choice was not clear.
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

    /// What the call `invocation` (a `method_invocation`) names.
    pub(super) fn invocation(&self, invocation: Node<'_>, ctx: &Ctx<'_>, depth: usize) -> Callee {
        let Some(name) = invocation.field("name") else { return Callee::Unknown };
        let name = self.b.text(name);
        let arity = invocation.field("arguments").map_or(0, argument_count);
        let Some(object) = invocation.field("object") else {
            return self.unqualified(&name, arity, ctx);
        };
        let owner = if object.kind_name() == "super" {
            self.superclass(ctx.class)
        } else {
            self.type_at(object, ctx, depth)
        };
        match owner {
            Some(owner) => self.member_call(&owner, &name, arity),
            None => Callee::Unknown,
        }
    }

    /// A call of method `name` on a value of type `owner`.
    pub(super) fn member_call(&self, owner: &Ty, name: &str, arity: usize) -> Callee {
        let Some(&t) = self.type_keys.get(&owner.key) else {
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

    /// A call of `name` without a receiver: a method of the class or a type around
    /// it (or their supertypes in this file), a static import, a method inherited
    /// from outside this file, a static on-demand import.
    fn unqualified(&self, name: &str, arity: usize, ctx: &Ctx<'_>) -> Callee {
        let mut t = Some(ctx.class);
        // Java takes the innermost class with a member of that name, inherited ones
        // included: past a class with supertypes outside this file, one further out
        // is a guess.
        let mut passed_outside = false;
        for _ in 0..crate::MAX_DEPTH {
            let Some(i) = t else { break };
            if let Some((m, unclear)) = self.find_method(i, name, arity) {
                let inferred = unclear || passed_outside;
                return Callee::Node { node: m.node, result: m.result.clone(), inferred };
            }
            passed_outside = passed_outside || self.inherited_anchor(i).is_some();
            t = self.types[i].outer;
        }
        if let Some(class) = self.static_imports.get(name) {
            let key = member_key(&format!("{PREFIX}{class}"), arity, name);
            return Callee::Key { shown: self.shown(&key), key, inferred: false };
        }
        let mut t = Some(ctx.class);
        for _ in 0..crate::MAX_DEPTH {
            let Some(i) = t else { break };
            if let Some((anchor, outside)) = self.inherited_anchor(i) {
                let key = member_key(&anchor, arity, name);
                // A static on-demand import may be what the name means instead.
                let inferred = !self.static_wildcards.is_empty();
                let shown = self.shown(&member_key(&outside, arity, name));
                return Callee::Key { shown, key, inferred };
            }
            t = self.types[i].outer;
        }
        if let [class] = self.static_wildcards.as_slice() {
            let key = member_key(&format!("{PREFIX}{class}"), arity, name);
            return Callee::Key { shown: self.shown(&key), key, inferred: false };
        }
        Callee::Unknown
    }

    /// A constructor call of the class `ty` with `arity` arguments: the constructor
    /// of that arity in this file, the class itself when it declares none, or the
    /// key `{class}.<init>`.
    pub(super) fn constructor_call(&self, ty: &Ty, arity: usize) -> Callee {
        let Some(&t) = self.type_keys.get(&ty.key) else {
            let key = member_key(&ty.key, arity, CONSTRUCTOR);
            return Callee::Key { shown: self.shown(&key), key, inferred: ty.inferred };
        };
        let info = &self.types[t];
        if info.is_record && info.components == arity {
            let canonical = self.ctors.get(&t).is_none_or(|c| !c.iter().any(|m| m.arity == arity));
            if canonical {
                return Callee::Node { node: info.node, result: None, inferred: ty.inferred };
            }
        }
        match self.ctors.get(&t).and_then(|c| pick(c, arity)) {
            Some((m, unclear)) => {
                Callee::Node { node: m.node, result: None, inferred: unclear || ty.inferred }
            }
            None => Callee::Node { node: self.types[t].node, result: None, inferred: ty.inferred },
        }
    }

    /// The qualified name users see for a key: the key without `java:`, an
    /// on-demand scope replaced by the one package imported on demand (or dropped);
    /// `None` for a key made up of a return (`__return__`) or a local class.
    pub(super) fn shown(&self, key: &str) -> Option<String> {
        if keys::is_derived(key) || key.contains("::") {
            return None;
        }
        // `a.B.2args.m` is shown `a.B.m`.
        let key: Vec<&str> = key.split('.').filter(|s| !is_arity_segment(s)).collect();
        let key = key.join(".");
        if let Some(scope) = &self.scope {
            if let Some(rest) = key.strip_prefix(scope.as_str()).and_then(|r| r.strip_prefix('.')) {
                return Some(match self.wildcards.as_slice() {
                    [only] => format!("{only}.{rest}"),
                    _ => rest.to_owned(),
                });
            }
        }
        Some(key.strip_prefix(PREFIX).unwrap_or(&key).to_owned())
    }
}

/// The overload a call with `arity` arguments picks: the only one, the one of that
/// arity, or a varargs one it fits; `true` when that was not clear (several fit, or
/// none and the first is taken).
fn pick(overloads: &[MethodInfo], arity: usize) -> Option<(&MethodInfo, bool)> {
    // Generated code can hold thousands of overloads: past a few dozen, weighing
    // each per call would make a file of calls quadratic, so the first is a guess.
    if overloads.len() > MAX_OVERLOADS {
        return overloads.first().map(|m| (m, true));
    }
    if let [only] = overloads {
        let fits = only.arity == arity || (only.varargs && arity + 1 >= only.arity);
        return Some((only, !fits));
    }
    let exact: Vec<&MethodInfo> = overloads.iter().filter(|m| m.arity == arity).collect();
    if let [one] = exact.as_slice() {
        return Some((one, false));
    }
    if let Some(first) = exact.first() {
        return Some((first, true));
    }
    let varargs: Vec<&MethodInfo> =
        overloads.iter().filter(|m| m.varargs && arity + 1 >= m.arity).collect();
    if let [one] = varargs.as_slice() {
        return Some((one, false));
    }
    overloads.first().map(|m| (m, true))
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
    let n = args.named_children(&mut cursor).filter(|c| !c.is_extra()).count();
    n
}

/// A type's text without type arguments and whitespace (`Map.Entry<K, V>` →
/// `Map.Entry`).
fn without_type_arguments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

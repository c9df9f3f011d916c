//! Names and types: class and function names resolved as PHP resolves them (`use`
//! aliases, the current namespace, the global fallback of functions), a body's
//! local variables, and the classes of receivers (`$this`, typed parameters,
//! `$x = new T()`, typed and assigned properties, declared return types).

use super::lower::DECLARATIONS;
use super::{fqn_key, join, Body, Ctx, Px, Ret, TypeKind, BUILTIN_TYPES};
use crate::walk;
use crate::walk::{Fields, Kinds};
use std::collections::HashMap;
use tree_sitter::Node;

/// How many links of a chain (`$a->b()->c()`, `$this->x->y`) a receiver's type is
/// followed through.
const MAX_CHAIN: usize = 32;

/// The methods PHP gives every enum (lowercased).
const ENUM_METHODS: &[&str] = &["cases", "from", "tryfrom"];

/// At most this many supertypes of one type are searched for a member.
const MAX_SUPERS: usize = 64;

/// A value's class, as a key: a class (`php:.App.User`) or what a call returns
/// (`php:.App.Repo.find.__return__`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Ty {
    pub(super) key: String,
    /// The class's fully qualified name; `None` for a derived key or an anonymous
    /// class.
    pub(super) fqn: Option<String>,
    /// The type of this file it is, if any.
    pub(super) local: Option<usize>,
    /// Whether a heuristic found it (a local's or property's assignments).
    pub(super) inferred: bool,
}

/// What a function name written in a body names.
pub(super) enum FnRef {
    /// A function by its fully qualified name.
    Fqn(String),
    /// An unqualified name in namespace `ns` that no `use function` imports: PHP
    /// tries `ns\name`, then the global `name`.
    Fallback { ns: String, name: String },
}

/// What a call reaches.
pub(super) enum Callee {
    /// A function or method of this file.
    Node { idx: usize, ret: Option<Ret>, inferred: bool },
    /// A key, shown as `shown` when nothing links it.
    Key { key: String, shown: String, inferred: bool },
    /// Nothing the file tells.
    Unknown,
}

/// At most this many `instanceof` checks of one body narrow a variable's class.
const MAX_NARROWED: usize = 256;

/// A body's local variables and their classes: `None` when a variable is untyped
/// or assigned values of different classes.
#[derive(Default)]
pub(super) struct Locals {
    types: HashMap<String, Option<Ty>>,
    /// Classes PHPDoc states (`/** @var Mailer $m */`): they win over assignments.
    declared: HashMap<String, Ty>,
    /// The classes of the elements of arrays PHPDoc states (`@param User[] $us`).
    elements: HashMap<String, Ty>,
    /// Where an `if ($x instanceof T)` holds: the bytes of its body, the variable
    /// and the class.
    narrowed: Vec<(usize, usize, String, Ty)>,
}

impl Locals {
    /// The class of variable `name` (with its `$`) at byte `at`: the innermost
    /// `instanceof` check around it, a PHPDoc `@var`, or what every assignment and
    /// declaration agree on.
    pub(super) fn get(&self, name: &str, at: usize) -> Option<&Ty> {
        let narrowed = self
            .narrowed
            .iter()
            .filter(|(start, end, n, _)| n == name && *start <= at && at < *end)
            .max_by_key(|(start, _, _, _)| *start);
        if let Some((_, _, _, ty)) = narrowed {
            return Some(ty);
        }
        if let Some(ty) = self.declared.get(name) {
            return Some(ty);
        }
        self.types.get(name).and_then(Option::as_ref)
    }

    /// Records an assignment of a value of class `ty` (`None`: not known).
    fn assign(&mut self, name: String, ty: Option<Ty>) {
        match self.types.get_mut(&name) {
            Some(existing) => {
                if existing.as_ref().map(|t| &t.key) != ty.as_ref().map(|t| &t.key) {
                    *existing = None;
                }
            }
            None => {
                self.types.insert(name, ty);
            }
        }
    }
}

impl<'s, 't> Px<'s, 't> {
    /// A class name as written (`User`, `Models\User`, `\App\User`,
    /// `namespace\User`), fully qualified as PHP resolves it where `ctx` holds;
    /// `None` for a scalar type or `self`/`static`/`parent`.
    pub(super) fn resolve_class(&self, text: &str, ctx: &Ctx) -> Option<String> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() {
            return None;
        }
        if let Some(rest) = t.strip_prefix('\\') {
            return (!rest.is_empty()).then(|| rest.to_owned());
        }
        if let Some(rest) = t.strip_prefix("namespace\\") {
            return Some(join(&ctx.ns, rest));
        }
        let (first, rest) = match t.split_once('\\') {
            Some((f, r)) => (f, Some(r)),
            None => (t.as_str(), None),
        };
        let lower = first.to_lowercase();
        if rest.is_none()
            && (BUILTIN_TYPES.contains(&lower.as_str())
                || matches!(lower.as_str(), "self" | "static" | "parent"))
        {
            return None;
        }
        if let Some(fqn) = self.imports[ctx.imports].classes.get(&lower) {
            return Some(match rest {
                Some(r) => format!("{fqn}\\{r}"),
                None => fqn.clone(),
            });
        }
        Some(join(&ctx.ns, &t))
    }

    /// A function name as written, as PHP resolves it where `ctx` holds.
    pub(super) fn resolve_function(&self, text: &str, ctx: &Ctx) -> Option<FnRef> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() {
            return None;
        }
        if t.contains('\\') {
            if let Some(rest) = t.strip_prefix('\\') {
                return Some(FnRef::Fqn(rest.to_owned()));
            }
            if let Some(rest) = t.strip_prefix("namespace\\") {
                return Some(FnRef::Fqn(join(&ctx.ns, rest)));
            }
            let (first, rest) = t.split_once('\\')?;
            if let Some(fqn) = self.imports[ctx.imports].classes.get(&first.to_lowercase()) {
                return Some(FnRef::Fqn(format!("{fqn}\\{rest}")));
            }
            return Some(FnRef::Fqn(join(&ctx.ns, &t)));
        }
        if let Some(fqn) = self.imports[ctx.imports].functions.get(&t.to_lowercase()) {
            return Some(FnRef::Fqn(fqn.clone()));
        }
        if ctx.ns.is_empty() {
            return Some(FnRef::Fqn(t));
        }
        Some(FnRef::Fallback { ns: ctx.ns.clone(), name: t })
    }

    /// The class a declared type names (`User`, `?User`, `self`), for a member of
    /// type `t`; `None` for scalars, unions and intersections.
    pub(super) fn declared_class(
        &self,
        ty: Node<'_>,
        ctx: &Ctx,
        t: Option<usize>,
    ) -> Option<String> {
        match ty.kind_name() {
            "optional_type" => self.declared_class(ty.named_child(0)?, ctx, t),
            "named_type" | "name" | "qualified_name" => {
                let text = self.b.text(ty);
                let text = text.trim();
                if text.eq_ignore_ascii_case("self") || text.eq_ignore_ascii_case("static") {
                    return t.map(|t| self.types[t].fqn.clone()).filter(|f| !f.is_empty());
                }
                self.resolve_class(text, ctx)
            }
            _ => None,
        }
    }

    /// The class a PHPDoc type names (`User`, `?User`, `User|null`, `\\A\\B`,
    /// `self`), for a member of type `t`; `None` for scalars, arrays, generics and
    /// unions of classes.
    pub(super) fn doc_class(&self, ty: &str, ctx: &Ctx, t: Option<usize>) -> Option<String> {
        if ty.contains(['[', '<', '{', '(', '&']) {
            return None;
        }
        let parts: Vec<&str> = ty
            .trim_start_matches('?')
            .split('|')
            .filter(|p| !p.eq_ignore_ascii_case("null"))
            .collect();
        let [only] = parts.as_slice() else { return None };
        if only.eq_ignore_ascii_case("self") || only.eq_ignore_ascii_case("static") {
            return t.map(|t| self.types[t].fqn.clone()).filter(|f| !f.is_empty());
        }
        self.resolve_class(only, ctx)
    }

    /// The class of the elements of a PHPDoc array type (`User[]`, `array<User>`,
    /// `array<int, User>`, `list<User>`, `iterable<User>`), for `foreach`.
    pub(super) fn doc_element_class(
        &self,
        ty: &str,
        ctx: &Ctx,
        t: Option<usize>,
    ) -> Option<String> {
        let ty = ty.trim_start_matches('?');
        let ty = ty.strip_suffix("|null").unwrap_or(ty);
        if let Some(inner) = ty.strip_suffix("[]") {
            return self.doc_class(inner, ctx, t);
        }
        let (head, args) = ty.strip_suffix('>')?.split_once('<')?;
        let head = head.trim_start_matches('\\').to_lowercase();
        if !matches!(
            head.as_str(),
            "array" | "list" | "iterable" | "non-empty-array" | "non-empty-list"
        ) {
            return None;
        }
        let last = args.rsplit(',').next()?.trim();
        self.doc_class(last, ctx, t)
    }

    /// The type of the class named `fqn`.
    pub(super) fn class_ty(&self, fqn: &str, inferred: bool) -> Ty {
        Ty {
            key: fqn_key(fqn),
            fqn: Some(fqn.to_owned()),
            local: self.type_by_fqn.get(&fqn.to_lowercase()).copied(),
            inferred,
        }
    }

    /// The type of the type `t` of this file.
    pub(super) fn local_ty(&self, t: usize) -> Ty {
        let fqn = &self.types[t].fqn;
        Ty {
            key: self.types[t].key.clone(),
            fqn: (!fqn.is_empty()).then(|| fqn.clone()),
            local: Some(t),
            inferred: false,
        }
    }

    /// `t` and its supertypes of this file in PHP's lookup order (see
    /// `compute_ancestors`), from the memo the calls pass fills.
    pub(super) fn ancestors(&self, t: usize) -> (std::borrow::Cow<'_, [usize]>, bool) {
        match self.ancestry.get(t) {
            Some((a, outside)) => (std::borrow::Cow::Borrowed(a.as_slice()), *outside),
            None => {
                let (a, outside) = self.compute_ancestors(t);
                (std::borrow::Cow::Owned(a), outside)
            }
        }
    }

    /// `t` and its supertypes of this file in PHP's lookup order: the type, its
    /// traits, then its parent and the parent's ancestors, then its interfaces;
    /// each once. The second value: whether some supertype is outside this file.
    pub(super) fn compute_ancestors(&self, t: usize) -> (Vec<usize>, bool) {
        let mut out = Vec::new();
        let mut outside = false;
        let mut stack = vec![t];
        while let Some(i) = stack.pop() {
            if out.contains(&i) || out.len() >= MAX_SUPERS {
                continue;
            }
            out.push(i);
            let info = &self.types[i];
            let mut next: Vec<&String> = info.traits.iter().map(|(n, _)| n).collect();
            next.extend(info.parent.as_ref().map(|(n, _)| n));
            next.extend(info.interfaces.iter().map(|(n, _)| n));
            let mut pushed = Vec::new();
            for fqn in next {
                match self.type_by_fqn.get(&fqn.to_lowercase()) {
                    Some(&s) => pushed.push(s),
                    None => outside = true,
                }
            }
            stack.extend(pushed.into_iter().rev());
        }
        (out, outside)
    }

    /// The first supertype of `t` (or of its ancestors here) outside this file.
    fn outside_super(&self, t: usize) -> Option<String> {
        let (ancestors, _) = self.ancestors(t);
        for &a in ancestors.iter() {
            let info = &self.types[a];
            let mut supers: Vec<&String> = info.traits.iter().map(|(n, _)| n).collect();
            supers.extend(info.parent.as_ref().map(|(n, _)| n));
            supers.extend(info.interfaces.iter().map(|(n, _)| n));
            if let Some(s) =
                supers.into_iter().find(|s| !self.type_by_fqn.contains_key(&s.to_lowercase()))
            {
                return Some(s.clone());
            }
        }
        None
    }

    /// Method `name` called on a value of type `owner`.
    pub(super) fn method_callee(&self, owner: &Ty, name: &str) -> Callee {
        let lower = name.to_lowercase();
        let Some(t) = owner.local else {
            let shown = match &owner.fqn {
                Some(fqn) => format!("{fqn}::{name}"),
                None => name.to_owned(),
            };
            return Callee::Key {
                key: format!("{}.{lower}", owner.key),
                shown,
                inferred: owner.inferred,
            };
        };
        let (ancestors, outside) = self.ancestors(t);
        for a in ancestors.iter() {
            if let Some(m) = self.methods.get(&(*a, lower.clone())) {
                return Callee::Node { idx: m.node, ret: m.ret.clone(), inferred: owner.inferred };
            }
        }
        if self.types[t].kind == TypeKind::Enum && ENUM_METHODS.contains(&lower.as_str()) {
            // `cases()`, `from()` and `tryFrom()` are PHP's own, on every enum.
            let shown = format!("{}::{name}", self.types[t].fqn);
            let key = format!("{}.{lower}", self.types[t].key);
            return Callee::Key { key, shown, inferred: owner.inferred };
        }
        let exported = !self.types[t].fqn.is_empty();
        let outside_fqn = if outside { self.outside_super(t) } else { None };
        let key = match (&outside_fqn, exported) {
            (_, true) => format!("{}.{lower}", self.types[t].key),
            (Some(o), false) => format!("{}.{lower}", fqn_key(o)),
            (None, false) => return Callee::Unknown,
        };
        let shown = match &outside_fqn {
            Some(o) => format!("{o}::{name}"),
            None => format!("{}::{name}", self.types[t].fqn),
        };
        Callee::Key { key, shown, inferred: owner.inferred }
    }

    /// The type of property `name` (without `$`) of a value of type `owner`.
    pub(super) fn property_ty(&self, owner: &Ty, name: &str) -> Option<Ty> {
        if let Some(t) = owner.local {
            let (ancestors, outside) = self.ancestors(t);
            for a in ancestors.iter() {
                if let Some(found) = self.props.get(&(*a, name.to_owned())) {
                    let (fqn, inferred) = found.as_ref()?;
                    return Some(self.class_ty(fqn, *inferred || owner.inferred));
                }
            }
            if !outside || self.types[t].fqn.is_empty() {
                return None;
            }
        }
        Some(Ty { key: format!("{}.${name}", owner.key), fqn: None, local: None, inferred: true })
    }

    /// The local variables of `body` and their classes, flow-insensitively: a
    /// variable keeps a class when every assignment and declaration agrees on it.
    pub(super) fn locals(&self, body: &Body<'t>) -> Locals {
        let mut locals = Locals::default();
        // `@param T $x` of the function's PHPDoc, for parameters without a type
        // (and for the elements of arrays).
        let doc_params: HashMap<String, String> = match body.node {
            0 => HashMap::new(),
            idx => self.b.nodes[idx]
                .docstring
                .as_deref()
                .map(|d| super::lower::doc_tags(d, "@param"))
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(ty, name)| Some((name?, ty)))
                .collect(),
        };
        for &root in &body.syntax {
            let mut found: Vec<Node<'t>> = Vec::new();
            walk::preorder(root, |n| {
                if n != root && DECLARATIONS.contains(&n.kind_name()) {
                    return false;
                }
                if matches!(
                    n.kind_name(),
                    "simple_parameter"
                        | "variadic_parameter"
                        | "property_promotion_parameter"
                        | "catch_clause"
                        | "assignment_expression"
                        | "comment"
                        | "if_statement"
                        | "compound_statement"
                        | "foreach_statement"
                ) {
                    found.push(n);
                }
                true
            });
            for n in found {
                match n.kind_name() {
                    "comment" => self.var_annotation(n, body, &mut locals),
                    "if_statement" => self.instanceof_narrowing(n, body, &mut locals),
                    "compound_statement" => self.guard_narrowing(n, body, &mut locals),
                    "foreach_statement" => self.foreach_element(n, body, &mut locals),
                    "assignment_expression" => {
                        let Some(left) = n.field("left") else { continue };
                        if left.kind_name() != "variable_name" {
                            continue;
                        }
                        let ty = n
                            .field("right")
                            .and_then(|r| self.expr_ty(r, body, &locals, 0))
                            .map(|t| Ty { inferred: true, ..t });
                        locals.assign(self.b.text(left).into_owned(), ty);
                    }
                    "catch_clause" => {
                        let Some(name) = n.field("name") else { continue };
                        let ty = n.field("type").and_then(|tl| {
                            (tl.named_child_count() == 1)
                                .then(|| tl.named_child(0))
                                .flatten()
                                .and_then(|nt| self.declared_class(nt, &body.ctx, body.class))
                        });
                        let ty = ty.map(|fqn| self.class_ty(&fqn, false));
                        locals.assign(self.b.text(name).into_owned(), ty);
                    }
                    _ => {
                        let Some(name) = n.field("name") else { continue };
                        let name = self.b.text(name).into_owned();
                        if let Some(element) = doc_params
                            .get(&name)
                            .and_then(|ty| self.doc_element_class(ty, &body.ctx, body.class))
                        {
                            locals.elements.insert(name.clone(), self.class_ty(&element, false));
                        }
                        let fqn = match n.field("type") {
                            Some(ty) => self.declared_class(ty, &body.ctx, body.class),
                            None => doc_params
                                .get(&name)
                                .and_then(|ty| self.doc_class(ty, &body.ctx, body.class)),
                        };
                        locals.assign(name, fqn.map(|fqn| self.class_ty(&fqn, false)));
                    }
                }
            }
        }
        locals
    }

    /// A PHPDoc `@var T $x` in a body: `$x` is a `T`.
    fn var_annotation(&self, comment: Node<'_>, body: &Body<'t>, locals: &mut Locals) {
        let text = self.b.text(comment);
        if !text.starts_with("/*") {
            return;
        }
        let text = text.trim_start_matches('/').trim_start_matches('*').replace("*/", "");
        for (ty, name) in super::lower::doc_tags(&text, "@var") {
            let Some(name) = name else { continue };
            if let Some(element) = self.doc_element_class(&ty, &body.ctx, body.class) {
                locals.elements.insert(name.clone(), self.class_ty(&element, false));
            }
            let Some(fqn) = self.doc_class(&ty, &body.ctx, body.class) else { continue };
            locals.declared.insert(name, self.class_ty(&fqn, false));
        }
    }

    /// `foreach ($xs as $x)` (or `as $k => $x`) over an array whose elements
    /// PHPDoc states: `$x` is one.
    fn foreach_element(&self, n: Node<'_>, body: &Body<'t>, locals: &mut Locals) {
        let (Some(over), Some(value)) = (n.named_child(0), n.named_child(1)) else { return };
        let ty = match over.kind_name() {
            "variable_name" => locals.elements.get(self.b.text(over).as_ref()).cloned(),
            // `$this->items` of an array property typed `@var Item[]` (its own or an
            // ancestor's of this file).
            "member_access_expression" => self.property_element(over, body),
            _ => return,
        };
        let value = match value.kind_name() {
            "pair" => {
                let count = value.named_child_count();
                match count.checked_sub(1).and_then(|i| value.named_child(i)) {
                    Some(v) => v,
                    None => return,
                }
            }
            _ => value,
        };
        let value = if value.kind_name() == "by_ref" {
            value.named_child(0).unwrap_or(value)
        } else {
            value
        };
        if value.kind_name() != "variable_name" {
            return;
        }
        locals.assign(self.b.text(value).into_owned(), ty);
    }

    /// The element class of `$this->name`, an array property PHPDoc types.
    fn property_element(&self, access: Node<'_>, body: &Body<'t>) -> Option<Ty> {
        let object = access.field("object")?;
        let name = access.field("name").filter(|n| n.kind_name() == "name")?;
        if object.kind_name() != "variable_name" || self.b.text(object) != "$this" || body.is_static
        {
            return None;
        }
        let (ancestors, _) = self.ancestors(body.class?);
        let name = self.b.text(name).into_owned();
        let fqn = ancestors.iter().find_map(|a| self.prop_elements.get(&(*a, name.clone())))?;
        Some(self.class_ty(fqn, false))
    }

    /// Guards in a block: after `if (!$x instanceof T) { return; }` (or `throw`,
    /// `continue`, `break`) and after `assert($x instanceof T);`, to the end of the
    /// block, `$x` is a `T`.
    fn guard_narrowing(&self, block: Node<'_>, body: &Body<'t>, locals: &mut Locals) {
        let mut cursor = block.walk();
        for stmt in block.named_children(&mut cursor) {
            if locals.narrowed.len() >= MAX_NARROWED {
                return;
            }
            let check = match stmt.kind_name() {
                "if_statement" if stmt.field("alternative").is_none() => {
                    let exits = stmt.field("body").is_some_and(exits);
                    let negated = stmt
                        .field("condition")
                        .and_then(|c| unparenthesized(c, 0))
                        .filter(|c| c.kind_name() == "unary_op_expression")
                        .filter(|c| c.field("operator").is_some_and(|o| o.kind_name() == "!"))
                        .and_then(|c| c.field("argument"))
                        .and_then(|a| unparenthesized(a, 0));
                    negated.filter(|_| exits)
                }
                "expression_statement" => stmt
                    .named_child(0)
                    .filter(|c| c.kind_name() == "function_call_expression")
                    .filter(|c| {
                        c.field("function")
                            .is_some_and(|f| self.b.text(f).eq_ignore_ascii_case("assert"))
                    })
                    .and_then(|c| c.field("arguments"))
                    .and_then(|a| a.named_child(0))
                    .and_then(|a| a.named_child(0)),
                _ => None,
            };
            let Some((name, ty)) = check.and_then(|c| self.instanceof_check(c, body)) else {
                continue;
            };
            locals.narrowed.push((stmt.end_byte(), block.end_byte(), name, ty));
        }
    }

    /// `$x instanceof T`: the variable and the class.
    fn instanceof_check(&self, e: Node<'_>, body: &Body<'t>) -> Option<(String, Ty)> {
        if e.kind_name() != "binary_expression" {
            return None;
        }
        let op = e.field("operator")?;
        let left = e.field("left")?;
        let right = e.field("right")?;
        if op.kind_name() != "instanceof"
            || left.kind_name() != "variable_name"
            || !matches!(right.kind_name(), "name" | "qualified_name")
        {
            return None;
        }
        let fqn = self.resolve_class(&self.b.text(right), &body.ctx)?;
        Some((self.b.text(left).into_owned(), self.class_ty(&fqn, false)))
    }

    /// `if ($x instanceof T && ...) { ... }`: inside the body, `$x` is a `T`.
    fn instanceof_narrowing(&self, n: Node<'_>, body: &Body<'t>, locals: &mut Locals) {
        let (Some(condition), Some(then)) = (n.field("condition"), n.field("body")) else {
            return;
        };
        let mut pending = vec![condition];
        let mut steps = 0;
        while let Some(e) = pending.pop() {
            steps += 1;
            if steps > MAX_CHAIN || locals.narrowed.len() >= MAX_NARROWED {
                return;
            }
            match e.kind_name() {
                "parenthesized_expression" => pending.extend(e.named_child(0)),
                "binary_expression" => {
                    let Some(op) = e.field("operator") else { continue };
                    let (Some(left), Some(right)) = (e.field("left"), e.field("right")) else {
                        continue;
                    };
                    match op.kind_name() {
                        "&&" | "and" => pending.extend([left, right]),
                        "instanceof" if left.kind_name() == "variable_name" => {
                            if !matches!(right.kind_name(), "name" | "qualified_name") {
                                continue;
                            }
                            let Some(fqn) = self.resolve_class(&self.b.text(right), &body.ctx)
                            else {
                                continue;
                            };
                            let name = self.b.text(left).into_owned();
                            let ty = self.class_ty(&fqn, false);
                            locals.narrowed.push((then.start_byte(), then.end_byte(), name, ty));
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// The class of the value of expression `e` in `body`, as far as the file tells.
    pub(super) fn expr_ty(
        &self,
        e: Node<'_>,
        body: &Body<'t>,
        locals: &Locals,
        depth: usize,
    ) -> Option<Ty> {
        if depth > MAX_CHAIN {
            return None;
        }
        match e.kind_name() {
            "parenthesized_expression" => self.expr_ty(e.named_child(0)?, body, locals, depth + 1),
            "variable_name" => {
                let name = self.b.text(e);
                if name == "$this" {
                    let t = body.class.filter(|_| !body.is_static)?;
                    return Some(self.local_ty(t));
                }
                locals.get(&name, e.start_byte()).cloned()
            }
            "class_constant_access_expression" => {
                // An enum case (`Suit::Hearts`) is an instance of its enum.
                let scope = e.named_child(0)?;
                let case = e.named_child(1).filter(|c| c.kind_name() == "name")?;
                // A constant of a class outside the file that a method is called on is
                // taken for an enum case too (a guess: it could hold another object).
                let owner = self.scope_ty(scope, body, locals, depth + 1)?;
                match owner.local {
                    Some(t) => self
                        .enum_cases
                        .contains(&(t, self.b.text(case).into_owned()))
                        .then_some(owner),
                    None if owner.fqn.is_some() => Some(Ty { inferred: true, ..owner }),
                    None => None,
                }
            }
            "object_creation_expression" => self.new_class(e, body),
            "member_access_expression" | "nullsafe_member_access_expression" => {
                let object = e.field("object")?;
                let name = e.field("name").filter(|n| n.kind_name() == "name")?;
                let owner = self.expr_ty(object, body, locals, depth + 1)?;
                self.property_ty(&owner, &self.b.text(name))
            }
            "scoped_property_access_expression" => {
                let scope = e.field("scope")?;
                let name = e.field("name")?;
                let owner = self.scope_ty(scope, body, locals, depth + 1)?;
                self.property_ty(&owner, self.b.text(name).trim_start_matches('$'))
            }
            "member_call_expression"
            | "nullsafe_member_call_expression"
            | "scoped_call_expression"
            | "function_call_expression" => {
                let (callee, owner) = self.callee(e, body, locals, depth + 1);
                match callee {
                    Callee::Node { ret: Some(Ret::Class(fqn)), inferred, .. } => {
                        Some(self.class_ty(&fqn, inferred))
                    }
                    Callee::Node { ret: Some(Ret::Receiver), .. } => owner,
                    // Another file's return type: the call through it is a guess.
                    Callee::Key { key, .. } => {
                        Some(Ty { key: keys_return(&key), fqn: None, local: None, inferred: true })
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The class of a `new` expression (`new T`, `new self`, `new static`,
    /// `new class { }`).
    pub(super) fn new_class(&self, e: Node<'_>, body: &Body<'t>) -> Option<Ty> {
        let mut cursor = e.walk();
        let class = e.named_children(&mut cursor).find(|c| c.kind_name() != "comment")?;
        match class.kind_name() {
            "name" | "qualified_name" => {
                let text = self.b.text(class);
                let lower = text.trim().to_lowercase();
                if lower == "self" || lower == "static" {
                    // In a trait, `new static` builds whichever class uses it.
                    let t = body.class.filter(|&t| self.types[t].kind != TypeKind::Trait)?;
                    return Some(self.local_ty(t));
                }
                if lower == "parent" {
                    let t = body.class?;
                    let (parent, _) = self.types[t].parent.as_ref()?;
                    return Some(self.class_ty(parent, false));
                }
                Some(self.class_ty(&self.resolve_class(&text, &body.ctx)?, false))
            }
            "anonymous_class" => {
                let t = self.types.iter().position(|t| t.start == class.start_byte())?;
                Some(self.local_ty(t))
            }
            _ => None,
        }
    }

    /// The class a `X::` scope names: `self`, `static`, `parent`, a class name, or a
    /// value's class (`$x::m()`).
    pub(super) fn scope_ty(
        &self,
        scope: Node<'_>,
        body: &Body<'t>,
        locals: &Locals,
        depth: usize,
    ) -> Option<Ty> {
        match scope.kind_name() {
            "relative_scope" => {
                let t = body.class?;
                match self.b.text(scope).trim().to_lowercase().as_str() {
                    "parent" => {
                        let (parent, _) = self.types[t].parent.as_ref()?;
                        Some(self.class_ty(parent, false))
                    }
                    _ => Some(self.local_ty(t)),
                }
            }
            "name" | "qualified_name" => {
                Some(self.class_ty(&self.resolve_class(&self.b.text(scope), &body.ctx)?, false))
            }
            _ => self.expr_ty(scope, body, locals, depth),
        }
    }

    /// What the call `e` reaches, and the type of its receiver (for a method that
    /// returns `static`).
    pub(super) fn callee(
        &self,
        e: Node<'_>,
        body: &Body<'t>,
        locals: &Locals,
        depth: usize,
    ) -> (Callee, Option<Ty>) {
        match e.kind_name() {
            "function_call_expression" => {
                let Some(f) = e.field("function") else {
                    return (Callee::Unknown, None);
                };
                if !matches!(f.kind_name(), "name" | "qualified_name") {
                    // `$handler()` of an object of a known class runs its `__invoke`.
                    return match self.expr_ty(f, body, locals, depth) {
                        Some(owner) => (self.method_callee(&owner, "__invoke"), Some(owner)),
                        None => (Callee::Unknown, None),
                    };
                }
                match self.resolve_function(&self.b.text(f), &body.ctx) {
                    Some(FnRef::Fqn(fqn)) => match self.functions.get(&fqn.to_lowercase()) {
                        Some((idx, ret)) => {
                            (Callee::Node { idx: *idx, ret: ret.clone(), inferred: false }, None)
                        }
                        None => {
                            (Callee::Key { key: fqn_key(&fqn), shown: fqn, inferred: false }, None)
                        }
                    },
                    Some(FnRef::Fallback { ns, name }) => {
                        if let Some((idx, ret)) =
                            self.functions.get(&join(&ns, &name).to_lowercase())
                        {
                            return (
                                Callee::Node { idx: *idx, ret: ret.clone(), inferred: false },
                                None,
                            );
                        }
                        let key = format!(
                            "{}.{}",
                            super::scope_key(self.b.path, &ns),
                            name.to_lowercase()
                        );
                        (Callee::Key { key, shown: name, inferred: false }, None)
                    }
                    None => (Callee::Unknown, None),
                }
            }
            "member_call_expression" | "nullsafe_member_call_expression" => {
                let (Some(object), Some(name)) = (e.field("object"), e.field("name")) else {
                    return (Callee::Unknown, None);
                };
                if name.kind_name() != "name" {
                    return (Callee::Unknown, None);
                }
                match self.expr_ty(object, body, locals, depth) {
                    Some(owner) => (self.method_callee(&owner, &self.b.text(name)), Some(owner)),
                    None => (Callee::Unknown, None),
                }
            }
            "scoped_call_expression" => {
                let (Some(scope), Some(name)) = (e.field("scope"), e.field("name")) else {
                    return (Callee::Unknown, None);
                };
                if name.kind_name() != "name" {
                    return (Callee::Unknown, None);
                }
                match self.scope_ty(scope, body, locals, depth) {
                    Some(owner) => {
                        // `static::m()` and `self::m()` keep the receiver's class.
                        let receiver = match scope.kind_name() {
                            "relative_scope" if !body.is_static => body
                                .class
                                .map(|t| self.local_ty(t))
                                .filter(|_| self.b.text(scope).trim() != "parent")
                                .or(Some(owner.clone())),
                            _ => Some(owner.clone()),
                        };
                        (self.method_callee(&owner, &self.b.text(name)), receiver)
                    }
                    None => (Callee::Unknown, None),
                }
            }
            _ => (Callee::Unknown, None),
        }
    }
}

/// `e` without the parentheses around it (at most a few).
fn unparenthesized(e: Node<'_>, depth: usize) -> Option<Node<'_>> {
    match e.kind_name() {
        "parenthesized_expression" if depth < 8 => unparenthesized(e.named_child(0)?, depth + 1),
        "parenthesized_expression" => None,
        _ => Some(e),
    }
}

/// Whether a statement (or a block's last statement) leaves the block: `return`,
/// `throw`, `continue`, `break`, `exit`.
fn exits(stmt: Node<'_>) -> bool {
    let last = if stmt.kind_name() == "compound_statement" {
        let count = stmt.named_child_count();
        match count.checked_sub(1).and_then(|i| stmt.named_child(i)) {
            Some(last) => last,
            None => return false,
        }
    } else {
        stmt
    };
    match last.kind_name() {
        "return_statement" | "continue_statement" | "break_statement" | "exit_statement" => true,
        "expression_statement" => {
            last.named_child(0).is_some_and(|c| c.kind_name() == "throw_expression")
        }
        _ => false,
    }
}

/// `K.__return__`.
fn keys_return(key: &str) -> String {
    model::keys::returns(key)
}

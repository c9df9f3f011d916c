//! Python value inference: the abstract evaluation of expressions to modules, classes
//! and instances, annotations, return values and attribute lookup in MRO order.
//! One file (a little under 900 lines): `eval` and its arms (calls, attributes,
//! annotations, return values, context managers) are one mutually recursive
//! evaluator under one depth guard; split, a recursion would be read across files.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

/// The text of a plain string literal (`"save"`, `'save'`), without its quotes;
/// `None` for prefixed, triple-quoted or implicitly concatenated strings.
fn string_content(literal: &str) -> Option<String> {
    let quote = literal.chars().next()?;
    if !matches!(quote, '"' | '\'')
        || literal.len() < 2
        || literal.starts_with("\"\"\"")
        || literal.starts_with("'''")
    {
        return None;
    }
    let inner = literal.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains(quote) && !inner.contains('\\')).then(|| inner.to_owned())
}

/// A function called from more places than this in its file gets no parameter
/// types from its calls: a name called that often is shared by many functions.
const MAX_PARAM_SITES: usize = 32;

impl<'s, 't> Py<'s, 't> {
    /// Evaluates `expr` in `ctx` (see the module docs). `None` when the file does not
    /// say what it is.
    pub(super) fn eval(&mut self, expr: Node<'t>, ctx: Ctx) -> Option<Eval> {
        if !self.depth.enter(MAX_EVAL_DEPTH) {
            return None;
        }
        let out = self.eval_inner(expr, ctx);
        self.depth.leave();
        out
    }

    pub(super) fn eval_inner(&mut self, expr: Node<'t>, ctx: Ctx) -> Option<Eval> {
        match expr.kind_name() {
            "lambda" => {
                let idx = *self.lambdas.get(&expr.id())?;
                Some(Eval { value: Value::Def(idx), inferred: false })
            }
            "identifier" => {
                let name = self.b.text(expr).into_owned();
                self.eval_name(&name, ctx)
            }
            "attribute" => {
                let object = expr.field("object")?;
                if object.kind_name() == "identifier" {
                    // `self.rhs` inside `if isinstance(self.rhs, Query):`.
                    // Borrowed text: no allocation for the attributes never narrowed.
                    let text = self.b.text(expr);
                    if self.owners[ctx.owner].vars.contains_key(text.as_ref()) {
                        let dotted = text.into_owned();
                        if let Local::Value(Some(found)) =
                            self.local_value(ctx.owner, &dotted, ctx.pos, ctx.user)
                        {
                            return Some(found);
                        }
                    }
                }
                let attr = self.b.text(expr.field("attribute")?).into_owned();
                let base = self.eval(object, ctx)?;
                if attr == "__class__" {
                    return class_of(base);
                }
                self.attribute(base, &attr)
            }
            "call" => {
                let function = expr.field("function")?;
                if function.kind_name() == "identifier"
                    && self.b.text(function) == "super"
                    && self.eval_name("super", ctx).is_none()
                {
                    let args = expr.field("arguments")?;
                    let class = match args.named_child_count() {
                        0 => self.owners[ctx.owner].class?,
                        // `super(C, self)`: the MRO after `C`, which need not be the
                        // enclosing class. Known only for a class of this file;
                        // another's members cannot be looked up past it by key.
                        2 => match self.eval(args.named_child(0)?, ctx)?.value {
                            Value::Def(c) if self.b.nodes[c].kind == NodeKind::Class => c,
                            _ => return None,
                        },
                        _ => return None,
                    };
                    return Some(Eval { value: Value::Super(class), inferred: false });
                }
                if function.kind_name() == "identifier" && self.b.text(function) == "type" {
                    // `type(x)`: the class of an instance.
                    let args = expr.field("arguments")?;
                    if args.named_child_count() == 1 {
                        let arg = self.eval(args.named_child(0)?, ctx)?;
                        return class_of(arg);
                    }
                }
                if self.is_allocation(function, ctx) {
                    // `super().__new__(cls, ...)`, `object.__new__(cls)` (also through
                    // `super_new = super().__new__`): an instance of the class passed.
                    let args = expr.field("arguments")?;
                    let class = self.eval(args.named_child(0)?, ctx)?;
                    if let Value::Def(c) = class.value {
                        if self.b.nodes[c].kind == NodeKind::Class {
                            let value = Value::Instance(Class::Def(c));
                            return Some(Eval { value, inferred: true });
                        }
                    }
                    return None;
                }
                let callee = match (
                    function.kind_name(),
                    function.field("object"),
                    function.field("attribute"),
                ) {
                    ("attribute", Some(object), Some(attr)) if self.b.text(attr) != "__class__" => {
                        let attr = self.b.text(attr).into_owned();
                        let base = self.eval(object, ctx)?;
                        let callee = self.attribute(base.clone(), &attr)?;
                        // A method that returns `self` (or a copy of it) returns the
                        // receiver's class, not the class it is defined in (`Self`):
                        // `c = expr.copy()` on a `Func` is a `Func`.
                        if let (Value::Instance(_) | Value::Super(_), Value::Def(m)) =
                            (&base.value, &callee.value)
                        {
                            if self.returns_self(*m, &mut HashSet::new()) {
                                let value = match base.value {
                                    Value::Super(_) => self.owners[ctx.owner]
                                        .class
                                        .map(|c| Value::Instance(Class::Def(c)))?,
                                    other => other,
                                };
                                return Some(Eval { value, inferred: true });
                            }
                        }
                        callee
                    }
                    _ => self.eval(function, ctx)?,
                };
                // Library functions whose result the arguments say.
                let library = match &callee.value {
                    Value::Key { key, .. } => key.strip_prefix(keys::PYTHON),
                    _ => None,
                };
                match library {
                    Some("functools.partial") => {
                        // `partial(f, ...)` calls `f` when it is called.
                        let args = expr.field("arguments")?;
                        let f = self.eval(args.named_child(0)?, ctx)?;
                        return Some(Eval { inferred: true, ..f });
                    }
                    Some("attr.ib" | "attr.attrib" | "attr.field" | "attrs.field") => {
                        // `engine = attr.ib(type=Engine)`: an attrs field of that type.
                        let args = expr.field("arguments")?;
                        let mut c = args.walk();
                        let ty = args.named_children(&mut c).find_map(|arg| {
                            let is_type = arg.kind_name() == "keyword_argument"
                                && arg.field("name").is_some_and(|n| self.b.text(n) == "type");
                            is_type.then(|| arg.field("value")).flatten()
                        })?;
                        let value = self.annotation(ty, ctx)?;
                        return Some(Eval { value, inferred: true });
                    }
                    Some("copy.copy" | "copy.deepcopy") => {
                        // `copy(x)`, `deepcopy(x)`: of `x`'s class (typeshed's
                        // `def copy(x: _T) -> _T`).
                        let args = expr.field("arguments")?;
                        if args.named_child_count() != 1 {
                            return None;
                        }
                        let x = self.eval(args.named_child(0)?, ctx)?;
                        return Some(Eval { inferred: true, ..x });
                    }
                    _ => {}
                }
                self.call_result(callee)
            }
            "parenthesized_expression" | "await" => self.eval(expr.named_child(0)?, ctx),
            "subscript" => {
                // `handlers["save"]`, `steps[0]`: an element of a dict, list or tuple
                // literal a local is bound to, by a literal key or index.
                if let Some(element) = self.literal_element(expr, ctx) {
                    let found = self.eval(element, ctx)?;
                    return Some(Eval { inferred: true, ..found });
                }
                // `self.fields[0]` of a `list[Field]`, `by_name["x"]` of a
                // `dict[str, Field]`: what the annotation says its items are.
                let (ty, ty_owner) = self.declared_type(expr.field("value")?, ctx)?;
                let ctx = Ctx { owner: ty_owner, pos: 0, user: ctx.user };
                let value = self.item_of(ty, ctx)?;
                Some(Eval { value, inferred: true })
            }
            "boolean_operator" => {
                // `query or Query(model)`: the default when the operand is falsy. An
                // operand this file cannot type (often a parameter defaulting to
                // None) leaves the other one, as pyright's partly-unknown unions do.
                // `a and b` is `b` whenever it is not falsy `a`.
                let left = expr.field("left")?;
                let right = expr.field("right")?;
                let is_or = expr.field("operator").is_some_and(|op| op.kind_name() == "or");
                let b = self.eval(right, ctx);
                if !is_or {
                    return b.map(|b| Eval { inferred: true, ..b });
                }
                let a = if is_none_type(left, self.b.src) { None } else { self.eval(left, ctx) };
                let value = match (a, b) {
                    (Some(a), Some(b)) => union(vec![a.value, b.value])?,
                    (Some(only), None) | (None, Some(only)) => only.value,
                    (None, None) => return None,
                };
                Some(Eval { value, inferred: true })
            }
            "conditional_expression" => {
                // `a if cond else b`
                let (a, b) = (expr.named_child(0)?, expr.named_child(2)?);
                // `C() if ready else None`: a `C` wherever it is not None, as an
                // `Optional[C]` annotation says.
                let src = self.b.src;
                let (a, b) = match (is_none_type(a, src), is_none_type(b, src)) {
                    (true, false) => {
                        return self.eval(b, ctx).map(|e| Eval { inferred: true, ..e })
                    }
                    (false, true) => {
                        return self.eval(a, ctx).map(|e| Eval { inferred: true, ..e })
                    }
                    _ => (self.eval(a, ctx)?, self.eval(b, ctx)?),
                };
                Some(Eval { value: union(vec![a.value, b.value])?, inferred: true })
            }
            _ => None,
        }
    }

    /// A name seen from `ctx`: local variables in source order, then the scopes
    /// outwards (class scopes only when evaluating in the class body itself). A
    /// closure sees its parents' variables as they stand where it is defined, a
    /// function sees module variables as they stand at the end of the module. Then,
    /// in a module with star imports, the name as a member of this module (the store
    /// follows the star rows).
    pub(super) fn eval_name(&mut self, name: &str, ctx: Ctx) -> Option<Eval> {
        let mut scope = self.owners[ctx.owner].scope;
        let mut pos = ctx.pos;
        let mut first = true;
        loop {
            if first || self.scopes[scope].kind != ScopeKind::Class {
                let binding = self.scopes[scope].bindings.get(name).cloned();
                if let Some(owner) = self.scope_owner.get(&scope).copied() {
                    match self.local_value(owner, name, pos, ctx.user) {
                        Local::Value(found) => {
                            // `f = decorate(f)`: still about `f` when the wrapper is unknown.
                            if found.is_some() || !matches!(binding, Some(Binding::Node(_))) {
                                return found;
                            }
                        }
                        // Assigned in this body, but only further on.
                        Local::Later if binding.is_none() => return None,
                        Local::Later | Local::Outside => {}
                    }
                }
                if let Some(binding) = binding {
                    return Some(match binding {
                        Binding::Node(idx) => Eval { value: Value::Def(idx), inferred: false },
                        Binding::Import { key, name: full } => {
                            if let Some(user) = ctx.user {
                                self.b.use_import(user, &full);
                            }
                            Eval { value: Value::Key { key, shown: Some(full) }, inferred: false }
                        }
                    });
                }
            }
            first = false;
            let inner = self.scopes[scope].owner;
            let Some(parent) = self.scopes[scope].parent else { break };
            pos = if self.scopes[parent].kind == ScopeKind::Module {
                usize::MAX
            } else {
                self.b.nodes[inner].span.start_byte as usize
            };
            scope = parent;
        }
        if !self.star_imports.is_empty() && !is_builtin(name) {
            let key = format!("{}.{}", self.module_key, name);
            return Some(Eval {
                value: Value::Key { key, shown: Some(name.to_owned()) },
                inferred: false,
            });
        }
        None
    }

    /// Whether `name` is bound nowhere `ctx` sees: no variable of the body or of an
    /// enclosing function or the module, no definition or import of their scopes
    /// (class scopes only for the class body itself, as in [`Self::eval_name`]). A
    /// builtin's name then means the builtin.
    pub(super) fn is_unbound(&self, name: &str, ctx: Ctx) -> bool {
        let mut scope = self.owners[ctx.owner].scope;
        let mut first = true;
        loop {
            if first || self.scopes[scope].kind != ScopeKind::Class {
                if self.scopes[scope].bindings.contains_key(name) {
                    return false;
                }
                if let Some(&owner) = self.scope_owner.get(&scope) {
                    if self.owners[owner].vars.contains_key(name) {
                        return false;
                    }
                }
            }
            first = false;
            let Some(parent) = self.scopes[scope].parent else { return true };
            scope = parent;
        }
    }

    /// Local `name` of `owner`'s body at `pos`: its latest binding, merged with the
    /// earlier ones it may not have replaced (a binding in a conditional block seen
    /// from outside the block, or in an arm of an `if` chain), leaving out those of
    /// unknown value; unknown when none is known.
    pub(super) fn local_value(
        &mut self,
        owner: usize,
        name: &str,
        pos: usize,
        user: Option<NodeIdx>,
    ) -> Local {
        let Some(assigns) = self.owners[owner].vars.get(name) else { return Local::Outside };
        let applicable: Vec<Assign<'t>> =
            assigns.iter().filter(|a| a.applies_at(pos)).cloned().collect();
        if applicable.is_empty() {
            return Local::Later;
        }
        let mut values = Vec::new();
        let mut inferred = false;
        // The arms of exhaustive `if` chains seen binding the name: (chain start, bits).
        let mut arms: Vec<(usize, u32)> = Vec::new();
        for assign in applicable.iter().rev() {
            let arm = assign.branch.and_then(|b| b.arm.map(|arm| (b, arm)));
            if let Some((b, arm)) = arm {
                // From another arm of the chain `pos` is in: flow never goes between.
                if arm.chain.0 <= pos && pos < arm.chain.1 && !b.contains(pos) {
                    continue;
                }
            }
            // A binding this file cannot type leaves the others, as pyright's partly
            // unknown unions do (`x = f(); if c: x = C()` calls `C`'s methods);
            // unknown when the binding that holds is.
            if let Some(found) = self.eval_assign(assign, owner, user) {
                inferred |= found.inferred;
                values.push(found.value);
            }
            let definite = match (assign.branch, arm) {
                (None, _) => true,
                (Some(b), _) if b.contains(pos) => true,
                (Some(_), Some((_, arm))) => {
                    let slot = match arms.iter().position(|&(c, _)| c == arm.chain.0) {
                        Some(i) => i,
                        None => {
                            arms.push((arm.chain.0, 0));
                            arms.len() - 1
                        }
                    };
                    arms[slot].1 |= 1 << arm.index;
                    let reaches = arm.outer.is_none_or(|(s, e)| s <= pos && pos < e);
                    reaches && pos >= arm.chain.1 && arm.covered(arms[slot].1)
                }
                (Some(_), None) => false,
            };
            if definite {
                // In source order: the first alternative is the first bound.
                values.reverse();
                return Local::Value(union(values).map(|value| Eval { value, inferred }));
            }
        }
        // Only conditional bindings: the value from before them is not known.
        Local::Value(None)
    }

    /// The expression local `name` (an identifier) is bound to at `ctx`, when that
    /// is its only binding in force and not inside a conditional block
    /// (`super_new = super().__new__`, `table = {...}`).
    fn only_binding(&self, name: Node<'t>, ctx: Ctx) -> Option<Node<'t>> {
        let assigns = self.owners[ctx.owner].vars.get(self.b.text(name).as_ref())?;
        let mut applicable = assigns.iter().filter(|a| a.applies_at(ctx.pos));
        match (applicable.next(), applicable.next()) {
            (Some(Assign { how: Assigned::Expr { expr, .. }, branch: None, .. }), None) => {
                Some(*expr)
            }
            _ => None,
        }
    }

    /// Whether calling `function` is `X.__new__`: written so, or a local whose only
    /// binding at `ctx` is such an attribute (`super_new = super().__new__`).
    fn is_allocation(&self, function: Node<'t>, ctx: Ctx) -> bool {
        let is_new = |f: Node<'t>| {
            f.kind_name() == "attribute"
                && f.field("attribute").is_some_and(|a| self.b.text(a) == "__new__")
        };
        match function.kind_name() {
            "attribute" => is_new(function),
            "identifier" => self.only_binding(function, ctx).is_some_and(is_new),
            _ => false,
        }
    }

    /// For `name[k]` with `name` a local whose binding in force is a dict, list or
    /// tuple literal and `k` a string or integer literal: the element's expression.
    /// `None` for anything else (an element assigned since is not seen: the literal
    /// is taken as written).
    fn literal_element(&self, subscript: Node<'t>, ctx: Ctx) -> Option<Node<'t>> {
        let value = subscript.field("value")?;
        let index = subscript.field("subscript")?;
        if value.kind_name() != "identifier" {
            return None;
        }
        let literal = self.only_binding(value, ctx)?;
        let mut c = literal.walk();
        match (literal.kind_name(), index.kind_name()) {
            ("dictionary", "string") => {
                let wanted = string_content(self.b.text(index).as_ref())?;
                literal.named_children(&mut c).filter(|p| p.kind_name() == "pair").find_map(
                    |pair| {
                        let key = pair.field("key")?;
                        let same = key.kind_name() == "string"
                            && string_content(self.b.text(key).as_ref()) == Some(wanted.clone());
                        same.then(|| pair.field("value")).flatten()
                    },
                )
            }
            ("list" | "tuple", "integer" | "unary_operator") => {
                let elements: Vec<Node<'t>> = literal.named_children(&mut c).collect();
                if elements.iter().any(|e| e.kind_name() == "list_splat") {
                    return None;
                }
                let i: i64 = self.b.text(index).replace(' ', "").parse().ok()?;
                let i = if i < 0 { elements.len() as i64 + i } else { i };
                elements.get(usize::try_from(i).ok()?).copied()
            }
            _ => None,
        }
    }

    /// What the calls of function `def` in this file pass its `index`-th parameter
    /// (`self` counted), positionally or as `name=...`, and for a decorator's first
    /// parameter the definitions it decorates: the union of the values this file can
    /// type, inferred (a call from another file may pass anything else).
    /// Calls of a method through an instance (`obj.m(x)`, `self.m(x)`) pass `self`
    /// themselves. `None` when no call's argument can be typed, the name is called
    /// from more than [`MAX_PARAM_SITES`] places, or the value is being worked out
    /// (a recursive call).
    pub(super) fn param_from_calls(
        &mut self,
        def: NodeIdx,
        index: usize,
        name: &str,
    ) -> Option<Eval> {
        if let Some(known) = self.param_values.get(&(def, index)) {
            return known.clone();
        }
        self.param_values.insert((def, index), None);
        let called = self.b.nodes[def].name.to_string();
        let sites = self.calls_by_name.get(&called).cloned().unwrap_or_default();
        let mut values = Vec::new();
        // A decorator's first parameter: the definitions it decorates.
        if index == 0 {
            for &decorated in self.decorations.get(&def).into_iter().flatten() {
                values.push(Value::Def(decorated));
            }
        }
        if sites.len() <= MAX_PARAM_SITES {
            for (call, owner, pos) in sites {
                let ctx = Ctx { owner, pos, user: None };
                if let Some(found) = self.argument_for(call, def, index, name, ctx) {
                    values.push(found.value);
                }
            }
        }
        let found = union(values).map(|value| Eval { value, inferred: true });
        self.param_values.insert((def, index), found.clone());
        found
    }

    /// The value `call` passes parameter `index` (or `name`) of `def`, when `call`
    /// calls `def` and the argument can be typed.
    fn argument_for(
        &mut self,
        call: Node<'t>,
        def: NodeIdx,
        index: usize,
        name: &str,
        ctx: Ctx,
    ) -> Option<Eval> {
        let function = call.field("function")?;
        let callee = self.eval(function, ctx)?;
        if !matches!(callee.value, Value::Def(d) if d == def) {
            return None;
        }
        // A method looked up on an instance is bound: the instance is `self`.
        let bound = function.kind_name() == "attribute"
            && function
                .field("object")
                .and_then(|o| self.eval(o, ctx))
                .is_some_and(|o| matches!(o.value, Value::Instance(_) | Value::Super(_)));
        let position = if bound { index.checked_sub(1)? } else { index };
        let args = call.field("arguments")?;
        let mut c = args.walk();
        let mut positional = 0;
        let mut passed = None;
        for arg in args.named_children(&mut c) {
            match arg.kind_name() {
                "keyword_argument" => {
                    let key = arg.field("name")?;
                    if self.b.text(key) == name {
                        passed = arg.field("value");
                        break;
                    }
                }
                // Unpacked: which argument lands where is not known.
                "list_splat" | "dictionary_splat" => return None,
                "comment" => {}
                _ => {
                    if positional == position {
                        passed = Some(arg);
                        break;
                    }
                    positional += 1;
                }
            }
        }
        let passed = passed?;
        if is_none_type(passed, self.b.src) {
            return None;
        }
        self.eval(passed, ctx)
    }

    /// What `with manager as x` binds `x` to: what `manager.__enter__()` returns
    /// (the manager itself when `__enter__` returns `self`). `None` unless `manager`
    /// is an instance whose `__enter__` is known.
    fn entered(&mut self, manager: Eval) -> Option<Eval> {
        if !matches!(manager.value, Value::Instance(_)) {
            return None;
        }
        let enter = self.attribute(manager.clone(), "__enter__")?;
        if let Value::Def(m) = enter.value {
            if self.returns_self(m, &mut HashSet::new()) {
                return Some(manager);
            }
        }
        self.call_result(enter)
    }

    /// The value of one assignment, evaluated in the body of owner `owner`. Values
    /// that flow through a variable are inferred, but for `self` and `cls`.
    pub(super) fn eval_assign(
        &mut self,
        assign: &Assign<'t>,
        owner: usize,
        user: Option<NodeIdx>,
    ) -> Option<Eval> {
        match &assign.how {
            Assigned::Expr { expr, at } => {
                let found = self.eval(*expr, Ctx { owner, pos: *at, user })?;
                Some(Eval { inferred: true, ..found })
            }
            Assigned::Annotation(ty) => {
                let value = self.annotation(*ty, Ctx { owner, pos: assign.end, user })?;
                Some(Eval { value, inferred: true })
            }
            Assigned::Known(value) => Some(Eval { value: value.clone(), inferred: false }),
            Assigned::Element { expr, at } => {
                let ctx = Ctx { owner, pos: *at, user };
                let (ty, ty_owner) = self.declared_type(*expr, ctx)?;
                let value = self.element_of(ty, Ctx { owner: ty_owner, pos: 0, user })?;
                Some(Eval { value, inferred: true })
            }
            Assigned::MappingValue { mapping, at } => {
                let ctx = Ctx { owner, pos: *at, user };
                let (ty, ty_owner) = self.declared_type(*mapping, ctx)?;
                let value = self.mapping_value(ty, Ctx { owner: ty_owner, pos: 0, user })?;
                Some(Eval { value, inferred: true })
            }
            Assigned::Enter { expr, at } => {
                let ctx = Ctx { owner, pos: *at, user };
                let manager = self.eval(*expr, ctx)?;
                let value = match manager.value {
                    // `with a() if c else b() as x`, or a manager made in branches:
                    // each may be the one entered.
                    Value::Union(parts) => {
                        let entered: Option<Vec<Value>> = parts
                            .into_iter()
                            .map(|part| {
                                let manager = Eval { value: part, inferred: manager.inferred };
                                self.entered(manager).map(|e| e.value)
                            })
                            .collect();
                        union(entered?)?
                    }
                    _ => self.entered(manager)?.value,
                };
                Some(Eval { value, inferred: true })
            }
            Assigned::Default { expr, owner, at } => {
                let found = self.eval(*expr, Ctx { owner: *owner, pos: *at, user })?;
                Some(Eval { inferred: true, ..found })
            }
            Assigned::Fixture(name) => {
                let found = self.fixture_param(name)?;
                Some(Eval { inferred: true, ..found })
            }
            Assigned::CallSites { def, index, name } => self.param_from_calls(*def, *index, name),
            Assigned::Opaque => None,
        }
    }

    /// The annotation a name or `self.attr` was declared with, and the owner whose
    /// body declares it.
    pub(super) fn declared_type(&mut self, expr: Node<'t>, ctx: Ctx) -> Option<(Node<'t>, usize)> {
        match expr.kind_name() {
            "identifier" => {
                let name = self.b.text(expr).into_owned();
                let assigns = self.owners[ctx.owner].vars.get(&name)?;
                let latest = assigns.iter().rev().find(|a| a.applies_at(ctx.pos))?;
                match latest.how {
                    Assigned::Annotation(ty) => Some((ty, ctx.owner)),
                    _ => None,
                }
            }
            "attribute" => {
                let object = expr.field("object")?;
                let attr = self.b.text(expr.field("attribute")?).into_owned();
                let Eval { value: Value::Instance(Class::Def(class)), .. } =
                    self.eval(object, ctx)?
                else {
                    return None;
                };
                self.attributes.get(&class)?.iter().find_map(|(name, owner, a)| match a.how {
                    Assigned::Annotation(ty) if *name == attr => Some((ty, *owner)),
                    _ => None,
                })
            }
            "call" => {
                // `for f in self.get_fields()` with `-> list[Field]`: what the
                // callee's annotation says (evaluated where it is, `Self` its class).
                let Value::Def(def) = self.eval(expr.field("function")?, ctx)?.value else {
                    return None;
                };
                let (syntax, _) = *self.defs.get(&def)?;
                let ty = syntax.field("return_type")?;
                Some((ty, *self.body_owner.get(&def)?))
            }
            _ => None,
        }
    }

    /// What indexing a value of annotation `ty` gives: an element of a collection
    /// (`list[C]`, `Sequence[C]`), the value of a mapping (`dict[K, C]`,
    /// `Mapping[K, C]`).
    pub(super) fn item_of(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        self.mapping_value(ty, ctx).or_else(|| self.element_of(ty, ctx))
    }

    /// The value type of a mapping annotation (`dict[K, C]`, `Mapping[K, C]`).
    pub(super) fn mapping_value(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        let inner = if ty.kind_name() == "type" { ty.named_child(0)? } else { ty };
        if inner.kind_name() == "string" {
            return self.quoted_argument(inner, MAPPINGS, 1, ctx);
        }
        if inner.kind_name() != "generic_type" {
            return None;
        }
        let head = self.b.text(inner.named_child(0)?).into_owned();
        let bare = head.rsplit('.').next().unwrap_or(&head);
        if !MAPPINGS.contains(&bare) {
            return None;
        }
        let params = inner.named_child(1)?;
        let mut cursor = params.walk();
        let value = params.named_children(&mut cursor).nth(1)?;
        self.annotation(value, ctx)
    }

    /// A quoted annotation of a generic (`"dict[str, Field]"`, `"List[Field]"`):
    /// argument `index` when the head is one of `heads`, as [`Py::dotted_annotation`]
    /// reads it.
    fn quoted_argument(
        &mut self,
        ty: Node<'t>,
        heads: &[&str],
        index: usize,
        ctx: Ctx,
    ) -> Option<Value> {
        let text = string_literal(ty, self.b.src)?;
        let (head, args) = quoted_generic(&text)?;
        let bare = head.rsplit('.').next().unwrap_or(head);
        if !heads.contains(&bare) {
            return None;
        }
        self.dotted_annotation(args.get(index)?, ctx)
    }

    /// The element of a collection annotation (`list[C]`, `Iterable[C]`, ...).
    pub(super) fn element_of(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        let ty = if ty.kind_name() == "type" { ty.named_child(0)? } else { ty };
        if ty.kind_name() == "string" {
            return self.quoted_argument(ty, COLLECTIONS, 0, ctx);
        }
        let (head, first) = match ty.kind_name() {
            "generic_type" => {
                let params = ty.named_child(1)?;
                (ty.named_child(0)?, params.named_child(0)?)
            }
            "subscript" => (ty.field("value")?, ty.field("subscript")?),
            _ => return None,
        };
        let head = self.b.text(head).into_owned();
        let bare = head.rsplit('.').next().unwrap_or(&head);
        if !COLLECTIONS.contains(&bare) {
            return None;
        }
        self.annotation(first, ctx)
    }

    /// What an annotation says a value is: an instance of the class it names
    /// (through `Optional[C]`, `C | None`, `"C"`, `Self`), or the class itself for
    /// `type[C]`.
    pub(super) fn annotation(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        if !self.depth.enter(MAX_EVAL_DEPTH) {
            return None;
        }
        let out = self.annotation_inner(ty, ctx);
        self.depth.leave();
        out
    }

    pub(super) fn annotation_inner(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        match ty.kind_name() {
            "type" | "parenthesized_expression" => self.annotation(ty.named_child(0)?, ctx),
            "string" => {
                let text = string_literal(ty, self.b.src)?;
                self.dotted_annotation(&text, ctx)
            }
            "identifier" | "attribute" => {
                let text = self.b.text(ty).into_owned();
                if text == "Self" || text == "typing.Self" || text == "typing_extensions.Self" {
                    let class = self.enclosing_class(ctx.owner)?;
                    return Some(Value::Instance(Class::Def(class)));
                }
                let found = self.eval(ty, ctx)?;
                self.instance_of(found.value)
            }
            "binary_operator" | "union_type" => {
                // `C | None`: the one side that is not `None`.
                let mut sides = Vec::new();
                let mut c = ty.walk();
                for side in ty.named_children(&mut c) {
                    let text = self.b.text(side);
                    if text != "None" && side.kind_name() != "none" {
                        sides.push(side);
                    }
                }
                let mut values = Vec::new();
                for side in sides {
                    values.push(self.annotation(side, ctx)?);
                }
                union(values)
            }
            "generic_type" | "subscript" => {
                let (head, args): (Node<'t>, Vec<Node<'t>>) = if ty.kind_name() == "subscript" {
                    let head = ty.field("value")?;
                    let mut c = ty.walk();
                    let args = ty.children_by_field_name("subscript", &mut c).collect();
                    (head, args)
                } else {
                    let head = ty.named_child(0)?;
                    let params = ty.named_child(1)?;
                    let mut c = params.walk();
                    let args = params.named_children(&mut c).collect();
                    (head, args)
                };
                let head_text = self.b.text(head).into_owned();
                let bare = head_text.rsplit('.').next().unwrap_or(&head_text);
                match bare {
                    "Optional" | "Annotated" | "Final" | "ClassVar" => {
                        self.annotation(*args.first()?, ctx)
                    }
                    "Union" => {
                        let mut values = Vec::new();
                        for arg in args {
                            if !is_none_type(arg, self.b.src) {
                                values.push(self.annotation(arg, ctx)?);
                            }
                        }
                        union(values)
                    }
                    "type" | "Type" => match self.annotation(*args.first()?, ctx)? {
                        Value::Instance(Class::Def(idx)) => Some(Value::Def(idx)),
                        Value::Instance(Class::Key { key, shown }) => {
                            Some(Value::Key { key, shown })
                        }
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A string annotation (`"Node"`, `"models.Model"`) resolved from `ctx`.
    pub(super) fn dotted_annotation(&mut self, text: &str, ctx: Ctx) -> Option<Value> {
        let text = text.trim();
        let inner = text
            .strip_prefix("Optional[")
            .and_then(|t| t.strip_suffix(']'))
            .or_else(|| text.strip_suffix(" | None"))
            .or_else(|| text.strip_suffix("|None"))
            .unwrap_or(text)
            .trim();
        if inner == "Self" {
            let class = self.enclosing_class(ctx.owner)?;
            return Some(Value::Instance(Class::Def(class)));
        }
        let mut parts = inner.split('.');
        let head = parts.next()?;
        if !is_identifier(head) {
            return None;
        }
        let mut value = self.eval_name(head, ctx)?;
        for part in parts {
            if !is_identifier(part) {
                return None;
            }
            value = self.attribute(value, part)?;
        }
        self.instance_of(value.value)
    }

    /// An instance of what `value` names, when it names a class.
    pub(super) fn instance_of(&self, value: Value) -> Option<Value> {
        match value {
            Value::Def(idx) if self.b.nodes[idx].kind == NodeKind::Class => {
                Some(Value::Instance(Class::Def(idx)))
            }
            Value::Key { key, shown } => Some(Value::Instance(Class::Key { key, shown })),
            _ => None,
        }
    }

    /// The class whose method (or nested function of a method) `owner` is.
    pub(super) fn enclosing_class(&self, owner: usize) -> Option<NodeIdx> {
        let mut scope = Some(self.owners[owner].scope);
        while let Some(s) = scope {
            if self.scopes[s].kind == ScopeKind::Class {
                return Some(self.scopes[s].owner);
            }
            scope = self.scopes[s].parent;
        }
        None
    }

    /// `base.attr`.
    pub(super) fn attribute(&mut self, base: Eval, attr: &str) -> Option<Eval> {
        let inferred = base.inferred;
        match base.value {
            Value::Union(values) => {
                let mut found = Vec::new();
                for value in values {
                    if let Some(e) = self.attribute(Eval { value, inferred: true }, attr) {
                        found.push(e.value);
                    }
                }
                Some(Eval { value: union(found)?, inferred: true })
            }
            Value::Key { key, shown } => Some(Eval {
                value: Value::Key {
                    key: format!("{key}.{attr}"),
                    shown: shown.map(|s| format!("{s}.{attr}")),
                },
                inferred,
            }),
            Value::Def(idx) => {
                if self.b.nodes[idx].kind != NodeKind::Class {
                    return None;
                }
                let member = self.class_member(idx, attr, false)?;
                Some(self.member_value(member, inferred))
            }
            Value::Instance(Class::Def(idx)) => {
                let member = self.class_member(idx, attr, true)?;
                if let Member::Def(method, _) = member {
                    if self.is_property(method) {
                        return self.return_value(method);
                    }
                }
                Some(self.member_value(member, inferred))
            }
            Value::Instance(Class::Key { key, shown }) => Some(Eval {
                value: Value::Key {
                    key: format!("{key}.{attr}"),
                    shown: shown.map(|s| format!("{s}.{attr}")),
                },
                inferred: true,
            }),
            Value::Super(class) => {
                let member = self.mro_member(class, attr, true, false)?;
                Some(self.member_value(member, true))
            }
            // TypeScript's; Python never evaluates to one.
            Value::Generic { .. } | Value::Array(_) => None,
        }
    }

    pub(super) fn member_value(&self, member: Member, inferred: bool) -> Eval {
        match member {
            Member::Def(idx, through) => {
                Eval { value: Value::Def(idx), inferred: inferred || through }
            }
            Member::Key { key, shown } => {
                Eval { value: Value::Key { key, shown: Some(shown) }, inferred: true }
            }
            Member::Value(value) => Eval { inferred: true, ..value },
        }
    }

    /// A method read as an attribute: `@property`, `@cached_property`.
    pub(super) fn is_property(&self, idx: NodeIdx) -> bool {
        self.b.nodes[idx].kind == NodeKind::Method
            && self.b.nodes[idx].decorators.iter().any(|d| {
                let name = d.trim_start_matches('@');
                name == "property" || name.ends_with("cached_property")
            })
    }

    /// What calling `callee` returns.
    pub(super) fn call_result(&mut self, callee: Eval) -> Option<Eval> {
        let inferred = callee.inferred;
        match callee.value {
            Value::Def(idx) => match self.b.nodes[idx].kind {
                NodeKind::Class => Some(Eval { value: Value::Instance(Class::Def(idx)), inferred }),
                NodeKind::Function | NodeKind::Method => {
                    let returned = self.return_value(idx)?;
                    Some(Eval { value: returned.value, inferred: true })
                }
                _ => None,
            },
            Value::Key { key, shown } => {
                let class = if looks_like_class(&key) {
                    Class::Key { key, shown }
                } else if self.may_be_in_root(&key) {
                    // What the function returns, if its file says (`f.__return__`).
                    Class::Key { key: keys::returns(&key), shown: None }
                } else {
                    return None;
                };
                Some(Eval { value: Value::Instance(class), inferred: true })
            }
            Value::Union(values) => {
                let mut found = Vec::new();
                for value in values {
                    if let Some(e) = self.call_result(Eval { value, inferred: true }) {
                        found.push(e.value);
                    }
                }
                Some(Eval { value: union(found)?, inferred: true })
            }
            Value::Instance(_) | Value::Super(_) | Value::Generic { .. } | Value::Array(_) => None,
        }
    }

    /// Whether method `idx` returns its receiver or a copy of it on every `return`:
    /// `return self`, `return copy.copy(self)` (or `deepcopy`), a new instance of its
    /// class (`self.__class__(...)`, `type(self)(...)`), or a local bound
    /// once to such a value or to a call of such a method on `self` or `super()`
    /// (`c = super().copy(); ...; return c`). Unannotated only: an annotation says.
    pub(super) fn returns_self(&mut self, idx: NodeIdx, visiting: &mut HashSet<NodeIdx>) -> bool {
        if self.b.nodes[idx].kind != NodeKind::Method || !visiting.insert(idx) {
            return false;
        }
        let Some(&(syntax, _)) = self.defs.get(&idx) else { return false };
        if syntax.field("return_type").is_some() {
            return false;
        }
        let Some(&owner) = self.body_owner.get(&idx) else { return false };
        let Some(class) = self.owners[owner].class else { return false };
        let first = syntax
            .field("parameters")
            .and_then(|p| p.named_child(0))
            .filter(|p| p.kind_name() == "identifier");
        let Some(me) = first.map(|p| self.b.text(p).into_owned()) else { return false };
        let returns = self.owners[owner].returns.clone();
        if returns.is_empty() || self.owners[owner].generator {
            return false;
        }
        returns.into_iter().all(|ret| {
            let Some(value) = ret.named_child(0) else { return false };
            let value = if value.kind_name() == "identifier" && self.b.text(value) != me {
                // A local bound exactly once.
                let name = self.b.text(value).into_owned();
                match self.owners[owner].vars.get(&name).map(Vec::as_slice) {
                    Some([Assign { how: Assigned::Expr { expr, .. }, .. }]) => *expr,
                    _ => return false,
                }
            } else {
                value
            };
            self.is_self_copy(value, &me, class, visiting)
        })
    }

    /// `self`, `copy.copy(self)`, `copy.deepcopy(self)`, `self.__class__(...)`,
    /// `type(self)(...)`, or `self.m()` / `super().m()` where `m` returns its receiver
    /// (see [`Py::returns_self`]).
    fn is_self_copy(
        &mut self,
        expr: Node<'t>,
        me: &str,
        class: NodeIdx,
        visiting: &mut HashSet<NodeIdx>,
    ) -> bool {
        match expr.kind_name() {
            "identifier" => self.b.text(expr) == me,
            "call" => {
                let (Some(function), Some(args)) =
                    (expr.field("function"), expr.field("arguments"))
                else {
                    return false;
                };
                let text = self.b.text(function).into_owned();
                if text == format!("{me}.__class__") || text == format!("type({me})") {
                    // A new instance of the receiver's class.
                    return true;
                }
                if matches!(text.as_str(), "copy.copy" | "copy.deepcopy" | "copy" | "deepcopy") {
                    return args.named_child_count() == 1
                        && args.named_child(0).is_some_and(|a| self.b.text(a) == me);
                }
                let Some((receiver, method)) = text.rsplit_once('.') else { return false };
                if receiver != me && receiver != "super()" {
                    return false;
                }
                let member = if receiver == "super()" {
                    self.mro_member(class, method, true, false)
                } else {
                    self.class_member(class, method, false)
                };
                match member {
                    Some(Member::Def(m, _)) => self.returns_self(m, visiting),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// What function `idx` returns: its annotation, or else the one value all its
    /// `return` statements agree on.
    pub(super) fn return_value(&mut self, idx: NodeIdx) -> Option<Eval> {
        if let Some(known) = self.returns.get(&idx) {
            return known;
        }
        self.returns.start(idx);
        let found = self.compute_return(idx);
        self.returns.set(idx, found)
    }

    pub(super) fn compute_return(&mut self, idx: NodeIdx) -> Option<Eval> {
        let (syntax, scope) = *self.defs.get(&idx)?;
        if syntax.kind_name() == "lambda" {
            // A lambda returns its body.
            let owner = *self.body_owner.get(&idx)?;
            let body = syntax.field("body")?;
            let ctx = Ctx { owner, pos: body.start_byte(), user: None };
            let found = self.eval(body, ctx)?;
            return Some(Eval { inferred: true, ..found });
        }
        if syntax.kind_name() != "function_definition" {
            return None;
        }
        if let Some(ty) = syntax.field("return_type") {
            let owner = self.scope_owner.get(&scope).copied().unwrap_or(0);
            // Annotations are evaluated where the `def` is, but `Self` means the class.
            let inner = self.body_owner.get(&idx).copied().unwrap_or(owner);
            let ctx = Ctx { owner: inner, pos: 0, user: None };
            let value = self.annotation(ty, ctx)?;
            return Some(Eval { value, inferred: true });
        }
        let owner = *self.body_owner.get(&idx)?;
        let returns = self.owners[owner].returns.clone();
        let generator = self.owners[owner].generator;
        if generator || returns.is_empty() {
            return None;
        }
        let mut values = Vec::new();
        for ret in returns {
            let expr = ret.named_child(0)?;
            let ctx = Ctx { owner, pos: ret.start_byte(), user: None };
            let value = self.eval(expr, ctx)?.value;
            if matches!(value, Value::Super(_)) {
                return None;
            }
            values.push(value);
        }
        Some(Eval { value: union(values)?, inferred: true })
    }

    /// Member `attr` of class `class`: a method or nested class of the class, an
    /// attribute its instances get (with `instance`), else one found along the MRO.
    pub(super) fn class_member(
        &mut self,
        class: NodeIdx,
        attr: &str,
        instance: bool,
    ) -> Option<Member> {
        let qname = format!("{}.{attr}", self.b.nodes[class].qualified_name);
        if let Some(&found) = self.by_qname.get(&qname) {
            if found != class {
                return Some(Member::Def(found, false));
            }
        }
        if instance {
            if let Some(value) = self.attribute_value(class, attr) {
                return Some(Member::Value(value));
            }
        }
        self.mro_member(class, attr, false, instance)
    }

    /// Member `attr` found along the MRO of `class`, after the class itself. Bases of
    /// this file are searched here; at the first base known only by key, the search
    /// is left to the store: keyed on the class itself (whose exported base rows lead
    /// the store along the same MRO) or, for `super()` and classes without a key, on
    /// that base.
    pub(super) fn mro_member(
        &mut self,
        class: NodeIdx,
        attr: &str,
        is_super: bool,
        instance: bool,
    ) -> Option<Member> {
        for base in self.linearisation(class).into_iter().skip(1) {
            match base {
                Class::Def(b) => {
                    let qname = format!("{}.{attr}", self.b.nodes[b].qualified_name);
                    if let Some(&found) = self.by_qname.get(&qname) {
                        return Some(Member::Def(found, true));
                    }
                    if instance {
                        if let Some(value) = self.attribute_value(b, attr) {
                            return Some(Member::Value(value));
                        }
                    }
                }
                Class::Key { key, shown } => {
                    let shown = shown.unwrap_or_else(|| key[keys::PYTHON.len()..].to_owned());
                    let shown = format!("{shown}.{attr}");
                    let key = match self.keys.get(&class) {
                        Some(own) if !is_super => format!("{own}.{attr}"),
                        _ => format!("{key}.{attr}"),
                    };
                    return Some(Member::Key { key, shown });
                }
            }
        }
        None
    }

    /// The C3 linearisation of a class of this file over the bases this file knows:
    /// the class, then its bases' linearisations merged; bases known by key end a
    /// branch (the store knows the rest).
    pub(super) fn linearisation(&self, class: NodeIdx) -> Vec<Class> {
        let mut visiting = HashSet::new();
        self.linearise(class, &mut visiting)
    }

    pub(super) fn linearise(&self, class: NodeIdx, visiting: &mut HashSet<NodeIdx>) -> Vec<Class> {
        if visiting.len() > MAX_EVAL_DEPTH || !visiting.insert(class) {
            return vec![Class::Def(class)];
        }
        let bases = self.bases.get(&class).cloned().unwrap_or_default();
        let mut sequences: Vec<Vec<Class>> = Vec::new();
        for base in &bases {
            sequences.push(match base {
                Class::Def(b) => self.linearise(*b, visiting),
                key => vec![key.clone()],
            });
        }
        sequences.push(bases);
        visiting.remove(&class);
        let mut out = vec![Class::Def(class)];
        loop {
            sequences.retain(|s| !s.is_empty());
            if sequences.is_empty() {
                return out;
            }
            let head = sequences
                .iter()
                .map(|s| &s[0])
                .find(|c| !sequences.iter().any(|s| s[1..].contains(c)))
                .cloned();
            let Some(head) = head else {
                // No C3 order: depth-first for the rest.
                for seq in sequences {
                    for c in seq {
                        if !out.contains(&c) {
                            out.push(c);
                        }
                    }
                }
                return out;
            };
            for seq in &mut sequences {
                if seq[0] == head {
                    seq.remove(0);
                }
            }
            if !out.contains(&head) {
                out.push(head);
            }
        }
    }

    /// The value instances of `class` hold in attribute `attr`, when every assignment
    /// (`self.attr = ...` in its methods, `attr: T` or `attr = ...` in its body) that
    /// is not `None` agrees.
    pub(super) fn attribute_value(&mut self, class: NodeIdx, attr: &str) -> Option<Eval> {
        let memo = (class, attr.to_owned());
        if let Some(known) = self.attribute_values.get(&memo) {
            return known;
        }
        let assigns: Vec<(usize, Assign<'t>)> = self
            .attributes
            .get(&class)?
            .iter()
            .filter(|(name, _, _)| name == attr)
            .map(|(_, owner, a)| (*owner, a.clone()))
            .collect();
        if assigns.is_empty() {
            return None;
        }
        self.attribute_values.start(memo.clone());
        let mut values = Vec::new();
        let mut unknown = false;
        for (owner, assign) in assigns {
            if let Assigned::Expr { expr, .. } = &assign.how {
                if expr.kind_name() == "none" {
                    continue;
                }
            }
            match self.eval_assign(&assign, owner, None) {
                Some(Eval { value, .. }) => values.push(value),
                // `self._query = value` in a setter: a parameter nothing types leaves
                // the other assignments' classes, as pyright's partly-unknown
                // declared types do.
                None if self.is_untyped_parameter(&assign, owner) => {}
                None => unknown = true,
            }
        }
        let found =
            if unknown { None } else { union(values).map(|value| Eval { value, inferred: true }) };
        self.attribute_values.set(memo, found)
    }
}

impl<'t> Py<'_, 't> {
    /// Whether `assign` is `x = p` with `p` a parameter of owner `owner`'s function
    /// (that nothing types, or the assignment would have evaluated).
    fn is_untyped_parameter(&self, assign: &Assign<'t>, owner: usize) -> bool {
        let Assigned::Expr { expr, .. } = &assign.how else { return false };
        if expr.kind_name() != "identifier" {
            return false;
        }
        let name = self.b.text(*expr);
        let Some(&(def, _)) = self.defs.get(&self.owners[owner].idx) else { return false };
        let Some(params) = def.field("parameters") else { return false };
        let mut cursor = params.walk();
        let found = params.named_children(&mut cursor).any(|param| {
            let named = match param.kind_name() {
                "identifier" => Some(param),
                "default_parameter" | "typed_default_parameter" => param.field("name"),
                "typed_parameter" => param.named_child(0),
                _ => None,
            };
            named.is_some_and(|n| n.kind_name() == "identifier" && self.b.text(n) == name)
        });
        found
    }
}

/// The class of an instance, as a value.
pub(super) fn class_of(instance: Eval) -> Option<Eval> {
    let value = match instance.value {
        Value::Instance(Class::Def(idx)) => Value::Def(idx),
        Value::Instance(Class::Key { key, shown }) => Value::Key { key, shown },
        _ => return None,
    };
    Some(Eval { value, inferred: true })
}

pub(super) fn is_none_type(node: Node<'_>, src: &[u8]) -> bool {
    let text = walk::text(node, src);
    text == "None" || text == "type(None)"
}

/// The collections whose argument is their element's annotation.
const COLLECTIONS: &[&str] = &[
    "list",
    "List",
    "set",
    "Set",
    "frozenset",
    "FrozenSet",
    "Iterable",
    "Iterator",
    "Sequence",
    "MutableSequence",
    "Collection",
    "AbstractSet",
    "MutableSet",
    "deque",
    "Deque",
    "Generator",
    "AsyncIterator",
    "AsyncIterable",
];

/// The mappings whose second argument is their values' annotation.
const MAPPINGS: &[&str] =
    &["dict", "Dict", "Mapping", "MutableMapping", "OrderedDict", "defaultdict"];

/// `head[a, b]` of a quoted annotation: the head and the top-level arguments.
fn quoted_generic(text: &str) -> Option<(&str, Vec<&str>)> {
    let text = text.trim();
    let open = text.find('[')?;
    let inner = text[open + 1..].strip_suffix(']')?;
    let mut args = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.checked_sub(1)?,
            ',' if depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    Some((text[..open].trim(), args))
}

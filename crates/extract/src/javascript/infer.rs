//! JavaScript/TypeScript receiver and value typing: the abstract evaluation of
//! callee and receiver expressions, type annotations, fields, and return values.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Js<'s, 't> {
    /// Evaluates a callee or receiver expression seen from `scope` (with `this` the
    /// class or object literal `this` refers to), for the node `user`: names through
    /// scopes and imports, members through classes, objects, namespaces and modules,
    /// and the types of receivers from what the file states: `new C()`, declared
    /// types of locals, parameters and fields, initial values, `this`, return types
    /// (declared, or what every `return` agrees on). `None` when the file does not say.
    pub(super) fn eval(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        if !self.depth.enter(MAX_EVAL_DEPTH) {
            return None;
        }
        let out = self.eval_inner(expr, scope, this, user);
        self.depth.leave();
        out
    }

    pub(super) fn eval_inner(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        let exact = |value| Some(Eval { value, inferred: false });
        match expr.kind_name() {
            "identifier" | "type_identifier" | "shorthand_property_identifier" => {
                let name = self.b.text(expr).into_owned();
                if let Some(narrowed) = self.narrowed(&name, expr.start_byte(), this, user) {
                    return Some(narrowed);
                }
                self.eval_name(&name, scope, this, user)
            }
            "this" => {
                let this = this?;
                if self.b.nodes[this].kind == NodeKind::Class {
                    exact(Value::Instance(Class::Def(this)))
                } else {
                    exact(Value::Def(this))
                }
            }
            "member_expression" | "nested_identifier" | "nested_type_identifier" => {
                let (base, name) = self.member_parts(expr, scope, this, user)?;
                self.member_of(base, &name, this)
            }
            "call_expression" => {
                let f = expr.field("function")?;
                if matches!(f.kind_name(), "member_expression") {
                    let (base, name) = self.member_parts(f, scope, this, user)?;
                    if let Some(Eval { value: Value::Array(element), .. }) = &base {
                        // `items.pop()`, `items.filter(...)`.
                        let element = (**element).clone();
                        return array_method(element, &name);
                    }
                    let value = base.as_ref().map(|b| b.value.clone());
                    let callee = self.member_of(base, &name, this)?;
                    // `box.get()` on a `Box<Apple>`: `get(): T` returns an Apple.
                    if let (Some(Value::Generic { class, args }), Value::Def(m)) =
                        (value, &callee.value)
                    {
                        if let Some(found) = self.generic_return(class, args, *m) {
                            return Some(found);
                        }
                    }
                    return self.call_result(callee);
                }
                let callee = self.eval(f, scope, this, user)?;
                self.call_result(callee)
            }
            "new_expression" => {
                let c = expr.field("constructor")?;
                let class = self.eval(c, scope, this, user)?;
                let value = match class.value {
                    // `new Box<Apple>()`: the arguments it states.
                    Value::Def(idx) if self.type_params.contains_key(&idx) => {
                        match expr.field("type_arguments") {
                            Some(args) => self.generic(idx, args, scope, this, user),
                            None => Value::Instance(Class::Def(idx)),
                        }
                    }
                    // A class, or a constructor function with prototype methods.
                    Value::Def(idx)
                        if matches!(
                            self.b.nodes[idx].kind,
                            NodeKind::Class | NodeKind::Function
                        ) =>
                    {
                        Value::Instance(Class::Def(idx))
                    }
                    Value::Key { key, shown } => Value::Instance(Class::Key { key, shown }),
                    _ => return None,
                };
                Some(Eval { value, inferred: class.inferred })
            }
            "as_expression" | "satisfies_expression" => {
                // `x as T`: what the code says it is.
                let ty = expr.named_child(1)?;
                let value = self.type_value(ty, scope, this, user)?;
                Some(Eval { value, inferred: true })
            }
            "parenthesized_expression" | "non_null_expression" | "await_expression" => {
                self.eval(expr.named_child(0)?, scope, this, user)
            }
            "generic_type" => self.eval(expr.field("name")?, scope, this, user),
            "ternary_expression" | "binary_expression" => {
                // `c ? a : b`, `a || b`, `a ?? b`: either, as far as the file tells (an
                // alternative it cannot type does not hide the other, as in Python's
                // unions); `a && b` is b when it is an object.
                let fields: &[&'static str] = if expr.kind_name() == "ternary_expression" {
                    &["consequence", "alternative"]
                } else {
                    match expr.field("operator")?.kind_name() {
                        "||" | "??" => &["left", "right"],
                        "&&" => &["right"],
                        _ => return None,
                    }
                };
                let mut values = Vec::new();
                for &field in fields {
                    if let Some(found) = self.eval(expr.field(field)?, scope, this, user) {
                        values.push(found.value);
                    }
                }
                Some(Eval { value: union(values)?, inferred: true })
            }
            "subscript_expression" => {
                // `items[i]` of an array; a string key of an object says nothing.
                let index = expr.field("index")?;
                if matches!(index.kind_name(), "string" | "template_string") {
                    return None;
                }
                let found = self.eval(expr.field("object")?, scope, this, user)?;
                Some(Eval { value: element_of(found.value)?, inferred: true })
            }
            "array" => {
                // `[new A(), ...rest]`: what every element is.
                let mut cursor = expr.walk();
                let items: Vec<Node<'t>> = expr
                    .named_children(&mut cursor)
                    .filter(|n| n.kind_name() != "comment")
                    .collect();
                if items.len() > MAX_EVALUATED_ITEMS {
                    // A table of data: evaluating it at each use would cost its size.
                    return None;
                }
                let mut values = Vec::new();
                for item in items {
                    let value = if item.kind_name() == "spread_element" {
                        element_of(self.eval(item.named_child(0)?, scope, this, user)?.value)?
                    } else {
                        self.eval(item, scope, this, user)?.value
                    };
                    values.push(value);
                }
                Some(Eval { value: Value::Array(Box::new(union(values)?)), inferred: true })
            }
            _ => None,
        }
    }

    /// The parts of a member expression `object.property` (or a
    /// `nested_type_identifier` `module.name`): the object's value (`None` for
    /// `super`) and the member's name.
    pub(super) fn member_parts(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<(Option<Eval>, String)> {
        let (object, property) = if expr.kind_name() == "nested_type_identifier" {
            (expr.field("module")?, expr.field("name")?)
        } else {
            (expr.field("object")?, expr.field("property")?)
        };
        let name = self.b.text(property).into_owned();
        if object.kind_name() == "super" {
            return Some((None, name));
        }
        Some((Some(self.eval(object, scope, this, user)?), name))
    }

    /// Member `name` of `base` (`None`: of `super` in the class `this`).
    pub(super) fn member_of(
        &mut self,
        base: Option<Eval>,
        name: &str,
        this: Option<NodeIdx>,
    ) -> Option<Eval> {
        match base {
            Some(base) => self.attribute(base, name),
            None => self.member_of_bases(this?, name),
        }
    }

    /// The instance of generic `class` whose arguments `args` (a `type_arguments`
    /// node) states.
    pub(super) fn generic(
        &mut self,
        class: NodeIdx,
        args: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Value {
        let mut cursor = args.walk();
        let args: Vec<Node<'t>> = args.named_children(&mut cursor).collect();
        let args = args
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                (i < MAX_EVALUATED_ITEMS).then(|| self.type_value(a, scope, this, user))?
            })
            .collect();
        Value::Generic { class, args }
    }

    /// Runs `f` with the type arguments `args` of generic `class` in force: its type
    /// parameters then stand for them in the class's own declarations.
    fn with_type_args<R>(
        &mut self,
        class: NodeIdx,
        args: Vec<Option<Value>>,
        f: impl FnOnce(&mut Self) -> R,
    ) -> R {
        let outer = self.type_args.replace((class, args));
        let out = f(self);
        self.type_args = outer;
        out
    }

    /// What method `m` returns on a receiver of generic `class` with `args`: its
    /// declared return type with the arguments in force (`get(): T` on a
    /// `Box<Apple>` is an Apple). `None` for a method of another class (a base's
    /// parameters are not mapped) or without a declared type.
    pub(super) fn generic_return(
        &mut self,
        class: NodeIdx,
        args: Vec<Option<Value>>,
        m: NodeIdx,
    ) -> Option<Eval> {
        if self.this_of(m) != Some(class) {
            return None;
        }
        let (func, scope) = *self.functions.get(&m)?;
        let ty = func.field("return_type")?;
        let value =
            self.with_type_args(class, args, |s| s.type_value(ty, scope, Some(class), m))?;
        Some(Eval { value, inferred: true })
    }

    /// What an untyped parameter of a function passed as an argument is, seen from
    /// `scope` (where the call is): the type the callee's declaration gives that
    /// parameter of that argument's function type, for a callee of this file; for
    /// one known by key, an instance of `K.__argI__.__argJ__`, which the defining
    /// file exports as an alias of the class (see `export_resolution_symbols`).
    pub(super) fn callback_param(
        &mut self,
        c: Callback<'t>,
        scope: usize,
        user: NodeIdx,
    ) -> Option<Eval> {
        let mut callee = if c.callee.kind_name() == "member_expression" {
            let (base, name) = self.member_parts(c.callee, scope, c.this, user)?;
            if let Some(Eval { value: Value::Array(element), .. }) = base {
                // `items.forEach((item) => ...)`, `items.reduce((sum, item) => ...)`.
                let param = match &*name {
                    "reduce" | "reduceRight" => c.param.checked_sub(1)?,
                    _ => c.param,
                };
                return (param == 0 && ELEMENT_CALLBACKS.contains(&&*name))
                    .then_some(Eval { value: *element, inferred: true });
            }
            self.member_of(base, &name, c.this)?
        } else {
            self.eval(c.callee, scope, c.this, user)?
        };
        // `new C(fn)`: C's constructor declares it.
        callee.value = match callee.value {
            Value::Def(class) if self.b.nodes[class].kind == NodeKind::Class => {
                let qname = format!("{}.constructor", self.b.nodes[class].qualified_name);
                Value::Def(*self.by_qname.get(&qname)?)
            }
            Value::Key { key, shown } if c.new => {
                Value::Key { key: format!("{key}.constructor"), shown }
            }
            value => value,
        };
        match callee.value {
            Value::Def(f) if self.b.nodes[f].kind.is_callable() => {
                let (func, fscope) = *self.functions.get(&f)?;
                let ty = callback_param_type(func, c.arg, c.param)?;
                let this = self.this_of(f);
                let value = self.type_value(ty, fscope, this, f)?;
                Some(Eval { value, inferred: true })
            }
            Value::Key { key, .. } if !key.starts_with(keys::JS_PACKAGE) => {
                let key = keys::argument(&keys::argument(&key, c.arg), c.param);
                Some(Eval {
                    value: Value::Instance(Class::Key { key, shown: None }),
                    inferred: true,
                })
            }
            _ => None,
        }
    }

    /// What type parameter `name` of the class `this` (if it is one) stands for: the
    /// argument in force, else its constraint or default. `None` when `name` is not
    /// one of its type parameters; `Some(None)` when it is but nothing says more.
    fn type_param(
        &mut self,
        name: &str,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Option<Value>> {
        let class = this?;
        let params = self.type_params.get(&class)?;
        let i = params.iter().position(|p| self.b.text(p.name) == name)?;
        let param = params[i];
        if let Some((c, args)) = &self.type_args {
            if *c == class {
                if let Some(Some(arg)) = args.get(i) {
                    return Some(Some(arg.clone()));
                }
            }
        }
        // The constraint is read outside the class: its own parameters are not the
        // receiver's.
        let outer = self.type_args.take();
        let bound = param.constraint.and_then(|c| self.type_value(c, param.scope, None, user));
        self.type_args = outer;
        Some(bound)
    }

    /// What the innermost condition guarding byte `at` says local `name` is
    /// (`if (x instanceof C)`: an instance of C), if one does and says something.
    fn narrowed(
        &mut self,
        name: &str,
        at: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        // Recorded in source order, and the guarded ranges of one name nest or are
        // disjoint: the innermost holding at `at` is the last starting before it that
        // ends after it. The look back is bounded, so that a file of many guards
        // costs linear time (past the bound, nothing is narrowed).
        let list = self.narrowings.get(name)?;
        let before = list.partition_point(|n| n.start <= at);
        let narrowing = list[..before]
            .iter()
            .rev()
            .take(MAX_NARROWING_LOOK_BACK)
            .find(|n| at < n.end)
            .copied()?;
        let value = match narrowing.by {
            NarrowedBy::InstanceOf(class) => {
                instance_of(self.eval(class, narrowing.scope, this, user)?.value, &self.b.nodes)?
            }
            NarrowedBy::Guard(callee) => {
                let Value::Def(f) = self.eval(callee, narrowing.scope, this, user)?.value else {
                    return None;
                };
                let (func, fscope) = *self.functions.get(&f)?;
                // `(v: unknown): v is C`
                let predicate = func.field("return_type")?.named_child(0)?;
                if predicate.kind_name() != "type_predicate" {
                    return None;
                }
                let ty = predicate.field("type")?;
                let guard_this = self.this_of(f);
                self.type_value(ty, fscope, guard_this, f)?
            }
        };
        Some(Eval { value, inferred: true })
    }

    /// A name seen from `scope`: a definition, an import, or a local with a known
    /// type or value (evaluated with `this`, the `this` where the name is used: a
    /// local's initial value is the same function's).
    pub(super) fn eval_name(
        &mut self,
        name: &str,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        let mut current = Some(scope);
        while let Some(s) = current {
            let declared = self.locals.get(&(s, name.to_owned())).copied();
            match self.scopes[s].bindings.get(name).cloned() {
                Some(Binding::Node(idx)) => {
                    // An upper-case constant holding a value: the value.
                    if self.b.nodes[idx].kind == NodeKind::Constant {
                        if let Some(d) = declared {
                            if let Some(e) = self.eval_declared(d, this, user) {
                                return Some(e);
                            }
                        }
                    }
                    return Some(Eval { value: Value::Def(idx), inferred: false });
                }
                Some(Binding::Import { key, name: imported, whole }) => {
                    self.b.use_import(user, &imported);
                    // A package's default import is the package (CommonJS interop).
                    let key = match key.strip_suffix(".default") {
                        Some(pkg) if pkg.starts_with(keys::JS_PACKAGE) && !whole => pkg.to_owned(),
                        _ => key,
                    };
                    let shown = Some(shown(&key));
                    return Some(Eval { value: Value::Key { key, shown }, inferred: false });
                }
                Some(Binding::Local) => {
                    let d = declared?;
                    return self.eval_declared(d, this, user);
                }
                None => {
                    if let Some(d) = declared {
                        return self.eval_declared(d, this, user);
                    }
                }
            }
            current = self.scopes[s].parent;
        }
        None
    }

    /// The value of a declaration: its declared type, else its initial value.
    pub(super) fn eval_declared(
        &mut self,
        d: Declared<'t>,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        if let Some(ty) = d.ty {
            let value = self.type_value(ty, d.scope, this, user)?;
            return Some(Eval { value, inferred: true });
        }
        match d.origin {
            Some(Origin::Callback(callback)) => {
                return self.callback_param(callback, d.scope, user)
            }
            Some(Origin::Element) => {
                let found = self.eval(d.value?, d.scope, this, user)?;
                return Some(Eval { value: element_of(found.value)?, inferred: true });
            }
            Some(Origin::Member(member)) => {
                let base = self.eval(d.value?, d.scope, this, user)?;
                let name = match member.kind_name() {
                    "string" => unquote(&self.b.text(member)),
                    _ => self.b.text(member).into_owned(),
                };
                let found = self.attribute(base, &name)?;
                return Some(Eval { inferred: true, ..found });
            }
            None => {}
        }
        let found = self.eval(d.value?, d.scope, this, user)?;
        Some(Eval { inferred: true, ..found })
    }

    /// What a type annotation says a value is: an instance of the class or interface
    /// it names (through `T | null`, `Promise<T>`, `Readonly<T>`), `this` for the
    /// current class.
    pub(super) fn type_value(
        &mut self,
        ty: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Value> {
        if !self.depth.enter(MAX_EVAL_DEPTH) {
            return None;
        }
        let out = self.type_value_inner(ty, scope, this, user);
        self.depth.leave();
        out
    }

    pub(super) fn type_value_inner(
        &mut self,
        ty: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Value> {
        match ty.kind_name() {
            "type_annotation" | "parenthesized_type" | "readonly_type" => {
                let inner = ty.named_children(&mut ty.walk()).last()?;
                self.type_value(inner, scope, this, user)
            }
            "this_type" => Some(Value::Instance(Class::Def(this?))),
            "array_type" => {
                let element = self.type_value(ty.named_child(0)?, scope, this, user)?;
                Some(Value::Array(Box::new(element)))
            }
            "type_identifier" | "identifier" | "nested_type_identifier" => {
                if ty.kind_name() == "type_identifier" {
                    let name = self.b.text(ty).into_owned();
                    if let Some(bound) = self.type_param(&name, this, user) {
                        return bound;
                    }
                }
                let found = self.eval(ty, scope, None, user)?;
                instance_of(found.value, &self.b.nodes)
            }
            "generic_type" => {
                let name = ty.field("name")?;
                let text = self.b.text(name).into_owned();
                let args = ty.field("type_arguments");
                if matches!(&*text, "Promise" | "PromiseLike" | "Readonly" | "Awaited") {
                    let first = args?.named_child(0)?;
                    return self.type_value(first, scope, this, user);
                }
                if ITERABLES.contains(&&*text) {
                    let first = args?.named_child(0)?;
                    let element = self.type_value(first, scope, this, user)?;
                    return Some(Value::Array(Box::new(element)));
                }
                let found = self.eval(name, scope, None, user)?;
                match (found.value, args) {
                    (Value::Def(class), Some(args)) if self.type_params.contains_key(&class) => {
                        Some(self.generic(class, args, scope, this, user))
                    }
                    (value, _) => instance_of(value, &self.b.nodes),
                }
            }
            "union_type" => {
                // `T | null | undefined`: the one real member.
                let mut real = Vec::new();
                let mut cursor = ty.walk();
                for member in ty.named_children(&mut cursor) {
                    let text = self.b.text(member);
                    if !matches!(&*text, "null" | "undefined" | "void") {
                        real.push(member);
                    }
                }
                let mut values = Vec::new();
                for member in real {
                    values.push(self.type_value(member, scope, this, user)?);
                }
                union(values)
            }
            _ => None,
        }
    }

    /// `base.name`.
    pub(super) fn attribute(&mut self, base: Eval, name: &str) -> Option<Eval> {
        let inferred = base.inferred;
        match base.value {
            Value::Union(values) => {
                let mut found = Vec::new();
                for value in values {
                    if let Some(e) = self.attribute(Eval { value, inferred: true }, name) {
                        found.push(e.value);
                    }
                }
                Some(Eval { value: union(found)?, inferred: true })
            }
            Value::Key { key, shown } => Some(Eval {
                value: Value::Key {
                    key: format!("{key}.{name}"),
                    shown: shown.map(|s| format!("{s}.{name}")),
                },
                inferred,
            }),
            Value::Def(idx) => {
                let qname = format!("{}.{name}", self.b.nodes[idx].qualified_name);
                if let Some(&found) = self.by_qname.get(&qname) {
                    return Some(Eval { value: Value::Def(found), inferred });
                }
                if self.b.nodes[idx].kind == NodeKind::Class {
                    // A static member inherited from a base.
                    return self.member_of_bases(idx, name);
                }
                None
            }
            Value::Instance(Class::Def(class)) => {
                let qname = format!("{}.{name}", self.b.nodes[class].qualified_name);
                if let Some(&found) = self.by_qname.get(&qname) {
                    if self.getters.contains(&found) {
                        // `get db(): Db`: reading it gives its value.
                        return self.return_value(found);
                    }
                    return Some(Eval { value: Value::Def(found), inferred });
                }
                if let Some(field) = self.field_value(class, name) {
                    return Some(field);
                }
                self.member_of_bases(class, name)
            }
            Value::Generic { class, args } => {
                // A field or getter typed by a parameter (`item: T`) is of its argument.
                let qname = format!("{}.{name}", self.b.nodes[class].qualified_name);
                if let Some(&found) = self.by_qname.get(&qname) {
                    if self.getters.contains(&found) {
                        if let Some(value) = self.generic_return(class, args, found) {
                            return Some(value);
                        }
                    }
                } else if let Some(field) =
                    self.with_type_args(class, args, |s| s.field_value(class, name))
                {
                    return Some(field);
                }
                let instance = Eval { value: Value::Instance(Class::Def(class)), inferred };
                self.attribute(instance, name)
            }
            Value::Instance(Class::Key { key, shown }) => Some(Eval {
                value: Value::Key {
                    key: format!("{key}.{name}"),
                    shown: shown.map(|s| format!("{s}.{name}")),
                },
                inferred: true,
            }),
            // Python's; JavaScript never evaluates to one. An array's members are
            // the library's (`items.length`).
            Value::Super(_) | Value::Array(_) => None,
        }
    }

    /// Member `name` found through the `extends` chain of `class` (not the class
    /// itself): a definition of this file, or, at the first base known by key, the
    /// key (the store follows that base's own bases).
    pub(super) fn member_of_bases(&mut self, class: NodeIdx, name: &str) -> Option<Eval> {
        let mut current = class;
        for _ in 0..32 {
            match self.bases.get(&current).cloned() {
                Some(Target::Node { id, .. }) => {
                    let base = *self.by_qname.get(model::split_node_id(&id).1)?;
                    if base == current {
                        return None;
                    }
                    let qname = format!("{}.{name}", self.b.nodes[base].qualified_name);
                    if let Some(&found) = self.by_qname.get(&qname) {
                        return Some(Eval { value: Value::Def(found), inferred: true });
                    }
                    if let Some(field) = self.field_value(base, name) {
                        return Some(field);
                    }
                    current = base;
                }
                Some(Target::Key { key, name: shown_base, .. }) => {
                    return Some(Eval {
                        value: Value::Key {
                            key: format!("{key}.{name}"),
                            shown: Some(format!("{shown_base}.{name}")),
                        },
                        inferred: true,
                    });
                }
                _ => return None,
            }
        }
        None
    }

    /// The value a field of `class` holds: its declared type when it has one (what
    /// is assigned to it must fit), else what its assignments agree on.
    pub(super) fn field_value(&mut self, class: NodeIdx, name: &str) -> Option<Eval> {
        let mut declared: Vec<Declared<'t>> =
            self.fields.get(&class)?.iter().filter(|(n, _)| n == name).map(|(_, d)| *d).collect();
        if declared.iter().any(|d| d.ty.is_some()) {
            declared.retain(|d| d.ty.is_some());
        }
        let mut agreed: Option<Value> = None;
        for d in declared {
            if d.value.is_some_and(|v| matches!(v.kind_name(), "null" | "undefined"))
                && d.ty.is_none()
            {
                continue;
            }
            let value = self.eval_declared(d, Some(class), class)?.value;
            match &agreed {
                None => agreed = Some(value),
                Some(v) if *v == value => {}
                Some(_) => return None,
            }
        }
        Some(Eval { value: agreed?, inferred: true })
    }

    /// What calling `callee` returns.
    pub(super) fn call_result(&mut self, callee: Eval) -> Option<Eval> {
        match callee.value {
            Value::Union(values) => {
                let mut found = Vec::new();
                for value in values {
                    if let Some(e) = self.call_result(Eval { value, inferred: true }) {
                        found.push(e.value);
                    }
                }
                Some(Eval { value: union(found)?, inferred: true })
            }
            Value::Def(idx) if self.b.nodes[idx].kind.is_callable() => {
                let returned = self.return_value(idx)?;
                Some(Eval { inferred: true, ..returned })
            }
            Value::Key { key, .. } if !key.starts_with(keys::JS_PACKAGE) => {
                // What the function returns, if its file says (`f.__return__`).
                let class = Class::Key { key: keys::returns(&key), shown: None };
                Some(Eval { value: Value::Instance(class), inferred: true })
            }
            _ => None,
        }
    }

    /// What function `idx` returns: its declared return type, or else the one value
    /// all its `return` statements agree on.
    pub(super) fn return_value(&mut self, idx: NodeIdx) -> Option<Eval> {
        if let Some(known) = self.return_values.get(&idx) {
            return known;
        }
        self.return_values.start(idx);
        let found = self.compute_return(idx);
        self.return_values.set(idx, found)
    }

    pub(super) fn compute_return(&mut self, idx: NodeIdx) -> Option<Eval> {
        let (func, scope) = *self.functions.get(&idx)?;
        let this = self.this_of(idx);
        if let Some(ty) = func.field("return_type") {
            let ty = self.bound_of(func, ty);
            // A declared class; a function type (`() => number`) says less than the body.
            if let Some(value) = self.type_value(ty, scope, this, idx) {
                return Some(Eval { value, inferred: true });
            }
        }
        // An arrow function with an expression body returns it.
        let body = func.field("body")?;
        let returns: Vec<(Node<'t>, usize)> = if body.kind_name() == "statement_block" {
            self.returns.get(&idx).cloned().unwrap_or_default()
        } else {
            vec![(body, scope)]
        };
        let mut agreed: Option<Value> = None;
        for (expr, scope) in returns {
            let value = self.eval(expr, scope, this, idx)?.value;
            match &agreed {
                None => agreed = Some(value),
                Some(v) if *v == value => {}
                Some(_) => return None,
            }
        }
        Some(Eval { value: agreed?, inferred: true })
    }

    /// The type annotation `ty` of a parameter or the return of generic function
    /// `func`, with a type parameter of the function replaced by its constraint or
    /// default (`<T extends Shape>(a: T)`: `a` is a Shape). One with neither is left
    /// as written: it names nothing, so nothing is inferred from it.
    pub(super) fn bound_of(&self, func: Node<'t>, ty: Node<'t>) -> Node<'t> {
        let Some(list) = func.field("type_parameters") else { return ty };
        let named = if ty.kind_name() == "type_annotation" { ty.named_child(0) } else { Some(ty) };
        let Some(named) = named.filter(|n| n.kind_name() == "type_identifier") else { return ty };
        let name = self.b.text(named);
        let mut cursor = list.walk();
        let found = list.named_children(&mut cursor).find(|p| {
            p.kind_name() == "type_parameter"
                && p.field("name").is_some_and(|n| self.b.text(n) == name)
        });
        found
            .and_then(|p| p.field("constraint").or(p.field("value")))
            .and_then(|c| c.named_child(0))
            .unwrap_or(ty)
    }

    /// What `this` is inside definition `idx` (the class or object it belongs to).
    pub(super) fn this_of(&self, idx: NodeIdx) -> Option<NodeIdx> {
        let parent = self.b.nodes[idx].parent.as_ref()?;
        let (_, qname) = model::split_node_id(parent);
        let p = *self.by_qname.get(qname)?;
        matches!(self.b.nodes[p].kind, NodeKind::Class | NodeKind::Interface | NodeKind::Constant)
            .then_some(p)
    }

    /// Records the parameter properties of a constructor (`constructor(private db:
    /// Db)`) as fields of `class`.
    pub(super) fn parameter_properties(&mut self, class: NodeIdx, func: Node<'t>, scope: usize) {
        let Some(params) = func.field("parameters") else { return };
        let mut cursor = params.walk();
        for p in params.named_children(&mut cursor) {
            let mut c = p.walk();
            let is_property = p.children(&mut c).any(|ch| {
                matches!(
                    ch.kind_name(),
                    "accessibility_modifier" | "readonly" | "override_modifier"
                )
            });
            if !is_property {
                continue;
            }
            let (Some(pattern), ty) = (p.field("pattern"), p.field("type")) else {
                continue;
            };
            if pattern.kind_name() == "identifier" {
                let name = self.b.text(pattern).into_owned();
                let declared = Declared { ty, value: None, scope, origin: None };
                self.fields.entry(class).or_default().push((name, declared));
            }
        }
    }
}

/// The elements of an array literal, or the type arguments of a generic type,
/// evaluated at most: more say nothing more about a receiver and would cost their
/// number at each use.
const MAX_EVALUATED_ITEMS: usize = 16;

/// Generic types whose first argument is the type of their elements.
const ITERABLES: &[&str] = &[
    "Array",
    "ReadonlyArray",
    "Set",
    "ReadonlySet",
    "Iterable",
    "IterableIterator",
    "AsyncIterable",
    "AsyncIterableIterator",
];

/// Array methods whose callback gets an element first.
const ELEMENT_CALLBACKS: &[&str] = &[
    "forEach",
    "map",
    "flatMap",
    "filter",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
    "some",
    "every",
    "reduce",
    "reduceRight",
];

/// An element of `value`, an array or a union of arrays.
pub(super) fn element_of(value: Value) -> Option<Value> {
    match value {
        Value::Array(element) => Some(*element),
        Value::Union(values) => union(values.into_iter().map(element_of).collect::<Option<_>>()?),
        _ => None,
    }
}

/// What the array method `name` returns on an array of `element`: an element
/// (`pop`, `shift`, `at`, `find`), the same array (`filter`, `slice`, `concat`), or
/// nothing known.
fn array_method(element: Value, name: &str) -> Option<Eval> {
    let value = match name {
        "pop" | "shift" | "at" | "find" | "findLast" => element,
        "filter" | "slice" | "concat" | "reverse" | "sort" | "splice" | "toSorted"
        | "toReversed" => Value::Array(Box::new(element)),
        _ => return None,
    };
    Some(Eval { value, inferred: true })
}

/// The type annotation of parameter `param` of the function type that function
/// `func` declares for its parameter `arg` (`init: (source: Observable<T>,
/// subscriber: Subscriber<R>) => void`, through parentheses and `| null`).
pub(super) fn callback_param_type(func: Node<'_>, arg: usize, param: usize) -> Option<Node<'_>> {
    let declared = scopes::parameters(func).into_iter().nth(arg)?.field("type")?;
    let mut ty = declared.named_child(0)?;
    for _ in 0..4 {
        ty = match ty.kind_name() {
            "function_type" => break,
            "parenthesized_type" => ty.named_child(0)?,
            "union_type" => {
                let mut cursor = ty.walk();
                let functions: Vec<Node<'_>> = ty
                    .named_children(&mut cursor)
                    .filter(|m| matches!(m.kind_name(), "function_type" | "parenthesized_type"))
                    .collect();
                match functions[..] {
                    [only] => only,
                    _ => return None,
                }
            }
            _ => return None,
        };
    }
    if ty.kind_name() != "function_type" {
        return None;
    }
    scopes::parameters(ty).into_iter().nth(param)?.field("type")
}

/// An instance of what `value` names, when it names a class or interface.
pub(super) fn instance_of(value: Value, nodes: &[model::facts::NodeFacts]) -> Option<Value> {
    match value {
        Value::Def(idx) if matches!(nodes[idx].kind, NodeKind::Class | NodeKind::Interface) => {
            Some(Value::Instance(Class::Def(idx)))
        }
        Value::Key { key, shown } => Some(Value::Instance(Class::Key { key, shown })),
        _ => None,
    }
}

//! Python scopes: the local variables of each body (assignments in source order, loop
//! and `with` targets, parameters) and the resolution of unqualified names (LEGB).

use super::*;
use crate::walk::{Fields, Kinds};

impl<'s, 't> Py<'s, 't> {
    /// Records the local variables of an owner's body (and, for methods, the
    /// `self.attr = ...` assignments that give its class's instances attributes).
    pub(super) fn collect_vars(&mut self, owner: usize) {
        let idx = self.owners[owner].idx;
        let body = self.owners[owner].body;
        let mut vars: HashMap<String, Vec<Assign<'t>>> = HashMap::new();
        let mut attributes: Vec<(String, Assign<'t>)> = Vec::new();
        let mut self_name: Option<String> = None;
        if let Some(&(syntax, _)) = self.defs.get(&idx) {
            if matches!(syntax.kind_name(), "function_definition" | "lambda") {
                self_name = self.parameters(owner, syntax, &mut vars);
            }
        }
        let is_class_body = self.b.nodes[idx].kind == NodeKind::Class;
        let src = self.b.src;
        let text = |n: Node<'_>| walk::text(n, src).into_owned();
        let bind = |vars: &mut HashMap<String, Vec<Assign<'t>>>, name: String, a: Assign<'t>| {
            vars.entry(name).or_default().push(a);
        };
        // Conditional blocks around the current node, innermost last (pre-order
        // visits nodes in source order, so a block ending before a node is done).
        let mut branches: Vec<Branch> = Vec::new();
        // The arms of the exhaustive `if` chains met so far, by their block's byte
        // range (filled when the `if_statement` is visited, before its arms).
        let mut arms: HashMap<(usize, usize), Arm> = HashMap::new();
        let mut sites = Vec::new();
        let mut by_name: Vec<(String, Node<'t>, usize)> = Vec::new();
        let mut protocol_sites = Vec::new();
        // The end of the items of the `async with` being walked, if any.
        let mut async_items_end = 0;
        let mut refs = Vec::new();
        if let Some(&(syntax, _)) = self.defs.get(&idx) {
            if matches!(syntax.kind_name(), "function_definition" | "lambda") {
                self.signature_refs(owner, syntax, &mut refs);
            }
        }
        let mut ref_walk = RefWalk::default();
        let mut returns = Vec::new();
        let mut generator = false;
        let mut yields = Vec::new();
        let mut with_patterns: HashSet<usize> = HashSet::new();
        let mut blocks: Vec<usize> = Vec::new();
        walk::preorder_with_fields(body, |node, field, depth| {
            let kind = node.kind_name();
            let start = node.start_byte();
            if let Some(role) = ref_walk.visit(kind, field, depth) {
                refs.push(RefSite { expr: node, role, scope_owner: owner, pos: start });
            }
            if depth > 0 && (is_nested_owner(kind) || self.lambdas.contains_key(&node.id())) {
                return false;
            }
            while branches.last().is_some_and(|b| b.end <= start) {
                branches.pop();
            }
            if let Some(block) = conditional_block(node) {
                if kind == "if_statement" {
                    let outer = branches.iter().rev().find(|b| b.contains(start));
                    if let Some((blocks, arm)) = if_chain(node, outer.map(|b| (b.start, b.end))) {
                        for (index, range) in blocks.into_iter().enumerate() {
                            arms.insert(range, Arm { index: index as u8, ..arm });
                        }
                    }
                }
                let range = (block.start_byte(), block.end_byte());
                let arm = arms.get(&range).copied();
                branches.push(Branch { start: range.0, end: range.1, arm });
            }
            let branch = branches.iter().rev().find(|b| b.contains(start)).copied();
            // The innermost block around the node (the body itself when none).
            while blocks.last().is_some_and(|&end| end <= start) {
                blocks.pop();
            }
            let enclosing_end = blocks.last().copied().unwrap_or(body.end_byte());
            if kind == "block" {
                blocks.push(node.end_byte());
            }
            match kind {
                "call" => {
                    if let Some(f) = node.field("function") {
                        sites.push((f, walk::line(node), start, call_arity(node)));
                        let called = match f.kind_name() {
                            "identifier" => Some(f),
                            "attribute" => f.field("attribute"),
                            _ => None,
                        };
                        if let Some(called) = called {
                            by_name.push((text(called), node, start));
                        }
                    }
                }
                "return_statement" => returns.push(node),
                "raise_statement" => {
                    // `raise C`: an instance of `C` is made; `raise C(...)` is a call.
                    if let Some(expr) = node.named_child(0) {
                        if matches!(expr.kind_name(), "identifier" | "attribute") {
                            protocol_sites.push((expr, Protocol::Raise, walk::line(node), start));
                        }
                    }
                }
                "with_statement" => {
                    let mut c = node.walk();
                    let is_async =
                        node.children(&mut c).next().is_some_and(|k| k.kind_name() == "async");
                    if is_async {
                        let mut c = node.walk();
                        let clause =
                            node.named_children(&mut c).find(|n| n.kind_name() == "with_clause");
                        async_items_end = clause.map_or(0, |c| c.end_byte());
                    }
                }
                "yield" => {
                    generator = true;
                    // The keyword inside the expression has the kind too.
                    if node.is_named() {
                        yields.push(node);
                    }
                }
                "assignment" => {
                    let (Some(left), right) = (node.field("left"), node.field("right")) else {
                        return true;
                    };
                    let end = node.end_byte();
                    // `a = b = f`: `a` is what the innermost right side is.
                    let mut right = right;
                    while let Some(inner) = right.filter(|r| r.kind_name() == "assignment") {
                        right = inner.field("right");
                    }
                    let how = match (node.field("type"), right) {
                        (Some(ty), _) => Some(Assigned::Annotation(ty)),
                        (None, Some(expr)) if expr.kind_name() != "assignment" => {
                            Some(Assigned::Expr { expr, at: node.start_byte() })
                        }
                        _ => None,
                    };
                    match left.kind_name() {
                        "identifier" => {
                            let how = how.unwrap_or(Assigned::Opaque);
                            let assign = Assign { end, until: usize::MAX, branch, how };
                            bind(&mut vars, text(left), assign);
                        }
                        "attribute" => {
                            // `self.name = ...` in a method gives instances an attribute.
                            let object = left.field("object");
                            let attr = left.field("attribute");
                            if let (Some(object), Some(attr), Some(me), Some(how)) =
                                (object, attr, self_name.as_deref(), how)
                            {
                                if object.kind_name() == "identifier" && text(object) == me {
                                    attributes.push((
                                        text(attr),
                                        Assign { end, until: usize::MAX, branch: None, how },
                                    ));
                                }
                            }
                        }
                        "pattern_list" | "tuple_pattern"
                            if right.is_some_and(|r| same_length_tuple(left, r)) =>
                        {
                            // `x, y = f, g`: each name its element, evaluated where the
                            // statement starts (`a, b = b, a` swaps).
                            let right = right.expect("checked above");
                            let (mut l, mut r) = (left.walk(), right.walk());
                            let pairs =
                                left.named_children(&mut l).zip(right.named_children(&mut r));
                            for (name, expr) in pairs {
                                let how = Assigned::Expr { expr, at: node.start_byte() };
                                bind(
                                    &mut vars,
                                    text(name),
                                    Assign { end, until: usize::MAX, branch, how },
                                );
                            }
                        }
                        _ => {
                            for name in identifiers(left, src) {
                                bind(
                                    &mut vars,
                                    name,
                                    Assign {
                                        end,
                                        until: usize::MAX,
                                        branch: None,
                                        how: Assigned::Opaque,
                                    },
                                );
                            }
                        }
                    }
                    if is_class_body && left.kind_name() == "identifier" {
                        if let Some(ty) = node.field("type") {
                            let how = Assigned::Annotation(ty);
                            attributes.push((
                                text(left),
                                Assign { end, until: usize::MAX, branch: None, how },
                            ));
                        } else if let Some(expr) = right {
                            let how = Assigned::Expr { expr, at: node.start_byte() };
                            attributes.push((
                                text(left),
                                Assign { end, until: usize::MAX, branch: None, how },
                            ));
                        }
                    }
                }
                "named_expression" => {
                    if let (Some(name), Some(expr)) = (node.field("name"), node.field("value")) {
                        let how = Assigned::Expr { expr, at: node.start_byte() };
                        bind(
                            &mut vars,
                            text(name),
                            Assign { end: node.end_byte(), until: usize::MAX, branch: None, how },
                        );
                    }
                }
                "for_statement" => {
                    // `async for` calls `__aiter__`: left alone.
                    let mut c = node.walk();
                    let is_async =
                        node.children(&mut c).next().is_some_and(|k| k.kind_name() == "async");
                    if let (Some(right), false) = (node.field("right"), is_async) {
                        protocol_sites.push((right, Protocol::For, walk::line(node), start));
                    }
                    if let Some(left) = node.field("left") {
                        let right = node.field("right");
                        loop_variables(&mut vars, left, right, left.end_byte(), node, src);
                    }
                }
                "list_comprehension"
                | "set_comprehension"
                | "dictionary_comprehension"
                | "generator_expression" => {
                    // Comprehension variables shadow from the comprehension's start (its
                    // element expression comes first in the source).
                    let mut c = node.walk();
                    for clause in node.named_children(&mut c) {
                        if clause.kind_name() != "for_in_clause" {
                            continue;
                        }
                        if let Some(left) = clause.field("left") {
                            let right = clause.field("right");
                            loop_variables(&mut vars, left, right, start, clause, src);
                        }
                    }
                }
                "if_statement" | "elif_clause" => {
                    let cond = node.field("condition");
                    let block = node.field("consequence");
                    if let (Some(cond), Some(block)) = (cond, block) {
                        // `if isinstance(x, C) [and ...]:` narrows `x` to `C` inside
                        // the block.
                        for (name, class) in isinstance_tests(cond, src) {
                            let how = Assigned::Annotation(class);
                            let (end, until) = (block.start_byte(), block.end_byte());
                            bind(&mut vars, name, Assign { end, until, branch: None, how });
                        }
                        // `if not isinstance(x, C): raise ...` narrows `x` after the
                        // statement, to the end of the block it is in.
                        let negated = (cond.kind_name() == "not_operator")
                            .then(|| cond.field("argument"))
                            .flatten();
                        let alone = kind == "if_statement" && node.field("alternative").is_none();
                        if let (Some(test), true) = (negated, alone && exits(block)) {
                            let until = enclosing_end;
                            for (name, class) in isinstance_tests(test, src) {
                                let how = Assigned::Annotation(class);
                                let end = node.end_byte();
                                bind(&mut vars, name, Assign { end, until, branch: None, how });
                            }
                        }
                    }
                }
                "boolean_operator" => {
                    // `isinstance(x, C) and x.m()`: `x` is a `C` in the right operand.
                    let is_and = node.field("operator").is_some_and(|op| op.kind_name() == "and");
                    let left = node.field("left");
                    let right = node.field("right");
                    if let (true, Some(left), Some(right)) = (is_and, left, right) {
                        for (name, class) in isinstance_tests(left, src) {
                            let how = Assigned::Annotation(class);
                            let (end, until) = (right.start_byte(), right.end_byte());
                            bind(&mut vars, name, Assign { end, until, branch: None, how });
                        }
                    }
                }
                "as_pattern" | "with_item" | "except_clause" => {
                    if kind == "with_item" {
                        // Pre-order: the item comes before its `expr as x` pattern.
                        if let Some(value) = node.field("value") {
                            let managed = if value.kind_name() == "as_pattern" {
                                with_patterns.insert(value.id());
                                value.named_child(0)
                            } else {
                                Some(value)
                            };
                            let how = if start < async_items_end {
                                Protocol::AsyncWith
                            } else {
                                Protocol::With
                            };
                            if let Some(managed) = managed {
                                protocol_sites.push((managed, how, walk::line(node), start));
                            }
                        }
                    }
                    if let Some(alias) = node.field("alias") {
                        let single = identifiers(alias, src).len() == 1;
                        for name in identifiers(alias, src) {
                            let end = alias.end_byte();
                            let how = match node.named_child(0) {
                                Some(expr) if single && with_patterns.contains(&node.id()) => {
                                    Assigned::Enter { expr, at: node.start_byte() }
                                }
                                _ => Assigned::Opaque,
                            };
                            bind(&mut vars, name, Assign { end, until: usize::MAX, branch, how });
                        }
                    }
                }
                "lambda" => {
                    if let Some(params) = node.field("parameters") {
                        for name in identifiers(params, src) {
                            let end = node.start_byte();
                            bind(
                                &mut vars,
                                name,
                                Assign {
                                    end,
                                    until: usize::MAX,
                                    branch: None,
                                    how: Assigned::Opaque,
                                },
                            );
                        }
                    }
                }
                "global_statement" | "nonlocal_statement" => {
                    let mut c = node.walk();
                    for name in node.named_children(&mut c) {
                        // Bound elsewhere: unknown here.
                        let end = node.end_byte();
                        bind(
                            &mut vars,
                            text(name),
                            Assign { end, until: usize::MAX, branch: None, how: Assigned::Opaque },
                        );
                    }
                }
                _ => {}
            }
            true
        });
        for list in vars.values_mut() {
            list.sort_by_key(|a| a.end);
        }
        let o = &mut self.owners[owner];
        o.vars = vars;
        o.sites = sites;
        o.protocol_sites = protocol_sites;
        for (name, call, pos) in by_name {
            self.calls_by_name.entry(name).or_default().push((call, owner, pos));
        }
        o.refs = refs;
        o.returns = returns;
        o.generator = generator;
        o.yields = yields;
        if !attributes.is_empty() {
            let class = if is_class_body { Some(idx) } else { self.owners[owner].class };
            if let Some(class) = class {
                let list = self.attributes.entry(class).or_default();
                for (name, assign) in attributes {
                    list.push((name, owner, assign));
                }
            }
        }
    }

    /// The reference sites of a function's signature: the names in its parameters'
    /// annotations and defaults and in its return annotation, evaluated where the
    /// `def` is (its enclosing body, at the `def`).
    pub(super) fn signature_refs(&self, owner: usize, def: Node<'t>, refs: &mut Vec<RefSite<'t>>) {
        let idx = self.owners[owner].idx;
        let Some(scope_owner) =
            self.defs.get(&idx).and_then(|(_, scope)| self.scope_owner.get(scope).copied())
        else {
            return;
        };
        let pos = def.start_byte();
        let mut found = Vec::new();
        for field in ["parameters", "return_type"] {
            if let Some(part) = def.child_by_field_name(field) {
                reference_sites(part, &mut found);
            }
        }
        for (expr, role) in found {
            refs.push(RefSite { expr, role, scope_owner, pos });
        }
    }

    /// Binds a function's parameters in `vars`; returns the name of a method's
    /// instance or class parameter (`self`, `cls`): assignments to its attributes give
    /// instances attributes (`self.client = Client()` in `setUp`, `cls.user = ...` in
    /// `setUpClass` or Django's `setUpTestData`). The bare parameters of a pytest test
    /// or fixture are its fixtures ([`Assigned::Fixture`]).
    pub(super) fn parameters(
        &self,
        owner: usize,
        def: Node<'t>,
        vars: &mut HashMap<String, Vec<Assign<'t>>>,
    ) -> Option<String> {
        let params = def.field("parameters")?;
        let class = self.owners[owner].class;
        let decorators = &self.b.nodes[self.owners[owner].idx].decorators;
        let is_static = decorators.iter().any(|d| d == "@staticmethod");
        let is_classmethod = decorators.iter().any(|d| d == "@classmethod")
            || matches!(
                &*self.b.nodes[self.owners[owner].idx].name,
                "__new__" | "__init_subclass__" | "__class_getitem__"
            );
        let mut self_name = None;
        let fixtures = self.takes_fixtures(self.owners[owner].idx);
        // Where the `def` is: defaults are evaluated there, before the body exists.
        let enclosing = self
            .defs
            .get(&self.owners[owner].idx)
            .and_then(|(_, scope)| self.scope_owner.get(scope).copied());
        let mut c = params.walk();
        for (i, param) in params.named_children(&mut c).enumerate() {
            let (name, how) = match param.kind_name() {
                "identifier" => {
                    let name = self.b.text(param).into_owned();
                    let how = if fixtures.contains(&name) {
                        Assigned::Fixture(name.clone())
                    } else {
                        let def = self.owners[owner].idx;
                        Assigned::CallSites { def, index: i, name: name.clone() }
                    };
                    (name, how)
                }
                "typed_parameter" => {
                    let Some(name) = param.named_child(0) else { continue };
                    let how = match (name.kind_name(), param.field("type")) {
                        ("identifier", Some(ty)) => Assigned::Annotation(ty),
                        _ => Assigned::Opaque,
                    };
                    let name = match name.kind_name() {
                        "identifier" => self.b.text(name).into_owned(),
                        _ => match name.named_child(0) {
                            Some(inner) => self.b.text(inner).into_owned(),
                            None => continue,
                        },
                    };
                    (name, how)
                }
                "default_parameter" | "typed_default_parameter" => {
                    let Some(name) = param.field("name") else { continue };
                    let how = match (param.field("type"), enclosing) {
                        (Some(ty), _) => Assigned::Annotation(ty),
                        (None, Some(enclosing)) => match param.field("value") {
                            Some(value) if !super::infer::is_none_type(value, self.b.src) => {
                                Assigned::Default {
                                    expr: value,
                                    owner: enclosing,
                                    at: def.start_byte(),
                                }
                            }
                            Some(_) => Assigned::CallSites {
                                def: self.owners[owner].idx,
                                index: i,
                                name: self.b.text(name).into_owned(),
                            },
                            None => Assigned::Opaque,
                        },
                        (None, None) => Assigned::Opaque,
                    };
                    (self.b.text(name).into_owned(), how)
                }
                "list_splat_pattern" | "dictionary_splat_pattern" => match param.named_child(0) {
                    Some(name) => (self.b.text(name).into_owned(), Assigned::Opaque),
                    None => continue,
                },
                _ => continue,
            };
            let how = match (i, class, param.kind_name()) {
                (0, Some(class), "identifier") if !is_static => {
                    self_name = Some(name.clone());
                    if is_classmethod {
                        Assigned::Known(Value::Def(class))
                    } else {
                        Assigned::Known(Value::Instance(Class::Def(class)))
                    }
                }
                _ => how,
            };
            vars.entry(name).or_default().push(Assign {
                end: 0,
                until: usize::MAX,
                branch: None,
                how,
            });
        }
        self_name
    }

    /// Resolves base classes (`inherits` edges) and decorators (`calls` edges from the
    /// decorated node), both evaluated in the scope enclosing the definition.
    pub(super) fn resolve_heads(&mut self) {
        for (idx, scope, class) in std::mem::take(&mut self.class_heads) {
            let Some(args) = class.field("superclasses") else { continue };
            let owner = self.scope_owner.get(&scope).copied().unwrap_or(0);
            let ctx = Ctx { owner, pos: class.start_byte(), user: Some(idx) };
            let mut bases = Vec::new();
            let mut c = args.walk();
            for arg in args.named_children(&mut c) {
                // `Repo[User]`: the generic class is the base.
                let arg = match arg.kind_name() {
                    "subscript" => match arg.field("value") {
                        Some(value) => value,
                        None => continue,
                    },
                    _ => arg,
                };
                if !matches!(arg.kind_name(), "identifier" | "attribute") {
                    continue; // keyword arguments (metaclass=...), splats, calls
                }
                let text = walk::collapse_ws(&self.b.text(arg));
                let target = match self.eval(arg, ctx) {
                    Some(Eval { value: Value::Def(base), .. })
                        if self.b.nodes[base].kind == NodeKind::Class =>
                    {
                        bases.push(Class::Def(base));
                        Target::Node {
                            id: self.b.nodes[base].id.clone(),
                            provenance: Provenance::Exact,
                        }
                    }
                    Some(Eval { value: Value::Key { key, shown }, .. }) => {
                        let name = shown.clone().unwrap_or(text);
                        bases.push(Class::Key { key: key.clone(), shown });
                        Target::Key { key, name, inferred: false }
                    }
                    _ => Target::Name(text),
                };
                self.b.edge(EdgeKind::Inherits, idx, target, walk::line(arg));
            }
            self.bases.insert(idx, bases);
        }
        let decorated = std::mem::take(&mut self.decorated);
        // First what each decorator of this file is applied to (its parameter's
        // value), then the wrappers they return, which may be worked out from it.
        let mut applied = Vec::new();
        for (idx, scope, decorators) in &decorated {
            let owner = self.scope_owner.get(scope).copied().unwrap_or(0);
            for decorator in decorators {
                let Some(expr) = decorator.named_child(0).filter(|e| e.kind_name() != "call")
                else {
                    continue;
                };
                let ctx = Ctx { owner, pos: decorator.start_byte(), user: None };
                if let Some(Eval { value: Value::Def(d), .. }) = self.eval(expr, ctx) {
                    self.decorations.entry(d).or_default().push(*idx);
                    applied.push((*idx, d));
                }
            }
        }
        for (idx, decorator) in applied {
            if let Some(wrapper) = self.wrapper_of(decorator) {
                self.wrappers.entry(idx).or_default().push(wrapper);
            }
        }
        for (idx, scope, decorators) in decorated {
            let owner = self.scope_owner.get(&scope).copied().unwrap_or(0);
            for decorator in decorators {
                let Some(mut expr) = decorator.named_child(0) else { continue };
                if expr.kind_name() == "call" {
                    match expr.field("function") {
                        Some(f) => expr = f,
                        None => continue,
                    }
                }
                let ctx = Ctx { owner, pos: decorator.start_byte(), user: Some(idx) };
                for target in self.call_targets(expr, ctx) {
                    self.b.edge(EdgeKind::Calls, idx, target, walk::line(decorator));
                }
                let role = model::ReferenceKind::Decorator;
                if let Some(target) = self.reference_target(expr, ctx) {
                    self.b.reference(idx, target, walk::line(decorator), role);
                }
            }
        }
    }
}

impl<'s, 't> Py<'s, 't> {
    /// The function `decorator` (a definition of this file) returns in place of what
    /// it decorates, when it is a function returning one it defines itself (a
    /// wrapper closing over the decorated function).
    fn wrapper_of(&mut self, decorator: NodeIdx) -> Option<NodeIdx> {
        if !self.b.nodes[decorator].kind.is_callable() {
            return None;
        }
        let Value::Def(wrapper) = self.return_value(decorator)?.value else { return None };
        let inside = self.b.nodes[wrapper].parent.as_deref() == Some(&self.b.nodes[decorator].id);
        (inside && self.b.nodes[wrapper].kind.is_callable()).then_some(wrapper)
    }
}

/// The reference sites under `root` in source order (see [`RefWalk`]): each
/// identifier or attribute chain that is not called (`f()`'s `f`), not a part of a
/// longer chain (`a` and `b` in `a.b`), not bound (assignment and loop targets, `as`
/// names, keyword names, parameters, `type X = ...`), not in an import, decorator or
/// `global`, and not in a nested definition (its own owner). `annotation` inside a
/// type annotation, `value` elsewhere.
pub(super) fn reference_sites<'t>(root: Node<'t>, out: &mut Vec<(Node<'t>, model::ReferenceKind)>) {
    let mut refs = RefWalk::default();
    walk::preorder_with_fields(root, |node, field, depth| {
        let kind = node.kind_name();
        if let Some(role) = refs.visit(kind, field, depth) {
            out.push((node, role));
        }
        !(depth > 0 && is_nested_owner(kind))
    });
}

fn is_nested_owner(kind: &str) -> bool {
    matches!(kind, "function_definition" | "class_definition" | "decorated_definition")
}

/// The state of a top-down search for reference sites, fed each node of a
/// [`walk::preorder_with_fields`] walk (so that the walk an owner's body already
/// makes finds them too): the kind of each ancestor, whether it is inside an
/// annotation, and whether sites below it are off (imports, decorators, `global`).
/// A child's role comes from its parent's kind and its field: extractors never ask
/// a node for its parent.
#[derive(Default)]
pub(super) struct RefWalk {
    ancestors: Vec<(&'static str, bool, bool)>,
}

impl RefWalk {
    /// The role of the node of `kind` in `field` at `depth`, when it is a site.
    pub(super) fn visit(
        &mut self,
        kind: &'static str,
        field: Option<&'static str>,
        depth: usize,
    ) -> Option<model::ReferenceKind> {
        self.ancestors.truncate(depth);
        let Some(&(parent, in_type, off)) =
            depth.checked_sub(1).and_then(|d| self.ancestors.get(d))
        else {
            self.ancestors.push((kind, kind == "type", false));
            return None;
        };
        let off = off
            || is_nested_owner(kind)
            || matches!(
                kind,
                "import_statement"
                    | "import_from_statement"
                    | "future_import_statement"
                    | "global_statement"
                    | "nonlocal_statement"
                    | "decorator"
                    | "comment"
            )
            || (parent == "type_alias_statement" && field == Some("left"));
        self.ancestors.push((kind, (in_type || kind == "type") && kind != "call", off));
        let site =
            !off && matches!(kind, "identifier" | "attribute") && child_is_site(parent, field);
        site.then_some(if in_type {
            model::ReferenceKind::Annotation
        } else {
            model::ReferenceKind::Value
        })
    }
}

/// Whether a child in `field` of a `parent` node may be a reference site: not
/// what binds a name there, calls it, or names a part of a chain.
fn child_is_site(parent: &str, field: Option<&str>) -> bool {
    match parent {
        "attribute"
        | "dotted_name"
        | "aliased_import"
        | "as_pattern_target"
        | "pattern_list"
        | "tuple_pattern"
        | "list_pattern"
        | "list_splat_pattern"
        | "dictionary_splat_pattern"
        | "lambda_parameters"
        | "parameters"
        | "typed_parameter"
        | "keyword_pattern"
        | "function_definition"
        | "class_definition" => false,
        "call" => field != Some("function"),
        "keyword_argument"
        | "named_expression"
        | "default_parameter"
        | "typed_default_parameter" => field != Some("name"),
        "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
            field != Some("left")
        }
        _ => true,
    }
}

/// The block of `node` whose statements run conditionally (the body of an `if`,
/// `elif`, `else`, loop, `except` or `case`); a `try` body and a `with` body count as
/// always run.
pub(super) fn conditional_block(node: Node<'_>) -> Option<Node<'_>> {
    let field = match node.kind_name() {
        "if_statement" | "elif_clause" => "consequence",
        "for_statement" | "while_statement" | "else_clause" => "body",
        "except_clause" | "case_clause" => {
            let mut c = node.walk();
            let block = node.named_children(&mut c).find(|n| n.kind_name() == "block");
            return block;
        }
        _ => return None,
    };
    node.child_by_field_name(field)
}

/// Whether `left` (`x, y`) names as many plain identifiers as `right` (`f, g`, not
/// starred) has elements, so that each name takes its element.
fn same_length_tuple(left: Node<'_>, right: Node<'_>) -> bool {
    if !matches!(right.kind_name(), "expression_list" | "tuple") {
        return false;
    }
    let mut c = left.walk();
    let names = left.named_children(&mut c).all(|n| n.kind_name() == "identifier");
    let mut c = right.walk();
    let plain = right.named_children(&mut c).all(|n| n.kind_name() != "list_splat");
    names && plain && left.named_child_count() == right.named_child_count()
}

/// The byte ranges of an `if` chain's arm blocks, in order.
type ArmBlocks = Vec<(usize, usize)>;

/// The arms of an `if` chain that ends in `else` (the byte range of each arm's
/// block, in order) and the [`Arm`] they share (its `index` left 0), or `None` when
/// the chain has no `else` (no arm need run) or more than 32 arms.
fn if_chain(node: Node<'_>, outer: Option<(usize, usize)>) -> Option<(ArmBlocks, Arm)> {
    let mut blocks = vec![node.field("consequence")?];
    let mut exhaustive = false;
    let mut c = node.walk();
    for alt in node.children_by_field_name("alternative", &mut c) {
        let field = if alt.kind_name() == "elif_clause" { "consequence" } else { "body" };
        blocks.push(alt.child_by_field_name(field)?);
        exhaustive = alt.kind_name() == "else_clause";
        if blocks.len() > 32 {
            return None;
        }
    }
    if !exhaustive {
        return None;
    }
    let exits =
        blocks.iter().enumerate().filter(|(_, b)| exits(**b)).fold(0, |m, (i, _)| m | 1 << i);
    let arm = Arm {
        chain: (node.start_byte(), node.end_byte()),
        outer,
        index: 0,
        count: blocks.len() as u8,
        exits,
    };
    Some((blocks.iter().map(|b| (b.start_byte(), b.end_byte())).collect(), arm))
}

/// Binds the variables of `for left in right` (a loop or a comprehension clause),
/// effective from `end`: a single name is an element of `right`, others are opaque.
pub(super) fn loop_variables<'t>(
    vars: &mut HashMap<String, Vec<Assign<'t>>>,
    left: Node<'t>,
    right: Option<Node<'t>>,
    end: usize,
    at: Node<'t>,
    src: &[u8],
) {
    let whole = |how| Assign { end, until: usize::MAX, branch: None, how };
    // `mapping.items()` / `mapping.values()` without arguments: the mapping.
    let mapping_view = |name: &str| {
        let call = right.filter(|r| r.kind_name() == "call")?;
        let args = call.field("arguments")?;
        let f = call.field("function").filter(|f| f.kind_name() == "attribute")?;
        let method = f.field("attribute")?;
        (args.named_child_count() == 0 && walk::text(method, src) == name)
            .then(|| f.field("object"))
            .flatten()
    };
    match (left.kind_name(), right) {
        ("identifier", Some(_)) if mapping_view("values").is_some() => {
            let mapping = mapping_view("values").expect("checked above");
            let how = Assigned::MappingValue { mapping, at: at.start_byte() };
            vars.entry(walk::text(left, src).into_owned()).or_default().push(whole(how));
        }
        ("identifier", Some(expr)) => {
            let how = Assigned::Element { expr, at: at.start_byte() };
            vars.entry(walk::text(left, src).into_owned()).or_default().push(whole(how));
        }
        ("pattern_list" | "tuple_pattern", Some(_))
            if left.named_child_count() == 2 && mapping_view("items").is_some() =>
        {
            let mapping = mapping_view("items").expect("checked above");
            let mut names = identifiers(left, src).into_iter();
            if let (Some(key), Some(value)) = (names.next(), names.next()) {
                vars.entry(key).or_default().push(whole(Assigned::Opaque));
                let how = Assigned::MappingValue { mapping, at: at.start_byte() };
                vars.entry(value).or_default().push(whole(how));
            }
        }
        _ => {
            for name in identifiers(left, src) {
                vars.entry(name).or_default().push(whole(Assigned::Opaque));
            }
        }
    }
}

/// The number of arguments a `call` passes, or `None` when it unpacks (`*xs`,
/// `**kw`) and the count is unknown. `f(x for x in y)` passes one.
fn call_arity(call: Node<'_>) -> Option<u16> {
    let args = call.field("arguments")?;
    if args.kind_name() == "generator_expression" {
        return Some(1);
    }
    let mut n: u16 = 0;
    let mut cursor = args.walk();
    for arg in args.named_children(&mut cursor) {
        match arg.kind_name() {
            "comment" => {}
            "list_splat" | "dictionary_splat" => return None,
            _ => n = n.saturating_add(1),
        }
    }
    Some(n)
}

/// The `isinstance(x, C)` tests a condition makes true when it holds: the condition
/// itself, or the operands of an `and` (`isinstance(a, A) and isinstance(b, B)`), with
/// `x` a name or an attribute of one (`self.rhs`, bound under that text) and `C` a
/// name or dotted name (a tuple of classes is not narrowed).
fn isinstance_tests<'t>(cond: Node<'t>, src: &[u8]) -> Vec<(String, Node<'t>)> {
    let mut found = Vec::new();
    let mut stack = vec![cond];
    while let Some(node) = stack.pop() {
        match node.kind_name() {
            "parenthesized_expression" => stack.extend(node.named_child(0)),
            "boolean_operator"
                if node.field("operator").is_some_and(|op| op.kind_name() == "and") =>
            {
                stack.extend(node.field("right"));
                stack.extend(node.field("left"));
            }
            "call" => {
                let function = node.field("function");
                let args = node.field("arguments");
                let (Some(function), Some(args)) = (function, args) else { continue };
                if walk::text(function, src) != "isinstance" || args.named_child_count() != 2 {
                    continue;
                }
                let (Some(x), Some(class)) = (args.named_child(0), args.named_child(1)) else {
                    continue;
                };
                // A name, or an attribute of one (`self.rhs`), bound under its text.
                let narrowable = match x.kind_name() {
                    "identifier" => true,
                    "attribute" => x.field("object").is_some_and(|o| o.kind_name() == "identifier"),
                    _ => false,
                };
                if narrowable && matches!(class.kind_name(), "identifier" | "attribute") {
                    found.push((walk::text(x, src).into_owned(), class));
                }
            }
            _ => {}
        }
    }
    found
}

/// Whether a block always leaves where it is: its last statement returns, raises,
/// continues or breaks.
fn exits(block: Node<'_>) -> bool {
    let last = block.named_child(block.named_child_count().saturating_sub(1));
    last.is_some_and(|s| {
        matches!(
            s.kind_name(),
            "return_statement" | "raise_statement" | "continue_statement" | "break_statement"
        )
    })
}

//! Python emission: call edges from evaluated callees, tests edges, and the resolution
//! symbols (`.*`, `__return__`, `__all__`) the linker reads across files.

use super::*;
use crate::walk::Kinds;
use model::keys;

/// A file pytest collects tests from: `test_*.py`, `*_test.py`, or under `tests/`.
pub(super) fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.strip_suffix(".py").unwrap_or(file);
    stem.starts_with("test_") || stem.ends_with("_test") || tests_edges::in_dir(path, "tests")
}

impl<'s, 't> Py<'s, 't> {
    /// Pass 2: every call in the owner's body (not in nested definitions, which are
    /// owners of their own) becomes `calls` edges from the owner.
    pub(super) fn calls(&mut self, owner: usize) {
        let sites = std::mem::take(&mut self.owners[owner].sites);
        let idx = self.owners[owner].idx;
        for (function, line, pos, arity) in sites {
            let ctx = Ctx { owner, pos, user: Some(idx) };
            for target in self.call_targets(function, ctx) {
                self.b.call_edge(EdgeKind::Calls, idx, target, line, arity);
            }
        }
        for (expr, protocol, line, pos) in std::mem::take(&mut self.owners[owner].protocol_sites) {
            let ctx = Ctx { owner, pos, user: Some(idx) };
            for target in self.protocol_targets(expr, protocol, ctx) {
                self.b.call_edge(EdgeKind::Calls, idx, target, line, None);
            }
        }
        for site in std::mem::take(&mut self.owners[owner].refs) {
            let ctx = Ctx { owner: site.scope_owner, pos: site.pos, user: Some(idx) };
            if let Some(target) = self.reference_target(site.expr, ctx) {
                self.b.reference(idx, target, walk::line(site.expr), site.role);
            }
        }
    }

    /// The methods a statement calls implicitly ([`Protocol`]) on what `expr`
    /// evaluates to: an instance of a class of this file, or of one the root may
    /// define (a key of the root's package; the standard library's managers and
    /// iterables are left out, as their methods are no code of the root). For
    /// `raise C`, the class and its `__init__`, as a call `C()` makes.
    pub(super) fn protocol_targets(
        &mut self,
        expr: Node<'t>,
        protocol: Protocol,
        ctx: Ctx,
    ) -> Vec<Target> {
        let Some(Eval { value, inferred }) = self.eval(expr, ctx) else {
            // `raise ValueError`: a builtin class, by its qualified name.
            let builtin_class = protocol == Protocol::Raise
                && expr.kind_name() == "identifier"
                && self.b.text(expr).starts_with(|c: char| c.is_ascii_uppercase());
            return if builtin_class { self.call_targets(expr, ctx) } else { Vec::new() };
        };
        if protocol == Protocol::Raise {
            let is_class = match &value {
                Value::Def(c) => self.b.nodes[*c].kind == NodeKind::Class,
                Value::Key { key, .. } => looks_like_class(key),
                _ => false,
            };
            if !is_class {
                return Vec::new();
            }
            let shown = short(&walk::collapse_ws(&self.b.text(expr)), MAX_SHOWN_CHARS);
            return self.targets_of(value, inferred, &shown);
        }
        let parts = match value {
            Value::Union(parts) => parts,
            value => vec![value],
        };
        let shown = short(&walk::collapse_ws(&self.b.text(expr)), MAX_SHOWN_CHARS);
        let mut targets = Vec::new();
        for part in parts {
            let Value::Instance(class) = &part else { continue };
            if let Class::Key { key, .. } = class {
                if !self.may_be_in_root(key) || keys::is_python_stdlib(key) {
                    continue;
                }
            }
            for member in protocol.members() {
                let instance = Eval { value: part.clone(), inferred };
                let Some(found) = self.attribute(instance, member) else { continue };
                let target = match found.value {
                    Value::Def(m) if self.b.nodes[m].kind.is_callable() => Target::Node {
                        id: self.b.nodes[m].id.clone(),
                        provenance: if found.inferred || inferred {
                            Provenance::Inferred
                        } else {
                            Provenance::Exact
                        },
                    },
                    // `__next__` only where the class defines it (an iterator of its
                    // own): another file's class cannot say.
                    Value::Key { .. } if *member == "__next__" => continue,
                    Value::Key { key, .. } => {
                        Target::Key { key, name: format!("{shown}.{member}"), inferred: true }
                    }
                    _ => continue,
                };
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        }
        targets
    }

    /// What a name used other than by a call refers to, when it names a definition
    /// (of this file: a class, function, method or constant) or something known by a
    /// global key (an import, a module-level name of another file). `None` for a
    /// local variable written as a bare name (its uses are uses of the variable, not
    /// of what was assigned to it), for instances and for what cannot be evaluated.
    pub(super) fn reference_target(&mut self, expr: Node<'t>, ctx: Ctx) -> Option<Target> {
        if expr.kind_name() == "identifier" {
            let name = self.b.text(expr);
            if self.owners[ctx.owner].vars.contains_key(name.as_ref()) {
                return None;
            }
        }
        let Eval { value, inferred } = self.eval(expr, ctx)?;
        match value {
            Value::Def(idx) if idx != 0 => {
                let provenance = if inferred { Provenance::Inferred } else { Provenance::Exact };
                Some(Target::Node { id: self.b.nodes[idx].id.clone(), provenance })
            }
            // A key reached through an instance's guessed class names a member that
            // may be a plain attribute, not a node: only keys written out (imports,
            // their attributes) are references.
            Value::Key { key, shown } if !inferred => {
                let name = shown.unwrap_or_else(|| {
                    short(&walk::collapse_ws(&self.b.text(expr)), MAX_SHOWN_CHARS)
                });
                Some(Target::Key { key, name, inferred })
            }
            _ => None,
        }
    }

    /// The edges a call of `callee` makes: the function or method it evaluates to; for
    /// a class, the class and the `__init__` that runs; for a key, the key (and its
    /// `__init__` when the name looks like a class); else the callee's text.
    pub(super) fn call_targets(&mut self, callee: Node<'t>, ctx: Ctx) -> Vec<Target> {
        let shown_text = short(&walk::collapse_ws(&self.b.text(callee)), MAX_SHOWN_CHARS);
        let Some(Eval { value, inferred }) = self.eval(callee, ctx) else {
            if callee.kind_name() == "identifier" {
                // `len(x)`, `ValueError(...)`: a builtin no scope rebinds is called by
                // its qualified name, outside the root (`builtins.len`).
                let name = self.b.text(callee);
                if is_builtin(&name) && self.is_unbound(&name, ctx) {
                    return vec![Target::Key {
                        key: format!("{}{name}", keys::PYTHON_BUILTINS),
                        name: format!("builtins.{name}"),
                        inferred: false,
                    }];
                }
            }
            return vec![Target::Name(shown_text)];
        };
        self.caller = ctx.user;
        let targets = self.targets_of(value, inferred, &shown_text);
        self.caller = None;
        if targets.is_empty() {
            return vec![Target::Name(shown_text)];
        }
        targets
    }

    /// The edges calling `value` makes (see [`Self::call_targets`]).
    pub(super) fn targets_of(
        &mut self,
        value: Value,
        inferred: bool,
        shown_text: &str,
    ) -> Vec<Target> {
        let provenance = if inferred { Provenance::Inferred } else { Provenance::Exact };
        match value {
            Value::Def(idx) => {
                if let Some(others) = self.alternatives.get(&idx) {
                    // Defined in several branches: each definition may be the one called.
                    let mut targets: Vec<Target> = others
                        .iter()
                        .chain(std::iter::once(&idx))
                        .map(|&i| Target::Node {
                            id: self.b.nodes[i].id.clone(),
                            provenance: Provenance::Inferred,
                        })
                        .collect();
                    targets.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                    return targets;
                }
                let mut targets =
                    vec![Target::Node { id: self.b.nodes[idx].id.clone(), provenance }];
                // Decorated: the wrapper its decorator returns runs first, and calls it.
                for &wrapper in self.wrappers.get(&idx).into_iter().flatten() {
                    if self.caller == Some(wrapper) {
                        continue;
                    }
                    let id = self.b.nodes[wrapper].id.clone();
                    targets.push(Target::Node { id, provenance: Provenance::Inferred });
                }
                if self.b.nodes[idx].kind == NodeKind::Class {
                    if let Some(init) = self.class_member(idx, "__init__", false) {
                        targets.push(self.member_target(init, inferred));
                    }
                }
                targets
            }
            Value::Key { key, shown } => {
                let name = shown.unwrap_or_else(|| shown_text.to_owned());
                let mut targets = Vec::new();
                if looks_like_class(&key) && self.may_be_in_root(&key) {
                    targets.push(Target::Key {
                        key: format!("{key}.__init__"),
                        name: format!("{name}.__init__"),
                        inferred,
                    });
                }
                targets.insert(0, Target::Key { key, name, inferred });
                targets
            }
            Value::Union(values) => {
                let mut targets = Vec::new();
                for v in values {
                    for t in self.targets_of(v, true, shown_text) {
                        if !targets.contains(&t) {
                            targets.push(t);
                        }
                    }
                }
                targets
            }
            // `make()()`, `f = make(); f()` with `make` in another file: what the
            // call returned is called; its file exports `make.__return__.__call__`
            // as the function returned (or, through `make.__return__`, a class's
            // `__call__`).
            Value::Instance(Class::Key { key, .. }) if keys::is_derived(&key) => {
                vec![Target::Key {
                    key: format!("{key}.__call__"),
                    name: shown_text.to_owned(),
                    inferred: true,
                }]
            }
            Value::Instance(_) | Value::Super(_) | Value::Generic { .. } | Value::Array(_) => {
                Vec::new()
            }
        }
    }

    /// Could `key` be defined in the indexed tree? Keys into this file's own top-level
    /// package could; from a file at the top level, any could. Constructor calls get
    /// their `__init__` edge only then: for a class outside the tree it could never
    /// link and would only add an unresolved edge per call. From test code (a test
    /// file or a `conftest.py`) any could: the code under test is often another
    /// top-level package (`tests/` beside `app/`).
    pub(super) fn may_be_in_root(&self, key: &str) -> bool {
        if self.test_code {
            return true;
        }
        let Some((top, _)) = self.package.split_once('.').or(Some((&self.package, ""))) else {
            return true;
        };
        if top.is_empty() {
            return true;
        }
        let dotted = key.strip_prefix(keys::PYTHON).unwrap_or(key);
        dotted.split('.').next() == Some(top)
    }

    /// The target for a member found by [`Self::class_member`].
    pub(super) fn member_target(&self, member: Member, inferred: bool) -> Target {
        match member {
            Member::Def(idx, through_bases) => Target::Node {
                id: self.b.nodes[idx].id.clone(),
                provenance: if through_bases || inferred {
                    Provenance::Inferred
                } else {
                    Provenance::Exact
                },
            },
            Member::Key { key, shown } => Target::Key { key, name: shown, inferred: true },
            Member::Value(_) => Target::Name("__init__".into()),
        }
    }

    /// Tests as edges: finds the test functions (module-level `test*` functions of a
    /// test file or marked with `@pytest.mark`, `test*` methods of `Test*` classes in a
    /// test file and of `unittest.TestCase` subclasses) and adds their `tests` edges:
    /// to what they call, directly or through the file's other functions (helpers,
    /// fixtures), to the fixtures their parameters name (of this module, imported, or
    /// from a `conftest.py` above), and to `X` when the test is named `test_X` and `X` names a function
    /// or class in the module's scope.
    pub(super) fn tests(&mut self) {
        let test_file = is_test_file(self.b.path);
        let mut tests = Vec::new();
        let mut helpers = HashMap::new();
        for idx in 1..self.b.nodes.len() {
            let node = &self.b.nodes[idx];
            if node.kind.is_callable() {
                // Its decorators' calls are made before the `def` line: not its own.
                let def_line = self.defs.get(&idx).map_or(0, |(syntax, _)| walk::line(*syntax));
                helpers.insert(node.id.clone(), def_line);
            }
            if !node.kind.is_callable() || !node.name.starts_with("test") {
                continue;
            }
            let Some(&(_, scope)) = self.defs.get(&idx) else { continue };
            let is_test = match self.scopes[scope].kind {
                ScopeKind::Module => {
                    test_file || node.decorators.iter().any(|d| d.starts_with("@pytest.mark."))
                }
                ScopeKind::Class => {
                    let class = self.scopes[scope].owner;
                    (test_file && self.b.nodes[class].name.starts_with("Test"))
                        || self.is_test_case(class, 0)
                }
                ScopeKind::Function => false,
            };
            if is_test {
                tests.push(idx);
            }
        }
        let mut with_roots = Vec::new();
        for test in tests {
            let id = &self.b.nodes[test].id;
            // Decorators (`@pytest.mark.parametrize`, `@mock.patch`) are calls made
            // before the `def` line: they set the test up, they are not tested.
            let def_line = self.defs.get(&test).map_or(0, |(syntax, _)| walk::line(*syntax));
            let mut roots = crate::common::tests_edges::call_roots(&self.b, id);
            roots.retain(|&(_, line)| line >= def_line);
            // `len(...)` in a test does not test the builtin.
            roots.retain(|(t, _)| {
                !matches!(t, Target::Key { key, .. } if key.starts_with(keys::PYTHON_BUILTINS))
            });
            roots.extend(self.fixture_roots(test, def_line));
            let name = &self.b.nodes[test].name;
            let tested = name.strip_prefix("test_").filter(|n| is_identifier(n)).map(str::to_owned);
            if let Some(tested) = tested {
                let line = self.b.nodes[test].span.start_line;
                let ctx = Ctx { owner: 0, pos: usize::MAX, user: None };
                let target = match self.eval_name(&tested, ctx) {
                    Some(Eval { value: Value::Def(def), .. })
                        if matches!(
                            self.b.nodes[def].kind,
                            NodeKind::Function | NodeKind::Class
                        ) =>
                    {
                        Some(Target::Node {
                            id: self.b.nodes[def].id.clone(),
                            provenance: Provenance::Exact,
                        })
                    }
                    Some(Eval { value: Value::Key { key, shown }, inferred }) => {
                        Some(Target::Key { key, name: shown.unwrap_or(tested), inferred })
                    }
                    _ => None,
                };
                roots.extend(target.map(|t| (t, line)));
            }
            with_roots.push((test, roots));
        }
        tests_edges::add_tests_edges_from(&mut self.b, with_roots, &helpers);
    }

    /// Whether `class` derives from a `TestCase` (`unittest.TestCase`, Django's, ...),
    /// directly or through classes of this file.
    pub(super) fn is_test_case(&self, class: NodeIdx, depth: usize) -> bool {
        if depth > MAX_EVAL_DEPTH {
            return false;
        }
        self.bases.get(&class).is_some_and(|bases| {
            bases.iter().any(|base| match base {
                Class::Def(c) => self.is_test_case(*c, depth + 1),
                Class::Key { key, .. } => {
                    key.rsplit('.').next().is_some_and(|last| last.ends_with("TestCase"))
                }
            })
        })
    }

    /// Exports the symbols the store needs to resolve across files: star imports and
    /// what a star import of this module binds, base classes, return types.
    pub(super) fn export_resolution_symbols(&mut self) {
        self.export_fixture_scope();
        let module = self.module_key.clone();
        for star in self.star_imports.clone() {
            self.b.export_alias(keys::star(&module), keys::all(&format!("{}{star}", keys::PYTHON)));
        }
        if self.star_imports.len() > 1 {
            // A later star import shadows an earlier one.
            let order: Vec<String> = self
                .star_imports
                .iter()
                .rev()
                .map(|s| keys::all(&format!("{}{s}", keys::PYTHON)))
                .collect();
            self.b.export_alias(keys::star(&module), keys::order(&order));
        }
        match (&self.all_names, self.all_computed) {
            (Some(names), false) => {
                let mut seen = HashSet::new();
                for name in names.clone() {
                    if seen.insert(name.clone()) {
                        self.b.export_alias(
                            format!("{}.{name}", keys::all(&module)),
                            format!("{module}.{name}"),
                        );
                    }
                }
            }
            _ => self.b.export_alias(keys::star(&keys::all(&module)), module.clone()),
        }
        let mut classes: Vec<NodeIdx> = self.bases.keys().copied().collect();
        classes.sort_unstable();
        for class in classes {
            let Some(key) = self.keys.get(&class).cloned() else { continue };
            let mut targets: Vec<String> = Vec::new();
            for base in &self.bases[&class] {
                let target = match base {
                    Class::Def(b) => self.keys.get(b).cloned(),
                    Class::Key { key, .. } => Some(key.clone()),
                };
                if let Some(t) = target {
                    if !targets.contains(&t) && t != key {
                        targets.push(t);
                    }
                }
            }
            for t in &targets {
                self.b.export_alias(keys::star(&key), t.clone());
            }
            if targets.len() > 1 {
                self.b.export_alias(keys::star(&key), keys::order(&targets));
            }
        }
        // Instance attributes of a known class: `obj.attr.m` links to `C.m`.
        let mut with_attributes: Vec<NodeIdx> = self.attributes.keys().copied().collect();
        with_attributes.sort_unstable();
        for class in with_attributes {
            let Some(key) = self.keys.get(&class).cloned() else { continue };
            let mut names: Vec<String> =
                self.attributes[&class].iter().map(|(name, _, _)| name.clone()).collect();
            names.sort();
            names.dedup();
            for name in names {
                let qname = format!("{}.{name}", self.b.nodes[class].qualified_name);
                if self.by_qname.contains_key(&qname) {
                    continue; // a method or nested class: a symbol already
                }
                if let Some(Eval { value, .. }) = self.attribute_value(class, &name) {
                    // Star rows, not an alias: the attribute is an instance of the
                    // class, not the class; only its members link through it.
                    self.export_instance_stars(&format!("{key}.{name}"), value);
                }
            }
        }
        // Module-level instances: `name = C()` or `name: C = ...` at module level makes
        // `m.name.meth` link to `C.meth` from other files (`from m import name`,
        // `m.name.meth()`), as the same call inside the module does. A star row: the
        // name is an instance of the class, not the class.
        let mut globals: Vec<String> = self.owners[0].vars.keys().cloned().collect();
        globals.sort();
        for name in globals {
            let defined = self.by_qname.get(&name).is_some_and(|&idx| {
                self.b.nodes[idx].kind.is_callable() || self.b.nodes[idx].kind == NodeKind::Class
            });
            if defined || matches!(self.scopes[0].bindings.get(&name), Some(Binding::Import { .. }))
            {
                continue;
            }
            let Local::Value(Some(Eval { value, .. })) =
                self.local_value(0, &name, usize::MAX, None)
            else {
                continue;
            };
            self.export_instance_stars(&format!("{}.{name}", self.module_key), value);
        }
        let mut functions: Vec<(NodeIdx, String)> = self
            .keys
            .iter()
            .filter(|(idx, _)| self.b.nodes[**idx].kind.is_callable())
            .map(|(idx, key)| (*idx, key.clone()))
            .collect();
        functions.sort_unstable();
        for (idx, key) in functions {
            if self.returns_self(idx, &mut HashSet::new()) {
                // Returns its receiver: of the caller's class (`Func.copy` called on
                // an `Aggregate` returns an `Aggregate`), which the linker puts in.
                if !self.is_property(idx) {
                    self.b.export_alias(keys::returns(&key), keys::RECEIVER.to_owned());
                }
                continue;
            }
            // A fixture's `__return__` is what its tests receive (what it yields, for
            // a yield fixture): pytest never lets code call a fixture itself.
            let fixture = self.is_fixture(idx);
            let value = if fixture { self.fixture_value(idx) } else { self.return_value(idx) };
            let class = match value {
                Some(Eval { value: Value::Instance(class), .. }) => class,
                // Returns a function of this file: calling what it returns calls that.
                Some(Eval { value: Value::Def(g), .. })
                    if self.b.nodes[g].kind.is_callable() && !fixture =>
                {
                    if let Some(target) = self.keys.get(&g).cloned() {
                        let called = format!("{}.__call__", keys::returns(&key));
                        self.b.export_alias(called, target);
                    }
                    continue;
                }
                Some(Eval { value: union @ Value::Union(_), .. }) => {
                    // One of a few classes (`return A() if c else B()`, a local bound
                    // in each arm of an `if`): star rows, first first, so that a
                    // member links to the first alternative that defines it.
                    let suffix = if self.is_property(idx) { "*" } else { keys::RETURN };
                    self.export_instance_stars(&format!("{key}.{suffix}"), union);
                    continue;
                }
                _ => continue,
            };
            let target = match class {
                // What a fixture gets from a call elsewhere (`return connect()`) is
                // worth the symbol: every test taking the fixture links through it.
                Class::Key { key, .. } if fixture => Some(key),
                class => self.class_key(class),
            };
            if let Some(target) = target {
                // A property's members are its value's: `obj.prop.m` links to `C.m`.
                let suffix = if self.is_property(idx) { "*" } else { keys::RETURN };
                self.b.export_alias(format!("{key}.{suffix}"), target);
            }
        }
    }

    /// Exports `key.*` star rows to the class of `value` when it is an instance, or
    /// to each instance's class among a union's alternatives, with an order row when
    /// there are several (first alternative first). Nothing for other values.
    fn export_instance_stars(&mut self, key: &str, value: Value) {
        let parts = match value {
            Value::Union(parts) => parts,
            value => vec![value],
        };
        let mut targets: Vec<String> = Vec::new();
        for part in parts {
            if let Value::Instance(class) = part {
                if let Some(target) = self.class_key(class) {
                    if !targets.contains(&target) {
                        targets.push(target);
                    }
                }
            }
        }
        for target in &targets {
            self.b.export_alias(keys::star(key), target.clone());
        }
        if targets.len() > 1 {
            self.b.export_alias(keys::star(key), keys::order(&targets));
        }
    }

    /// The key an instance of `class` exports its members through: a class of this
    /// file by its key, another by the key it was found under, unless that is itself
    /// a guess about a call's result (not worth a symbol).
    fn class_key(&self, class: Class) -> Option<String> {
        match class {
            Class::Def(c) => self.keys.get(&c).cloned(),
            Class::Key { key, .. } if !keys::is_derived(&key) => Some(key),
            Class::Key { .. } => None,
        }
    }
}

//! Python: modules, classes, functions, methods, constants and type aliases; imports
//! (absolute, relative, aliased, star), calls and base classes resolved through
//! Python's scope rules (LEGB, with class scopes invisible to their methods).
//!
//! Callees are resolved by a small abstract evaluation of the callee expression: names
//! through scopes and imports, attributes through modules and classes, and the classes
//! of receivers from what the file states: `self` and `cls`, constructor calls, local
//! assignments in source order (`x = C(); x.m()`), annotations (`x: C`, parameters),
//! return annotations or, lacking one, the class every `return` of the function
//! agrees on, and `self.attr = C()` assignments in a class's methods. Edges found
//! through a receiver's class are `inferred`; names, modules and constructors give
//! `exact` ones. Nothing else is guessed: a callee that does not evaluate is kept by
//! its text, unresolved.
//!
//! Symbol keys are `py:` + the dotted module path derived from the file path
//! (`django/db/models/__init__.py` is `py:django.db.models`) + the qualified name.
//! Besides its definitions and import re-exports, a file exports:
//! - `py:m.C.*` → each base of class `C` (with an order row when there are several),
//!   so that the store finds inherited members in MRO order across files;
//! - `py:m.f.__return__` → the class `f` returns, so that `m.f().g()` links elsewhere
//!   (for a property, `py:m.C.p.*` → that class, so that `obj.p.g()` does);
//! - `py:m.C.a.*` → the class of instance attribute `a` (`self.a = A()`);
//! - `py:m.*` → `py:s.__all__` for each `from s import *` (latest first), and what a
//!   star import of this module binds: `py:m.__all__.n` → `py:m.n` for each name of a
//!   literal `__all__`, or else `py:m.__all__.*` → `py:m` (public names).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::{walk, EdgeFacts, FileFacts, Target};
use model::{EdgeKind, Language, NodeKind, Provenance};
use std::collections::{HashMap, HashSet, VecDeque};
use tree_sitter::Node;

/// What a name is bound to in a scope by a definition or an import.
#[derive(Clone, Debug)]
enum Binding {
    /// A definition in this file.
    Node(NodeIdx),
    /// An import: the global key and the dotted name shown to users.
    Import { key: String, name: String },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function,
}

struct Scope {
    kind: ScopeKind,
    parent: Option<usize>,
    /// The node that owns the scope (module, class or function).
    owner: NodeIdx,
    bindings: HashMap<String, Binding>,
}

/// A body whose calls pass 2 reads: the module, a class body or a function body.
struct Owner<'t> {
    idx: NodeIdx,
    scope: usize,
    /// Statements to scan: a body block, or the whole module.
    body: Node<'t>,
    /// The enclosing class of a method (for `super()`).
    class: Option<NodeIdx>,
    /// Local variables: every binding of each name in this body, in source order.
    vars: HashMap<String, Vec<Assign<'t>>>,
    /// Call sites in this body: the callee, the line, the byte the call starts at.
    sites: Vec<(Node<'t>, u32, usize)>,
    /// `return` statements in this body, and whether it yields (a generator).
    returns: Vec<Node<'t>>,
    generator: bool,
}

impl<'t> Owner<'t> {
    fn new(idx: NodeIdx, scope: usize, body: Node<'t>, class: Option<NodeIdx>) -> Self {
        Owner {
            idx,
            scope,
            body,
            class,
            vars: HashMap::new(),
            sites: Vec::new(),
            returns: Vec::new(),
            generator: false,
        }
    }
}

/// One binding of a local variable, effective from byte `end` on.
#[derive(Clone, Debug)]
struct Assign<'t> {
    end: usize,
    /// The binding stops applying here (the end of an `isinstance` block).
    until: usize,
    /// The byte range of the conditional block (`if`, loop, `except` body) the
    /// binding is in, if any: seen from outside it, the earlier value may remain.
    branch: Option<(usize, usize)>,
    how: Assigned<'t>,
}

impl Assign<'_> {
    fn applies_at(&self, pos: usize) -> bool {
        self.end <= pos && (pos < self.until || self.until == usize::MAX)
    }
}

#[derive(Clone, Debug)]
enum Assigned<'t> {
    /// `x = expr`, evaluated where the statement starts.
    Expr { expr: Node<'t>, at: usize },
    /// `x: T`, a parameter annotation: an instance of `T`.
    Annotation(Node<'t>),
    /// A value known without evaluation (`self`, `cls`).
    Known(Value),
    /// `for x in expr`: an element of `expr`, when its annotation says
    /// (`items: list[C]`).
    Element { expr: Node<'t>, at: usize },
    /// Bound to something this module cannot know (a loop variable, a parameter).
    Opaque,
}

/// What an expression evaluates to, as far as the file tells.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    /// A definition of this file: a class (the class object itself), a function or a
    /// method.
    Def(NodeIdx),
    /// Something known by a global key only: a module, class or function of another
    /// file, or outside the root. `shown` is the dotted name users see; `None` when
    /// the key is made up (`f.__return__`) and the source text reads better.
    Key { key: String, shown: Option<String> },
    /// An instance of a class.
    Instance(Class),
    /// `super()` in a method of this class.
    Super(NodeIdx),
    /// One of a few values (`Union[A, B]`, an attribute assigned different classes,
    /// `A() if c else B()`): a call may reach each.
    Union(Vec<Value>),
}

/// At most this many alternatives make a [`Value::Union`]; more say nothing useful.
const MAX_UNION: usize = 4;

/// The union of `values` (flattened, without repeats); `None` when empty or too big.
fn union(values: Vec<Value>) -> Option<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in values {
        let parts = match v {
            Value::Union(parts) => parts,
            v => vec![v],
        };
        for part in parts {
            if !out.contains(&part) {
                out.push(part);
            }
        }
    }
    match out.len() {
        0 => None,
        1 => out.pop(),
        n if n <= MAX_UNION => Some(Value::Union(out)),
        _ => None,
    }
}

/// A class an instance belongs to.
#[derive(Clone, Debug, PartialEq)]
enum Class {
    Def(NodeIdx),
    Key { key: String, shown: Option<String> },
}

/// A value, and whether finding it took a heuristic (a receiver's class).
#[derive(Clone, Debug, PartialEq)]
struct Eval {
    value: Value,
    inferred: bool,
}

/// Where an expression is evaluated: in the body of owner `owner`, at byte `pos`.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    owner: usize,
    pos: usize,
    /// The node whose `imports` record the imported names this evaluation uses.
    user: Option<NodeIdx>,
}

/// Bound on nested evaluations (assignment chains, return types, attributes).
const MAX_EVAL_DEPTH: usize = 24;

struct Py<'s, 't> {
    b: FileBuilder<'s>,
    module_key: String,
    package: String,
    scopes: Vec<Scope>,
    owners: Vec<Owner<'t>>,
    /// The owner whose body is each scope.
    scope_owner: HashMap<usize, usize>,
    /// Functions and classes: their syntax and the scope they are defined in.
    defs: HashMap<NodeIdx, (Node<'t>, usize)>,
    /// The id of the syntax node (block) each definition is a statement of.
    def_blocks: HashMap<NodeIdx, usize>,
    /// The owner of each function's and class's body.
    body_owner: HashMap<NodeIdx, usize>,
    /// Base classes per class node, in declaration order.
    bases: HashMap<NodeIdx, Vec<Class>>,
    /// Node index by qualified name (first definition wins), for dotted lookups.
    by_qname: HashMap<String, NodeIdx>,
    /// Classes whose bases still need resolving: (class, enclosing scope, syntax).
    class_heads: Vec<(NodeIdx, usize, Node<'t>)>,
    /// The module and the classes reachable from it by attribute access: the
    /// containers whose members are exported as symbols.
    exportable: HashSet<NodeIdx>,
    /// The key each exported definition has.
    keys: HashMap<NodeIdx, String>,
    /// Definitions whose decorators still need resolving: (node, enclosing scope).
    decorated: Vec<(NodeIdx, usize, Vec<Node<'t>>)>,
    /// Functions defined more than once in one scope in different branches (`if`/
    /// `else`, `try`/`except`): the earlier definitions a call may reach instead.
    alternatives: HashMap<NodeIdx, Vec<NodeIdx>>,
    /// Instance attributes per class: `self.name = ...` in its methods and annotated
    /// names in its body, with the owner whose body binds them.
    attributes: HashMap<NodeIdx, Vec<(String, usize, Assign<'t>)>>,
    /// Modules star-imported at module level, dotted, in source order.
    star_imports: Vec<String>,
    /// The names of a literal module-level `__all__`; `None` without one (or when it
    /// is computed, which counts as "public names").
    all_names: Option<Vec<String>>,
    all_computed: bool,
    /// Return values already worked out (`None` inside: unknown or being computed).
    returns: HashMap<NodeIdx, Option<Eval>>,
    /// Instance attribute values already worked out.
    attribute_values: HashMap<(NodeIdx, String), Option<Eval>>,
    depth: usize,
}

/// Extracts a Python file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_python::LANGUAGE.into(), src);
    let module_key = format!("py:{}", dotted_module(path));
    let package = if path.ends_with("/__init__.py") || path.ends_with("/__init__.pyi") {
        module_key["py:".len()..].to_owned()
    } else {
        match module_key["py:".len()..].rsplit_once('.') {
            Some((pkg, _)) => pkg.to_owned(),
            None => String::new(),
        }
    };
    let mut py = Py {
        b: FileBuilder::new(path, src, Language::Python, &tree),
        module_key: module_key.clone(),
        package,
        scopes: vec![Scope {
            kind: ScopeKind::Module,
            parent: None,
            owner: 0,
            bindings: HashMap::new(),
        }],
        owners: Vec::new(),
        scope_owner: HashMap::from([(0, 0)]),
        defs: HashMap::new(),
        def_blocks: HashMap::new(),
        body_owner: HashMap::new(),
        bases: HashMap::new(),
        by_qname: HashMap::new(),
        class_heads: Vec::new(),
        exportable: HashSet::from([0]),
        keys: HashMap::new(),
        decorated: Vec::new(),
        alternatives: HashMap::new(),
        attributes: HashMap::new(),
        star_imports: Vec::new(),
        all_names: None,
        all_computed: false,
        returns: HashMap::new(),
        attribute_values: HashMap::new(),
        depth: 0,
    };
    let root = tree.root_node();
    py.b.export_node(module_key, 0);
    py.b.nodes[0].docstring = docstring(root, src);
    py.owners.push(Owner::new(0, 0, root, None));
    py.definitions(root, 0, 0, 0, false);
    for owner in 0..py.owners.len() {
        py.collect_vars(owner);
    }
    py.resolve_heads();
    for owner in 0..py.owners.len() {
        py.calls(owner);
    }
    py.tests();
    py.export_resolution_symbols();
    py.b.finish()
}

/// How many helper levels a test's `tests` edges follow: its direct calls (1), the
/// calls of the test-local helpers it calls (2), and of their helpers (3).
const MAX_HELPER_DEPTH: usize = 3;

/// Tests as edges, shared by the language modules: for each `(test, roots)` adds a
/// `tests` edge from the test to every target of `roots` (its direct calls, and the
/// names its name says it tests), and, breadth first up to [`MAX_HELPER_DEPTH`],
/// to the `calls` targets of the `helpers` (node ids of this file) it reaches. Targets
/// are kept as the call edges have them, so the store links keys as it links calls;
/// names (builtins, dynamic calls) are skipped, and each destination appears once
/// per test (exact rather than inferred when both are found), at the line of the
/// test's own site that reaches it.
pub(crate) fn add_tests_edges(
    b: &mut FileBuilder<'_>,
    tests: Vec<(NodeIdx, Vec<(Target, u32)>)>,
    helpers: &HashSet<String>,
) {
    let mut calls: HashMap<&str, Vec<&Target>> = HashMap::new();
    for e in b.edges.iter().filter(|e| e.kind == EdgeKind::Calls) {
        calls.entry(e.src.as_str()).or_default().push(&e.target);
    }
    let mut out: Vec<EdgeFacts> = Vec::new();
    for (test, roots) in tests {
        let test_id = &b.nodes[test].id;
        // Destination → index in `out`, so that an exact target replaces an inferred one.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut expanded: HashSet<&str> = HashSet::from([test_id.as_str()]);
        let mut queue: VecDeque<(Target, u32, usize)> =
            roots.into_iter().map(|(t, line)| (t, line, 1)).collect();
        while let Some((target, line, depth)) = queue.pop_front() {
            let dst = match &target {
                Target::Name(_) => continue,
                Target::Node { id, .. } if id == test_id => continue,
                Target::Node { id, .. } => {
                    if depth < MAX_HELPER_DEPTH && helpers.contains(id) {
                        if let Some((id, callees)) = calls.get_key_value(id.as_str()) {
                            if expanded.insert(id) {
                                for &t in callees {
                                    queue.push_back((t.clone(), line, depth + 1));
                                }
                            }
                        }
                    }
                    format!("node {id}")
                }
                Target::Key { key, .. } => format!("key {key}"),
            };
            match seen.get(&dst) {
                Some(&at) => {
                    if !is_inferred(&target) && is_inferred(&out[at].target) {
                        out[at].target = target;
                    }
                }
                None => {
                    seen.insert(dst, out.len());
                    let src = test_id.clone();
                    out.push(EdgeFacts { kind: EdgeKind::Tests, src, target, line });
                }
            }
        }
    }
    b.edges.extend(out);
}

/// Whether a target was found by a heuristic.
fn is_inferred(target: &Target) -> bool {
    match target {
        Target::Node { provenance, .. } => *provenance == Provenance::Inferred,
        Target::Key { inferred, .. } => *inferred,
        Target::Name(_) => false,
    }
}

/// A file pytest collects tests from: `test_*.py`, `*_test.py`, or under `tests/`.
fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.strip_suffix(".py").unwrap_or(file);
    stem.starts_with("test_")
        || stem.ends_with("_test")
        || path.split('/').rev().skip(1).any(|d| d == "tests")
}

/// `a/b/c.py` → `a.b.c`; `a/b/__init__.py` → `a.b`.
fn dotted_module(path: &str) -> String {
    let stem = path.strip_suffix(".pyi").or_else(|| path.strip_suffix(".py")).unwrap_or(path);
    let stem = stem.strip_suffix("/__init__").unwrap_or(stem);
    stem.replace('/', ".")
}

impl<'s, 't> Py<'s, 't> {
    /// Pass 1: walks the statements of `block`, creating nodes for definitions and
    /// bindings for definitions and imports in `scope`. Conditional blocks (`if`,
    /// `try`, `with`, loops) are walked too: their definitions belong to `scope`.
    fn definitions(
        &mut self,
        block: Node<'t>,
        scope: usize,
        parent: NodeIdx,
        depth: usize,
        in_except: bool,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(block));
            return;
        }
        let mut cursor = block.walk();
        for stmt in block.named_children(&mut cursor) {
            match stmt.kind() {
                "function_definition" | "class_definition" => {
                    self.definition(stmt, stmt, block, Vec::new(), scope, parent, depth);
                }
                "decorated_definition" => {
                    let mut decorators = Vec::new();
                    let mut c = stmt.walk();
                    for child in stmt.named_children(&mut c) {
                        if child.kind() == "decorator" {
                            decorators.push(child);
                        }
                    }
                    if let Some(def) = stmt.child_by_field_name("definition") {
                        self.definition(def, stmt, block, decorators, scope, parent, depth);
                    }
                }
                "import_statement" | "import_from_statement" | "future_import_statement" => {
                    self.import(stmt, scope, parent, in_except);
                }
                "expression_statement" if self.scopes[scope].kind == ScopeKind::Module => {
                    self.constant(stmt);
                    self.dunder_all(stmt);
                }
                "type_alias_statement" if self.scopes[scope].kind == ScopeKind::Module => {
                    self.type_alias(stmt);
                }
                "if_statement" | "elif_clause" | "else_clause" | "try_statement"
                | "except_clause" | "finally_clause" | "with_statement" | "for_statement"
                | "while_statement" | "block" | "match_statement" | "case_clause" => {
                    let in_except = in_except || stmt.kind() == "except_clause";
                    self.definitions(stmt, scope, parent, depth + 1, in_except);
                }
                // Tree-sitter wraps what it could not parse in ERROR nodes; the
                // definitions inside are still worth having.
                "ERROR" => self.definitions(stmt, scope, parent, depth + 1, in_except),
                _ => {
                    // `if`/`for` etc. keep their blocks under fields like `consequence`
                    // and `body`; those are reached through the arms above.
                }
            }
        }
    }

    /// Creates the node for a `def` or `class` (`syntax`), spanning `outer` (the
    /// decorated definition when there are decorators), a statement of `block`.
    #[allow(clippy::too_many_arguments)]
    fn definition(
        &mut self,
        syntax: Node<'t>,
        outer: Node<'t>,
        block: Node<'t>,
        decorators: Vec<Node<'t>>,
        scope: usize,
        parent: NodeIdx,
        depth: usize,
    ) {
        let Some(name_node) = syntax.child_by_field_name("name") else { return };
        let name = self.b.text(name_node).into_owned();
        let is_class = syntax.kind() == "class_definition";
        let in_class = self.scopes[scope].kind == ScopeKind::Class;
        let kind = match (is_class, in_class) {
            (true, _) => NodeKind::Class,
            (false, true) => NodeKind::Method,
            (false, false) => NodeKind::Function,
        };
        let idx = self.b.add_node(parent, kind, &name, outer);
        let body = syntax.child_by_field_name("body");
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            node.signature = Some(signature(syntax, body, src));
            node.docstring = body.and_then(|body| docstring(body, src));
            node.decorators =
                decorators.iter().map(|d| walk::collapse_ws(&walk::text(*d, src))).collect();
            if !is_class {
                node.complexity = body.map_or(1, complexity);
                node.has_type_hints = type_hints(syntax, kind == NodeKind::Method, src);
            }
        }
        let qualified = self.b.nodes[idx].qualified_name.clone();
        self.by_qname.entry(qualified).or_insert(idx);
        self.defs.insert(idx, (syntax, scope));
        let block_id = block.id();
        // Only definitions reachable from the module by attribute access are symbols.
        if self.exportable.contains(&parent) && !self.b.nodes[idx].qualified_name.contains('#') {
            let key = format!("{}.{}", self.module_key, self.b.nodes[idx].qualified_name);
            self.b.export_node(key.clone(), idx);
            self.keys.insert(idx, key);
            if is_class {
                self.exportable.insert(idx);
            }
        }
        if let Some(Binding::Node(previous)) = self.scopes[scope].bindings.get(&name) {
            let previous = *previous;
            // Tree-sitter finds a node's parent by walking down from the root, so the
            // block each definition sits in is remembered instead of asked for.
            let previous_block = self.def_blocks.get(&previous);
            if previous_block.is_some_and(|&b| b != block_id) && !is_class {
                let mut alternatives = self.alternatives.remove(&previous).unwrap_or_default();
                alternatives.push(previous);
                self.alternatives.insert(idx, alternatives);
            }
        }
        self.def_blocks.insert(idx, block_id);
        self.scopes[scope].bindings.insert(name, Binding::Node(idx));
        if !decorators.is_empty() {
            self.decorated.push((idx, scope, decorators));
        }
        let inner_kind = if is_class { ScopeKind::Class } else { ScopeKind::Function };
        self.scopes.push(Scope {
            kind: inner_kind,
            parent: Some(scope),
            owner: idx,
            bindings: HashMap::new(),
        });
        let inner = self.scopes.len() - 1;
        if is_class {
            self.class_heads.push((idx, scope, syntax));
        }
        if let Some(body) = body {
            let class = if in_class { Some(self.scopes[scope].owner) } else { None };
            self.owners.push(Owner::new(idx, inner, body, class));
            let owner = self.owners.len() - 1;
            self.scope_owner.insert(inner, owner);
            self.body_owner.insert(idx, owner);
            self.definitions(body, inner, idx, depth + 1, false);
        }
    }

    /// Binds the names an import statement introduces in `scope`; at module level
    /// also records the module's imports, `imports` edges and re-export aliases.
    /// `fallback`: the statement is in an `except` clause (of its own function, class
    /// or module).
    fn import(&mut self, stmt: Node<'t>, scope: usize, owner: NodeIdx, fallback: bool) {
        let line = walk::line(stmt);
        // (bound name, dotted target)
        let mut bound: Vec<(String, String)> = Vec::new();
        let mut imported: Vec<String> = Vec::new();
        let module_level = self.scopes[scope].kind == ScopeKind::Module;
        match stmt.kind() {
            "import_statement" => {
                let mut c = stmt.walk();
                for item in stmt.children_by_field_name("name", &mut c) {
                    match item.kind() {
                        "dotted_name" => {
                            let full = walk::collapse_ws(&self.b.text(item));
                            let head = full.split('.').next().unwrap_or(&full).to_owned();
                            bound.push((head.clone(), head));
                            imported.push(full);
                        }
                        "aliased_import" => {
                            let (Some(name), Some(alias)) = (
                                item.child_by_field_name("name"),
                                item.child_by_field_name("alias"),
                            ) else {
                                continue;
                            };
                            let full = walk::collapse_ws(&self.b.text(name));
                            bound.push((self.b.text(alias).into_owned(), full.clone()));
                            imported.push(full);
                        }
                        _ => {}
                    }
                }
            }
            "import_from_statement" => {
                let Some(module) = stmt.child_by_field_name("module_name") else { return };
                let base = self.resolve_from_module(module);
                let mut c = stmt.walk();
                let mut star = false;
                for child in stmt.named_children(&mut c) {
                    if child.kind() == "wildcard_import" {
                        star = true;
                    }
                }
                if star {
                    imported.push(format!("{base}.*"));
                    if module_level {
                        self.star_imports.push(base);
                    }
                } else {
                    let mut c = stmt.walk();
                    for item in stmt.children_by_field_name("name", &mut c) {
                        let (name, alias) = match item.kind() {
                            "dotted_name" => (item, item),
                            "aliased_import" => {
                                let (Some(n), Some(a)) = (
                                    item.child_by_field_name("name"),
                                    item.child_by_field_name("alias"),
                                ) else {
                                    continue;
                                };
                                (n, a)
                            }
                            _ => continue,
                        };
                        let name = walk::collapse_ws(&self.b.text(name));
                        let full = join(&base, &name);
                        bound.push((self.b.text(alias).into_owned(), full.clone()));
                        imported.push(full);
                    }
                }
            }
            _ => {
                // `from __future__ import x`: compiler directives, nothing to bind.
                return;
            }
        }
        for full in &imported {
            let target = full.strip_suffix(".*").unwrap_or(full);
            if module_level {
                self.b.nodes[0].imports.push(full.clone());
            }
            self.b.edge(
                EdgeKind::Imports,
                owner,
                Target::Key {
                    key: format!("py:{target}"),
                    name: target.to_owned(),
                    inferred: false,
                },
                line,
            );
        }
        // `except ImportError: import simplejson as json`: a fallback (an import inside
        // an `except` of its own function, class or module), the name keeps what the
        // `try` bound.
        for (name, full) in bound {
            if fallback && self.scopes[scope].bindings.contains_key(&name) {
                continue;
            }
            if module_level {
                let alias = format!("{}.{}", self.module_key, name);
                self.b.export_alias(alias, format!("py:{full}"));
            }
            let key = format!("py:{full}");
            self.scopes[scope].bindings.insert(name, Binding::Import { key, name: full });
        }
    }

    /// The dotted module a `from X import` names, with relative levels resolved
    /// against this file's package.
    fn resolve_from_module(&self, module: Node<'t>) -> String {
        if module.kind() != "relative_import" {
            return walk::collapse_ws(&self.b.text(module));
        }
        let text = walk::collapse_ws(&self.b.text(module));
        let dots = text.chars().take_while(|&c| c == '.').count();
        let rest = text[dots..].trim();
        let mut package = self.package.as_str();
        for _ in 1..dots {
            package = package.rsplit_once('.').map_or("", |(p, _)| p);
        }
        join(package, rest)
    }

    /// A module-level `NAME = ...` with an upper-case name becomes a constant.
    fn constant(&mut self, stmt: Node<'t>) {
        let Some(assign) = stmt.named_child(0) else { return };
        if assign.kind() != "assignment" {
            return;
        }
        let Some(left) = assign.child_by_field_name("left") else { return };
        if left.kind() != "identifier" {
            return;
        }
        let name = self.b.text(left).into_owned();
        let upper = name.chars().any(|c| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !upper {
            return;
        }
        let idx = self.b.add_node(0, NodeKind::Constant, &name, stmt);
        if !self.b.nodes[idx].qualified_name.contains('#') {
            self.b.export_node(format!("{}.{}", self.module_key, name), idx);
        }
        self.by_qname.entry(name.clone()).or_insert(idx);
        self.scopes[0].bindings.insert(name, Binding::Node(idx));
    }

    /// `__all__ = [...]`, `__all__ += [...]`, `__all__.extend([...])`,
    /// `__all__.append("x")` at module level: the names a star import binds. Anything
    /// but literal strings makes `__all__` computed.
    fn dunder_all(&mut self, stmt: Node<'t>) {
        let Some(expr) = stmt.named_child(0) else { return };
        let (target, value, replace) = match expr.kind() {
            "assignment" | "augmented_assignment" => {
                let (Some(left), Some(right)) =
                    (expr.child_by_field_name("left"), expr.child_by_field_name("right"))
                else {
                    return;
                };
                (left, right, expr.kind() == "assignment")
            }
            "call" => {
                let (Some(f), Some(args)) =
                    (expr.child_by_field_name("function"), expr.child_by_field_name("arguments"))
                else {
                    return;
                };
                let (Some(object), Some(method)) =
                    (f.child_by_field_name("object"), f.child_by_field_name("attribute"))
                else {
                    return;
                };
                match &*self.b.text(method) {
                    "extend" => match args.named_child(0) {
                        Some(list) => (object, list, false),
                        None => return,
                    },
                    "append" => (object, args, false),
                    _ => return,
                }
            }
            _ => return,
        };
        if target.kind() != "identifier" || self.b.text(target) != "__all__" {
            return;
        }
        let mut names = Vec::new();
        let mut literal = matches!(value.kind(), "list" | "tuple" | "argument_list");
        let mut c = value.walk();
        for item in value.named_children(&mut c) {
            match string_literal(item, self.b.src) {
                Some(name) => names.push(name),
                None if item.kind() == "comment" => {}
                None => literal = false,
            }
        }
        if !literal {
            self.all_computed = true;
            return;
        }
        let all = self.all_names.get_or_insert_with(Vec::new);
        if replace {
            all.clear();
        }
        all.extend(names);
    }

    /// `type X = ...` (Python 3.12).
    fn type_alias(&mut self, stmt: Node<'t>) {
        let Some(left) = stmt.child_by_field_name("left") else { return };
        let name_node = left.named_child(0).filter(|n| n.kind() == "identifier").unwrap_or(left);
        let name = self.b.text(name_node).into_owned();
        let idx = self.b.add_node(0, NodeKind::TypeAlias, &name, stmt);
        self.b.nodes[idx].signature = Some(walk::collapse_ws(&self.b.text(stmt)));
        if !self.b.nodes[idx].qualified_name.contains('#') {
            self.b.export_node(format!("{}.{}", self.module_key, name), idx);
        }
        self.scopes[0].bindings.insert(name, Binding::Node(idx));
    }

    /// Records the local variables of an owner's body (and, for methods, the
    /// `self.attr = ...` assignments that give its class's instances attributes).
    fn collect_vars(&mut self, owner: usize) {
        let idx = self.owners[owner].idx;
        let body = self.owners[owner].body;
        let mut vars: HashMap<String, Vec<Assign<'t>>> = HashMap::new();
        let mut attributes: Vec<(String, Assign<'t>)> = Vec::new();
        let mut self_name: Option<String> = None;
        if let Some(&(syntax, _)) = self.defs.get(&idx) {
            if syntax.kind() == "function_definition" {
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
        let mut branches: Vec<(usize, usize)> = Vec::new();
        let mut sites = Vec::new();
        let mut returns = Vec::new();
        let mut generator = false;
        walk::preorder(body, |node| {
            let kind = node.kind();
            if node != body
                && matches!(
                    kind,
                    "function_definition" | "class_definition" | "decorated_definition"
                )
            {
                return false;
            }
            let start = node.start_byte();
            while branches.last().is_some_and(|&(_, end)| end <= start) {
                branches.pop();
            }
            if let Some(block) = conditional_block(node) {
                branches.push((block.start_byte(), block.end_byte()));
            }
            let branch = branches.iter().rev().find(|&&(s, e)| s <= start && start < e).copied();
            match kind {
                "call" => {
                    if let Some(f) = node.child_by_field_name("function") {
                        sites.push((f, walk::line(node), start));
                    }
                }
                "return_statement" => returns.push(node),
                "yield" => generator = true,
                "assignment" => {
                    let (Some(left), right) =
                        (node.child_by_field_name("left"), node.child_by_field_name("right"))
                    else {
                        return true;
                    };
                    let end = node.end_byte();
                    let how = match (node.child_by_field_name("type"), right) {
                        (Some(ty), _) => Some(Assigned::Annotation(ty)),
                        (None, Some(expr)) if expr.kind() != "assignment" => {
                            Some(Assigned::Expr { expr, at: node.start_byte() })
                        }
                        _ => None,
                    };
                    match left.kind() {
                        "identifier" => {
                            let how = how.unwrap_or(Assigned::Opaque);
                            let assign = Assign { end, until: usize::MAX, branch, how };
                            bind(&mut vars, text(left), assign);
                        }
                        "attribute" => {
                            // `self.name = ...` in a method gives instances an attribute.
                            let object = left.child_by_field_name("object");
                            let attr = left.child_by_field_name("attribute");
                            if let (Some(object), Some(attr), Some(me), Some(how)) =
                                (object, attr, self_name.as_deref(), how)
                            {
                                if object.kind() == "identifier" && text(object) == me {
                                    attributes.push((
                                        text(attr),
                                        Assign { end, until: usize::MAX, branch: None, how },
                                    ));
                                }
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
                    if is_class_body && left.kind() == "identifier" {
                        if let Some(ty) = node.child_by_field_name("type") {
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
                    if let (Some(name), Some(expr)) =
                        (node.child_by_field_name("name"), node.child_by_field_name("value"))
                    {
                        let how = Assigned::Expr { expr, at: node.start_byte() };
                        bind(
                            &mut vars,
                            text(name),
                            Assign { end: node.end_byte(), until: usize::MAX, branch: None, how },
                        );
                    }
                }
                "for_statement" => {
                    if let Some(left) = node.child_by_field_name("left") {
                        let right = node.child_by_field_name("right");
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
                        if clause.kind() != "for_in_clause" {
                            continue;
                        }
                        if let Some(left) = clause.child_by_field_name("left") {
                            let right = clause.child_by_field_name("right");
                            loop_variables(&mut vars, left, right, start, clause, src);
                        }
                    }
                }
                "if_statement" | "elif_clause" => {
                    // `if isinstance(x, C):` narrows `x` to `C` inside the block.
                    let narrowed = node.child_by_field_name("condition").and_then(|cond| {
                        let f = cond.child_by_field_name("function")?;
                        let args = cond.child_by_field_name("arguments")?;
                        if cond.kind() != "call" || walk::text(f, src) != "isinstance" {
                            return None;
                        }
                        let (x, class) = (args.named_child(0)?, args.named_child(1)?);
                        let block = node.child_by_field_name("consequence")?;
                        (x.kind() == "identifier"
                            && matches!(class.kind(), "identifier" | "attribute"))
                        .then(|| (text(x), class, block))
                    });
                    if let Some((name, class, block)) = narrowed {
                        let assign = Assign {
                            end: block.start_byte(),
                            until: block.end_byte(),
                            branch: None,
                            how: Assigned::Annotation(class),
                        };
                        bind(&mut vars, name, assign);
                    }
                }
                "as_pattern" | "with_item" | "except_clause" => {
                    if let Some(alias) = node.child_by_field_name("alias") {
                        for name in identifiers(alias, src) {
                            let end = alias.end_byte();
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
                "lambda" => {
                    if let Some(params) = node.child_by_field_name("parameters") {
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
        o.returns = returns;
        o.generator = generator;
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

    /// Binds a function's parameters in `vars`; returns the name of a method's
    /// instance parameter (`self`).
    fn parameters(
        &self,
        owner: usize,
        def: Node<'t>,
        vars: &mut HashMap<String, Vec<Assign<'t>>>,
    ) -> Option<String> {
        let params = def.child_by_field_name("parameters")?;
        let class = self.owners[owner].class;
        let decorators = &self.b.nodes[self.owners[owner].idx].decorators;
        let is_static = decorators.iter().any(|d| d == "@staticmethod");
        let is_classmethod = decorators.iter().any(|d| d == "@classmethod")
            || matches!(
                &*self.b.nodes[self.owners[owner].idx].name,
                "__new__" | "__init_subclass__" | "__class_getitem__"
            );
        let mut self_name = None;
        let mut c = params.walk();
        for (i, param) in params.named_children(&mut c).enumerate() {
            let (name, how) = match param.kind() {
                "identifier" => (self.b.text(param).into_owned(), Assigned::Opaque),
                "typed_parameter" => {
                    let Some(name) = param.named_child(0) else { continue };
                    let how = match (name.kind(), param.child_by_field_name("type")) {
                        ("identifier", Some(ty)) => Assigned::Annotation(ty),
                        _ => Assigned::Opaque,
                    };
                    let name = match name.kind() {
                        "identifier" => self.b.text(name).into_owned(),
                        _ => match name.named_child(0) {
                            Some(inner) => self.b.text(inner).into_owned(),
                            None => continue,
                        },
                    };
                    (name, how)
                }
                "default_parameter" | "typed_default_parameter" => {
                    let Some(name) = param.child_by_field_name("name") else { continue };
                    let how = match param.child_by_field_name("type") {
                        Some(ty) => Assigned::Annotation(ty),
                        None => Assigned::Opaque,
                    };
                    (self.b.text(name).into_owned(), how)
                }
                "list_splat_pattern" | "dictionary_splat_pattern" => match param.named_child(0) {
                    Some(name) => (self.b.text(name).into_owned(), Assigned::Opaque),
                    None => continue,
                },
                _ => continue,
            };
            let how = match (i, class, param.kind()) {
                (0, Some(class), "identifier") if !is_static => {
                    if is_classmethod {
                        Assigned::Known(Value::Def(class))
                    } else {
                        self_name = Some(name.clone());
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
    fn resolve_heads(&mut self) {
        for (idx, scope, class) in std::mem::take(&mut self.class_heads) {
            let Some(args) = class.child_by_field_name("superclasses") else { continue };
            let owner = self.scope_owner.get(&scope).copied().unwrap_or(0);
            let ctx = Ctx { owner, pos: class.start_byte(), user: Some(idx) };
            let mut bases = Vec::new();
            let mut c = args.walk();
            for arg in args.named_children(&mut c) {
                // `Repo[User]`: the generic class is the base.
                let arg = match arg.kind() {
                    "subscript" => match arg.child_by_field_name("value") {
                        Some(value) => value,
                        None => continue,
                    },
                    _ => arg,
                };
                if !matches!(arg.kind(), "identifier" | "attribute") {
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
        for (idx, scope, decorators) in std::mem::take(&mut self.decorated) {
            let owner = self.scope_owner.get(&scope).copied().unwrap_or(0);
            for decorator in decorators {
                let Some(mut expr) = decorator.named_child(0) else { continue };
                if expr.kind() == "call" {
                    match expr.child_by_field_name("function") {
                        Some(f) => expr = f,
                        None => continue,
                    }
                }
                let ctx = Ctx { owner, pos: decorator.start_byte(), user: Some(idx) };
                for target in self.call_targets(expr, ctx) {
                    self.b.edge(EdgeKind::Calls, idx, target, walk::line(decorator));
                }
            }
        }
    }

    /// Pass 2: every call in the owner's body (not in nested definitions, which are
    /// owners of their own) becomes `calls` edges from the owner.
    fn calls(&mut self, owner: usize) {
        let sites = std::mem::take(&mut self.owners[owner].sites);
        let idx = self.owners[owner].idx;
        for (function, line, pos) in sites {
            let ctx = Ctx { owner, pos, user: Some(idx) };
            for target in self.call_targets(function, ctx) {
                self.b.edge(EdgeKind::Calls, idx, target, line);
            }
        }
    }

    /// The edges a call of `callee` makes: the function or method it evaluates to; for
    /// a class, the class and the `__init__` that runs; for a key, the key (and its
    /// `__init__` when the name looks like a class); else the callee's text.
    fn call_targets(&mut self, callee: Node<'t>, ctx: Ctx) -> Vec<Target> {
        let shown_text = short(&walk::collapse_ws(&self.b.text(callee)));
        let Some(Eval { value, inferred }) = self.eval(callee, ctx) else {
            return vec![Target::Name(shown_text)];
        };
        let targets = self.targets_of(value, inferred, &shown_text);
        if targets.is_empty() {
            return vec![Target::Name(shown_text)];
        }
        targets
    }

    /// The edges calling `value` makes (see [`Self::call_targets`]).
    fn targets_of(&mut self, value: Value, inferred: bool, shown_text: &str) -> Vec<Target> {
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
            Value::Instance(_) | Value::Super(_) => Vec::new(),
        }
    }

    /// Could `key` be defined in the indexed tree? Keys into this file's own top-level
    /// package could; from a file at the top level, any could. Constructor calls get
    /// their `__init__` edge only then: for a class outside the tree it could never
    /// link and would only add an unresolved edge per call.
    fn may_be_in_root(&self, key: &str) -> bool {
        let Some((top, _)) = self.package.split_once('.').or(Some((&self.package, ""))) else {
            return true;
        };
        if top.is_empty() {
            return true;
        }
        let dotted = key.strip_prefix("py:").unwrap_or(key);
        dotted.split('.').next() == Some(top)
    }

    /// The target for a member found by [`Self::class_member`].
    fn member_target(&self, member: Member, inferred: bool) -> Target {
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

    /// Evaluates `expr` in `ctx` (see the module docs). `None` when the file does not
    /// say what it is.
    fn eval(&mut self, expr: Node<'t>, ctx: Ctx) -> Option<Eval> {
        if self.depth >= MAX_EVAL_DEPTH {
            return None;
        }
        self.depth += 1;
        let out = self.eval_inner(expr, ctx);
        self.depth -= 1;
        out
    }

    fn eval_inner(&mut self, expr: Node<'t>, ctx: Ctx) -> Option<Eval> {
        match expr.kind() {
            "identifier" => {
                let name = self.b.text(expr).into_owned();
                self.eval_name(&name, ctx)
            }
            "attribute" => {
                let object = expr.child_by_field_name("object")?;
                let attr = self.b.text(expr.child_by_field_name("attribute")?).into_owned();
                let base = self.eval(object, ctx)?;
                if attr == "__class__" {
                    return class_of(base);
                }
                self.attribute(base, &attr)
            }
            "call" => {
                let function = expr.child_by_field_name("function")?;
                if function.kind() == "identifier"
                    && self.b.text(function) == "super"
                    && self.eval_name("super", ctx).is_none()
                {
                    let class = self.owners[ctx.owner].class?;
                    return Some(Eval { value: Value::Super(class), inferred: false });
                }
                if function.kind() == "identifier" && self.b.text(function) == "type" {
                    // `type(x)`: the class of an instance.
                    let args = expr.child_by_field_name("arguments")?;
                    if args.named_child_count() == 1 {
                        let arg = self.eval(args.named_child(0)?, ctx)?;
                        return class_of(arg);
                    }
                }
                let callee = self.eval(function, ctx)?;
                if matches!(&callee.value, Value::Key { key, .. } if key == "py:functools.partial")
                {
                    // `partial(f, ...)` calls `f` when it is called.
                    let args = expr.child_by_field_name("arguments")?;
                    let f = self.eval(args.named_child(0)?, ctx)?;
                    return Some(Eval { inferred: true, ..f });
                }
                self.call_result(callee)
            }
            "parenthesized_expression" | "await" => self.eval(expr.named_child(0)?, ctx),
            "conditional_expression" => {
                // `a if cond else b`
                let (a, b) = (expr.named_child(0)?, expr.named_child(2)?);
                let (a, b) = (self.eval(a, ctx)?, self.eval(b, ctx)?);
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
    fn eval_name(&mut self, name: &str, ctx: Ctx) -> Option<Eval> {
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

    /// Local `name` of `owner`'s body at `pos`: its latest binding, merged with the
    /// earlier ones it may not have replaced (a binding in a conditional block seen
    /// from outside the block); unknown when any of them is.
    fn local_value(
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
        for assign in applicable.iter().rev() {
            let Some(found) = self.eval_assign(assign, owner, user) else {
                return Local::Value(None);
            };
            inferred |= found.inferred;
            values.push(found.value);
            let definite = match assign.branch {
                None => true,
                Some((start, end)) => start <= pos && pos < end,
            };
            if definite {
                return Local::Value(union(values).map(|value| Eval { value, inferred }));
            }
        }
        // Only conditional bindings: the value from before them is not known.
        Local::Value(None)
    }

    /// The value of one assignment, evaluated in the body of owner `owner`. Values
    /// that flow through a variable are inferred, but for `self` and `cls`.
    fn eval_assign(
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
            Assigned::Opaque => None,
        }
    }

    /// The annotation a name or `self.attr` was declared with, and the owner whose
    /// body declares it.
    fn declared_type(&mut self, expr: Node<'t>, ctx: Ctx) -> Option<(Node<'t>, usize)> {
        match expr.kind() {
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
                let object = expr.child_by_field_name("object")?;
                let attr = self.b.text(expr.child_by_field_name("attribute")?).into_owned();
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
            _ => None,
        }
    }

    /// The element of a collection annotation (`list[C]`, `Iterable[C]`, ...).
    fn element_of(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        let ty = if ty.kind() == "type" { ty.named_child(0)? } else { ty };
        let (head, first) = match ty.kind() {
            "generic_type" => {
                let params = ty.named_child(1)?;
                (ty.named_child(0)?, params.named_child(0)?)
            }
            "subscript" => (ty.child_by_field_name("value")?, ty.child_by_field_name("subscript")?),
            _ => return None,
        };
        let head = self.b.text(head).into_owned();
        let bare = head.rsplit('.').next().unwrap_or(&head);
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
        if !COLLECTIONS.contains(&bare) {
            return None;
        }
        self.annotation(first, ctx)
    }

    /// What an annotation says a value is: an instance of the class it names
    /// (through `Optional[C]`, `C | None`, `"C"`, `Self`), or the class itself for
    /// `type[C]`.
    fn annotation(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        if self.depth >= MAX_EVAL_DEPTH {
            return None;
        }
        self.depth += 1;
        let out = self.annotation_inner(ty, ctx);
        self.depth -= 1;
        out
    }

    fn annotation_inner(&mut self, ty: Node<'t>, ctx: Ctx) -> Option<Value> {
        match ty.kind() {
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
                    if text != "None" && side.kind() != "none" {
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
                let (head, args): (Node<'t>, Vec<Node<'t>>) = if ty.kind() == "subscript" {
                    let head = ty.child_by_field_name("value")?;
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
    fn dotted_annotation(&mut self, text: &str, ctx: Ctx) -> Option<Value> {
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
    fn instance_of(&self, value: Value) -> Option<Value> {
        match value {
            Value::Def(idx) if self.b.nodes[idx].kind == NodeKind::Class => {
                Some(Value::Instance(Class::Def(idx)))
            }
            Value::Key { key, shown } => Some(Value::Instance(Class::Key { key, shown })),
            _ => None,
        }
    }

    /// The class whose method (or nested function of a method) `owner` is.
    fn enclosing_class(&self, owner: usize) -> Option<NodeIdx> {
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
    fn attribute(&mut self, base: Eval, attr: &str) -> Option<Eval> {
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
        }
    }

    fn member_value(&self, member: Member, inferred: bool) -> Eval {
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
    fn is_property(&self, idx: NodeIdx) -> bool {
        self.b.nodes[idx].kind == NodeKind::Method
            && self.b.nodes[idx].decorators.iter().any(|d| {
                let name = d.trim_start_matches('@');
                name == "property" || name.ends_with("cached_property")
            })
    }

    /// What calling `callee` returns.
    fn call_result(&mut self, callee: Eval) -> Option<Eval> {
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
                    Class::Key { key: format!("{key}.__return__"), shown: None }
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
            Value::Instance(_) | Value::Super(_) => None,
        }
    }

    /// What function `idx` returns: its annotation, or else the one value all its
    /// `return` statements agree on.
    fn return_value(&mut self, idx: NodeIdx) -> Option<Eval> {
        if let Some(known) = self.returns.get(&idx) {
            return known.clone();
        }
        self.returns.insert(idx, None); // recursion guard
        let found = self.compute_return(idx);
        self.returns.insert(idx, found.clone());
        found
    }

    fn compute_return(&mut self, idx: NodeIdx) -> Option<Eval> {
        let (syntax, scope) = *self.defs.get(&idx)?;
        if syntax.kind() != "function_definition" {
            return None;
        }
        if let Some(ty) = syntax.child_by_field_name("return_type") {
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
    fn class_member(&mut self, class: NodeIdx, attr: &str, instance: bool) -> Option<Member> {
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
    fn mro_member(
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
                    let shown = shown.unwrap_or_else(|| key["py:".len()..].to_owned());
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
    fn linearisation(&self, class: NodeIdx) -> Vec<Class> {
        let mut visiting = HashSet::new();
        self.linearise(class, &mut visiting)
    }

    fn linearise(&self, class: NodeIdx, visiting: &mut HashSet<NodeIdx>) -> Vec<Class> {
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
    fn attribute_value(&mut self, class: NodeIdx, attr: &str) -> Option<Eval> {
        let memo = (class, attr.to_owned());
        if let Some(known) = self.attribute_values.get(&memo) {
            return known.clone();
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
        self.attribute_values.insert(memo.clone(), None); // recursion guard
        let mut values = Vec::new();
        let mut unknown = false;
        for (owner, assign) in assigns {
            if let Assigned::Expr { expr, .. } = &assign.how {
                if expr.kind() == "none" {
                    continue;
                }
            }
            match self.eval_assign(&assign, owner, None) {
                Some(Eval { value, .. }) => values.push(value),
                None => unknown = true,
            }
        }
        let found =
            if unknown { None } else { union(values).map(|value| Eval { value, inferred: true }) };
        self.attribute_values.insert(memo, found.clone());
        found
    }

    /// Tests as edges: finds the test functions (module-level `test*` functions of a
    /// test file or marked with `@pytest.mark`, `test*` methods of `Test*` classes in a
    /// test file and of `unittest.TestCase` subclasses) and adds their `tests` edges:
    /// to what they call, directly or through the file's other functions (helpers,
    /// fixtures), and to `X` when the test is named `test_X` and `X` names a function
    /// or class in the module's scope.
    fn tests(&mut self) {
        let test_file = is_test_file(self.b.path);
        let mut tests = Vec::new();
        let mut helpers = HashSet::new();
        for idx in 1..self.b.nodes.len() {
            let node = &self.b.nodes[idx];
            if node.kind.is_callable() {
                helpers.insert(node.id.clone());
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
            let mut roots: Vec<(Target, u32)> = self
                .b
                .edges
                .iter()
                .filter(|e| e.kind == EdgeKind::Calls && e.src == *id && e.line >= def_line)
                .map(|e| (e.target.clone(), e.line))
                .collect();
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
        add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// Whether `class` derives from a `TestCase` (`unittest.TestCase`, Django's, ...),
    /// directly or through classes of this file.
    fn is_test_case(&self, class: NodeIdx, depth: usize) -> bool {
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
    fn export_resolution_symbols(&mut self) {
        let module = self.module_key.clone();
        for star in self.star_imports.clone() {
            self.b.export_alias(format!("{module}.*"), format!("py:{star}.__all__"));
        }
        if self.star_imports.len() > 1 {
            // A later star import shadows an earlier one.
            let order: Vec<String> =
                self.star_imports.iter().rev().map(|s| format!("py:{s}.__all__")).collect();
            self.b.export_alias(format!("{module}.*"), format!("order:{}", order.join(" ")));
        }
        match (&self.all_names, self.all_computed) {
            (Some(names), false) => {
                let mut seen = HashSet::new();
                for name in names.clone() {
                    if seen.insert(name.clone()) {
                        self.b.export_alias(
                            format!("{module}.__all__.{name}"),
                            format!("{module}.{name}"),
                        );
                    }
                }
            }
            _ => self.b.export_alias(format!("{module}.__all__.*"), module.clone()),
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
                self.b.export_alias(format!("{key}.*"), t.clone());
            }
            if targets.len() > 1 {
                self.b.export_alias(format!("{key}.*"), format!("order:{}", targets.join(" ")));
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
                let target = match self.attribute_value(class, &name) {
                    Some(Eval { value: Value::Instance(Class::Def(c)), .. }) => {
                        self.keys.get(&c).cloned()
                    }
                    Some(Eval { value: Value::Instance(Class::Key { key, .. }), .. })
                        if !key.contains(".__return__") =>
                    {
                        Some(key)
                    }
                    _ => None,
                };
                if let Some(target) = target {
                    // A star row, not an alias: the attribute is an instance of the
                    // class, not the class; only its members link through it.
                    self.b.export_alias(format!("{key}.{name}.*"), target);
                }
            }
        }
        let mut functions: Vec<(NodeIdx, String)> = self
            .keys
            .iter()
            .filter(|(idx, _)| self.b.nodes[**idx].kind.is_callable())
            .map(|(idx, key)| (*idx, key.clone()))
            .collect();
        functions.sort_unstable();
        for (idx, key) in functions {
            let Some(Eval { value: Value::Instance(class), .. }) = self.return_value(idx) else {
                continue;
            };
            let target = match class {
                Class::Def(c) => self.keys.get(&c).cloned(),
                // A guess about an unknown function's result is not worth a symbol.
                Class::Key { key, .. } if !key.contains(".__return__") => Some(key),
                Class::Key { .. } => None,
            };
            if let Some(target) = target {
                // A property's members are its value's: `obj.prop.m` links to `C.m`.
                let suffix = if self.is_property(idx) { "*" } else { "__return__" };
                self.b.export_alias(format!("{key}.{suffix}"), target);
            }
        }
    }
}

/// What [`Py::local_value`] finds.
enum Local {
    /// The name is not a local variable of the body.
    Outside,
    /// It is, but bound only after the position asked about.
    Later,
    /// Its value there (`None`: unknown).
    Value(Option<Eval>),
}

/// The block of `node` whose statements run conditionally (the body of an `if`,
/// `elif`, `else`, loop, `except` or `case`); a `try` body and a `with` body count as
/// always run.
fn conditional_block(node: Node<'_>) -> Option<Node<'_>> {
    let field = match node.kind() {
        "if_statement" | "elif_clause" => "consequence",
        "for_statement" | "while_statement" | "else_clause" => "body",
        "except_clause" | "case_clause" => {
            let mut c = node.walk();
            let block = node.named_children(&mut c).find(|n| n.kind() == "block");
            return block;
        }
        _ => return None,
    };
    node.child_by_field_name(field)
}

/// Binds the variables of `for left in right` (a loop or a comprehension clause),
/// effective from `end`: a single name is an element of `right`, others are opaque.
fn loop_variables<'t>(
    vars: &mut HashMap<String, Vec<Assign<'t>>>,
    left: Node<'t>,
    right: Option<Node<'t>>,
    end: usize,
    at: Node<'t>,
    src: &[u8],
) {
    let whole = |how| Assign { end, until: usize::MAX, branch: None, how };
    match (left.kind(), right) {
        ("identifier", Some(expr)) => {
            let how = Assigned::Element { expr, at: at.start_byte() };
            vars.entry(walk::text(left, src).into_owned()).or_default().push(whole(how));
        }
        _ => {
            for name in identifiers(left, src) {
                vars.entry(name).or_default().push(whole(Assigned::Opaque));
            }
        }
    }
}

/// A member of a class, as [`Py::class_member`] finds it.
#[derive(Clone, Debug)]
enum Member {
    /// A definition of this file; `true` when found through a base class.
    Def(NodeIdx, bool),
    /// Found through a base known only by key: the key to link, the name to show.
    Key { key: String, shown: String },
    /// An instance attribute's value.
    Value(Eval),
}

/// The class of an instance, as a value.
fn class_of(instance: Eval) -> Option<Eval> {
    let value = match instance.value {
        Value::Instance(Class::Def(idx)) => Value::Def(idx),
        Value::Instance(Class::Key { key, shown }) => Value::Key { key, shown },
        _ => return None,
    };
    Some(Eval { value, inferred: true })
}

/// Does the key's last name look like a class (`Foo`, not `foo` or `FOO`)? Calls of
/// imported names that do are taken as constructor calls.
fn looks_like_class(key: &str) -> bool {
    let last = key.rsplit(['.', ':']).next().unwrap_or(key);
    last.starts_with(|c: char| c.is_ascii_uppercase())
        && last.chars().any(|c| c.is_ascii_lowercase())
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The names a binding target (`a, (b, *c)`, a parameter list) binds.
fn identifiers(target: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    walk::preorder(target, |node| {
        match node.kind() {
            "identifier" => {
                out.push(walk::text(node, src).into_owned());
                false
            }
            // Defaults and annotations of lambda parameters bind nothing.
            "default_parameter" | "typed_default_parameter" | "typed_parameter" => {
                if let Some(name) = node.child_by_field_name("name").or_else(|| node.named_child(0))
                {
                    if name.kind() == "identifier" {
                        out.push(walk::text(name, src).into_owned());
                    }
                }
                false
            }
            "attribute" | "subscript" => false,
            _ => true,
        }
    });
    out
}

/// The text of a plain string literal (no interpolation, no implicit concatenation).
fn string_literal(node: Node<'_>, src: &[u8]) -> Option<String> {
    if node.kind() != "string" {
        return None;
    }
    let mut content = String::new();
    let mut c = node.walk();
    for child in node.named_children(&mut c) {
        match child.kind() {
            "string_start" | "string_end" => {}
            "string_content" => content.push_str(&walk::text(child, src)),
            _ => return None,
        }
    }
    Some(content)
}

fn is_none_type(node: Node<'_>, src: &[u8]) -> bool {
    let text = walk::text(node, src);
    text == "None" || text == "type(None)"
}

/// Python's builtin names: never looked up through star imports.
fn is_builtin(name: &str) -> bool {
    const BUILTINS: &[&str] = &[
        "abs",
        "aiter",
        "all",
        "anext",
        "any",
        "ascii",
        "bin",
        "bool",
        "breakpoint",
        "bytearray",
        "bytes",
        "callable",
        "chr",
        "classmethod",
        "compile",
        "complex",
        "delattr",
        "dict",
        "dir",
        "divmod",
        "enumerate",
        "eval",
        "exec",
        "filter",
        "float",
        "format",
        "frozenset",
        "getattr",
        "globals",
        "hasattr",
        "hash",
        "help",
        "hex",
        "id",
        "input",
        "int",
        "isinstance",
        "issubclass",
        "iter",
        "len",
        "list",
        "locals",
        "map",
        "max",
        "memoryview",
        "min",
        "next",
        "object",
        "oct",
        "open",
        "ord",
        "pow",
        "print",
        "property",
        "range",
        "repr",
        "reversed",
        "round",
        "set",
        "setattr",
        "slice",
        "sorted",
        "staticmethod",
        "str",
        "sum",
        "super",
        "tuple",
        "type",
        "vars",
        "zip",
        "__import__",
        "NotImplemented",
        "Ellipsis",
        "BaseException",
        "Exception",
        "ArithmeticError",
        "AssertionError",
        "AttributeError",
        "BufferError",
        "EOFError",
        "ImportError",
        "IndexError",
        "KeyError",
        "KeyboardInterrupt",
        "LookupError",
        "MemoryError",
        "ModuleNotFoundError",
        "NameError",
        "NotImplementedError",
        "OSError",
        "OverflowError",
        "RecursionError",
        "ReferenceError",
        "RuntimeError",
        "StopIteration",
        "StopAsyncIteration",
        "SyntaxError",
        "SystemError",
        "SystemExit",
        "TypeError",
        "UnboundLocalError",
        "UnicodeError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "ValueError",
        "ZeroDivisionError",
        "FileNotFoundError",
        "FileExistsError",
        "PermissionError",
        "TimeoutError",
        "ConnectionError",
        "DeprecationWarning",
        "UserWarning",
        "Warning",
        "RuntimeWarning",
        "PendingDeprecationWarning",
        "FutureWarning",
        "ResourceWarning",
    ];
    BUILTINS.contains(&name)
}

fn join(base: &str, name: &str) -> String {
    match (base.is_empty(), name.is_empty()) {
        (true, _) => name.to_owned(),
        (_, true) => base.to_owned(),
        _ => format!("{base}.{name}"),
    }
}

/// Caps an unresolvable callee's text at 80 characters.
fn short(text: &str) -> String {
    if text.chars().count() <= 80 {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(79).collect();
    s.push('…');
    s
}

/// The header of a `def`/`class`: from its start up to the body, without the colon.
fn signature(def: Node<'_>, body: Option<Node<'_>>, src: &[u8]) -> String {
    let end = body.map_or(def.end_byte(), |b| b.start_byte());
    let raw = String::from_utf8_lossy(&src[def.start_byte()..end]);
    let sig = walk::collapse_ws(&raw);
    let sig = sig.trim_end();
    sig.strip_suffix(':').unwrap_or(sig).trim_end().to_owned()
}

/// The docstring of a module or a body: its first statement when that is a string
/// literal, cleaned like `inspect.cleandoc`.
fn docstring(body: Node<'_>, src: &[u8]) -> Option<String> {
    let mut cursor = body.walk();
    let first = body.named_children(&mut cursor).find(|n| n.kind() != "comment")?;
    if first.kind() != "expression_statement" {
        return None;
    }
    let string = first.named_child(0)?;
    if string.kind() != "string" {
        return None;
    }
    let raw = walk::text(string, src);
    let unprefixed = raw.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let quote = ["\"\"\"", "'''", "\"", "'"].into_iter().find(|q| unprefixed.starts_with(q))?;
    let inner = unprefixed.strip_prefix(quote)?;
    let inner = inner.strip_suffix(quote).unwrap_or(inner);
    let doc = cleandoc(inner);
    (!doc.is_empty()).then_some(doc)
}

/// Python's `inspect.cleandoc`: strip the first line's leading blanks, remove the
/// common indentation of the other lines, drop leading and trailing blank lines.
fn cleandoc(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push(line.trim_start());
        } else {
            out.push(line.get(margin..).unwrap_or("").trim_end());
        }
    }
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// McCabe cyclomatic complexity of a function body: 1 + each `if`/`elif`, loop,
/// `except`, `case`, conditional expression, boolean operator and comprehension
/// clause. Nested definitions count for themselves, not here. (Decision points as in
/// McCabe 1976 and radon's Python rules.)
fn complexity(body: Node<'_>) -> u32 {
    let mut n = 1;
    walk::preorder(body, |node| {
        match node.kind() {
            "function_definition" | "class_definition" | "lambda" if node != body => return false,
            "if_statement"
            | "elif_clause"
            | "for_statement"
            | "while_statement"
            | "except_clause"
            | "case_clause"
            | "conditional_expression"
            | "boolean_operator"
            | "for_in_clause"
            | "if_clause" => n += 1,
            _ => {}
        }
        true
    });
    n
}

/// True when every parameter (but a method's `self`/`cls`) and the return carry
/// annotations.
fn type_hints(def: Node<'_>, is_method: bool, src: &[u8]) -> bool {
    if def.child_by_field_name("return_type").is_none() {
        return false;
    }
    let Some(params) = def.child_by_field_name("parameters") else { return false };
    let mut cursor = params.walk();
    for (i, p) in params.named_children(&mut cursor).enumerate() {
        match p.kind() {
            "typed_parameter" | "typed_default_parameter" => {}
            "keyword_separator" | "positional_separator" | "comment" => {}
            "identifier" if i == 0 && is_method => {
                let name = walk::text(p, src);
                if name != "self" && name != "cls" {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths_are_dotted() {
        assert_eq!(dotted_module("django/db/models/__init__.py"), "django.db.models");
        assert_eq!(dotted_module("a/b.py"), "a.b");
        assert_eq!(dotted_module("stubs/c.pyi"), "stubs.c");
    }

    #[test]
    fn cleandoc_matches_python() {
        assert_eq!(cleandoc("Summary.\n\n    More.\n    "), "Summary.\n\nMore.");
        assert_eq!(cleandoc("\n    Indented.\n      Deeper.\n"), "Indented.\n  Deeper.");
    }
}

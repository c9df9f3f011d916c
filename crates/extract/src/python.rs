//! Python: modules, classes, functions, methods, constants and type aliases; imports
//! (absolute, relative, aliased, star), calls and base classes resolved through
//! Python's scope rules (LEGB, with class scopes invisible to their methods).
//!
//! Symbol keys are `py:` + the dotted module path derived from the file path
//! (`django/db/models/__init__.py` is `py:django.db.models`) + the qualified name.

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::{walk, FileFacts, Target};
use model::{EdgeKind, Language, NodeKind, Provenance};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// What a name is bound to in a scope.
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

/// A definition whose body pass 2 scans for calls.
struct Owner<'t> {
    idx: NodeIdx,
    scope: usize,
    /// Statements to scan: a body block, or the whole module.
    body: Node<'t>,
    /// The enclosing class of a method (for `self.m()`), and that class's scope.
    class: Option<(NodeIdx, usize)>,
}

struct Py<'s, 't> {
    b: FileBuilder<'s>,
    module_key: String,
    package: String,
    scopes: Vec<Scope>,
    owners: Vec<Owner<'t>>,
    /// Base-class targets per class node, in declaration order.
    bases: HashMap<NodeIdx, Vec<Target>>,
    /// Node index by qualified name (first definition wins), for dotted lookups.
    by_qname: HashMap<String, NodeIdx>,
    /// Classes whose bases still need resolving: (class, enclosing scope, syntax).
    class_heads: Vec<(NodeIdx, usize, Node<'t>)>,
    /// The module and the classes reachable from it by attribute access: the
    /// containers whose members are exported as symbols.
    exportable: HashSet<NodeIdx>,
    /// Definitions whose decorators still need resolving: (node, enclosing scope).
    decorated: Vec<(NodeIdx, usize, Vec<Node<'t>>)>,
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
        bases: HashMap::new(),
        by_qname: HashMap::new(),
        class_heads: Vec::new(),
        exportable: HashSet::from([0]),
        decorated: Vec::new(),
    };
    let root = tree.root_node();
    py.b.export_node(module_key, 0);
    py.b.nodes[0].docstring = docstring(root, src);
    py.owners.push(Owner { idx: 0, scope: 0, body: root, class: None });
    py.definitions(root, 0, 0, 0);
    py.resolve_heads();
    let owners = std::mem::take(&mut py.owners);
    for owner in &owners {
        py.calls(owner);
    }
    py.b.finish()
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
    fn definitions(&mut self, block: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(block));
            return;
        }
        let mut cursor = block.walk();
        for stmt in block.named_children(&mut cursor) {
            match stmt.kind() {
                "function_definition" | "class_definition" => {
                    self.definition(stmt, stmt, Vec::new(), scope, parent, depth);
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
                        self.definition(def, stmt, decorators, scope, parent, depth);
                    }
                }
                "import_statement" | "import_from_statement" | "future_import_statement" => {
                    self.import(stmt, scope, parent);
                }
                "expression_statement" if self.scopes[scope].kind == ScopeKind::Module => {
                    self.constant(stmt);
                }
                "type_alias_statement" if self.scopes[scope].kind == ScopeKind::Module => {
                    self.type_alias(stmt);
                }
                "if_statement" | "elif_clause" | "else_clause" | "try_statement"
                | "except_clause" | "finally_clause" | "with_statement" | "for_statement"
                | "while_statement" | "block" | "match_statement" | "case_clause" => {
                    self.definitions(stmt, scope, parent, depth + 1);
                }
                // Tree-sitter wraps what it could not parse in ERROR nodes; the
                // definitions inside are still worth having.
                "ERROR" => self.definitions(stmt, scope, parent, depth + 1),
                _ => {
                    // `if`/`for` etc. keep their blocks under fields like `consequence`
                    // and `body`; those are reached through the arms above.
                }
            }
        }
    }

    /// Creates the node for a `def` or `class` (`syntax`), spanning `outer` (the
    /// decorated definition when there are decorators).
    fn definition(
        &mut self,
        syntax: Node<'t>,
        outer: Node<'t>,
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
        // Only definitions reachable from the module by attribute access are symbols.
        if self.exportable.contains(&parent) && !self.b.nodes[idx].qualified_name.contains('#') {
            let key = format!("{}.{}", self.module_key, self.b.nodes[idx].qualified_name);
            self.b.export_node(key, idx);
            if is_class {
                self.exportable.insert(idx);
            }
        }
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
            let class = if in_class { Some((self.scopes[scope].owner, scope)) } else { None };
            self.owners.push(Owner { idx, scope: inner, body, class });
            self.definitions(body, inner, idx, depth + 1);
        }
    }

    /// Binds the names an import statement introduces in `scope`; at module level
    /// also records the module's imports, `imports` edges and re-export aliases.
    fn import(&mut self, stmt: Node<'t>, scope: usize, owner: NodeIdx) {
        let line = walk::line(stmt);
        // (bound name, dotted target, alias re-export?)
        let mut bound: Vec<(String, String)> = Vec::new();
        let mut imported: Vec<String> = Vec::new();
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
        let module_level = self.scopes[scope].kind == ScopeKind::Module;
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
        for (name, full) in bound {
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

    /// Resolves base classes (`inherits` edges) and decorators (`calls` edges from the
    /// decorated node), both evaluated in the scope enclosing the definition.
    fn resolve_heads(&mut self) {
        for (idx, scope, class) in std::mem::take(&mut self.class_heads) {
            let Some(args) = class.child_by_field_name("superclasses") else { continue };
            let mut bases = Vec::new();
            let mut c = args.walk();
            for arg in args.named_children(&mut c) {
                if !matches!(arg.kind(), "identifier" | "attribute") {
                    continue; // keyword arguments (metaclass=...), splats, calls
                }
                if let Some(target) = self.resolve_expr(arg, scope, idx, None) {
                    self.b.edge(EdgeKind::Inherits, idx, target.clone(), walk::line(arg));
                    bases.push(target);
                }
            }
            self.bases.insert(idx, bases);
        }
        for (idx, scope, decorators) in std::mem::take(&mut self.decorated) {
            for decorator in decorators {
                let Some(mut expr) = decorator.named_child(0) else { continue };
                if expr.kind() == "call" {
                    match expr.child_by_field_name("function") {
                        Some(f) => expr = f,
                        None => continue,
                    }
                }
                if let Some(target) = self.resolve_expr(expr, scope, idx, None) {
                    self.b.edge(EdgeKind::Calls, idx, target, walk::line(decorator));
                }
            }
        }
    }

    /// Pass 2: every call in the owner's body (not in nested definitions, which are
    /// owners of their own) becomes a `calls` edge from the owner.
    fn calls(&mut self, owner: &Owner<'t>) {
        let mut sites = Vec::new();
        let body = owner.body;
        walk::preorder(body, |node| {
            if node != body
                && matches!(
                    node.kind(),
                    "function_definition" | "class_definition" | "decorated_definition"
                )
            {
                return false;
            }
            if node.kind() == "call" {
                if let Some(f) = node.child_by_field_name("function") {
                    sites.push((f, walk::line(node)));
                }
            }
            true
        });
        for (function, line) in sites {
            let target = self
                .resolve_expr(function, owner.scope, owner.idx, owner.class)
                .unwrap_or_else(|| Target::Name(short(&walk::collapse_ws(&self.b.text(function)))));
            self.b.edge(EdgeKind::Calls, owner.idx, target, line);
        }
    }

    /// Resolves a callee or base expression seen from `scope`. Returns `None` for
    /// expressions that are not dotted names (the caller keeps them by text).
    fn resolve_expr(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        user: NodeIdx,
        class: Option<(NodeIdx, usize)>,
    ) -> Option<Target> {
        let mut parts = Vec::new();
        let mut head = expr;
        while head.kind() == "attribute" {
            let attr = head.child_by_field_name("attribute")?;
            parts.push(self.b.text(attr).into_owned());
            head = head.child_by_field_name("object")?;
        }
        parts.reverse();
        let dotted = |head: &str, parts: &[String]| {
            let mut s = head.to_owned();
            for p in parts {
                s.push('.');
                s.push_str(p);
            }
            s
        };
        // `super().m()`: the first base class's `m`, a guess about the MRO.
        if head.kind() == "call" {
            let f = head.child_by_field_name("function")?;
            if self.b.text(f) != "super" || parts.is_empty() {
                return None;
            }
            let (class_idx, _) = class?;
            return Some(self.through_bases(class_idx, &parts, "super()"));
        }
        if head.kind() != "identifier" {
            return None;
        }
        let name = self.b.text(head).into_owned();
        // `self.m()` / `cls.m()` inside a method: the enclosing class, then its bases.
        if (name == "self" || name == "cls") && !parts.is_empty() {
            if let Some((class_idx, _)) = class {
                let qname = format!("{}.{}", self.b.nodes[class_idx].qualified_name, parts[0]);
                if let Some(&idx) = self.by_qname.get(&qname) {
                    return Some(self.member(idx, &parts[1..], &dotted(&name, &parts)));
                }
                return Some(self.through_bases(class_idx, &parts, &name));
            }
        }
        let Some(binding) = self.lookup(&name, scope) else {
            return Some(Target::Name(dotted(&name, &parts)));
        };
        Some(match binding {
            Binding::Node(idx) => self.member(idx, &parts, &dotted(&name, &parts)),
            Binding::Import { key, name: full } => {
                self.b.use_import(user, &full);
                let key = dotted(&key, &parts);
                let shown = key["py:".len()..].to_owned();
                Target::Key { key, name: shown, inferred: false }
            }
        })
    }

    /// `parts` looked up under the definition `idx` of this file.
    fn member(&self, idx: NodeIdx, parts: &[String], shown: &str) -> Target {
        if parts.is_empty() {
            return Target::Node {
                id: self.b.nodes[idx].id.clone(),
                provenance: Provenance::Exact,
            };
        }
        let qname = dotted_qname(&self.b.nodes[idx].qualified_name, parts);
        match self.by_qname.get(&qname) {
            Some(&found) => {
                Target::Node { id: self.b.nodes[found].id.clone(), provenance: Provenance::Exact }
            }
            None if self.b.nodes[idx].kind == NodeKind::Class => {
                self.through_bases(idx, parts, &self.b.nodes[idx].name.clone())
            }
            None => Target::Name(shown.to_owned()),
        }
    }

    /// `parts` looked up through the first base class of `class_idx` (inferred).
    fn through_bases(&self, class_idx: NodeIdx, parts: &[String], shown_head: &str) -> Target {
        let shown = dotted_qname(shown_head, parts);
        match self.bases.get(&class_idx).and_then(|b| b.first()) {
            Some(Target::Node { id, .. }) => {
                let base = self.by_qname.get(model::split_node_id(id).1).copied();
                match base {
                    Some(base) if base != class_idx => {
                        let qname = dotted_qname(&self.b.nodes[base].qualified_name, parts);
                        match self.by_qname.get(&qname) {
                            Some(&found) => Target::Node {
                                id: self.b.nodes[found].id.clone(),
                                provenance: Provenance::Inferred,
                            },
                            None => Target::Name(shown),
                        }
                    }
                    _ => Target::Name(shown),
                }
            }
            Some(Target::Key { key, .. }) => {
                let key = dotted_qname(key, parts);
                let name = key["py:".len()..].to_owned();
                Target::Key { key, name, inferred: true }
            }
            _ => Target::Name(shown),
        }
    }

    /// Looks `name` up from `scope` outwards, skipping class scopes other than the
    /// starting one (Python's rule: methods do not see class attributes by name).
    fn lookup(&self, name: &str, scope: usize) -> Option<Binding> {
        let mut current = Some(scope);
        let mut first = true;
        while let Some(s) = current {
            let sc = &self.scopes[s];
            if first || sc.kind != ScopeKind::Class {
                if let Some(b) = sc.bindings.get(name) {
                    return Some(b.clone());
                }
            }
            first = false;
            current = sc.parent;
        }
        None
    }
}

fn join(base: &str, name: &str) -> String {
    match (base.is_empty(), name.is_empty()) {
        (true, _) => name.to_owned(),
        (_, true) => base.to_owned(),
        _ => format!("{base}.{name}"),
    }
}

fn dotted_qname(base: &str, parts: &[String]) -> String {
    let mut s = base.to_owned();
    for p in parts {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(p);
    }
    s
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

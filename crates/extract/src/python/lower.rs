//! Python lowering: definitions, imports, constants, `__all__` and type aliases become
//! nodes, scope bindings and symbols.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Py<'s, 't> {
    /// Pass 1: walks the statements of `block`, creating nodes for definitions and
    /// bindings for definitions and imports in `scope`. Conditional blocks (`if`,
    /// `try`, `with`, loops) are walked too: their definitions belong to `scope`.
    pub(super) fn definitions(
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
            match stmt.kind_name() {
                "function_definition" | "class_definition" => {
                    if let Some(name) = stmt.field("name") {
                        self.definition(stmt, stmt, block, vec![], name, scope, parent, depth);
                    }
                }
                "expression_statement" => {
                    if let Some((name, lambda)) = named_lambda(stmt) {
                        // `key = lambda x: ...`: a function (in a class body, a method)
                        // with calls of its own, which calls of the name reach.
                        let idx = self.definition(
                            lambda,
                            stmt,
                            block,
                            vec![],
                            name,
                            scope,
                            parent,
                            depth,
                        );
                        self.lambdas.insert(lambda.id(), idx);
                    } else if self.scopes[scope].kind == ScopeKind::Module {
                        self.constant(stmt);
                        self.dunder_all(stmt);
                    }
                }
                "decorated_definition" => {
                    let mut decorators = Vec::new();
                    let mut c = stmt.walk();
                    for child in stmt.named_children(&mut c) {
                        if child.kind_name() == "decorator" {
                            decorators.push(child);
                        }
                    }
                    if let Some(def) = stmt.field("definition") {
                        if let Some(name) = def.field("name") {
                            self.definition(
                                def, stmt, block, decorators, name, scope, parent, depth,
                            );
                        }
                    }
                }
                "import_statement" | "import_from_statement" | "future_import_statement" => {
                    self.import(stmt, scope, parent, in_except);
                }
                "type_alias_statement" if self.scopes[scope].kind == ScopeKind::Module => {
                    self.type_alias(stmt);
                }
                "if_statement" | "elif_clause" | "else_clause" | "try_statement"
                | "except_clause" | "finally_clause" | "with_statement" | "for_statement"
                | "while_statement" | "block" | "match_statement" | "case_clause" => {
                    let in_except = in_except || stmt.kind_name() == "except_clause";
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

    /// Creates the node for a `def`, a `class` or a lambda bound to a name (`syntax`),
    /// named by `name` (the definition's name, or the lambda's assignment target),
    /// spanning `outer` (the decorated definition when there are decorators, the
    /// assignment of a lambda), a statement of `block`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn definition(
        &mut self,
        syntax: Node<'t>,
        outer: Node<'t>,
        block: Node<'t>,
        decorators: Vec<Node<'t>>,
        name: Node<'t>,
        scope: usize,
        parent: NodeIdx,
        depth: usize,
    ) -> NodeIdx {
        let name = self.b.text(name).into_owned();
        let is_class = syntax.kind_name() == "class_definition";
        let in_class = self.scopes[scope].kind == ScopeKind::Class;
        let kind = match (is_class, in_class) {
            (true, _) => NodeKind::Class,
            (false, true) => NodeKind::Method,
            (false, false) => NodeKind::Function,
        };
        let idx = self.b.add_node(parent, kind, &name, outer);
        let body = syntax.field("body");
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            let sig = signature(syntax, body, src);
            node.signature =
                Some(if syntax.kind_name() == "lambda" { format!("{name} = {sig}") } else { sig });
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
        idx
    }

    /// Binds the names an import statement introduces in `scope`; at module level
    /// also records the module's imports, `imports` edges and re-export aliases.
    /// `fallback`: the statement is in an `except` clause (of its own function, class
    /// or module).
    pub(super) fn import(&mut self, stmt: Node<'t>, scope: usize, owner: NodeIdx, fallback: bool) {
        let line = walk::line(stmt);
        // (bound name, dotted target)
        let mut bound: Vec<(String, String)> = Vec::new();
        let mut imported: Vec<String> = Vec::new();
        let module_level = self.scopes[scope].kind == ScopeKind::Module;
        match stmt.kind_name() {
            "import_statement" => {
                let mut c = stmt.walk();
                for item in stmt.children_by_field_name("name", &mut c) {
                    match item.kind_name() {
                        "dotted_name" => {
                            let full = walk::collapse_ws(&self.b.text(item));
                            let head = full.split('.').next().unwrap_or(&full).to_owned();
                            bound.push((head.clone(), head));
                            imported.push(full);
                        }
                        "aliased_import" => {
                            let (Some(name), Some(alias)) =
                                (item.field("name"), item.field("alias"))
                            else {
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
                let Some(module) = stmt.field("module_name") else { return };
                let base = self.resolve_from_module(module);
                let mut c = stmt.walk();
                let mut star = false;
                for child in stmt.named_children(&mut c) {
                    if child.kind_name() == "wildcard_import" {
                        star = true;
                    }
                }
                if star {
                    imported.push(keys::star(&base));
                    if module_level {
                        self.star_imports.push(base);
                    }
                } else {
                    let mut c = stmt.walk();
                    for item in stmt.children_by_field_name("name", &mut c) {
                        let (name, alias) = match item.kind_name() {
                            "dotted_name" => (item, item),
                            "aliased_import" => {
                                let (Some(n), Some(a)) = (item.field("name"), item.field("alias"))
                                else {
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
            let target = keys::strip_star(full).unwrap_or(full);
            if module_level {
                self.b.nodes[0].imports.push(full.clone());
            }
            self.b.edge(
                EdgeKind::Imports,
                owner,
                Target::Key {
                    key: format!("{}{target}", keys::PYTHON),
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
                self.b.export_alias(alias, format!("{}{full}", keys::PYTHON));
            }
            let key = format!("{}{full}", keys::PYTHON);
            self.scopes[scope].bindings.insert(name, Binding::Import { key, name: full });
        }
    }

    /// The dotted module a `from X import` names, with relative levels resolved
    /// against this file's package.
    pub(super) fn resolve_from_module(&self, module: Node<'t>) -> String {
        if module.kind_name() != "relative_import" {
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
    pub(super) fn constant(&mut self, stmt: Node<'t>) {
        let Some(assign) = stmt.named_child(0) else { return };
        if assign.kind_name() != "assignment" {
            return;
        }
        let Some(left) = assign.field("left") else { return };
        if left.kind_name() != "identifier" {
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
    pub(super) fn dunder_all(&mut self, stmt: Node<'t>) {
        let Some(expr) = stmt.named_child(0) else { return };
        let (target, value, replace) = match expr.kind_name() {
            "assignment" | "augmented_assignment" => {
                let (Some(left), Some(right)) = (expr.field("left"), expr.field("right")) else {
                    return;
                };
                (left, right, expr.kind_name() == "assignment")
            }
            "call" => {
                let (Some(f), Some(args)) = (expr.field("function"), expr.field("arguments"))
                else {
                    return;
                };
                let (Some(object), Some(method)) = (f.field("object"), f.field("attribute")) else {
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
        if target.kind_name() != "identifier" || self.b.text(target) != "__all__" {
            return;
        }
        let mut names = Vec::new();
        let mut literal = matches!(value.kind_name(), "list" | "tuple" | "argument_list");
        let mut c = value.walk();
        for item in value.named_children(&mut c) {
            match string_literal(item, self.b.src) {
                Some(name) => names.push(name),
                None if item.kind_name() == "comment" => {}
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
    pub(super) fn type_alias(&mut self, stmt: Node<'t>) {
        let Some(left) = stmt.field("left") else { return };
        let name_node =
            left.named_child(0).filter(|n| n.kind_name() == "identifier").unwrap_or(left);
        let name = self.b.text(name_node).into_owned();
        let idx = self.b.add_node(0, NodeKind::TypeAlias, &name, stmt);
        self.b.nodes[idx].signature = Some(walk::collapse_ws(&self.b.text(stmt)));
        if !self.b.nodes[idx].qualified_name.contains('#') {
            self.b.export_node(format!("{}.{}", self.module_key, name), idx);
        }
        self.scopes[0].bindings.insert(name, Binding::Node(idx));
    }
}

/// `name = lambda ...: ...` (a plain name, one target): the name and the lambda.
fn named_lambda(stmt: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let assign = stmt.named_child(0).filter(|a| a.kind_name() == "assignment")?;
    let left = assign.field("left").filter(|l| l.kind_name() == "identifier")?;
    let right = assign.field("right").filter(|r| r.kind_name() == "lambda")?;
    Some((left, right))
}

/// The names a binding target (`a, (b, *c)`, a parameter list) binds.
pub(super) fn identifiers(target: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    walk::preorder(target, |node| {
        match node.kind_name() {
            "identifier" => {
                out.push(walk::text(node, src).into_owned());
                false
            }
            // Defaults and annotations of lambda parameters bind nothing.
            "default_parameter" | "typed_default_parameter" | "typed_parameter" => {
                if let Some(name) = node.field("name").or_else(|| node.named_child(0)) {
                    if name.kind_name() == "identifier" {
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
pub(super) fn string_literal(node: Node<'_>, src: &[u8]) -> Option<String> {
    if node.kind_name() != "string" {
        return None;
    }
    let mut content = String::new();
    let mut c = node.walk();
    for child in node.named_children(&mut c) {
        match child.kind_name() {
            "string_start" | "string_end" => {}
            "string_content" => content.push_str(&walk::text(child, src)),
            _ => return None,
        }
    }
    Some(content)
}

/// The header of a `def`/`class`: from its start up to the body, without the colon.
pub(super) fn signature(def: Node<'_>, body: Option<Node<'_>>, src: &[u8]) -> String {
    let end = body.map_or(def.end_byte(), |b| b.start_byte());
    let raw = String::from_utf8_lossy(&src[def.start_byte()..end]);
    let sig = walk::collapse_ws(&raw);
    let sig = sig.trim_end();
    sig.strip_suffix(':').unwrap_or(sig).trim_end().to_owned()
}

/// The docstring of a module or a body: its first statement when that is a string
/// literal, cleaned like `inspect.cleandoc`.
pub(super) fn docstring(body: Node<'_>, src: &[u8]) -> Option<String> {
    let mut cursor = body.walk();
    let first = body.named_children(&mut cursor).find(|n| n.kind_name() != "comment")?;
    if first.kind_name() != "expression_statement" {
        return None;
    }
    let string = first.named_child(0)?;
    if string.kind_name() != "string" {
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

/// True when every parameter (but a method's `self`/`cls`) and the return carry
/// annotations.
pub(super) fn type_hints(def: Node<'_>, is_method: bool, src: &[u8]) -> bool {
    if def.field("return_type").is_none() {
        return false;
    }
    let Some(params) = def.field("parameters") else { return false };
    let mut cursor = params.walk();
    for (i, p) in params.named_children(&mut cursor).enumerate() {
        match p.kind_name() {
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

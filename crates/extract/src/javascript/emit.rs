//! JavaScript/TypeScript emission, pass 2: call sites scanned from each owner's code
//! (with complexity and test-callback ranges), their `calls` and `tests` edges, and
//! the symbols exported for cross-file resolution.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Js<'s, 't> {
    /// Pass 2, reading: every call, `new` and JSX component in the owner's code
    /// (outside nested definitions) becomes a site; the same walk computes the
    /// complexity of functions and methods and records their `return`s and the
    /// `this.x = ...` assignments that type a class's fields.
    ///
    /// In a test file the walk also keeps the end bytes of the enclosing argument
    /// lists of test-framework calls (`describe`/`it`/`test`), so that each site knows
    /// whether it runs in a test without asking for its ancestors (tree-sitter finds
    /// a node's parent by walking down from the root: quadratic on long files).
    pub(super) fn scan(&mut self, owner: &Owner<'t>, test_file: bool) -> Vec<Site<'t>> {
        let mut sites: Vec<Site<'t>> = Vec::new();
        let mut test_args: Vec<usize> = Vec::new();
        // The argument lists of the test calls seen, until the walk reaches them.
        let mut test_arg_lists: HashSet<usize> = HashSet::new();
        let mut complexity = 1;
        let root = owner.root;
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let mut returns: Vec<(Node<'t>, usize)> = Vec::new();
        let mut assigned: Vec<(String, Declared<'t>)> = Vec::new();
        let src = self.b.src;
        // Children of visited nodes that may be reference sites, by syntax id: the
        // walk decides from the parent and the field (never asking for a parent).
        let mut ref_sites: HashMap<usize, model::ReferenceKind> = HashMap::new();
        let mut refs = Vec::new();
        walk::preorder(root, |node| {
            let kind = node.kind_name();
            if node != root && (self.claimed.contains(&node.id()) || kind == "decorator") {
                return false;
            }
            let role = ref_sites.remove(&node.id());
            mark_reference_children(node, &mut ref_sites);
            while stack.last().is_some_and(|&(end, _)| node.start_byte() >= end) {
                stack.pop();
            }
            while test_args.last().is_some_and(|&end| node.start_byte() >= end) {
                test_args.pop();
            }
            if test_file && kind == "arguments" && test_arg_lists.remove(&node.id()) {
                test_args.push(node.end_byte());
            }
            if node != root {
                if let Some(&s) = self.anon_scopes.get(&node.id()) {
                    stack.push((node.end_byte(), s));
                }
            }
            let scope = stack.last().map_or(owner.scope, |&(_, s)| s);
            if let Some(role) = role {
                refs.push((owner.idx, node, scope, role));
            }
            complexity += decision_points(node);
            match kind {
                "call_expression" => {
                    if let Some(f) = node.field("function") {
                        if test_file && test_block(f, src).is_some() {
                            test_arg_lists.extend(node.field("arguments").map(|a| a.id()));
                        }
                        if f.kind_name() != "import" {
                            let line = walk::line(node);
                            let in_test_block = !test_args.is_empty();
                            let (callee, call, new) = (f, node, false);
                            sites.push(Site { callee, call, line, scope, new, in_test_block });
                        }
                    }
                }
                "new_expression" => {
                    if let Some(c) = node.field("constructor") {
                        let (line, in_test_block) = (walk::line(node), !test_args.is_empty());
                        let (callee, call, new) = (c, node, true);
                        sites.push(Site { callee, call, line, scope, new, in_test_block });
                    }
                }
                "jsx_opening_element" | "jsx_self_closing_element" => {
                    if let Some(name) = node.field("name") {
                        let component = match name.kind_name() {
                            "identifier" => walk::text(name, src)
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_uppercase()),
                            "member_expression" | "nested_identifier" => true,
                            _ => false,
                        };
                        if component {
                            let line = walk::line(node);
                            let in_test_block = !test_args.is_empty();
                            let (callee, call, new) = (name, node, false);
                            sites.push(Site { callee, call, line, scope, new, in_test_block });
                        }
                    }
                }
                "return_statement" if scope == owner.scope => {
                    if let Some(value) = node.named_child(0) {
                        returns.push((value, scope));
                    }
                }
                "assignment_expression" => {
                    // `this.x = value` in a class's method types the field `x`.
                    let left = node.field("left");
                    let value = node.field("right");
                    if let (Some(left), Some(value)) = (left, value) {
                        let object = left.field("object");
                        let property = left.field("property");
                        if let (Some(object), Some(property)) = (object, property) {
                            if left.kind_name() == "member_expression"
                                && object.kind_name() == "this"
                            {
                                let name = walk::text(property, src).into_owned();
                                let declared =
                                    Declared { ty: None, value: Some(value), scope, origin: None };
                                assigned.push((name, declared));
                            }
                        }
                    }
                }
                _ => {}
            }
            true
        });
        if self.b.nodes[owner.idx].kind.is_callable() {
            self.b.nodes[owner.idx].complexity = complexity;
            self.returns.insert(owner.idx, returns);
        }
        if let Some(class) = owner.this.filter(|&c| self.b.nodes[c].kind == NodeKind::Class) {
            if !assigned.is_empty() {
                self.fields.entry(class).or_default().extend(assigned);
            }
        }
        self.refs.extend(refs);
        sites
    }

    /// Pass 2, after the calls: each non-call use `scan` found becomes a `references`
    /// edge when its name is bound to a definition of this file or an import (a
    /// parameter or local variable is a use of the variable, not of a node).
    pub(super) fn references(&mut self) {
        for (owner, node, scope, role) in std::mem::take(&mut self.refs) {
            let name = walk::text(node, self.b.src);
            let target = match self.lookup(&name, scope) {
                Some(Binding::Node(idx)) if idx != 0 => {
                    Target::Node { id: self.b.nodes[idx].id.clone(), provenance: Provenance::Exact }
                }
                Some(Binding::Import { key, whole: false, .. }) => {
                    let name = shown(&key);
                    Target::Key { key, name, inferred: false }
                }
                _ => continue,
            };
            self.b.reference(owner, target, walk::line(node), role);
        }
    }

    /// Pass 2, resolving: the `calls` edges of the owner's sites. In a test file,
    /// returns what the tests among them exercise, with the test: the targets of the
    /// calls of a `describe`/`it`/`test` block made a node (its hooks' too), or else
    /// inside such a callback (the owner's), and `X` for a `describe('X', ...)` whose
    /// `X` names a function or class in scope (the block's).
    pub(super) fn calls(
        &mut self,
        owner: &Owner<'t>,
        sites: Vec<Site<'t>>,
        test_file: bool,
    ) -> Vec<(NodeIdx, (Target, u32))> {
        let mut tested = Vec::new();
        let is_block = self.test_blocks.values().any(|&t| t == owner.idx);
        for site in sites {
            let block = if test_file { test_block(site.callee, self.b.src) } else { None };
            let in_test = test_file && block.is_none() && (is_block || site.in_test_block);
            if block == Some("describe") {
                let test = self.test_blocks.get(&site.call.id()).copied().unwrap_or(owner.idx);
                tested.extend(self.described(&site).map(|t| (test, (t, site.line))));
            }
            for target in self.call_targets(&site, owner) {
                if in_test {
                    tested.push((owner.idx, (target.clone(), site.line)));
                }
                self.b.edge(EdgeKind::Calls, owner.idx, target, site.line);
            }
        }
        tested
    }

    /// `X` in `describe('X', ...)`, when `X` is bound to a definition or an import.
    pub(super) fn described(&self, site: &Site<'t>) -> Option<Target> {
        let call = Some(site.call).filter(|c| c.kind_name() == "call_expression")?;
        let first = call.field("arguments")?.named_child(0)?;
        if first.kind_name() != "string" {
            return None;
        }
        let text = walk::text(first, self.b.src);
        let name = text.get(1..text.len().saturating_sub(1))?;
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            return None;
        }
        match self.lookup(name, site.scope)? {
            Binding::Node(idx) => Some(Target::Node {
                id: self.b.nodes[idx].id.clone(),
                provenance: Provenance::Exact,
            }),
            Binding::Import { key, whole: false, .. } => {
                let name = shown(&key);
                Some(Target::Key { key, name, inferred: false })
            }
            Binding::Import { .. } | Binding::Local => None,
        }
    }

    /// The edges one call site makes: the function or method its callee evaluates to;
    /// for `new C()`, the class and the constructor that runs; for `super(...)`, the
    /// base class's constructor; else the callee's text, unresolved.
    pub(super) fn call_targets(&mut self, site: &Site<'t>, owner: &Owner<'t>) -> Vec<Target> {
        let callee = site.callee;
        let text =
            || capped_text(self.b.src, callee.start_byte(), callee.end_byte(), MAX_SHOWN_CHARS);
        if callee.kind_name() == "super" {
            let Some(class) = owner.this else { return vec![Target::Name("super".into())] };
            return match self.constructor_of(class, true) {
                Some(t) => vec![t],
                None => vec![Target::Name("super".into())],
            };
        }
        if callee.kind_name() == "call_expression"
            || matches!(callee.kind_name(), "member_expression")
                && unwrap_member_head(callee).kind_name() == "call_expression"
        {
            // `require('x')(...)`, `require('x').f()`.
            if let Some(t) = self.resolve(callee, site.scope, owner.idx, owner.this) {
                if matches!(t, Target::Key { .. }) {
                    return vec![t];
                }
            }
        }
        if callee.kind_name() == "identifier" {
            // `const f = require('./f'); f()`: the module's default export.
            let name = self.b.text(callee).into_owned();
            if let Some(Binding::Import { key, name: imported, whole: true }) =
                self.lookup(&name, site.scope)
            {
                self.b.use_import(owner.idx, &imported);
                let key = format!("{key}.default");
                let name = shown(&key);
                return vec![Target::Key { key, name, inferred: false }];
            }
        }
        let Some(Eval { value, inferred }) = self.eval(callee, site.scope, owner.this, owner.idx)
        else {
            return vec![Target::Name(text())];
        };
        let provenance = if inferred { Provenance::Inferred } else { Provenance::Exact };
        match value {
            Value::Def(idx) => {
                let mut targets =
                    vec![Target::Node { id: self.b.nodes[idx].id.clone(), provenance }];
                if site.new && self.b.nodes[idx].kind == NodeKind::Class {
                    targets.extend(self.constructor_of(idx, false));
                }
                targets
            }
            Value::Key { key, shown: name } => {
                let name = name.unwrap_or_else(text);
                let mut targets = Vec::new();
                if site.new && !key.starts_with(keys::JS_PACKAGE) {
                    targets.push(Target::Key {
                        key: format!("{key}.constructor"),
                        name: format!("{name}.constructor"),
                        inferred,
                    });
                }
                targets.insert(0, Target::Key { key, name, inferred });
                targets
            }
            Value::Union(values) => {
                let mut targets = Vec::new();
                for value in values {
                    if let Value::Def(idx) = value {
                        let id = self.b.nodes[idx].id.clone();
                        targets.push(Target::Node { id, provenance: Provenance::Inferred });
                    } else if let Value::Key { key, shown } = value {
                        let name = shown.unwrap_or_else(text);
                        targets.push(Target::Key { key, name, inferred: true });
                    }
                }
                if targets.is_empty() {
                    targets.push(Target::Name(text()));
                }
                targets
            }
            // `Super` is Python's; JavaScript never evaluates to one.
            Value::Instance(_) | Value::Super(_) | Value::Generic { .. } | Value::Array(_) => {
                vec![Target::Name(text())]
            }
        }
    }

    /// The constructor that runs for `new C()` (`own`: C's, else the nearest base's),
    /// or for `super(...)` in C (`!own`: the base's).
    pub(super) fn constructor_of(&self, class: NodeIdx, skip_own: bool) -> Option<Target> {
        let mut current = class;
        let mut first = true;
        for _ in 0..32 {
            if !(first && skip_own) {
                let qname = format!("{}.constructor", self.b.nodes[current].qualified_name);
                if let Some(&found) = self.by_qname.get(&qname) {
                    let id = self.b.nodes[found].id.clone();
                    return Some(Target::Node { id, provenance: Provenance::Exact });
                }
            }
            first = false;
            match self.bases.get(&current) {
                Some(Target::Node { id, .. }) => {
                    let base = *self.by_qname.get(model::split_node_id(id).1)?;
                    if base == current {
                        return None;
                    }
                    current = base;
                }
                Some(Target::Key { key, name, .. }) => {
                    // The store follows the base's own bases.
                    return Some(Target::Key {
                        key: format!("{key}.constructor"),
                        name: format!("{name}.constructor"),
                        inferred: false,
                    });
                }
                _ => return None,
            }
        }
        None
    }

    /// Exports what the store needs to resolve across files: each exported class's
    /// base (`js:m.C.*` → the base's key), return types (`js:m.f.__return__` → the
    /// class), and the types of fields (`js:m.C.x.*` → the class).
    pub(super) fn export_resolution_symbols(&mut self) {
        let mut exported: Vec<(NodeIdx, String)> =
            self.keys.iter().map(|(i, k)| (*i, k.clone())).collect();
        exported.sort();
        for (idx, key) in exported {
            match self.b.nodes[idx].kind {
                kind @ (NodeKind::Class | NodeKind::Interface) => {
                    let bases: Vec<Target> = if kind == NodeKind::Interface {
                        self.interface_bases.get(&idx).cloned().unwrap_or_default()
                    } else {
                        self.bases.get(&idx).cloned().into_iter().collect()
                    };
                    let mut targets: Vec<String> = Vec::new();
                    for base in bases {
                        let base = match base {
                            Target::Node { id, .. } => self
                                .by_qname
                                .get(model::split_node_id(&id).1)
                                .and_then(|b| self.keys.get(b))
                                .cloned(),
                            Target::Key { key, .. } => Some(key),
                            _ => None,
                        };
                        if let Some(base) = base.filter(|b| !targets.contains(b)) {
                            targets.push(base);
                        }
                    }
                    for base in &targets {
                        self.b.export_alias(keys::star(&key), base.clone());
                    }
                    if targets.len() > 1 {
                        // `interface A extends B, C`: B's members first.
                        self.b.export_alias(keys::star(&key), keys::order(&targets));
                    }
                    let mut names: Vec<String> = self
                        .fields
                        .get(&idx)
                        .map(|f| f.iter().map(|(n, _)| n.clone()).collect())
                        .unwrap_or_default();
                    names.sort();
                    names.dedup();
                    for name in names {
                        let qname = format!("{}.{name}", self.b.nodes[idx].qualified_name);
                        if self.by_qname.contains_key(&qname) {
                            continue;
                        }
                        let Some(Eval { value: Value::Instance(class), .. }) =
                            self.field_value(idx, &name)
                        else {
                            continue;
                        };
                        if let Some(target) = self.class_key(&class) {
                            self.b.export_alias(keys::star(&format!("{key}.{name}")), target);
                        }
                    }
                }
                NodeKind::Function | NodeKind::Method => {
                    self.export_callback_params(idx, &key);
                    let Some(Eval { value: Value::Instance(class), .. }) = self.return_value(idx)
                    else {
                        continue;
                    };
                    if let Some(target) = self.class_key(&class) {
                        self.b.export_alias(keys::returns(&key), target);
                    }
                }
                _ => {}
            }
        }
    }

    /// For each parameter of function `idx` (exported as `key`) declared with a
    /// function type, the classes that type gives its parameters:
    /// `K.__argI__.__argJ__` → the class, so that callers in other files type the
    /// parameters of the functions they pass (`infer::callback_param`).
    pub(super) fn export_callback_params(&mut self, idx: NodeIdx, key: &str) {
        let Some(&(func, scope)) = self.functions.get(&idx) else { return };
        let this = self.this_of(idx);
        for arg in 0..scopes::parameters(func).len() {
            for param in 0..MAX_CALLBACK_PARAMS {
                let Some(ty) = infer::callback_param_type(func, arg, param) else { continue };
                let Some(Value::Instance(class)) = self.type_value(ty, scope, this, idx) else {
                    continue;
                };
                if let Some(target) = self.class_key(&class) {
                    let alias = keys::argument(&keys::argument(key, arg), param);
                    self.b.export_alias(alias, target);
                }
            }
        }
    }

    /// The key of a class, when it has one worth a symbol (not a guess).
    pub(super) fn class_key(&self, class: &Class) -> Option<String> {
        match class {
            Class::Def(c) => self.keys.get(c).cloned(),
            Class::Key { key, .. } if !keys::is_derived(key) => Some(key.clone()),
            Class::Key { .. } => None,
        }
    }
}

/// A test file: `*.test.*`, `*.spec.*`, or under a `__tests__/` directory.
pub(super) fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let mut parts = file.split('.').skip(1);
    parts.any(|p| p == "test" || p == "spec") || tests_edges::in_dir(path, "__tests__")
}

/// When `callee` is a test-framework block (`describe`, `it`, `test`, with modifiers
/// such as `.only`, `.skip`, `.each(table)`), `describe` for suites or `it` for tests.
pub(super) fn test_block(callee: Node<'_>, src: &[u8]) -> Option<&'static str> {
    let mut head = callee;
    loop {
        head = match head.kind_name() {
            "call_expression" => head.field("function")?,
            "member_expression" => head.field("object")?,
            "identifier" => break,
            _ => return None,
        };
    }
    match &*walk::text(head, src) {
        "describe" | "fdescribe" | "xdescribe" | "suite" => Some("describe"),
        "it" | "fit" | "xit" | "test" => Some("it"),
        _ => None,
    }
}

/// The decision points of one node for McCabe's cyclomatic complexity (see
/// [`crate::common::complexity`]): 1 for each `if`, loop, `case`, `catch`, conditional
/// expression and `&&`/`||`/`??`. [`Js::scan`] sums them over the walk it makes for
/// call sites anyway, which skips nested definitions as the rule requires.
pub(super) fn decision_points(node: Node<'_>) -> u32 {
    match node.kind_name() {
        "if_statement" | "for_statement" | "for_in_statement" | "while_statement"
        | "do_statement" | "switch_case" | "catch_clause" | "ternary_expression" => 1,
        "binary_expression" => {
            let op = node.field("operator").map(|o| o.kind_name());
            u32::from(matches!(op, Some("&&" | "||" | "??")))
        }
        _ => 0,
    }
}

/// Marks the children of `node` that may be reference sites: identifiers (values) and
/// TypeScript type names (annotations) that are not called, not bound (declared
/// names, parameters, assignment targets, loop variables), not the property side of
/// a member expression and not part of one (`a.b` uses `a` to reach `b`: neither is
/// a use of what it names alone), not in an import or export list and not a base
/// (`extends`/`implements` are `inherits`/`implements` edges).
fn mark_reference_children(node: Node<'_>, out: &mut HashMap<usize, model::ReferenceKind>) {
    let kind = node.kind_name();
    if matches!(
        kind,
        "member_expression"
            | "nested_identifier"
            | "nested_type_identifier"
            | "formal_parameters"
            | "required_parameter"
            | "optional_parameter"
            | "rest_pattern"
            | "object_pattern"
            | "array_pattern"
            | "pair_pattern"
            | "catch_clause"
            | "labeled_statement"
            | "break_statement"
            | "continue_statement"
            | "import_specifier"
            | "namespace_import"
            | "type_parameter"
            | "type_predicate"
            | "jsx_opening_element"
            | "jsx_closing_element"
            | "jsx_self_closing_element"
            | "jsx_attribute"
            | "meta_property"
            | "class_heritage"
            | "extends_clause"
            | "implements_clause"
            | "import_statement"
            | "import_clause"
            | "named_imports"
            | "export_clause"
            | "export_specifier"
    ) {
        return;
    }
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return;
    }
    loop {
        let child = cursor.node();
        let field = cursor.field_name();
        let bound = match kind {
            "call_expression" => field == Some("function"),
            "new_expression" => field == Some("constructor"),
            "variable_declarator"
            | "assignment_pattern"
            | "assignment_expression"
            | "augmented_assignment_expression"
            | "for_in_statement" => {
                matches!(field, Some("name" | "left"))
            }
            "arrow_function" => field == Some("parameter"),
            _ => field == Some("name"),
        };
        if !bound {
            let role = match child.kind_name() {
                "identifier" | "shorthand_property_identifier" => Some(model::ReferenceKind::Value),
                "type_identifier" => Some(model::ReferenceKind::Annotation),
                _ => None,
            };
            if let Some(role) = role {
                out.insert(child.id(), role);
            }
        }
        if !cursor.goto_next_sibling() {
            break;
        }
    }
}

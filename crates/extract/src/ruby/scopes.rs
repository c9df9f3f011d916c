//! Names: constant lookup through the lexical nesting (then, through keys, the
//! ancestors and the top level), a body's local variables, and the classes of
//! receivers (`x = Klass.new`, `@x = Klass.new`, `Klass.new.m`).

use super::{const_key, scope_key, Body, Const, Rx};
use crate::walk::{Fields, Kinds};
use std::collections::HashMap;
use tree_sitter::{Node, TreeCursor};

/// The syntax that defines what it holds: a body's walk stops at it.
pub(super) const DEFINITIONS: &[&str] =
    &["class", "module", "method", "singleton_method", "singleton_class"];

/// Parents whose identifier children declare locals (parameters, destructuring,
/// `rescue => e`, patterns).
const DECLARING_PARENTS: &[&str] = &[
    "method_parameters",
    "block_parameters",
    "lambda_parameters",
    "left_assignment_list",
    "destructured_left_assignment",
    "destructured_parameter",
    "rest_assignment",
    "exception_variable",
    "array_pattern",
    "find_pattern",
    "alternative_pattern",
    "in_clause",
    "for",
    "alias",
    "undef",
];

/// Parents whose `name` field declares a local.
const NAMED_PARAMETERS: &[&str] = &[
    "optional_parameter",
    "keyword_parameter",
    "splat_parameter",
    "hash_splat_parameter",
    "block_parameter",
    "as_pattern",
];

/// A body's local variables: each name's first declaring byte, and its class
/// when every assignment gives the same one (`Klass.new`).
#[derive(Default)]
pub(super) struct Locals {
    first: HashMap<String, usize>,
    types: HashMap<String, Option<Const>>,
}

impl Locals {
    /// Whether `name` is a local variable at byte `at` (declared before it).
    pub(super) fn is_local(&self, name: &str, at: usize) -> bool {
        self.first.get(name).is_some_and(|&first| first < at)
    }

    /// The class of local `name`, when its assignments agree on one.
    pub(super) fn class_of(&self, name: &str) -> Option<&Const> {
        self.types.get(name).and_then(Option::as_ref)
    }
}

/// Visits `root` and its descendants in pre-order without recursion, telling `visit`
/// the kind of each node's parent and its field: what deciding whether an
/// identifier declares or calls needs, without tree-sitter's `parent()`. `visit`
/// returns whether to descend.
pub(super) fn walk_tracked<'t>(
    root: Node<'t>,
    mut visit: impl FnMut(Node<'t>, &'static str, Option<&'static str>) -> bool,
) {
    let mut cursor: TreeCursor<'t> = root.walk();
    let mut parents: Vec<&'static str> = Vec::new();
    let mut descend = visit(root, "", None);
    loop {
        if descend {
            let kind = cursor.node().kind_name();
            if cursor.goto_first_child() {
                parents.push(kind);
                descend = visit(cursor.node(), kind, cursor.field_name());
                continue;
            }
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                let parent = parents.last().copied().unwrap_or("");
                descend = visit(cursor.node(), parent, cursor.field_name());
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            parents.pop();
        }
    }
}

/// Whether an identifier under `parent` in `field` declares a name (or is no
/// expression at all) rather than reads one.
pub(super) fn declares(parent: &str, field: Option<&str>) -> bool {
    DECLARING_PARENTS.contains(&parent)
        || (field == Some("name") && NAMED_PARAMETERS.contains(&parent))
        || matches!(field, Some("method" | "name" | "pattern"))
        || (field == Some("left") && matches!(parent, "assignment" | "operator_assignment"))
}

impl<'s, 't> Rx<'s, 't> {
    /// What the constant path `expr` names, looked up as Ruby does where the
    /// nesting is `nesting`: under each module of the nesting, innermost first, then
    /// at the top level, in this file; otherwise a key, under the file's lexical
    /// scope when the nesting is not empty. `None` when `expr` is no constant path.
    pub(super) fn constant_of(&mut self, expr: Node<'_>, nesting: &[usize]) -> Option<Const> {
        let (segments, absolute) = self.constant_path(expr);
        if segments.is_empty() {
            return None;
        }
        if !absolute {
            for &ns in nesting {
                let mut path = self.namespaces[ns].path.clone();
                path.extend(segments.iter().cloned());
                if let Some(found) = self.in_file(&path) {
                    return Some(found);
                }
            }
        }
        if let Some(found) = self.in_file(&segments) {
            return Some(found);
        }
        let shown = segments.join("::");
        if absolute || nesting.is_empty() {
            return Some(Const::Key { key: const_key(&segments), shown });
        }
        let paths: Vec<&[String]> =
            nesting.iter().map(|&ns| self.namespaces[ns].path.as_slice()).collect();
        let scope = scope_key(self.b.path, &paths);
        if self.scope_keys.insert(scope.clone()) {
            self.scopes.push((scope.clone(), nesting.to_vec()));
        }
        Some(Const::Key { key: format!("{scope}.{}", segments.join(".")), shown })
    }

    /// The class, module or constant of this file with the constant path `path`.
    fn in_file(&self, path: &[String]) -> Option<Const> {
        let key = const_key(path);
        if let Some(ns) = self.ns_by_key.get(&key) {
            return Some(Const::Ns(ns[0]));
        }
        self.constants.get(&key).map(|&idx| Const::Value(idx))
    }

    /// Whether `syntax` is where a body's walk stops: a nested definition, or a
    /// block made a node of its own.
    pub(super) fn stops(&self, syntax: Node<'_>, root: Node<'_>) -> bool {
        syntax != root
            && (DEFINITIONS.contains(&syntax.kind_name()) || self.claimed.contains(&syntax.id()))
    }

    /// The local variables of `body` (its parameters, assignments, block
    /// parameters), with the classes `Klass.new` gives them.
    pub(super) fn locals(&mut self, body: &Body<'t>) -> Locals {
        let mut locals = Locals::default();
        let mut assigned: Vec<(String, usize, Option<Node<'t>>)> = Vec::new();
        let root = body.syntax;
        walk_tracked(root, |n, parent, field| {
            if self.stops(n, root) {
                return false;
            }
            match n.kind_name() {
                "identifier" => {
                    let declaring = (DECLARING_PARENTS.contains(&parent)
                        && !matches!(parent, "alias" | "undef"))
                        || (field == Some("name") && NAMED_PARAMETERS.contains(&parent))
                        || field == Some("pattern");
                    if declaring {
                        assigned.push((self.b.text(n).into_owned(), n.start_byte(), None));
                    }
                    false
                }
                "assignment" | "operator_assignment" => {
                    if let Some(left) = n.field("left").filter(|l| l.kind_name() == "identifier") {
                        let right = n.field("right");
                        assigned.push((self.b.text(left).into_owned(), left.start_byte(), right));
                    }
                    true
                }
                _ => true,
            }
        });
        for (name, at, right) in assigned {
            let class = right.and_then(|r| self.new_class(r, &body.nesting));
            let first = locals.first.entry(name.clone()).or_insert(at);
            *first = (*first).min(at);
            match locals.types.get(&name) {
                None => {
                    locals.types.insert(name, class);
                }
                Some(known) if *known != class => {
                    locals.types.insert(name, None);
                }
                Some(_) => {}
            }
        }
        locals
    }

    /// The class `expr` makes when it is `Klass.new(...)`.
    pub(super) fn new_class(&mut self, expr: Node<'_>, nesting: &[usize]) -> Option<Const> {
        if expr.kind_name() != "call" {
            return None;
        }
        let method = expr.field("method")?;
        if self.b.text(method) != "new" {
            return None;
        }
        let receiver = expr.field("receiver")?;
        match self.constant_of(receiver, nesting)? {
            Const::Value(_) => None,
            c => Some(c),
        }
    }

    /// The classes of instance variables: `@x = Klass.new` (or `||=`) in a method
    /// of a class, when every such assignment in the file's methods of that class
    /// agrees.
    pub(super) fn collect_ivars(&mut self) {
        let mut found: Vec<((String, String), Option<Const>)> = Vec::new();
        for i in 0..self.bodies.len() {
            let Some(ns) = self.bodies[i].ns else { continue };
            if self.bodies[i].kind != super::BodyKind::Method || self.bodies[i].singleton {
                continue;
            }
            let (root, nesting) = (self.bodies[i].syntax, self.bodies[i].nesting.clone());
            let key = self.namespaces[ns].key.clone();
            let mut sites = Vec::new();
            walk_tracked(root, |n, _, _| {
                if self.stops(n, root) {
                    return false;
                }
                if matches!(n.kind_name(), "assignment" | "operator_assignment") {
                    if let Some(left) =
                        n.field("left").filter(|l| l.kind_name() == "instance_variable")
                    {
                        sites.push((self.b.text(left).into_owned(), n.field("right")));
                    }
                }
                true
            });
            for (name, right) in sites {
                let class = right.and_then(|r| self.new_class(r, &nesting));
                found.push(((key.clone(), name), class));
            }
        }
        for (k, class) in found {
            match self.ivars.get(&k) {
                None => {
                    self.ivars.insert(k, class);
                }
                Some(known) if *known != class => {
                    self.ivars.insert(k, None);
                }
                Some(_) => {}
            }
        }
    }
}

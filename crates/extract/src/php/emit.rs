//! Pass 2: call edges from every body, `inherits` (parent class) and `implements`
//! (interfaces, traits) edges, `tests` edges, and the symbols other files link
//! through.

use super::lower::DECLARATIONS;
use super::scopes::{Callee, Locals, Ty};
use super::{fqn_key, is_test_case_name, short, Body, Px, Ret, TypeKind, PREFIX};
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{keys, EdgeKind, Provenance};
use std::collections::HashSet;
use tree_sitter::Node;

/// How many bytes of a callee's source an unresolved call's name is read from.
const MAX_CALLEE_BYTES: usize = 400;

/// The syntax of calls.
const CALLS: &[&str] = &[
    "function_call_expression",
    "member_call_expression",
    "nullsafe_member_call_expression",
    "scoped_call_expression",
    "object_creation_expression",
];

impl<'s, 't> Px<'s, 't> {
    /// Properties assigned `new T` (`$this->repo = new Repo()`) in a method of their
    /// class: typed by that class when no declared type says otherwise.
    pub(super) fn collect_property_news(&mut self) {
        let mut found: Vec<(usize, String, Option<Ty>)> = Vec::new();
        for body in &self.bodies {
            let Some(t) = body.class.filter(|_| !body.is_static) else { continue };
            for &root in &body.syntax {
                walk::preorder(root, |n| {
                    if n != root && DECLARATIONS.contains(&n.kind_name()) {
                        return false;
                    }
                    if n.kind_name() == "assignment_expression" {
                        let left = n.field("left");
                        let right = n.field("right");
                        if let (Some(left), Some(right)) = (left, right) {
                            if let Some(name) = this_property(left, self.b.src) {
                                let ty = (right.kind_name() == "object_creation_expression")
                                    .then(|| self.new_class(right, body))
                                    .flatten();
                                found.push((t, name, ty));
                            }
                        }
                    }
                    true
                });
            }
        }
        let declared: HashSet<(usize, String)> =
            self.props.iter().filter(|(_, ty)| ty.is_some()).map(|(k, _)| k.clone()).collect();
        let mut assigned: std::collections::HashMap<(usize, String), Option<String>> =
            Default::default();
        for (t, name, ty) in found {
            let key = (t, name);
            if declared.contains(&key) {
                continue;
            }
            let fqn = ty.and_then(|ty| ty.fqn);
            match assigned.get_mut(&key) {
                Some(existing) if *existing != fqn => *existing = None,
                Some(_) => {}
                None => {
                    assigned.insert(key, fqn);
                }
            }
        }
        for (key, fqn) in assigned {
            self.props.insert(key, fqn.map(|f| (f, true)));
        }
    }

    /// Marks PHPUnit tests: in a test class, methods named `test*`, with `@test` in
    /// their PHPDoc or the attribute `#[Test]`.
    pub(super) fn mark_tests(&mut self) {
        let mut tests = Vec::new();
        for t in 0..self.types.len() {
            if !self.is_test_class(t) {
                continue;
            }
            let mut methods: Vec<usize> = self
                .methods
                .iter()
                .filter(|((owner, _), _)| *owner == t)
                .map(|(_, m)| m.node)
                .collect();
            methods.sort_unstable();
            for idx in methods {
                let node = &self.b.nodes[idx];
                let by_name = node.name.starts_with("test");
                let by_doc = node.docstring.as_deref().is_some_and(|d| {
                    d.lines().any(|l| l.trim() == "@test" || l.trim().starts_with("@test "))
                });
                let by_attribute = node.decorators.iter().any(|d| {
                    let name = d.trim_start_matches("#[").trim_end_matches(']');
                    let name = name.split('(').next().unwrap_or(name).trim();
                    name == "Test" || name.ends_with("\\Test")
                });
                if by_name || by_doc || by_attribute {
                    tests.push((idx, t));
                }
            }
        }
        self.tests = tests;
    }

    /// Whether type `t` is a PHPUnit test class: its parent is named `*TestCase`,
    /// or is such a class of this file.
    fn is_test_class(&self, t: usize) -> bool {
        let mut at = t;
        for _ in 0..crate::MAX_DEPTH {
            let info = &self.types[at];
            if info.kind != TypeKind::Class {
                return false;
            }
            let Some((parent, _)) = &info.parent else { return false };
            if is_test_case_name(parent) {
                return true;
            }
            match self.type_by_fqn.get(&parent.to_lowercase()) {
                Some(&p) if p != at => at = p,
                _ => return false,
            }
        }
        false
    }

    /// The call edges of every body, then the heritage edges.
    pub(super) fn calls(&mut self) {
        self.ancestry = (0..self.types.len()).map(|t| self.compute_ancestors(t)).collect();
        for i in 0..self.bodies.len() {
            let body = Body {
                node: self.bodies[i].node,
                syntax: self.bodies[i].syntax.clone(),
                class: self.bodies[i].class,
                is_static: self.bodies[i].is_static,
                ctx: self.bodies[i].ctx.clone(),
            };
            let locals = self.locals(&body);
            let mut sites: Vec<Node<'t>> = Vec::new();
            for &root in &body.syntax {
                walk::preorder(root, |n| {
                    if n != root && DECLARATIONS.contains(&n.kind_name()) {
                        return false;
                    }
                    if n.kind_name() == "attribute_list" {
                        return false;
                    }
                    if CALLS.contains(&n.kind_name()) {
                        sites.push(n);
                    }
                    true
                });
            }
            for site in sites {
                self.call_site(site, &body, &locals);
            }
        }
        self.heritage_edges();
    }

    /// The edges of one call site.
    fn call_site(&mut self, site: Node<'t>, body: &Body<'t>, locals: &Locals) {
        let line = walk::line(site);
        if site.kind_name() == "object_creation_expression" {
            for target in self.constructor_targets(site, body) {
                self.b.edge(EdgeKind::Calls, body.node, target, line);
            }
            return;
        }
        let line = site.field("name").map_or(line, walk::line);
        let (callee, _) = self.callee(site, body, locals, 0);
        let target = match callee {
            Callee::Node { idx, inferred, .. } => self.node_target(idx, inferred),
            Callee::Key { key, shown, inferred } => {
                if key.starts_with(keys::PHP_SCOPE) && self.scope_set.insert(body.ctx.ns.clone()) {
                    self.scopes.push(body.ctx.ns.clone());
                }
                Target::Key { key, name: shown, inferred }
            }
            Callee::Unknown => match self.unresolved_text(site) {
                Some(text) => Target::Name(text),
                None => return,
            },
        };
        self.b.edge(EdgeKind::Calls, body.node, target, line);
    }

    /// `new C(...)`: the class, and the constructor that runs (possibly inherited;
    /// none when nothing in the class's ancestry here or outside declares one).
    fn constructor_targets(&mut self, site: Node<'t>, body: &Body<'t>) -> Vec<Target> {
        let mut cursor = site.walk();
        let first = site.named_children(&mut cursor).find(|c| c.kind_name() != "comment");
        if first.is_none_or(|c| c.kind_name() == "anonymous_class") {
            return Vec::new();
        }
        let Some(ty) = self.new_class(site, body) else {
            return match first.and_then(|c| self.unresolved_new(c)) {
                Some(text) => vec![Target::Name(text)],
                None => Vec::new(),
            };
        };
        let mut out = Vec::new();
        match ty.local {
            Some(t) => {
                out.push(self.node_target(self.types[t].node, false));
                let (ancestors, outside) = self.ancestors(t);
                let ctor = ancestors
                    .iter()
                    .find_map(|a| self.methods.get(&(*a, "__construct".to_owned())))
                    .map(|m| m.node);
                match ctor {
                    Some(idx) => out.push(self.node_target(idx, false)),
                    None if outside => {
                        if let Callee::Key { key, shown, inferred } =
                            self.method_callee(&ty, "__construct")
                        {
                            out.push(Target::Key { key, name: shown, inferred });
                        }
                    }
                    None => {}
                }
            }
            None => {
                let fqn = ty.fqn.clone().unwrap_or_default();
                out.push(Target::Key { key: ty.key.clone(), name: fqn.clone(), inferred: false });
                out.push(Target::Key {
                    key: format!("{}.__construct", ty.key),
                    name: format!("{fqn}::__construct"),
                    inferred: false,
                });
            }
        }
        out
    }

    /// The text an unresolved `new $class` is shown by.
    fn unresolved_new(&self, class: Node<'_>) -> Option<String> {
        if class.kind_name() != "variable_name" && class.kind_name() != "member_access_expression" {
            return None;
        }
        Some(short(&format!("new {}", walk::collapse_ws(&self.b.text(class)))))
    }

    /// The text an unresolved method call is shown by (`$user->save`), at most the
    /// last bytes of a long chain; `None` for a dynamic call (`$f()`, `$o->$m()`).
    fn unresolved_text(&self, site: Node<'_>) -> Option<String> {
        let name = site.field("name")?;
        if name.kind_name() != "name" {
            return None;
        }
        let start_node = site.field("object").or(site.field("scope"))?;
        let end = name.end_byte();
        let start = start_node.start_byte().max(end.saturating_sub(MAX_CALLEE_BYTES));
        let text = String::from_utf8_lossy(&self.b.src[start..end]).into_owned();
        let text = if start > start_node.start_byte() {
            format!("…{}", text.trim_start_matches('\u{FFFD}'))
        } else {
            text
        };
        Some(short(&walk::collapse_ws(&text)))
    }

    /// `inherits` edges to parent classes, `implements` edges to interfaces and
    /// traits.
    fn heritage_edges(&mut self) {
        for t in 0..self.types.len() {
            let node = self.types[t].node;
            let mut heads: Vec<(EdgeKind, String, u32)> = Vec::new();
            if let Some((p, line)) = self.types[t].parent.clone() {
                heads.push((EdgeKind::Inherits, p, line));
            }
            for (i, line) in self.types[t].interfaces.clone() {
                let kind = if self.types[t].kind == TypeKind::Interface {
                    EdgeKind::Inherits
                } else {
                    EdgeKind::Implements
                };
                heads.push((kind, i, line));
            }
            for (tr, line) in self.types[t].traits.clone() {
                heads.push((EdgeKind::Implements, tr, line));
            }
            for (kind, fqn, line) in heads {
                let target = match self.type_by_fqn.get(&fqn.to_lowercase()) {
                    Some(&s) if s != t => self.node_target(self.types[s].node, false),
                    Some(_) => continue,
                    None => Target::Key { key: fqn_key(&fqn), name: fqn, inferred: false },
                };
                self.b.edge(kind, node, target, line);
            }
        }
    }

    /// `tests` edges from every test to what it calls, directly or through the
    /// file's other definitions, and to what its class's `setUp` calls.
    pub(super) fn tests(&mut self) {
        let helpers: HashSet<String> =
            self.b.nodes.iter().filter(|n| n.kind.is_callable()).map(|n| n.id.clone()).collect();
        let mut with_roots = Vec::new();
        for &(test, t) in &self.tests {
            let mut roots = crate::common::tests_edges::call_roots(&self.b, &self.b.nodes[test].id);
            // PHPUnit runs `setUp` (the class's own or inherited) before each test.
            let (ancestors, _) = self.ancestors(t);
            let set_up = ancestors.iter().find_map(|a| self.methods.get(&(*a, "setup".to_owned())));
            if let Some(set_up) = set_up.filter(|m| m.node != test) {
                // At the test's first line: the test's own code reaches them.
                let line = self.b.nodes[test].span.start_line;
                let set_up_roots =
                    crate::common::tests_edges::call_roots(&self.b, &self.b.nodes[set_up.node].id);
                roots.extend(set_up_roots.into_iter().map(|(target, _)| (target, line)));
            }
            with_roots.push((test, roots));
        }
        crate::common::tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// The symbols other files link through: the file by its path; each type, its
    /// methods, constants and cases; functions and namespace constants; the star
    /// rows of supertypes (`{class}.*`: traits, parent, interfaces) and property
    /// types (`{class}.${prop}.*`); declared return classes (`{m}.__return__`); the
    /// function scopes' star rows.
    pub(super) fn export_resolution_symbols(&mut self) {
        let path = self.b.path;
        self.b.export_node(format!("{}{}", keys::PHP_FILE, super::path_segment(path)), 0);
        let mut seen = HashSet::new();
        for t in 0..self.types.len() {
            if self.types[t].fqn.is_empty() {
                continue;
            }
            let key = self.types[t].key.clone();
            self.b.export_node(key.clone(), self.types[t].node);
            if !seen.insert(key.clone()) {
                continue;
            }
            let info = &self.types[t];
            let mut supers: Vec<String> = info.traits.iter().map(|(n, _)| fqn_key(n)).collect();
            supers.extend(info.parent.iter().map(|(n, _)| fqn_key(n)));
            supers.extend(info.interfaces.iter().map(|(n, _)| fqn_key(n)));
            self.export_stars(&key, supers);
        }
        let mut methods: Vec<((usize, String), super::MethodInfo)> =
            self.methods.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        methods.sort_by_key(|(_, m)| m.node);
        for ((t, name), m) in methods {
            if self.types[t].fqn.is_empty() {
                continue;
            }
            let key = format!("{}.{name}", self.types[t].key);
            self.b.export_node(key.clone(), m.node);
            self.export_return(&key, m.ret.as_ref());
        }
        let mut functions: Vec<(String, usize, Option<Ret>)> =
            self.functions.iter().map(|(f, (idx, ret))| (f.clone(), *idx, ret.clone())).collect();
        functions.sort_by_key(|(_, idx, _)| *idx);
        for (fqn, idx, ret) in functions {
            let key = fqn_key(&fqn);
            self.b.export_node(key.clone(), idx);
            self.export_return(&key, ret.as_ref());
        }
        for (key, idx) in std::mem::take(&mut self.constants) {
            self.b.export_node(key, idx);
        }
        let mut props: Vec<((usize, String), String)> = self
            .props
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_ref()?.0.clone())))
            .collect();
        props.sort();
        for ((t, name), fqn) in props {
            if self.types[t].fqn.is_empty() {
                continue;
            }
            let key = format!("{}.${name}", self.types[t].key);
            self.b.export_alias(keys::star(&key), fqn_key(&fqn));
        }
        for ns in std::mem::take(&mut self.scopes) {
            let mut targets = Vec::new();
            if !ns.is_empty() {
                targets.push(fqn_key(&ns));
            }
            targets.push(PREFIX.to_owned());
            self.export_stars(&super::scope_key(path, &ns), targets);
        }
    }

    /// `{key}.__return__` for a declared return class.
    fn export_return(&mut self, key: &str, ret: Option<&Ret>) {
        match ret {
            Some(Ret::Class(fqn)) => self.b.export_alias(keys::returns(key), fqn_key(fqn)),
            Some(Ret::Receiver) => {
                self.b.export_alias(keys::returns(key), keys::RECEIVER.to_owned())
            }
            None => {}
        }
    }

    /// Star rows from `key` to `targets` in order, with an `order:` row for more
    /// than one.
    fn export_stars(&mut self, key: &str, targets: Vec<String>) {
        let mut unique: Vec<String> = Vec::new();
        for t in targets {
            if t != key && !unique.contains(&t) {
                unique.push(t);
            }
        }
        for t in &unique {
            self.b.export_alias(keys::star(key), t.clone());
        }
        if unique.len() > 1 {
            self.b.export_alias(keys::star(key), keys::order(&unique));
        }
    }

    /// A node of this file as a target.
    fn node_target(&self, idx: usize, inferred: bool) -> Target {
        let provenance = if inferred { Provenance::Inferred } else { Provenance::Exact };
        Target::Node { id: self.b.nodes[idx].id.clone(), provenance }
    }
}

/// The property name of `$this->name` (an assignment's left side).
fn this_property(left: Node<'_>, src: &[u8]) -> Option<String> {
    if left.kind_name() != "member_access_expression" {
        return None;
    }
    let object = left.field("object")?;
    if object.kind_name() != "variable_name" || walk::text(object, src) != "$this" {
        return None;
    }
    let name = left.field("name").filter(|n| n.kind_name() == "name")?;
    Some(walk::text(name, src).into_owned())
}

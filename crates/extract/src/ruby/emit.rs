//! Pass 2: call edges from every body, `inherits` (superclass) and `implements`
//! (mixin) edges, `tests` edges, and the symbols other files link through.

use super::scopes::{declares, walk_tracked, Locals};
use super::{
    method_key, short, Body, Const, KeyFacts, MethodKey, MixinKind, Rx, DECLARATIONS, MAX_MIXINS,
    PREFIX,
};
use crate::builder::NodeIdx;
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{keys, EdgeKind, NodeKind, Provenance};
use std::collections::HashSet;
use tree_sitter::Node;

/// How many bytes of a callee's source an unresolved call's name is read from.
const MAX_CALLEE_BYTES: usize = 400;

/// Ruby's reserved words: broken syntax can leave one as a bare identifier, which
/// is never a call.
const KEYWORDS: &[&str] = &[
    "BEGIN", "END", "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do",
    "else", "elsif", "end", "ensure", "false", "for", "if", "in", "module", "next", "nil", "not",
    "or", "redo", "rescue", "retry", "return", "self", "super", "then", "true", "undef", "unless",
    "until", "when", "while", "yield",
];

/// What a call's receiver is, as far as the file tells.
enum Recv {
    /// `self`, or no receiver.
    SelfRef,
    /// A class or module itself (`Klass.m`).
    Class(Const),
    /// An instance of a class, found through a local, an instance variable or a
    /// `Klass.new` chain: a heuristic, so the call is `inferred`.
    Instance(Const),
    /// Anything else.
    Unknown,
}

impl<'s, 't> Rx<'s, 't> {
    /// The call edges of every body.
    pub(super) fn calls(&mut self) {
        self.key_facts();
        for i in 0..self.bodies.len() {
            let body = Body {
                node: self.bodies[i].node,
                syntax: self.bodies[i].syntax,
                ns: self.bodies[i].ns,
                singleton: self.bodies[i].singleton,
                nesting: self.bodies[i].nesting.clone(),
                method: self.bodies[i].method.clone(),
                kind: self.bodies[i].kind,
            };
            let locals = self.locals(&body);
            let mut sites: Vec<Node<'t>> = Vec::new();
            let root = body.syntax;
            walk_tracked(root, |n, parent, field| {
                if self.stops(n, root) {
                    return false;
                }
                match n.kind_name() {
                    "call" => sites.push(n),
                    // `super(x)` is a call whose method is `super`.
                    "super" if field != Some("method") => sites.push(n),
                    "identifier"
                        if !declares(parent, field)
                            && !locals.is_local(&self.b.text(n), n.start_byte()) =>
                    {
                        sites.push(n)
                    }
                    _ => {}
                }
                true
            });
            for site in sites {
                self.call_site(site, &body, &locals);
            }
        }
        self.heritage_edges();
    }

    /// Fills `facts`: each class key's ancestry over its definitions, once.
    fn key_facts(&mut self) {
        for ns in &self.namespaces {
            let f = self
                .facts
                .entry(ns.key.clone())
                .or_insert(KeyFacts { bare: true, ..KeyFacts::default() });
            f.extend_self |= ns.extend_self;
            f.bare &= ns.superclass.is_none() && ns.mixins.is_empty();
            f.includes |= ns.mixins.iter().any(|(k, _, _)| *k != MixinKind::Extend);
            f.extends |= ns.mixins.iter().any(|(k, _, _)| *k == MixinKind::Extend);
            if f.superclass.is_none() {
                f.superclass = ns.superclass.as_ref().map(|(c, _)| c.clone());
            }
        }
    }

    /// The edges of one call site in `body`.
    fn call_site(&mut self, site: Node<'t>, body: &Body<'t>, locals: &Locals) {
        let line = walk::line(site);
        let (name, receiver) = match site.kind_name() {
            "identifier" => (self.b.text(site).into_owned(), None),
            "super" => {
                let target = self.super_target(body);
                self.b.edge(EdgeKind::Calls, body.node, target, line);
                return;
            }
            _ => {
                let Some(method) = site.field("method") else { return };
                if method.kind_name() == "super" {
                    let target = self.super_target(body);
                    self.b.edge(EdgeKind::Calls, body.node, target, line);
                    return;
                }
                (self.b.text(method).into_owned(), site.field("receiver"))
            }
        };
        if receiver.is_none()
            && (DECLARATIONS.contains(&name.as_str()) || KEYWORDS.contains(&name.as_str()))
        {
            return;
        }
        let recv = match receiver {
            None => Recv::SelfRef,
            Some(r) => self.receiver(r, body, locals),
        };
        let line = site.field("method").map_or(line, walk::line);
        for target in self.targets(recv, &name, site, receiver, body) {
            self.b.edge(EdgeKind::Calls, body.node, target, line);
        }
    }

    /// What a receiver expression is.
    fn receiver(&mut self, r: Node<'t>, body: &Body<'t>, locals: &Locals) -> Recv {
        match r.kind_name() {
            "self" => Recv::SelfRef,
            "constant" | "scope_resolution" => match self.constant_of(r, &body.nesting) {
                Some(c) => Recv::Class(c),
                None => Recv::Unknown,
            },
            "identifier" => {
                let name = self.b.text(r);
                if locals.is_local(&name, r.start_byte()) {
                    return match locals.class_of(&name) {
                        Some(c) => Recv::Instance(c.clone()),
                        None => Recv::Unknown,
                    };
                }
                // `new.m` in a singleton method: an instance of the class itself.
                if name == "new" && body.singleton {
                    if let Some(ns) = body.ns {
                        return Recv::Instance(Const::Ns(ns));
                    }
                }
                // An RSpec `let` helper of a known class.
                match self.nearest_helper(&name, body.node).and_then(|h| self.let_classes.get(&h)) {
                    Some(c) if body.ns.is_none() => Recv::Instance(c.clone()),
                    _ => Recv::Unknown,
                }
            }
            "instance_variable" => {
                let Some(ns) = body.ns.filter(|_| !body.singleton) else { return Recv::Unknown };
                let key = (self.namespaces[ns].key.clone(), self.b.text(r).into_owned());
                match self.ivars.get(&key) {
                    Some(Some(c)) => Recv::Instance(c.clone()),
                    _ => Recv::Unknown,
                }
            }
            "call" => match self.new_class(r, &body.nesting) {
                Some(c) => Recv::Instance(c),
                None if body.singleton
                    && r.field("receiver").is_none()
                    && r.field("method").is_some_and(|m| self.b.text(m) == "new") =>
                {
                    body.ns.map_or(Recv::Unknown, |ns| Recv::Instance(Const::Ns(ns)))
                }
                None => Recv::Unknown,
            },
            _ => Recv::Unknown,
        }
    }

    /// Where a call of `name` on `recv` goes.
    fn targets(
        &mut self,
        recv: Recv,
        name: &str,
        site: Node<'t>,
        receiver: Option<Node<'t>>,
        body: &Body<'t>,
    ) -> Vec<Target> {
        match recv {
            Recv::SelfRef => self.self_target(name, site, body),
            Recv::Class(Const::Value(_)) | Recv::Unknown => {
                let callee = match receiver {
                    Some(r) => {
                        // At most the last bytes of a long chain: each link of a chain
                        // 20,000 calls long is a site, its text the chain before it.
                        let end = site.field("method").map_or(site.end_byte(), |m| m.end_byte());
                        let start = r.start_byte().max(end.saturating_sub(MAX_CALLEE_BYTES));
                        let text = String::from_utf8_lossy(&self.b.src[start..end]).into_owned();
                        if start > r.start_byte() {
                            format!("…{}", text.trim_start_matches('\u{FFFD}'))
                        } else {
                            text
                        }
                    }
                    None => name.to_owned(),
                };
                vec![Target::Name(short(&walk::collapse_ws(&callee)))]
            }
            Recv::Class(c) if name == "new" => {
                let shown = self.const_shown(&c);
                let class = match &c {
                    Const::Ns(ns) => self.node_target(self.namespaces[*ns].node, Provenance::Exact),
                    Const::Key { key, .. } => {
                        key_target(key.clone(), format!("{shown}.new"), false)
                    }
                    Const::Value(_) => return Vec::new(),
                };
                let mut out = vec![class];
                // A class of this file with no `initialize` and no ancestors here
                // runs `Object#initialize`: the class is all the call reaches.
                let bare = match &c {
                    Const::Ns(ns) => {
                        let key = &self.namespaces[*ns].key;
                        !self.methods.contains_key(&(key.clone(), false, "initialize".to_owned()))
                            && self.facts[key].bare
                    }
                    _ => false,
                };
                if !bare {
                    out.extend(self.instance_target(&c, "initialize", false));
                }
                out
            }
            Recv::Class(c) => self.singleton_target(&c, name).into_iter().collect(),
            Recv::Instance(c) => self.instance_target(&c, name, true).into_iter().collect(),
        }
    }

    /// A call of `name` on `self` (or without a receiver) in `body`.
    fn self_target(&mut self, name: &str, site: Node<'t>, body: &Body<'t>) -> Vec<Target> {
        let Some(ns) = body.ns else {
            // A function, an RSpec block: the helpers of the blocks around it and
            // the file's top-level `def`s, else a top-level method of another file.
            if let Some(idx) = self.nearest_helper(name, body.node) {
                return vec![self.node_target(idx, Provenance::Exact)];
            }
            return vec![key_target(format!("{PREFIX}.{name}"), name.to_owned(), false)];
        };
        let key = self.namespaces[ns].key.clone();
        if let Some(&idx) = self
            .methods
            .get(&(key.clone(), body.singleton, name.to_owned()))
            .and_then(|v| v.first())
        {
            return vec![self.node_target(idx, Provenance::Exact)];
        }
        if body.singleton && name == "new" {
            return self.targets(Recv::Class(Const::Ns(ns)), name, site, None, body);
        }
        if body.singleton && self.facts[&key].extend_self {
            if let Some(&idx) =
                self.methods.get(&(key.clone(), false, name.to_owned())).and_then(|v| v.first())
            {
                return vec![self.node_target(idx, Provenance::Exact)];
            }
        }
        // A top-level `def` of this file is a private method of `Object`, which a
        // class without other ancestors here reaches.
        if self.facts[&key].bare && !body.singleton {
            if let Some(idx) = self.top_level_function(name) {
                return vec![self.node_target(idx, Provenance::Exact)];
            }
        }
        vec![key_target(method_key(&key, body.singleton, name), name.to_owned(), false)]
    }

    /// `super` in `body`: the superclass's method of the same name.
    fn super_target(&mut self, body: &Body<'t>) -> Target {
        let (Some(ns), Some(method)) = (body.ns, body.method.clone()) else {
            return Target::Name("super".into());
        };
        let key = self.namespaces[ns].key.clone();
        let facts = &self.facts[&key];
        let mixins = facts.includes || (body.singleton && facts.extends);
        match facts.superclass.clone() {
            Some(c) if !mixins => {
                let found = if body.singleton {
                    self.singleton_target(&c, &method)
                } else {
                    self.instance_target(&c, &method, false)
                };
                found.unwrap_or_else(|| Target::Name("super".into()))
            }
            _ => Target::Name("super".into()),
        }
    }

    /// Instance method `name` of class `c`; `inferred` when the receiver's class
    /// was guessed.
    fn instance_target(&self, c: &Const, name: &str, inferred: bool) -> Option<Target> {
        let provenance = if inferred { Provenance::Inferred } else { Provenance::Exact };
        match c {
            Const::Ns(ns) => {
                let key = &self.namespaces[*ns].key;
                if let Some(&idx) =
                    self.methods.get(&(key.clone(), false, name.to_owned())).and_then(|v| v.first())
                {
                    return Some(self.node_target(idx, provenance));
                }
                let shown = format!("{}#{name}", self.const_shown(c));
                Some(key_target(method_key(key, false, name), shown, inferred))
            }
            Const::Key { key, shown } => {
                let shown = if name == "initialize" {
                    format!("{shown}.new")
                } else {
                    format!("{shown}#{name}")
                };
                Some(key_target(method_key(key, false, name), shown, inferred))
            }
            Const::Value(_) => None,
        }
    }

    /// Singleton method `name` of class or module `c` (`Klass.m`).
    fn singleton_target(&self, c: &Const, name: &str) -> Option<Target> {
        match c {
            Const::Ns(ns) => {
                let key = &self.namespaces[*ns].key;
                let own = self.methods.get(&(key.clone(), true, name.to_owned()));
                let extend_self = self.facts[key].extend_self;
                let through_self = if extend_self {
                    self.methods.get(&(key.clone(), false, name.to_owned()))
                } else {
                    None
                };
                if let Some(&idx) = own.or(through_self).and_then(|v| v.first()) {
                    return Some(self.node_target(idx, Provenance::Exact));
                }
                let shown = format!("{}.{name}", self.const_shown(c));
                Some(key_target(method_key(key, true, name), shown, false))
            }
            Const::Key { key, shown } => {
                Some(key_target(method_key(key, true, name), format!("{shown}.{name}"), false))
            }
            Const::Value(_) => None,
        }
    }

    /// The helper (`let`, a `def` in a block, a top-level `def`) named `name` that
    /// the node `from` sees: the one defined in the nearest enclosing node.
    fn nearest_helper(&self, name: &str, from: NodeIdx) -> Option<NodeIdx> {
        let candidates = self.methods.get(&(PREFIX.to_owned(), false, name.to_owned()))?;
        let mut at = from;
        loop {
            if let Some(&idx) = candidates.iter().find(|&&c| self.parents.get(&c) == Some(&at)) {
                return Some(idx);
            }
            if at == 0 {
                return None;
            }
            at = *self.parents.get(&at)?;
        }
    }

    /// A `def` of this file's top level named `name`.
    fn top_level_function(&self, name: &str) -> Option<NodeIdx> {
        let candidates = self.methods.get(&(PREFIX.to_owned(), false, name.to_owned()))?;
        candidates.iter().copied().find(|c| self.parents.get(c) == Some(&0))
    }

    /// `inherits` edges to superclasses and `implements` edges to the modules a
    /// class includes, prepends or extends.
    fn heritage_edges(&mut self) {
        for ns in 0..self.namespaces.len() {
            let node = self.namespaces[ns].node;
            let mut heads: Vec<(EdgeKind, Const, u32)> = Vec::new();
            if let Some((c, line)) = self.namespaces[ns].superclass.clone() {
                heads.push((EdgeKind::Inherits, c, line));
            }
            for (_, c, line) in self.namespaces[ns].mixins.clone() {
                heads.push((EdgeKind::Implements, c, line));
            }
            for (kind, c, line) in heads {
                let target = match &c {
                    Const::Ns(other) if self.namespaces[*other].key != self.namespaces[ns].key => {
                        self.node_target(self.namespaces[*other].node, Provenance::Exact)
                    }
                    Const::Key { key, shown } => key_target(key.clone(), shown.clone(), false),
                    _ => continue,
                };
                self.b.edge(kind, node, target, line);
            }
        }
    }

    /// `tests` edges from every test to what it calls, directly or through the
    /// file's other definitions.
    pub(super) fn tests(&mut self) {
        let helpers: HashSet<String> =
            self.b.nodes.iter().filter(|n| n.kind.is_callable()).map(|n| n.id.clone()).collect();
        let mut with_roots = Vec::new();
        for &test in &self.tests {
            let roots = crate::common::tests_edges::call_roots(&self.b, &self.b.nodes[test].id);
            with_roots.push((test, roots));
        }
        crate::common::tests_edges::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// The symbols other files link through: the module by its `require` paths;
    /// each class and module, its methods, singleton methods and constants; the
    /// star rows of ancestors (`{class}.*`: prepends, includes latest first, the
    /// superclass; `{class}.<self>.*`: extended modules, the superclass's singleton
    /// class) with `order:` rows; the lexical scopes' star rows.
    pub(super) fn export_resolution_symbols(&mut self) {
        let path = self.b.path;
        if path.ends_with(".rb") {
            self.b.export_node(format!("{}{}", keys::RUBY_FILE, super::path_segment(path)), 0);
            for name in super::load_names(path) {
                self.b.export_node(format!("{}{}", keys::RUBY_LOAD, super::path_segment(&name)), 0);
            }
        }
        let mut seen = HashSet::new();
        let keys_in_order: Vec<String> = self
            .namespaces
            .iter()
            .filter(|ns| seen.insert(ns.key.clone()))
            .map(|ns| ns.key.clone())
            .collect();
        for key in keys_in_order {
            let defs = self.ns_by_key[&key].clone();
            for &ns in &defs {
                self.b.export_node(key.clone(), self.namespaces[ns].node);
            }
            let (mut prepends, mut includes, mut extends, mut superclass) =
                (Vec::new(), Vec::new(), Vec::new(), None);
            let mut extend_self = false;
            for &ns in &defs {
                let n = &self.namespaces[ns];
                extend_self |= n.extend_self;
                if superclass.is_none() {
                    superclass = n.superclass.as_ref().and_then(|(c, _)| self.const_key_of(c));
                }
                for (kind, c, _) in n.mixins.iter().take(MAX_MIXINS) {
                    let Some(k) = self.const_key_of(c) else { continue };
                    match kind {
                        MixinKind::Prepend => prepends.push(k),
                        MixinKind::Include => includes.push(k),
                        MixinKind::Extend => extends.push(k),
                    }
                }
            }
            let mut instance: Vec<String> = prepends;
            instance.extend(includes.into_iter().rev());
            instance.extend(superclass.clone());
            let mut singleton: Vec<String> = extends.into_iter().rev().collect();
            if extend_self {
                singleton.push(key.clone());
            }
            singleton.extend(superclass.map(|s| format!("{s}.{}", keys::RUBY_SINGLETON)));
            self.export_stars(&key, instance);
            self.export_stars(&format!("{key}.{}", keys::RUBY_SINGLETON), singleton);
        }
        let mut methods: Vec<(&MethodKey, &Vec<NodeIdx>)> = self.methods.iter().collect();
        methods.sort();
        let mut exports: Vec<(String, NodeIdx)> = Vec::new();
        for ((owner, singleton, name), idxs) in methods {
            for &idx in idxs {
                if owner == PREFIX {
                    if self.parents.get(&idx) == Some(&0)
                        && self.b.nodes[idx].kind == NodeKind::Function
                    {
                        exports.push((format!("{PREFIX}.{name}"), idx));
                    }
                } else {
                    exports.push((method_key(owner, *singleton, name), idx));
                }
            }
        }
        let mut constants: Vec<(&String, &NodeIdx)> = self.constants.iter().collect();
        constants.sort();
        exports.extend(constants.into_iter().map(|(k, &idx)| (k.clone(), idx)));
        for (key, idx) in exports {
            self.b.export_node(key, idx);
        }
        for (scope, nesting) in std::mem::take(&mut self.scopes) {
            let mut targets: Vec<String> = Vec::new();
            for ns in nesting {
                let key = self.namespaces[ns].key.clone();
                if !targets.contains(&key) {
                    targets.push(key);
                }
            }
            targets.push(PREFIX.to_owned());
            self.export_stars(&scope, targets);
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
    fn node_target(&self, idx: NodeIdx, provenance: Provenance) -> Target {
        Target::Node { id: self.b.nodes[idx].id.clone(), provenance }
    }

    /// The key of a class or module, `None` for a plain constant.
    fn const_key_of(&self, c: &Const) -> Option<String> {
        match c {
            Const::Ns(ns) => Some(self.namespaces[*ns].key.clone()),
            Const::Key { key, .. } => Some(key.clone()),
            Const::Value(_) => None,
        }
    }
}

/// A key as a target, shown as `name` when nothing links it.
fn key_target(key: String, name: String, inferred: bool) -> Target {
    Target::Key { key, name, inferred }
}

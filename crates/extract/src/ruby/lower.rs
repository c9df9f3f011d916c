//! Pass 1: definitions, breadth first from the file's body: classes and modules (their
//! constant paths, superclasses and mixins), methods and singleton methods, `attr_*`
//! members, constants, `require`s, RSpec and Minitest blocks; doc comments, YARD
//! type hints and signatures.

use super::{
    complexity, const_key, path_segment, relative_target, short, Body, BodyKind, Const, MixinKind,
    Ns, Rx, PREFIX, RSPEC_EXAMPLES, RSPEC_GROUPS, RSPEC_LETS,
};
use crate::builder::NodeIdx;
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{keys, EdgeKind, NodeKind};
use std::collections::VecDeque;
use tree_sitter::Node;

/// A body whose definitions are still to be found.
struct Scope<'t> {
    /// The syntax searched (a class body, a method, a block, the file).
    syntax: Node<'t>,
    /// The node definitions found in it belong to.
    parent: NodeIdx,
    /// The class or module `def`s in it define methods of.
    ns: Option<usize>,
    /// Whether its `def`s are singleton methods (`class << self`).
    singleton: bool,
    /// `Module.nesting` in it.
    nesting: Vec<usize>,
    /// How many definitions enclose it.
    depth: usize,
    /// What it is: constants, mixins and `attr_*` count only in class bodies.
    kind: BodyKind,
}

impl<'s, 't> Rx<'s, 't> {
    /// Records every comment that starts its line, by its last line, so that a
    /// definition's doc comment is the run of such comments right above it.
    pub(super) fn collect_comments(&mut self, root: Node<'t>) {
        let src = self.b.src;
        walk::preorder(root, |n| {
            if n.kind_name() != "comment" {
                return true;
            }
            let line_start =
                src[..n.start_byte()].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            if src[line_start..n.start_byte()].iter().all(|b| *b == b' ' || *b == b'\t') {
                let span = crate::builder::span_of(n);
                let text = walk::text(n, src).into_owned();
                self.comments.insert(span.end_line, (span.start_line, text));
            }
            false
        });
    }

    /// The doc comment of the definition starting at `syntax`: the full-line
    /// comments directly above it (a magic comment such as
    /// `# frozen_string_literal: true` ends the run), cleaned of `#` or
    /// `=begin`/`=end`.
    fn doc_comment(&self, syntax: Node<'_>) -> Option<String> {
        let mut line = syntax.start_position().row as u32;
        let mut parts: Vec<&str> = Vec::new();
        while let Some((start, text)) = self.comments.get(&line) {
            if is_magic_comment(text) {
                break;
            }
            parts.push(text);
            line = start.saturating_sub(1);
            if line == 0 {
                break;
            }
        }
        let mut lines: Vec<String> = Vec::new();
        for part in parts.iter().rev() {
            if let Some(block) = part.strip_prefix("=begin") {
                let body = block.trim_end().strip_suffix("=end").unwrap_or(block);
                lines.extend(body.lines().skip(1).map(|l| l.trim_end().to_owned()));
                continue;
            }
            for l in part.lines() {
                let t = l.trim_start().trim_start_matches('#');
                lines.push(t.strip_prefix(' ').unwrap_or(t).trim_end().to_owned());
            }
        }
        crate::common::docs::trim_blank_edges(&mut lines);
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// Finds the definitions of the file, breadth first, so that each body's
    /// definitions are numbered in source order.
    pub(super) fn items(&mut self, root: Node<'t>) {
        self.bodies.push(Body {
            node: 0,
            syntax: root,
            ns: None,
            singleton: false,
            nesting: Vec::new(),
            method: None,
            kind: BodyKind::Container,
        });
        let mut queue = VecDeque::from([Scope {
            syntax: root,
            parent: 0,
            ns: None,
            singleton: false,
            nesting: Vec::new(),
            depth: 0,
            kind: BodyKind::Container,
        }]);
        while let Some(scope) = queue.pop_front() {
            let mut module_function = false;
            walk::preorder(scope.syntax, |n| {
                if n == scope.syntax {
                    return true;
                }
                self.visit(n, &scope, &mut module_function, &mut queue)
            });
        }
    }

    /// One node met while searching `scope`; true to search inside it.
    fn visit(
        &mut self,
        n: Node<'t>,
        scope: &Scope<'t>,
        module_function: &mut bool,
        queue: &mut VecDeque<Scope<'t>>,
    ) -> bool {
        match n.kind_name() {
            "comment" => false,
            "class" | "module" | "method" | "singleton_method" | "singleton_class"
                if scope.depth + 1 >= crate::MAX_DEPTH =>
            {
                self.b.too_deep(walk::line(n));
                false
            }
            "class" | "module" => {
                self.namespace(n, scope, queue);
                false
            }
            "method" | "singleton_method" => {
                self.method(n, scope, *module_function, queue);
                false
            }
            "singleton_class" => {
                if let Some(body) = n.field("body") {
                    self.bodies.push(Body {
                        node: scope.parent,
                        syntax: body,
                        ns: scope.ns,
                        singleton: true,
                        nesting: scope.nesting.clone(),
                        method: None,
                        kind: BodyKind::Container,
                    });
                    queue.push_back(Scope {
                        syntax: body,
                        parent: scope.parent,
                        ns: scope.ns,
                        singleton: true,
                        nesting: scope.nesting.clone(),
                        depth: scope.depth + 1,
                        kind: scope.kind,
                    });
                }
                false
            }
            "assignment" if scope.kind == BodyKind::Container => {
                if let Some(left) = n.field("left").filter(|l| l.kind_name() == "constant") {
                    self.constant(n, left, scope);
                }
                true
            }
            "call" => self.call(n, scope, module_function, queue),
            // A bare `module_function` (no arguments) is an identifier.
            "identifier" if scope.kind == BodyKind::Container && scope.ns.is_some() => {
                if self.b.text(n) == "module_function" {
                    *module_function = true;
                }
                false
            }
            _ => true,
        }
    }

    /// A `class` or `module`: its node, namespace, superclass and body.
    fn namespace(&mut self, n: Node<'t>, scope: &Scope<'t>, queue: &mut VecDeque<Scope<'t>>) {
        let Some(name) = n.field("name") else { return };
        let (written, absolute) = self.constant_path(name);
        if written.is_empty() {
            return;
        }
        let path = self.definition_path(&written, absolute, &scope.nesting);
        // `class B::C` is named `C`, qualified through `B` like C++'s `ns::A::f`.
        let (last, within) = written.split_last().expect("not empty");
        let idx = self.b.add_node_within(scope.parent, &within.join("."), NodeKind::Class, last, n);
        self.parents.insert(idx, scope.parent);
        let superclass = n
            .field("superclass")
            .and_then(|s| s.named_child(0))
            .and_then(|expr| Some((self.constant_of(expr, &scope.nesting)?, walk::line(expr))));
        let head_end = n.field("superclass").map_or(name.end_byte(), |s| s.end_byte());
        let signature =
            walk::collapse_ws(&String::from_utf8_lossy(&self.b.src[n.start_byte()..head_end]));
        let doc = self.doc_comment(n);
        let node = &mut self.b.nodes[idx];
        node.signature = Some(short(&signature));
        node.docstring = doc;
        let key = const_key(&path);
        let is_test_class = superclass.as_ref().is_some_and(|(c, _)| {
            let shown = self.const_shown(c);
            shown.ends_with("Test") || shown.ends_with("TestCase")
        }) || (super::is_test_file(self.b.path)
            && written.last().is_some_and(|w| w.ends_with("Test")));
        let ns = self.namespaces.len();
        let mut nesting = vec![ns];
        nesting.extend(&scope.nesting);
        self.namespaces.push(Ns {
            node: idx,
            path,
            key: key.clone(),
            superclass,
            mixins: Vec::new(),
            extend_self: false,
            is_test_class,
        });
        self.ns_by_key.entry(key).or_default().push(ns);
        let Some(body) = n.field("body") else { return };
        self.bodies.push(Body {
            node: idx,
            syntax: body,
            ns: Some(ns),
            singleton: true,
            nesting: nesting.clone(),
            method: None,
            kind: BodyKind::Container,
        });
        queue.push_back(Scope {
            syntax: body,
            parent: idx,
            ns: Some(ns),
            singleton: false,
            nesting,
            depth: scope.depth + 1,
            kind: BodyKind::Container,
        });
    }

    /// The full path of a class or module written `written` (`B::C`) where the
    /// nesting is `nesting`: under the innermost enclosing definition, unless the
    /// first segment names a top-level class of this file that the enclosing one
    /// does not have, or the path starts with `::`.
    fn definition_path(
        &self,
        written: &[String],
        absolute: bool,
        nesting: &[usize],
    ) -> Vec<String> {
        let outer: Vec<String> = match nesting.first() {
            Some(&ns) if !absolute => self.namespaces[ns].path.clone(),
            _ => Vec::new(),
        };
        if written.len() > 1 && !outer.is_empty() {
            let mut under = outer.clone();
            under.push(written[0].clone());
            let top = const_key(&written[..1]);
            if !self.ns_by_key.contains_key(&const_key(&under)) && self.ns_by_key.contains_key(&top)
            {
                return written.to_vec();
            }
        }
        let mut path = outer;
        path.extend(written.iter().cloned());
        path
    }

    /// A `def` or `def self.m`: its node, signature, doc comment, complexity and
    /// type hints, and the body its calls come from.
    fn method(
        &mut self,
        n: Node<'t>,
        scope: &Scope<'t>,
        module_function: bool,
        queue: &mut VecDeque<Scope<'t>>,
    ) {
        let Some(name_node) = n.field("name") else { return };
        let name = self.b.text(name_node).into_owned();
        let explicit_singleton = n.kind_name() == "singleton_method";
        let singleton = explicit_singleton || scope.singleton;
        let shown = if singleton { format!("self.{name}") } else { name.clone() };
        let kind = if scope.ns.is_some() { NodeKind::Method } else { NodeKind::Function };
        let idx = self.b.add_node(scope.parent, kind, &shown, n);
        self.parents.insert(idx, scope.parent);
        let head_end = n.field("parameters").map_or(name_node.end_byte(), |p| p.end_byte());
        let signature =
            walk::collapse_ws(&String::from_utf8_lossy(&self.b.src[n.start_byte()..head_end]));
        let doc = self.doc_comment(n);
        let typed = doc
            .as_deref()
            .is_some_and(|d| yard_typed(d, &parameter_names(n, self.b.src), name == "initialize"));
        let node = &mut self.b.nodes[idx];
        node.signature = Some(short(&signature));
        node.docstring = doc;
        node.complexity = complexity(n);
        node.has_type_hints = typed;
        let owner =
            scope.ns.map_or_else(|| PREFIX.to_owned(), |ns| self.namespaces[ns].key.clone());
        self.methods.entry((owner.clone(), singleton, name.clone())).or_default().push(idx);
        if module_function && !singleton {
            self.methods.entry((owner, true, name.clone())).or_default().push(idx);
        }
        if let Some(ns) = scope.ns {
            if self.namespaces[ns].is_test_class && !singleton && name.starts_with("test_") {
                self.tests.push(idx);
            }
        }
        self.bodies.push(Body {
            node: idx,
            syntax: n,
            ns: scope.ns,
            singleton,
            nesting: scope.nesting.clone(),
            method: Some(name),
            kind: BodyKind::Method,
        });
        queue.push_back(Scope {
            syntax: n,
            parent: idx,
            ns: scope.ns,
            singleton,
            nesting: scope.nesting.clone(),
            depth: scope.depth + 1,
            kind: BodyKind::Method,
        });
    }

    /// `X = ...` in a class, module or file body: a constant node.
    fn constant(&mut self, n: Node<'t>, left: Node<'t>, scope: &Scope<'t>) {
        let name = self.b.text(left).into_owned();
        let idx = self.b.add_node(scope.parent, NodeKind::Constant, &name, n);
        self.parents.insert(idx, scope.parent);
        let first_line = self.b.text(n).lines().next().unwrap_or_default().to_owned();
        let doc = self.doc_comment(n);
        let node = &mut self.b.nodes[idx];
        node.signature = Some(short(&walk::collapse_ws(&first_line)));
        node.docstring = doc;
        let mut path = scope.ns.map(|ns| self.namespaces[ns].path.clone()).unwrap_or_default();
        path.push(name);
        self.constants.insert(const_key(&path), idx);
    }

    /// A call met while searching for definitions: `require`s, mixins, `attr_*`,
    /// `module_function`, RSpec and Minitest blocks. True to search inside it.
    fn call(
        &mut self,
        n: Node<'t>,
        scope: &Scope<'t>,
        module_function: &mut bool,
        queue: &mut VecDeque<Scope<'t>>,
    ) -> bool {
        let Some(method) = n.field("method") else { return true };
        let name = self.b.text(method).into_owned();
        let receiver = n.field("receiver");
        let args: Vec<Node<'t>> = n
            .field("arguments")
            .map(|a| {
                let mut cursor = a.walk();
                a.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect()
            })
            .unwrap_or_default();
        let block = n.field("block");
        let in_class = scope.kind == BodyKind::Container && scope.ns.is_some();
        match (receiver.map(|r| r.kind_name()), name.as_str()) {
            (None, "require" | "require_relative") => {
                self.require(n, args.first().copied(), name == "require_relative");
                false
            }
            (None, "include" | "extend" | "prepend") if in_class => {
                let ns = scope.ns.expect("in a class");
                let kind = match name.as_str() {
                    "include" => MixinKind::Include,
                    "prepend" => MixinKind::Prepend,
                    _ => MixinKind::Extend,
                };
                for arg in args {
                    if arg.kind_name() == "self" && kind == MixinKind::Extend {
                        self.namespaces[ns].extend_self = true;
                    } else if matches!(arg.kind_name(), "constant" | "scope_resolution") {
                        if let Some(c) = self.constant_of(arg, &scope.nesting) {
                            self.namespaces[ns].mixins.push((kind, c, walk::line(arg)));
                        }
                    }
                }
                false
            }
            (None, "attr_reader" | "attr_writer" | "attr_accessor") if in_class => {
                for arg in args {
                    self.attribute(arg, &name, scope);
                }
                false
            }
            (None, "module_function") if in_class => {
                let owner = self.namespaces[scope.ns.expect("in a class")].key.clone();
                if args.is_empty() {
                    *module_function = true;
                }
                for arg in args {
                    let Some(m) = symbol_name(arg, self.b.src) else { continue };
                    if let Some(found) =
                        self.methods.get(&(owner.clone(), false, m.clone())).cloned()
                    {
                        self.methods.entry((owner.clone(), true, m)).or_default().extend(found);
                    }
                }
                false
            }
            (None | Some("constant"), _) if block.is_some() => {
                let rspec = receiver.is_none_or(|r| self.b.text(r) == "RSpec");
                let block = block.expect("checked");
                if rspec && super::is_spec_file(self.b.path) {
                    if let Some(made) = self.rspec_block(n, &name, &args, block, scope, queue) {
                        return !made;
                    }
                }
                let test_class = scope.ns.is_some_and(|ns| self.namespaces[ns].is_test_class);
                if receiver.is_none() && name == "test" && test_class && in_class {
                    if let Some(desc) = args.first().and_then(|a| description(*a, self.b.src)) {
                        if scope.depth + 1 >= crate::MAX_DEPTH {
                            self.b.too_deep(walk::line(n));
                            return true;
                        }
                        let idx = self.block_node(
                            n,
                            block,
                            NodeKind::Method,
                            &format!("\"{desc}\""),
                            scope,
                            queue,
                        );
                        self.tests.push(idx);
                        return false;
                    }
                }
                true
            }
            _ => true,
        }
    }

    /// An RSpec group, example or `let` in a spec file: a node for its block;
    /// `Some(true)` when made, `None` when `name` is none of them.
    fn rspec_block(
        &mut self,
        call: Node<'t>,
        name: &str,
        args: &[Node<'t>],
        block: Node<'t>,
        scope: &Scope<'t>,
        queue: &mut VecDeque<Scope<'t>>,
    ) -> Option<bool> {
        let src = self.b.src;
        let known =
            [RSPEC_GROUPS, RSPEC_EXAMPLES, RSPEC_LETS].iter().any(|words| words.contains(&name));
        if known && scope.depth + 1 >= crate::MAX_DEPTH {
            // Not made: the block stays part of the enclosing node.
            self.b.too_deep(walk::line(call));
            return Some(false);
        }
        if RSPEC_GROUPS.contains(&name) || RSPEC_EXAMPLES.contains(&name) {
            let words: Vec<String> =
                args.iter().take(2).filter_map(|a| description(*a, src)).collect();
            let desc = if words.is_empty() { name.to_owned() } else { words.join(" ") };
            let idx = self.block_node(
                call,
                block,
                NodeKind::Function,
                &format!("\"{desc}\""),
                scope,
                queue,
            );
            if RSPEC_EXAMPLES.contains(&name) {
                self.tests.push(idx);
            }
            return Some(true);
        }
        if RSPEC_LETS.contains(&name) {
            let helper = match args.first() {
                Some(a) => symbol_name(*a, src)?,
                None if name.starts_with("subject") => "subject".to_owned(),
                None => return None,
            };
            let idx = self.block_node(call, block, NodeKind::Function, &helper, scope, queue);
            self.methods.entry((PREFIX.to_owned(), false, helper)).or_default().push(idx);
            // `let(:calc) { Calc.new }`: what `calc` gives the examples.
            let last = block.field("body").and_then(|b| {
                let mut cursor = b.walk();
                let last =
                    b.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").last();
                last
            });
            if let Some(class) = last.and_then(|l| self.new_class(l, &scope.nesting)) {
                self.let_classes.insert(idx, class);
            }
            return Some(true);
        }
        None
    }

    /// A node named `name` for the block `block` of `call` (an RSpec block, a
    /// Minitest `test "..." do`): its body is the block's, searched for more.
    fn block_node(
        &mut self,
        call: Node<'t>,
        block: Node<'t>,
        kind: NodeKind,
        name: &str,
        scope: &Scope<'t>,
        queue: &mut VecDeque<Scope<'t>>,
    ) -> NodeIdx {
        let idx = self.b.add_node(scope.parent, kind, name, call);
        self.parents.insert(idx, scope.parent);
        let head = String::from_utf8_lossy(&self.b.src[call.start_byte()..block.start_byte()]);
        let doc = self.doc_comment(call);
        let node = &mut self.b.nodes[idx];
        node.signature = Some(short(&walk::collapse_ws(head.trim_end())));
        node.docstring = doc;
        node.complexity = complexity(block);
        self.claimed.insert(call.id());
        self.bodies.push(Body {
            node: idx,
            syntax: block,
            ns: scope.ns,
            singleton: false,
            nesting: scope.nesting.clone(),
            method: None,
            kind: BodyKind::Block,
        });
        queue.push_back(Scope {
            syntax: block,
            parent: idx,
            ns: scope.ns,
            singleton: false,
            nesting: scope.nesting.clone(),
            depth: scope.depth + 1,
            kind: BodyKind::Block,
        });
        idx
    }

    /// `attr_reader :x` (a method `x`), `attr_writer :x` (`x=`), `attr_accessor :x`
    /// (both), spanning the symbol.
    fn attribute(&mut self, arg: Node<'t>, call: &str, scope: &Scope<'t>) {
        let Some(name) = symbol_name(arg, self.b.src) else { return };
        let ns = scope.ns.expect("in a class");
        let owner = self.namespaces[ns].key.clone();
        let mut names = Vec::new();
        if call != "attr_writer" {
            names.push(name.clone());
        }
        if call != "attr_reader" {
            names.push(format!("{name}="));
        }
        for m in names {
            let idx = self.b.add_node(scope.parent, NodeKind::Method, &m, arg);
            self.parents.insert(idx, scope.parent);
            let node = &mut self.b.nodes[idx];
            node.signature = Some(format!("{call} :{name}"));
            node.complexity = 1;
            self.methods.entry((owner.clone(), scope.singleton, m)).or_default().push(idx);
        }
    }

    /// `require 'a/b'` or `require_relative '../x'` with a literal path: an
    /// `imports` edge from the module and the path among the module's imports.
    fn require(&mut self, call: Node<'t>, arg: Option<Node<'t>>, relative: bool) {
        let Some(arg) = arg.filter(|a| a.kind_name() == "string") else { return };
        let mut cursor = arg.walk();
        let parts: Vec<Node<'t>> = arg.named_children(&mut cursor).collect();
        if parts.len() != 1 || parts[0].kind_name() != "string_content" {
            return;
        }
        let written = self.b.text(parts[0]).into_owned();
        let key = if relative {
            let Some(target) = relative_target(self.b.path, &written) else { return };
            format!("{}{}", keys::RUBY_FILE, path_segment(&target))
        } else {
            format!("{}{}", keys::RUBY_LOAD, path_segment(&written))
        };
        self.b.nodes[0].imports.push(written.clone());
        let target = Target::Key { key, name: written, inferred: false };
        self.b.edge(EdgeKind::Imports, 0, target, walk::line(call));
    }

    /// The segments of a constant path (`A::B::C`, `::A`), iteratively (a path
    /// can be nested deep), and whether it starts at the top level (`::A`). Empty
    /// when some segment is no constant (`expr::C`).
    pub(super) fn constant_path(&self, node: Node<'_>) -> (Vec<String>, bool) {
        let mut out = Vec::new();
        let mut current = node;
        let mut absolute = false;
        loop {
            match current.kind_name() {
                "constant" => {
                    out.push(self.b.text(current).into_owned());
                    break;
                }
                "scope_resolution" => {
                    let Some(name) = current.field("name") else {
                        return (Vec::new(), false);
                    };
                    out.push(self.b.text(name).into_owned());
                    match current.field("scope") {
                        Some(scope) => current = scope,
                        None => {
                            absolute = true;
                            break;
                        }
                    }
                }
                _ => return (Vec::new(), false),
            }
        }
        out.reverse();
        (out, absolute)
    }

    /// How a constant is shown: its path as Ruby writes it.
    pub(super) fn const_shown(&self, c: &Const) -> String {
        match c {
            Const::Ns(ns) => self.namespaces[*ns].path.join("::"),
            Const::Value(idx) => self.b.nodes[*idx].qualified_name.replace('.', "::"),
            Const::Key { shown, .. } => shown.clone(),
        }
    }
}

/// Whether a comment is a magic comment, which documents the file, not what follows.
fn is_magic_comment(text: &str) -> bool {
    let t = text.trim_start_matches('#').trim();
    ["frozen_string_literal:", "encoding:", "coding:", "-*-", "rubocop:", "typed:", "warn_indent:"]
        .iter()
        .any(|m| t.starts_with(m))
}

/// The name a symbol or string argument gives (`:x`, `"x"` → `x`).
fn symbol_name(arg: Node<'_>, src: &[u8]) -> Option<String> {
    let text = walk::text(arg, src);
    match arg.kind_name() {
        "simple_symbol" => Some(text.trim_start_matches(':').to_owned()),
        "string" | "delimited_symbol" => {
            let t = text.trim_start_matches(':').trim_matches(['"', '\'']);
            (!t.is_empty() && !t.contains("#{")).then(|| t.to_owned())
        }
        _ => None,
    }
}

/// An RSpec or Minitest description: a string's text, a constant path, a symbol.
fn description(arg: Node<'_>, src: &[u8]) -> Option<String> {
    let text = walk::text(arg, src);
    let desc = match arg.kind_name() {
        "string" => text.trim_matches(['"', '\'']).to_owned(),
        "constant" | "scope_resolution" => text.into_owned(),
        "simple_symbol" => text.trim_start_matches(':').to_owned(),
        _ => return None,
    };
    let desc = walk::collapse_ws(&desc);
    (!desc.is_empty()).then(|| short(&desc))
}

/// The names of a method's parameters, but its block parameter (`&blk`), which
/// YARD types with `@yield`; `None` for `...`, which YARD cannot type.
fn parameter_names(method: Node<'_>, src: &[u8]) -> Option<Vec<String>> {
    let Some(params) = method.field("parameters") else { return Some(Vec::new()) };
    let mut cursor = params.walk();
    let mut out = Vec::new();
    for p in params.named_children(&mut cursor) {
        match p.kind_name() {
            "identifier" => out.push(walk::text(p, src).into_owned()),
            "optional_parameter"
            | "keyword_parameter"
            | "splat_parameter"
            | "hash_splat_parameter" => match p.field("name") {
                Some(name) => out.push(walk::text(name, src).into_owned()),
                None => return None,
            },
            "block_parameter" | "comment" => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Whether a doc comment types every parameter (`@param name [Type]` or
/// `@param [Type] name`) and, unless `no_return` (`initialize`), the return
/// (`@return [Type]`): YARD's type hints.
fn yard_typed(doc: &str, params: &Option<Vec<String>>, no_return: bool) -> bool {
    let Some(params) = params else { return false };
    let mut typed: Vec<&str> = Vec::new();
    let mut returns = false;
    for line in doc.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("@param ") {
            let rest = rest.trim();
            let name = if let Some(after) = rest.strip_prefix('[') {
                after.split_once(']').map(|(_, n)| n.split_whitespace().next().unwrap_or(""))
            } else {
                let mut words = rest.split_whitespace();
                let name = words.next();
                words.next().filter(|w| w.starts_with('[')).and(name)
            };
            if let Some(name) = name {
                typed.push(name);
            }
        } else if line.starts_with("@return [") {
            returns = true;
        }
    }
    (returns || (no_return && !params.is_empty()))
        && params.iter().all(|p| typed.contains(&p.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yard_types_every_parameter_and_the_return() {
        let names = Some(vec!["a".to_owned(), "b".to_owned()]);
        let doc = "Adds.\n@param a [Integer] first\n@param [Integer] b second\n@return [Integer]";
        assert!(yard_typed(doc, &names, false));
        assert!(!yard_typed("@param a [Integer]\n@return [Integer]", &names, false));
        assert!(!yard_typed("@param a [Integer]\n@param b [Integer]", &names, false));
        assert!(yard_typed("@param a [Integer]\n@param b [Integer]", &names, true));
        assert!(!yard_typed("@param a first\n@param b [X]\n@return [X]", &names, false));
        assert!(yard_typed("@return [String]", &Some(Vec::new()), false));
        assert!(!yard_typed("@return [String]", &None, false));
    }

    #[test]
    fn magic_comments_document_nothing() {
        assert!(is_magic_comment("# frozen_string_literal: true"));
        assert!(is_magic_comment("# -*- coding: utf-8 -*-"));
        assert!(!is_magic_comment("# Parses a request."));
    }
}

//! Pass 1: declarations in source order: namespaces and their `use` aliases,
//! classes, interfaces, traits and enums (parents, interfaces, traits, constants,
//! cases, properties and methods), functions, namespace constants, requires; PHPDoc,
//! attributes, signatures, declared parameter, property and return types.

use super::{
    complexity, fqn_key, join, relative_target, short, Body, Ctx, Imports, MethodInfo, Px, Ret,
    TypeInfo, TypeKind,
};
use crate::builder::NodeIdx;
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{keys, EdgeKind, NodeKind};

/// At most this many parents, interfaces and traits of one type are kept (each
/// list): a type of thousands is generated code, and every look-up of a member
/// walks them.
const MAX_SUPERS: usize = 64;
use tree_sitter::Node;

/// The declarations a body's walk stops at: they are lowered on their own.
pub(super) const DECLARATIONS: &[&str] = &[
    "function_definition",
    "method_declaration",
    "class_declaration",
    "interface_declaration",
    "trait_declaration",
    "enum_declaration",
    "anonymous_class",
];

/// Where declarations found in some syntax belong.
#[derive(Clone)]
struct Place {
    /// The node they are children of.
    parent: NodeIdx,
    ctx: Ctx,
    /// How many declarations enclose them.
    depth: usize,
}

impl<'s, 't> Px<'s, 't> {
    /// Lowers the file: its statements block by block (a namespace declaration
    /// starts a block, a braced one is one), top-level code as the module's body.
    pub(super) fn items(&mut self, root: Node<'t>) {
        let place = Place { parent: 0, ctx: Ctx { ns: String::new(), imports: 0 }, depth: 0 };
        let mut top = Vec::new();
        let place = self.block(root, place, &mut top, 0);
        self.flush(&mut top, &place.ctx);
    }

    /// The statements of `container` (the file, a braced namespace, what broken
    /// syntax left), `level` declarations deep; returns the place in force after
    /// them (an unbraced `namespace X;` changes it).
    fn block(
        &mut self,
        container: Node<'t>,
        mut place: Place,
        top: &mut Vec<Node<'t>>,
        level: usize,
    ) -> Place {
        let mut cursor = container.walk();
        let children: Vec<Node<'t>> = container.named_children(&mut cursor).collect();
        let mut doc: Option<Node<'t>> = None;
        for n in children {
            let pending = doc.take().filter(|d| adjacent(*d, n, self.b.src));
            match n.kind_name() {
                "comment" if walk::text(n, self.b.src).starts_with("/**") => doc = Some(n),
                "comment" => {}
                "php_tag" | "text_interpolation" | "text" => {}
                "namespace_definition" => {
                    self.flush(top, &place.ctx);
                    let name = n.field("name").map(|m| dotted_ns(&self.b.text(m)));
                    let ns = name.clone().unwrap_or_default();
                    self.imports.push(Imports::default());
                    let ctx = Ctx { ns: ns.clone(), imports: self.imports.len() - 1 };
                    let parent = match &name {
                        Some(ns) if !ns.is_empty() => {
                            let dotted = ns.replace('\\', ".");
                            let idx = self.b.add_node(0, NodeKind::Module, &dotted, n);
                            self.b.nodes[idx].signature = Some(format!("namespace {ns}"));
                            self.b.nodes[idx].docstring = pending.and_then(|d| self.phpdoc(d));
                            idx
                        }
                        _ => 0,
                    };
                    let inner = Place { parent, ctx, depth: level + 1 };
                    match n.field("body") {
                        Some(body) => {
                            let mut inner_top = Vec::new();
                            let after = self.block(body, inner, &mut inner_top, level + 1);
                            self.flush(&mut inner_top, &after.ctx);
                            self.imports.push(Imports::default());
                            let imports = self.imports.len() - 1;
                            place = Place {
                                parent: 0,
                                ctx: Ctx { ns: String::new(), imports },
                                depth: level,
                            };
                        }
                        None => place = inner,
                    }
                }
                "namespace_use_declaration" => self.use_declaration(n, &place.ctx),
                // Broken syntax: what tree-sitter recovered inside is still lowered,
                // and a method cut off from its class is a function.
                "ERROR" if level < crate::MAX_DEPTH => {
                    let inner = Place { depth: place.depth + 1, ..place.clone() };
                    let after = self.block(n, inner, top, level + 1);
                    place = Place { depth: place.depth, ..after };
                }
                "method_declaration" => {
                    let Some(name) = n.field("name") else { continue };
                    let name = self.b.text(name).into_owned();
                    self.function_like(n, NodeKind::Function, &name, &place, None, pending);
                }
                _ if is_declaration(n.kind_name()) => self.declaration(n, &place, pending),
                "const_declaration" => self.constants(n, &place, None, pending),
                _ => {
                    top.push(n);
                    self.nested(n, &place, None);
                }
            }
        }
        place
    }

    /// Makes the top-level statements gathered so far the module's body.
    fn flush(&mut self, top: &mut Vec<Node<'t>>, ctx: &Ctx) {
        if top.is_empty() {
            return;
        }
        self.bodies.push(Body {
            node: 0,
            syntax: std::mem::take(top),
            class: None,
            is_static: false,
            ctx: ctx.clone(),
        });
    }

    /// A `use` declaration: its aliases, `imports` edges and the module's imports.
    fn use_declaration(&mut self, n: Node<'t>, ctx: &Ctx) {
        let src = self.b.src;
        let mut cursor = n.walk();
        let children: Vec<Node<'t>> = n.children(&mut cursor).collect();
        // `use function ...` / `use const ...` before the names, or a group's prefix.
        let mut kind = "";
        let mut prefix = String::new();
        let mut clauses: Vec<(Node<'t>, String, &'static str)> = Vec::new();
        for c in children {
            match c.kind_name() {
                "function" | "const" => kind = c.kind_name(),
                "namespace_name" | "name" | "qualified_name" if c.is_named() => {
                    prefix = dotted_ns(&walk::text(c, src));
                }
                "namespace_use_clause" => clauses.push((c, String::new(), kind)),
                "namespace_use_group" => {
                    let mut gc = c.walk();
                    for clause in c.named_children(&mut gc) {
                        if clause.kind_name() == "namespace_use_clause" {
                            clauses.push((clause, prefix.clone(), kind));
                        }
                    }
                }
                _ => {}
            }
        }
        for (clause, prefix, outer_kind) in clauses {
            let mut kind = outer_kind;
            let mut name = None;
            let mut alias = None;
            let mut cc = clause.walk();
            for (i, c) in clause.children(&mut cc).enumerate() {
                let field = clause.field_name_for_child(i as u32);
                match c.kind_name() {
                    "function" | "const" => kind = c.kind_name(),
                    "name" if field == Some("alias") => alias = Some(walk::text(c, src)),
                    "name" | "qualified_name" | "namespace_name" if name.is_none() => {
                        name = Some(dotted_ns(&walk::text(c, src)));
                    }
                    _ => {}
                }
            }
            let Some(name) = name.filter(|n| !n.is_empty()) else { continue };
            let fqn = if prefix.is_empty() { name } else { format!("{prefix}\\{name}") };
            let alias = alias
                .map(|a| a.into_owned())
                .unwrap_or_else(|| fqn.rsplit('\\').next().unwrap_or(&fqn).to_owned());
            let imports = &mut self.imports[ctx.imports];
            match kind {
                "function" => imports.functions.insert(alias.to_lowercase(), fqn.clone()),
                "const" => imports.constants.insert(alias.clone(), fqn.clone()),
                _ => imports.classes.insert(alias.to_lowercase(), fqn.clone()),
            };
            let target = Target::Key { key: fqn_key(&fqn), name: fqn.clone(), inferred: false };
            self.b.edge(EdgeKind::Imports, 0, target, walk::line(clause));
            self.b.nodes[0].imports.push(fqn);
        }
    }

    /// Declarations, anonymous classes and requires nested in `syntax` (code, not a
    /// declaration): a conditional `function f()`, `new class { }`, `require 'x.php'`.
    fn nested(&mut self, syntax: Node<'t>, place: &Place, class: Option<usize>) {
        let mut found: Vec<Node<'t>> = Vec::new();
        walk::preorder(syntax, |n| {
            if n == syntax && !is_declaration(n.kind_name()) && n.kind_name() != "anonymous_class" {
                return true;
            }
            match n.kind_name() {
                k if is_declaration(k) || k == "anonymous_class" => {
                    found.push(n);
                    false
                }
                "require_expression"
                | "require_once_expression"
                | "include_expression"
                | "include_once_expression" => {
                    found.push(n);
                    true
                }
                _ => true,
            }
        });
        for n in found {
            match n.kind_name() {
                "anonymous_class" => self.anonymous_class(n, place, class),
                k if is_declaration(k) => self.declaration(n, place, None),
                _ => self.require(n),
            }
        }
    }

    /// A function or a class-like declaration at `place`.
    fn declaration(&mut self, n: Node<'t>, place: &Place, doc: Option<Node<'t>>) {
        if place.depth + 1 >= crate::MAX_DEPTH {
            self.b.too_deep(walk::line(n));
            return;
        }
        if n.kind_name() == "function_definition" {
            let Some(name) = n.field("name") else { return };
            let name = self.b.text(name).into_owned();
            let idx = self.function_like(n, NodeKind::Function, &name, place, None, doc);
            let ret = self.return_class(n, idx, &place.ctx, None);
            self.functions.entry(join(&place.ctx.ns, &name).to_lowercase()).or_insert((idx, ret));
            return;
        }
        let Some(name) = n.field("name") else { return };
        let name = self.b.text(name).into_owned();
        let fqn = join(&place.ctx.ns, &name);
        let (kind, node_kind) = match n.kind_name() {
            "interface_declaration" => (TypeKind::Interface, NodeKind::Interface),
            "trait_declaration" => (TypeKind::Trait, NodeKind::Trait),
            "enum_declaration" => (TypeKind::Enum, NodeKind::Enum),
            _ => (TypeKind::Class, NodeKind::Class),
        };
        let idx = self.b.add_node(place.parent, node_kind, &name, n);
        let key = fqn_key(&fqn);
        self.type_like(n, idx, fqn, key, kind, place, doc);
    }

    /// An anonymous class (`new class(...) extends B { }`) at `place`.
    fn anonymous_class(&mut self, n: Node<'t>, place: &Place, _outer: Option<usize>) {
        if place.depth + 1 >= crate::MAX_DEPTH {
            self.b.too_deep(walk::line(n));
            return;
        }
        self.anonymous += 1;
        let idx = self.b.add_node(place.parent, NodeKind::Class, "class@anonymous", n);
        let key = format!(
            "{}@class@anonymous{}",
            super::scope_key(self.b.path, &place.ctx.ns),
            self.anonymous
        );
        self.type_like(n, idx, String::new(), key, TypeKind::Class, place, None);
    }

    /// A type's facts and members: its node `idx` was made, keyed `key`.
    #[allow(clippy::too_many_arguments)]
    fn type_like(
        &mut self,
        n: Node<'t>,
        idx: NodeIdx,
        fqn: String,
        key: String,
        kind: TypeKind,
        place: &Place,
        doc: Option<Node<'t>>,
    ) {
        let body = n.field("body");
        let end = body.map_or(n.end_byte(), |b| b.start_byte());
        let signature = header_text(n, end, self.b.src);
        let docstring = doc.and_then(|d| self.phpdoc(d));
        let decorators = attributes(n, self.b.src);
        let node = &mut self.b.nodes[idx];
        node.signature = Some(short(&signature));
        node.docstring = docstring;
        node.decorators = decorators;
        let t = self.types.len();
        let mut info = TypeInfo {
            node: idx,
            fqn: fqn.clone(),
            key,
            kind,
            start: n.start_byte(),
            parent: None,
            interfaces: Vec::new(),
            traits: Vec::new(),
        };
        let mut cursor = n.walk();
        for c in n.named_children(&mut cursor) {
            match c.kind_name() {
                "base_clause" => {
                    for (name, line) in self.names_in(c, &place.ctx).into_iter().take(MAX_SUPERS) {
                        if kind == TypeKind::Class && info.parent.is_none() {
                            info.parent = Some((name, line));
                        } else {
                            info.interfaces.push((name, line));
                        }
                    }
                }
                "class_interface_clause" => {
                    let room = MAX_SUPERS.saturating_sub(info.interfaces.len());
                    info.interfaces.extend(self.names_in(c, &place.ctx).into_iter().take(room));
                }
                _ => {}
            }
        }
        self.types.push(info);
        if !fqn.is_empty() {
            self.type_by_fqn.entry(fqn.to_lowercase()).or_insert(t);
        }
        let Some(body) = body else { return };
        let inner = Place { parent: idx, ctx: place.ctx.clone(), depth: place.depth + 1 };
        let mut cursor = body.walk();
        let members: Vec<Node<'t>> = body.named_children(&mut cursor).collect();
        let mut doc: Option<Node<'t>> = None;
        for m in members {
            let pending = doc.take().filter(|d| adjacent(*d, m, self.b.src));
            match m.kind_name() {
                "comment" if walk::text(m, self.b.src).starts_with("/**") => doc = Some(m),
                "comment" => {}
                "use_declaration" => {
                    let traits = self.names_in(m, &place.ctx);
                    let room = MAX_SUPERS.saturating_sub(self.types[t].traits.len());
                    self.types[t].traits.extend(traits.into_iter().take(room));
                }
                "const_declaration" => self.constants(m, &inner, Some(t), pending),
                "enum_case" => {
                    let Some(name) = m.field("name") else { continue };
                    let name = self.b.text(name).into_owned();
                    let c = self.b.add_node(idx, NodeKind::Constant, &name, m);
                    let signature = walk::collapse_ws(&self.b.text(m));
                    let docstring = pending.and_then(|d| self.phpdoc(d));
                    let node = &mut self.b.nodes[c];
                    node.signature = Some(short(signature.trim_end_matches(';').trim_end()));
                    node.docstring = docstring;
                    node.decorators = attributes(m, self.b.src);
                    let key = format!("{}.{name}", self.types[t].key);
                    self.constants.push((key, c));
                    self.enum_cases.insert((t, name));
                }
                "property_declaration" => {
                    let doc = pending.and_then(|d| self.phpdoc(d));
                    self.property(m, t, &place.ctx, doc.as_deref());
                }
                "method_declaration" => {
                    if inner.depth + 1 >= crate::MAX_DEPTH {
                        self.b.too_deep(walk::line(m));
                        continue;
                    }
                    let Some(name) = m.field("name") else { continue };
                    let name = self.b.text(name).into_owned();
                    let midx =
                        self.function_like(m, NodeKind::Method, &name, &inner, Some(t), pending);
                    let ret = self.return_class(m, midx, &place.ctx, Some(t));
                    self.methods
                        .entry((t, name.to_lowercase()))
                        .or_insert(MethodInfo { node: midx, ret });
                    if name == "__construct" {
                        self.promoted(m, t, &place.ctx);
                    }
                }
                _ => {}
            }
        }
    }

    /// A function or method: its node, signature, PHPDoc, attributes, complexity and
    /// type hints, its body, and what is declared inside it.
    fn function_like(
        &mut self,
        n: Node<'t>,
        kind: NodeKind,
        name: &str,
        place: &Place,
        class: Option<usize>,
        doc: Option<Node<'t>>,
    ) -> NodeIdx {
        let idx = self.b.add_node(place.parent, kind, name, n);
        let body = n.field("body");
        let end = body.map_or(n.end_byte(), |b| b.start_byte());
        let signature = header_text(n, end, self.b.src);
        let signature = signature.trim_end_matches(';').trim_end().to_owned();
        let docstring = doc.and_then(|d| self.phpdoc(d));
        let decorators = attributes(n, self.b.src);
        let typed = fully_typed(n, name == "__construct" || name == "__destruct");
        let is_static = has_child_kind(n, "static_modifier");
        let node = &mut self.b.nodes[idx];
        node.signature = Some(short(&signature));
        node.docstring = docstring;
        node.decorators = decorators;
        node.complexity = body.map_or(1, complexity);
        node.has_type_hints = typed;
        self.bodies.push(Body {
            node: idx,
            syntax: vec![n],
            class,
            is_static,
            ctx: place.ctx.clone(),
        });
        if let Some(body) = body {
            let inner = Place { parent: idx, ctx: place.ctx.clone(), depth: place.depth + 1 };
            self.nested(body, &inner, class);
        }
        idx
    }

    /// The constants of a `const` declaration, of type `t` or of the namespace.
    fn constants(&mut self, n: Node<'t>, place: &Place, t: Option<usize>, doc: Option<Node<'t>>) {
        let docstring = doc.and_then(|d| self.phpdoc(d));
        let mut cursor = n.walk();
        let elements: Vec<Node<'t>> =
            n.named_children(&mut cursor).filter(|c| c.kind_name() == "const_element").collect();
        let head_end = elements.first().map_or(n.end_byte(), |e| e.start_byte());
        let head = header_text(n, head_end, self.b.src);
        for el in elements {
            let mut ec = el.walk();
            let Some(name) = el.named_children(&mut ec).find(|c| c.kind_name() == "name") else {
                continue;
            };
            let name = self.b.text(name).into_owned();
            let idx = self.b.add_node(place.parent, NodeKind::Constant, &name, el);
            let signature = format!("{head} {}", walk::collapse_ws(&self.b.text(el)));
            let node = &mut self.b.nodes[idx];
            node.signature = Some(short(signature.trim()));
            node.docstring = docstring.clone();
            node.decorators = attributes(n, self.b.src);
            let key = match t {
                Some(t) => format!("{}.{name}", self.types[t].key),
                None => format!("{}.{name}", fqn_key(&place.ctx.ns)),
            };
            self.constants.push((key, idx));
        }
    }

    /// A property declaration's properties and the classes of their declared types.
    /// A property without a declared type takes its PHPDoc's `@var T`.
    fn property(&mut self, n: Node<'t>, t: usize, ctx: &Ctx, doc: Option<&str>) {
        let ty = match n.field("type") {
            Some(ty) => self.declared_class(ty, ctx, Some(t)),
            None => doc
                .and_then(|d| doc_tags(d, "@var").into_iter().next())
                .and_then(|(ty, _)| self.doc_class(&ty, ctx, Some(t))),
        };
        let element = doc
            .and_then(|d| doc_tags(d, "@var").into_iter().next())
            .and_then(|(ty, _)| self.doc_element_class(&ty, ctx, Some(t)));
        let mut cursor = n.walk();
        let elements: Vec<Node<'t>> =
            n.named_children(&mut cursor).filter(|c| c.kind_name() == "property_element").collect();
        for el in elements {
            let Some(name) = el.field("name") else { continue };
            let name = self.b.text(name).trim_start_matches('$').to_owned();
            if let Some(element) = &element {
                self.prop_elements.insert((t, name.clone()), element.clone());
            }
            self.props.insert((t, name), ty.clone().map(|c| (c, false)));
        }
    }

    /// The promoted parameters of constructor `n` of type `t`: properties.
    fn promoted(&mut self, n: Node<'t>, t: usize, ctx: &Ctx) {
        let Some(params) = n.field("parameters") else { return };
        let mut cursor = params.walk();
        let promoted: Vec<Node<'t>> = params
            .named_children(&mut cursor)
            .filter(|p| p.kind_name() == "property_promotion_parameter")
            .collect();
        for p in promoted {
            let Some(name) = p.field("name") else { continue };
            let name = self.b.text(name).trim_start_matches('$').to_owned();
            let ty = p.field("type").and_then(|ty| self.declared_class(ty, ctx, Some(t)));
            self.props.insert((t, name), ty.map(|c| (c, false)));
        }
    }

    /// What the function or method `n` (node `idx`) declares it returns, when a
    /// class: its return type, else its PHPDoc's `@return T`.
    fn return_class(&self, n: Node<'_>, idx: NodeIdx, ctx: &Ctx, t: Option<usize>) -> Option<Ret> {
        let Some(ty) = n.field("return_type") else {
            let doc = self.b.nodes[idx].docstring.as_deref()?;
            let (ty, _) = doc_tags(doc, "@return").into_iter().next()?;
            let bare = ty.trim_start_matches('?');
            if t.is_some() && matches!(bare.to_lowercase().as_str(), "static" | "self" | "$this") {
                return Some(Ret::Receiver);
            }
            return self.doc_class(&ty, ctx, t).map(Ret::Class);
        };
        let ty = if ty.kind_name() == "optional_type" { ty.named_child(0)? } else { ty };
        let text = self.b.text(ty);
        let text = text.trim();
        if t.is_some() && (text.eq_ignore_ascii_case("static") || text.eq_ignore_ascii_case("self"))
        {
            return Some(Ret::Receiver);
        }
        self.declared_class(ty, ctx, t).map(Ret::Class)
    }

    /// `require 'x.php'` and its kin with a literal path: an `imports` edge to the
    /// file it names.
    fn require(&mut self, n: Node<'t>) {
        let Some(arg) = n.named_child(0) else { return };
        let Some(target) = self.literal_path(arg, 0) else { return };
        let Some(path) = relative_target(self.b.path, &target) else { return };
        let key = format!("{}{}", keys::PHP_FILE, super::path_segment(&path));
        let target_fact = Target::Key { key, name: target.clone(), inferred: false };
        self.b.edge(EdgeKind::Imports, 0, target_fact, walk::line(n));
        self.b.nodes[0].imports.push(target);
    }

    /// The path of a `require`'s argument relative to the file's directory: a
    /// string literal, or `__DIR__ . '/x'` and `dirname(__FILE__) . '/x'`.
    fn literal_path(&self, arg: Node<'_>, depth: usize) -> Option<String> {
        if depth > 8 {
            return None;
        }
        match arg.kind_name() {
            "parenthesized_expression" => self.literal_path(arg.named_child(0)?, depth + 1),
            "string" | "encapsed_string" => {
                if arg.named_child_count() != 1 {
                    return None;
                }
                let content = arg.named_child(0)?;
                (content.kind_name() == "string_content").then(|| self.b.text(content).into_owned())
            }
            "binary_expression" => {
                let left = arg.field("left")?;
                let right = arg.field("right")?;
                let op = arg.field("operator")?;
                if op.kind_name() != "." {
                    return None;
                }
                let dir = self.b.text(left);
                let dir = walk::collapse_ws(&dir).replace(' ', "");
                if dir != "__DIR__" && dir != "dirname(__FILE__)" {
                    return None;
                }
                let rest = self.literal_path(right, depth + 1)?;
                Some(format!(".{rest}"))
            }
            _ => None,
        }
    }

    /// The names (classes, interfaces, traits) listed in a clause, fully qualified,
    /// with their lines.
    fn names_in(&self, clause: Node<'_>, ctx: &Ctx) -> Vec<(String, u32)> {
        let mut cursor = clause.walk();
        let names: Vec<Node<'_>> = clause
            .named_children(&mut cursor)
            .filter(|c| matches!(c.kind_name(), "name" | "qualified_name"))
            .collect();
        names
            .into_iter()
            .filter_map(|c| Some((self.resolve_class(&self.b.text(c), ctx)?, walk::line(c))))
            .collect()
    }

    /// The cleaned text of a PHPDoc comment.
    pub(super) fn phpdoc(&self, comment: Node<'_>) -> Option<String> {
        phpdoc(&self.b.text(comment))
    }
}

/// The `tag` lines of a PHPDoc (`@param`, `@var`, `@return`): each one's type and,
/// when it names one, its variable (`@param User $u` → `("User", Some("$u"))`).
pub(super) fn doc_tags(doc: &str, tag: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for line in doc.lines() {
        let Some(rest) = line.trim().strip_prefix(tag) else { continue };
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        // The type runs to the first blank outside `<...>`, `{...}` and `(...)`.
        let rest = rest.trim_start();
        let mut depth = 0usize;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '<' | '{' | '(' => depth += 1,
                    '>' | '}' | ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                c.is_whitespace() && depth == 0
            })
            .map_or(rest.len(), |(i, _)| i);
        let ty = &rest[..end];
        if ty.is_empty() {
            continue;
        }
        let mut words = rest[end..].split_whitespace();
        let name = words.next().filter(|w| w.starts_with('$')).map(|w| {
            w.chars().take_while(|c| *c == '$' || c.is_alphanumeric() || *c == '_').collect()
        });
        out.push((ty.to_owned(), name));
    }
    out
}

/// Whether `kind` is a function or a named class-like declaration.
fn is_declaration(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "class_declaration"
            | "interface_declaration"
            | "trait_declaration"
            | "enum_declaration"
    )
}

/// Whether only whitespace separates `comment` from `decl` (a PHPDoc is the
/// comment right above its declaration).
fn adjacent(comment: Node<'_>, decl: Node<'_>, src: &[u8]) -> bool {
    comment.end_byte() <= decl.start_byte()
        && src[comment.end_byte()..decl.start_byte()].iter().all(u8::is_ascii_whitespace)
}

/// A namespace name as written, without blanks or a leading `\`.
fn dotted_ns(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    text.trim_start_matches('\\').to_owned()
}

/// Whether `n` has a child of `kind`.
fn has_child_kind(n: Node<'_>, kind: &str) -> bool {
    let mut cursor = n.walk();
    let found = n.children(&mut cursor).any(|c| c.kind_name() == kind);
    found
}

/// Whether every parameter of `n` declares a type, and its return too (unless
/// `no_return`: a constructor's).
fn fully_typed(n: Node<'_>, no_return: bool) -> bool {
    if !no_return && n.field("return_type").is_none() {
        return false;
    }
    let Some(params) = n.field("parameters") else { return false };
    let mut cursor = params.walk();
    let typed = params
        .named_children(&mut cursor)
        .filter(|p| p.kind_name().ends_with("parameter"))
        .all(|p| p.field("type").is_some());
    typed
}

/// A declaration's attributes (`#[Route('/x')]`), one string each.
fn attributes(decl: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = decl.walk();
    for list in decl.children(&mut cursor).filter(|c| c.kind_name() == "attribute_list") {
        walk::preorder(list, |n| {
            if n.kind_name() == "attribute" {
                out.push(format!("#[{}]", walk::collapse_ws(&walk::text(n, src))));
                return false;
            }
            true
        });
    }
    out
}

/// A declaration's header: its text up to `end` (the body), without attributes
/// and comments, whitespace collapsed.
fn header_text(decl: Node<'_>, end: usize, src: &[u8]) -> String {
    let mut skip: Vec<(usize, usize)> = Vec::new();
    let mut cursor = decl.walk();
    for c in decl.children(&mut cursor) {
        if c.start_byte() >= end {
            break;
        }
        if matches!(c.kind_name(), "attribute_list" | "comment") {
            skip.push((c.start_byte(), c.end_byte()));
        }
    }
    let mut text = String::new();
    let mut at = decl.start_byte();
    for (start, stop) in skip {
        if start > at {
            text.push_str(&String::from_utf8_lossy(&src[at..start.min(end)]));
            text.push(' ');
        }
        at = at.max(stop);
    }
    if end > at {
        text.push_str(&String::from_utf8_lossy(&src[at..end]));
    }
    walk::collapse_ws(&text).trim().to_owned()
}

/// A PHPDoc comment without its markers: `/**`, `*/` and each line's ` * `.
fn phpdoc(comment: &str) -> Option<String> {
    let body = comment.strip_prefix("/**")?;
    let body = body.strip_suffix("*/").unwrap_or(body);
    let mut lines: Vec<&str> =
        body.lines().map(|l| crate::common::docs::strip_star(l).trim_end()).collect();
    crate::common::docs::trim_blank_edges(&mut lines);
    let doc = lines.join("\n");
    (!doc.is_empty()).then_some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phpdoc_loses_its_markers() {
        assert_eq!(phpdoc("/** One. */").as_deref(), Some("One."));
        let doc = phpdoc("/**\n   * Adds.\n   *\n   * @param int $a left\n   */");
        assert_eq!(doc.as_deref(), Some("Adds.\n\n@param int $a left"));
        assert_eq!(phpdoc("/** */"), None);
        assert_eq!(phpdoc("/* plain */"), None);
    }

    #[test]
    fn phpdoc_tags_give_types_and_variables() {
        let doc = "Sends.\n@param Mailer $m the mailer\n@param int\n@return ?Message\n@param-out x";
        assert_eq!(
            doc_tags(doc, "@param"),
            [("Mailer".to_owned(), Some("$m".to_owned())), ("int".to_owned(), None)]
        );
        assert_eq!(doc_tags(doc, "@return"), [("?Message".to_owned(), None)]);
        let generic = "@var array<int, User> $users";
        assert_eq!(
            doc_tags(generic, "@var"),
            [("array<int, User>".to_owned(), Some("$users".to_owned()))]
        );
    }

    #[test]
    fn namespace_names_lose_blanks_and_the_leading_backslash() {
        assert_eq!(dotted_ns("\\App \\ Http"), "App\\Http");
    }
}

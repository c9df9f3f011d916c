//! Java lowering: the package and imports, then types (outer before nested, each
//! level in source order), their methods, constructors, constants and fields, with
//! signatures, Javadoc and annotations; then the declared types (supertypes, field
//! and return types), resolved once every type of the file is known.

use super::*;
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{EdgeKind, NodeKind};
use std::collections::VecDeque;

/// How many supertypes of one type are kept.
const MAX_DECLARED_SUPERS: usize = 64;

/// A type declaration waiting to be lowered.
struct Job<'t> {
    /// The declaration, or for an anonymous class its `object_creation_expression`.
    syntax: Node<'t>,
    parent: NodeIdx,
    outer: Option<usize>,
    depth: usize,
    doc: Option<String>,
    /// For a class declared in a method body (local or anonymous): that body.
    outer_body: Option<usize>,
    /// For an anonymous class: its name (`$1`).
    anonymous: Option<String>,
}

/// The syntax of declared types, resolved after lowering (a type may be named above
/// its declaration).
struct Pending<'t> {
    /// (type index, supertype syntax, line, implemented interface).
    supers: Vec<(usize, Node<'t>, u32, bool)>,
    /// (type index, field name, type syntax).
    fields: Vec<(usize, String, Node<'t>)>,
    /// (type index, method name, overload position, return type syntax, the
    /// method's type parameters).
    results: Vec<(usize, String, usize, Node<'t>, Vec<String>)>,
}

impl<'s, 't> Jx<'s, 't> {
    /// The package declaration and the imports: the module's name, signature and
    /// imports, the names imports bind, and an `imports` edge for each.
    pub(super) fn header(&mut self, root: Node<'t>) {
        let mut cursor = root.walk();
        let children: Vec<Node<'t>> = root.named_children(&mut cursor).collect();
        for child in &children {
            if child.kind_name() == "package_declaration" {
                let mut c = child.walk();
                let name = child
                    .named_children(&mut c)
                    .find(|n| matches!(n.kind_name(), "identifier" | "scoped_identifier"));
                if let Some(name) = name {
                    self.pkg = dotted(&self.b.text(name));
                    self.b.nodes[0].signature = Some(format!("package {};", self.pkg));
                }
                break;
            }
        }
        let stem = self.b.nodes[0].name.replace('.', "_");
        if !self.pkg.is_empty() {
            self.b.nodes[0].name = format!("{}.{stem}", self.pkg);
        }
        for child in children {
            if child.kind_name() == "import_declaration" {
                self.import(child);
            }
        }
        if !self.wildcards.is_empty() {
            self.scope = Some(format!("{}.import", qualify(&self.pkg, &stem)));
        }
    }

    /// One `import` declaration.
    fn import(&mut self, decl: Node<'t>) {
        let mut cursor = decl.walk();
        let mut name = None;
        let mut wildcard = false;
        for child in decl.children(&mut cursor) {
            match child.kind_name() {
                "identifier" | "scoped_identifier" => name = Some(dotted(&self.b.text(child))),
                "asterisk" => wildcard = true,
                _ => {}
            }
        }
        let is_static = {
            let mut c = decl.walk();
            let found = decl.children(&mut c).any(|n| n.kind_name() == "static");
            found
        };
        let Some(name) = name.filter(|n| !n.is_empty()) else { return };
        let line = walk::line(decl);
        let shown = if wildcard { format!("{name}.*") } else { name.clone() };
        self.b.nodes[0].imports.push(if is_static { format!("static {shown}") } else { shown });
        let class = match (is_static, wildcard) {
            (false, false) => {
                let simple = name.rsplit('.').next().unwrap_or(&name).to_owned();
                self.imports.insert(simple, name.clone());
                name
            }
            (false, true) => {
                self.wildcards.push(name.clone());
                let key = format!("{PREFIX}{name}.package");
                let target = Target::Key { key, name, inferred: false };
                self.b.edge(EdgeKind::Imports, 0, target, line);
                return;
            }
            (true, false) => {
                let Some((class, member)) = name.rsplit_once('.') else { return };
                self.static_imports.insert(member.to_owned(), class.to_owned());
                class.to_owned()
            }
            (true, true) => {
                self.static_wildcards.push(name.clone());
                name
            }
        };
        let target = Target::Key { key: format!("{PREFIX}{class}"), name: class, inferred: false };
        self.b.edge(EdgeKind::Imports, 0, target, line);
    }

    /// Lowers every type of the file, breadth first (parents before children, each
    /// level in source order), then resolves the declared types.
    pub(super) fn items(&mut self, root: Node<'t>) {
        let mut jobs: VecDeque<Job<'t>> = VecDeque::new();
        for (item, doc) in with_docs(root, self.b.src) {
            if is_type_declaration(item.kind_name()) {
                jobs.push_back(Job {
                    syntax: item,
                    parent: 0,
                    outer: None,
                    depth: 1,
                    doc,
                    outer_body: None,
                    anonymous: None,
                });
            }
        }
        let mut pending = Pending { supers: Vec::new(), fields: Vec::new(), results: Vec::new() };
        while let Some(job) = jobs.pop_front() {
            if job.depth > crate::MAX_DEPTH {
                self.b.too_deep(walk::line(job.syntax));
                continue;
            }
            self.type_declaration(job, &mut jobs, &mut pending);
        }
        self.resolve_declared(pending);
    }

    /// One type: its node, supertypes and members; nested types become jobs.
    fn type_declaration(
        &mut self,
        job: Job<'t>,
        jobs: &mut VecDeque<Job<'t>>,
        pending: &mut Pending<'t>,
    ) {
        let decl = job.syntax;
        let (name, body) = match &job.anonymous {
            Some(name) => {
                let mut cursor = decl.walk();
                let body = decl.named_children(&mut cursor).find(|c| c.kind_name() == "class_body");
                (name.clone(), body)
            }
            None => {
                let Some(n) = decl.field("name") else { return };
                (self.b.text(n).into_owned(), decl.field("body"))
            }
        };
        if name.is_empty() {
            return;
        }
        let kind = match decl.kind_name() {
            "interface_declaration" | "annotation_type_declaration" => NodeKind::Interface,
            "enum_declaration" => NodeKind::Enum,
            _ => NodeKind::Class,
        };
        let idx = self.b.add_node(job.parent, kind, &name, decl);
        let signature = match &job.anonymous {
            // `new T() { ... }`, or an enum constant's body: `C { ... }`.
            Some(_) => match decl.field("type") {
                Some(t) => format!("new {}() {{ ... }}", walk::collapse_ws(&self.b.text(t))),
                None => {
                    let name = decl.field("name").map(|n| self.b.text(n));
                    format!("{} {{ ... }}", name.unwrap_or_default())
                }
            },
            None => header_text(decl, body.map_or(decl.end_byte(), |b| b.start_byte()), self.b.src),
        };
        // Local and anonymous classes are no member other files can name.
        let local = job.outer_body.is_some() || job.anonymous.is_some();
        let duplicate = self.b.nodes[idx].qualified_name.contains('#');
        let qualified = self.b.nodes[idx].qualified_name.clone();
        {
            let node = &mut self.b.nodes[idx];
            node.signature = Some(signature);
            node.docstring = job.doc.clone();
            node.decorators = annotations(decl, self.b.src);
        }
        let key = if local {
            format!("{PREFIX}{}::{qualified}", self.b.path)
        } else {
            qualify(&self.pkg, &qualified)
        };
        let exported = !local && !duplicate;
        if exported {
            self.b.export_node(key.clone(), idx);
        }
        let type_params = type_parameters(decl, self.b.src);
        let t = self.types.len();
        self.types.push(TypeInfo {
            node: idx,
            key: key.clone(),
            exported,
            outer: job.outer,
            supers: Vec::new(),
            type_params,
            is_interface: kind == NodeKind::Interface,
            is_record: decl.kind_name() == "record_declaration",
            components: 0,
        });
        if decl.kind_name() == "enum_constant" {
            if let Some(o) = job.outer {
                let ty = Ty { key: self.types[o].key.clone(), inferred: false };
                self.types[t].supers.push((ty, walk::line(decl), false));
            }
        }
        self.type_names.entry(name.clone()).or_default().push(t);
        self.type_keys.entry(key).or_insert(t);
        // Supertypes, resolved once every type is known.
        match &job.anonymous {
            Some(_) => {
                if let Some(ty) = decl.field("type") {
                    pending.supers.push((t, ty, walk::line(decl), false));
                }
            }
            None => {
                let mut cursor = decl.walk();
                for child in decl.children(&mut cursor) {
                    // `extends` of a class, `extends` of an interface (inherits), and
                    // `implements` of a class, enum or record.
                    let implemented = match child.kind_name() {
                        "superclass" | "extends_interfaces" => false,
                        "super_interfaces" => true,
                        _ => continue,
                    };
                    walk::preorder(child, |n| {
                        if n == child || n.kind_name() == "type_list" {
                            return true;
                        }
                        pending.supers.push((t, n, walk::line(n), implemented));
                        false
                    });
                }
            }
        }
        if decl.kind_name() == "record_declaration" {
            self.record_components(t, decl, pending);
        }
        let Some(body) = body else { return };
        let mut members = with_docs(body, self.b.src);
        if body.kind_name() == "enum_body" {
            // Constants, then the declarations after the `;`.
            let mut more = Vec::new();
            for (member, doc) in &members {
                match member.kind_name() {
                    "enum_constant" => self.enum_constant(t, idx, *member, doc.clone(), jobs, &job),
                    "enum_body_declarations" => more.extend(with_docs(*member, self.b.src)),
                    _ => {}
                }
            }
            members = more;
        }
        for (member, doc) in members {
            match member.kind_name() {
                k if is_type_declaration(k) => jobs.push_back(Job {
                    syntax: member,
                    parent: idx,
                    outer: Some(t),
                    depth: job.depth + 1,
                    doc,
                    outer_body: job.outer_body,
                    anonymous: None,
                }),
                "method_declaration"
                | "constructor_declaration"
                | "compact_constructor_declaration"
                | "annotation_type_element_declaration" => {
                    self.method(t, idx, member, doc, job.depth, job.outer_body, jobs, pending)
                }
                "field_declaration" | "constant_declaration" => {
                    self.field(t, idx, member, doc, job.depth, job.outer_body, jobs, pending)
                }
                "static_initializer" | "block" => {
                    self.initializer(t, idx, member, job.depth, job.outer_body, jobs)
                }
                _ => {}
            }
        }
    }

    /// An enum constant: a `constant` node of the enum, whose arguments are the
    /// enum's calls and whose body (`A { ... }`) is an anonymous class.
    fn enum_constant(
        &mut self,
        t: usize,
        parent: NodeIdx,
        constant: Node<'t>,
        doc: Option<String>,
        jobs: &mut VecDeque<Job<'t>>,
        job: &Job<'t>,
    ) {
        let Some(n) = constant.field("name") else { return };
        let name = self.b.text(n).into_owned();
        if name.is_empty() {
            return;
        }
        let idx = self.b.add_node(parent, NodeKind::Constant, &name, constant);
        let end = constant.field("body").map_or(constant.end_byte(), |b| b.start_byte());
        self.b.nodes[idx].signature = Some(short(&header_text(constant, end, self.b.src)));
        self.b.nodes[idx].docstring = doc;
        self.b.nodes[idx].decorators = annotations(constant, self.b.src);
        let enum_ty = Ty { key: self.types[t].key.clone(), inferred: false };
        self.fields.insert((t, name.clone()), Some(enum_ty));
        if self.types[t].exported && !self.b.nodes[idx].qualified_name.contains('#') {
            let key = format!("{}.{name}", self.types[t].key);
            self.b.export_node(key, idx);
        }
        if let Some(args) = constant.field("arguments") {
            self.add_body(parent, args, t, Vec::new(), job.outer_body, false);
        }
        if constant.field("body").is_some() {
            // The constant's body is an anonymous subclass of the enum.
            let n = self.next_anonymous(idx);
            jobs.push_back(Job {
                syntax: constant,
                parent: idx,
                outer: Some(t),
                depth: job.depth + 1,
                doc: None,
                outer_body: job.outer_body,
                anonymous: Some(n),
            });
        }
    }

    /// A record's components: fields of their declared types.
    fn record_components(&mut self, t: usize, decl: Node<'t>, pending: &mut Pending<'t>) {
        let Some(params) = decl.field("parameters") else { return };
        let mut cursor = params.walk();
        for param in params.named_children(&mut cursor) {
            if param.kind_name() != "formal_parameter" {
                continue;
            }
            let (Some(name), Some(ty)) = (param.field("name"), param.field("type")) else {
                continue;
            };
            let name = self.b.text(name).into_owned();
            self.fields.insert((t, name.clone()), None);
            pending.fields.push((t, name, ty));
            self.types[t].components += 1;
        }
    }

    /// A method, constructor, compact constructor or annotation element.
    #[allow(clippy::too_many_arguments)]
    fn method(
        &mut self,
        t: usize,
        parent: NodeIdx,
        decl: Node<'t>,
        doc: Option<String>,
        depth: usize,
        outer_body: Option<usize>,
        jobs: &mut VecDeque<Job<'t>>,
        pending: &mut Pending<'t>,
    ) {
        let is_ctor = matches!(
            decl.kind_name(),
            "constructor_declaration" | "compact_constructor_declaration"
        );
        let Some(name_node) = decl.field("name") else { return };
        let name = self.b.text(name_node).into_owned();
        if name.is_empty() {
            return;
        }
        let idx = self.b.add_node(parent, NodeKind::Method, &name, decl);
        let body = decl.field("body");
        let end = body.map_or(decl.end_byte(), |b| b.start_byte());
        let (arity, varargs) = match decl.kind_name() {
            "compact_constructor_declaration" => (self.record_arity(t), false),
            _ => arity(decl.field("parameters")),
        };
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            let header = header_text(decl, end, src);
            node.signature = Some(header.trim_end_matches(';').trim_end().to_owned());
            node.docstring = doc;
            node.decorators = annotations(decl, src);
            node.complexity = body.map_or(1, complexity);
            node.has_type_hints = true;
        }
        let info = MethodInfo { node: idx, arity, varargs, result: None };
        let exported = self.types[t].exported;
        let member = if is_ctor { CONSTRUCTOR } else { name.as_str() };
        if exported {
            for a in call_arities(arity, varargs) {
                self.b.export_node(member_key(&self.types[t].key, a, member), idx);
            }
        }
        if is_ctor {
            self.ctors.entry(t).or_default().push(info);
        } else {
            let overloads = self.methods.entry((t, name.clone())).or_default();
            overloads.push(info);
            let position = overloads.len() - 1;
            if let Some(ty) = decl.field("type") {
                let params = type_parameters(decl, self.b.src);
                pending.results.push((t, name, position, ty, params));
            }
        }
        let type_params = type_parameters(decl, self.b.src);
        let b = self.add_body(idx, decl, t, type_params, outer_body, true);
        if let Some(body) = body {
            self.nested_classes(idx, body, t, depth, b, jobs);
        }
    }

    /// A field declaration: each `static final` (or interface) field is a
    /// `constant`; every field's type is kept; initializers are the class's calls.
    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        t: usize,
        parent: NodeIdx,
        decl: Node<'t>,
        doc: Option<String>,
        depth: usize,
        outer_body: Option<usize>,
        jobs: &mut VecDeque<Job<'t>>,
        pending: &mut Pending<'t>,
    ) {
        let modifiers = modifier_words(decl, self.b.src);
        let constant = decl.kind_name() == "constant_declaration"
            || self.types[t].is_interface
            || (modifiers.iter().any(|m| m == "static") && modifiers.iter().any(|m| m == "final"));
        let ty = decl.field("type");
        let signature = short(&header_text(decl, decl.end_byte(), self.b.src));
        let mut cursor = decl.walk();
        let declarators: Vec<Node<'t>> =
            decl.children_by_field_name("declarator", &mut cursor).collect();
        for declarator in declarators {
            let Some(n) = declarator.field("name") else { continue };
            let name = self.b.text(n).into_owned();
            if name.is_empty() {
                continue;
            }
            self.fields.insert((t, name.clone()), None);
            if let Some(ty) = ty {
                pending.fields.push((t, name.clone(), ty));
            }
            if constant {
                let idx = self.b.add_node(parent, NodeKind::Constant, &name, declarator);
                self.b.nodes[idx].signature = Some(signature.clone());
                self.b.nodes[idx].docstring = doc.clone();
                self.b.nodes[idx].decorators = annotations(decl, self.b.src);
                if self.types[t].exported && !self.b.nodes[idx].qualified_name.contains('#') {
                    self.b.export_node(format!("{}.{name}", self.types[t].key), idx);
                }
            }
            if let Some(value) = declarator.field("value") {
                let b = self.add_body(parent, value, t, Vec::new(), outer_body, false);
                self.nested_classes(parent, value, t, depth, b, jobs);
            }
        }
    }

    /// A static or instance initializer block: the class's calls.
    fn initializer(
        &mut self,
        t: usize,
        parent: NodeIdx,
        block: Node<'t>,
        depth: usize,
        outer_body: Option<usize>,
        jobs: &mut VecDeque<Job<'t>>,
    ) {
        let b = self.add_body(parent, block, t, Vec::new(), outer_body, false);
        self.nested_classes(parent, block, t, depth, b, jobs);
    }

    /// Records a body and returns its index.
    fn add_body(
        &mut self,
        node: NodeIdx,
        syntax: Node<'t>,
        class: usize,
        type_params: Vec<String>,
        outer: Option<usize>,
        is_method: bool,
    ) -> usize {
        self.bodies.push(Body { node, syntax, class, type_params, outer, is_method });
        self.bodies.len() - 1
    }

    /// The local and anonymous classes directly inside `syntax` (not inside one of
    /// them): jobs whose parent is `parent`, numbered `$1`, `$2`, ... in source order.
    fn nested_classes(
        &mut self,
        parent: NodeIdx,
        syntax: Node<'t>,
        t: usize,
        depth: usize,
        body: usize,
        jobs: &mut VecDeque<Job<'t>>,
    ) {
        let mut found: Vec<(Node<'t>, bool)> = Vec::new();
        walk::preorder(syntax, |node| match node.kind_name() {
            "object_creation_expression" => {
                let mut cursor = node.walk();
                if node.named_children(&mut cursor).any(|c| c.kind_name() == "class_body") {
                    found.push((node, true));
                }
                // Its arguments may hold more; its class body is the new class's.
                true
            }
            "class_body" if node != syntax => false,
            k if is_type_declaration(k) && node != syntax => {
                found.push((node, false));
                false
            }
            _ => true,
        });
        for (node, anonymous) in found {
            let name = if anonymous { Some(self.next_anonymous(parent)) } else { None };
            jobs.push_back(Job {
                syntax: node,
                parent,
                outer: Some(t),
                depth: depth + 1,
                doc: None,
                outer_body: Some(body),
                anonymous: name,
            });
        }
    }

    /// The next anonymous class name under `parent`: `$1`, `$2`, ...
    fn next_anonymous(&mut self, parent: NodeIdx) -> String {
        let n = self.anonymous.entry(parent).or_insert(0);
        *n += 1;
        format!("${n}")
    }

    /// How many components the record `t` declares.
    fn record_arity(&self, t: usize) -> usize {
        self.types[t].components
    }

    /// Resolves the supertypes, field types and return types of the file's types.
    fn resolve_declared(&mut self, pending: Pending<'t>) {
        for (t, syntax, line, implemented) in pending.supers {
            // A type's supertypes are a handful; thousands are an attack on the
            // member look-ups, which visit each.
            if self.types[t].supers.len() >= MAX_DECLARED_SUPERS {
                continue;
            }
            if let Some(ty) = self.type_key(syntax, Some(t), &[]) {
                if ty.key != self.types[t].key {
                    self.types[t].supers.push((ty, line, implemented));
                }
            }
        }
        for (t, name, syntax) in pending.fields {
            if let Some(ty) = self.type_key(syntax, Some(t), &[]) {
                self.fields.insert((t, name), Some(ty));
            }
        }
        for (t, name, position, syntax, params) in pending.results {
            let ty = self.type_key(syntax, Some(t), &params);
            if let Some(m) = self.methods.get_mut(&(t, name)).and_then(|m| m.get_mut(position)) {
                m.result = ty;
            }
        }
    }
}

/// Whether `kind` declares a type.
pub(super) fn is_type_declaration(kind: &str) -> bool {
    matches!(
        kind,
        "class_declaration"
            | "interface_declaration"
            | "enum_declaration"
            | "record_declaration"
            | "annotation_type_declaration"
    )
}

/// A dotted name without whitespace or comments between its parts (`a . b` → `a.b`).
fn dotted(text: &str) -> String {
    text.split('.').map(str::trim).collect::<Vec<_>>().join(".")
}

/// The number of parameters of a `formal_parameters` list, and whether the last is
/// varargs.
fn arity(params: Option<Node<'_>>) -> (usize, bool) {
    let Some(params) = params else { return (0, false) };
    let mut n = 0;
    let mut varargs = false;
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        match p.kind_name() {
            "formal_parameter" => n += 1,
            "spread_parameter" => {
                n += 1;
                varargs = true;
            }
            _ => {}
        }
    }
    (n, varargs)
}

/// The names of a declaration's type parameters (`<T, U extends X>` → `T`, `U`).
fn type_parameters(decl: Node<'_>, src: &[u8]) -> Vec<String> {
    let Some(params) = decl.field("type_parameters") else { return Vec::new() };
    let mut out = Vec::new();
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        if p.kind_name() != "type_parameter" {
            continue;
        }
        let mut c = p.walk();
        let name = p.named_children(&mut c).find(|n| n.kind_name() == "type_identifier");
        if let Some(name) = name {
            out.push(walk::text(name, src).into_owned());
        }
    }
    out
}

/// The `modifiers` child of a declaration.
fn modifiers(decl: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = decl.walk();
    let found = decl.named_children(&mut cursor).find(|c| c.kind_name() == "modifiers");
    found
}

/// The annotations of a declaration, as written (whitespace collapsed).
fn annotations(decl: Node<'_>, src: &[u8]) -> Vec<String> {
    let Some(modifiers) = modifiers(decl) else { return Vec::new() };
    let mut cursor = modifiers.walk();
    let out = modifiers
        .named_children(&mut cursor)
        .filter(|c| matches!(c.kind_name(), "annotation" | "marker_annotation"))
        .map(|c| walk::collapse_ws(&walk::text(c, src)))
        .collect();
    out
}

/// The keyword modifiers of a declaration (`public`, `static`, `final`).
fn modifier_words(decl: Node<'_>, src: &[u8]) -> Vec<String> {
    let Some(modifiers) = modifiers(decl) else { return Vec::new() };
    let mut cursor = modifiers.walk();
    let out = modifiers
        .children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "annotation" | "marker_annotation") && !c.is_extra())
        .map(|c| walk::text(c, src).into_owned())
        .collect();
    out
}

/// A declaration's header: its text from the start up to `end` (the body), without
/// annotations and comments, whitespace collapsed.
fn header_text(decl: Node<'_>, end: usize, src: &[u8]) -> String {
    let mut skip: Vec<(usize, usize)> = Vec::new();
    walk::preorder(decl, |n| {
        if n.start_byte() >= end {
            return false;
        }
        if n != decl
            && matches!(
                n.kind_name(),
                "annotation" | "marker_annotation" | "line_comment" | "block_comment"
            )
        {
            skip.push((n.start_byte(), n.end_byte()));
            return false;
        }
        // Only the header's own children can hold annotations and comments.
        n == decl || n.kind_name() == "modifiers"
    });
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
    walk::collapse_ws(&text)
}

/// The named children of `container` that are not comments, each with its Javadoc:
/// the last `/** ... */` comment between it and the item before it.
fn with_docs<'t>(container: Node<'t>, src: &[u8]) -> Vec<(Node<'t>, Option<String>)> {
    let mut out = Vec::new();
    let mut doc: Option<Node<'t>> = None;
    let mut cursor = container.walk();
    for item in container.named_children(&mut cursor) {
        match item.kind_name() {
            "block_comment" => {
                if walk::text(item, src).starts_with("/**") {
                    doc = Some(item);
                }
            }
            "line_comment" => {}
            _ => out.push((item, doc.take().and_then(|d| javadoc(&walk::text(d, src))))),
        }
    }
    out
}

/// A Javadoc comment's text: without `/**`, `*/` and each line's ` * ` margin,
/// blank lines at either end dropped; `None` when nothing is left.
fn javadoc(comment: &str) -> Option<String> {
    let body = comment.strip_prefix("/**").unwrap_or(comment);
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
    fn javadoc_loses_its_markers() {
        assert_eq!(javadoc("/** One. */").as_deref(), Some("One."));
        let doc = javadoc("/**\n   * Adds.\n   *\n   * @param a left\n   */");
        assert_eq!(doc.as_deref(), Some("Adds.\n\n@param a left"));
        assert_eq!(javadoc("/** */"), None);
    }

    #[test]
    fn dotted_names_lose_inner_blanks() {
        assert_eq!(dotted("java . util.List"), "java.util.List");
    }
}

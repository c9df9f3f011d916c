//! C# lowering: namespaces and `using` directives, then types (outer before
//! nested, each level in source order), their methods, constructors, properties,
//! constants, fields and local functions, with signatures, XML docs and attributes;
//! then the declared types (bases, field, property and return types), resolved once
//! every type of the file is known.

use super::*;
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{EdgeKind, NodeKind};
use std::collections::VecDeque;

/// How many bases of one type are kept.
const MAX_DECLARED_SUPERS: usize = 64;

/// What waits to be lowered.
enum Job<'t> {
    /// The members of a compilation unit, a namespace body or a file-scoped
    /// namespace: namespaces, `using`s and types.
    Container { syntax: Node<'t>, parent: NodeIdx, scope: usize, depth: usize },
    /// A type declaration.
    Type {
        syntax: Node<'t>,
        parent: NodeIdx,
        outer: Option<usize>,
        scope: usize,
        depth: usize,
        doc: Option<String>,
    },
}

/// The syntax of declared types, resolved after lowering (a type may be named above
/// its declaration).
#[derive(Default)]
struct Pending<'t> {
    /// (type index, base syntax, line).
    supers: Vec<(usize, Node<'t>, u32)>,
    /// (type index, field or property name, type syntax).
    fields: Vec<(usize, String, Node<'t>)>,
    /// (type index, method name, overload position, return type syntax, the
    /// method's type parameters).
    results: Vec<(usize, String, usize, Node<'t>, Vec<String>)>,
    /// (extension method node, name, arity without `this`, the extended type's
    /// syntax, type index, type parameters).
    extensions: Vec<(NodeIdx, String, usize, Node<'t>, usize, Vec<String>)>,
}

impl<'s, 't> Cx<'s, 't> {
    /// Lowers the file breadth first (parents before children, each level in
    /// source order), then resolves the declared types.
    pub(super) fn items(&mut self, root: Node<'t>) {
        self.scopes.push(Scope {
            ns: String::new(),
            outer: None,
            usings: Vec::new(),
            aliases: HashMap::new(),
            statics: Vec::new(),
            key: None,
        });
        let mut jobs =
            VecDeque::from([Job::Container { syntax: root, parent: 0, scope: 0, depth: 0 }]);
        let mut pending = Pending::default();
        while let Some(job) = jobs.pop_front() {
            match job {
                Job::Container { syntax, parent, scope, depth } => {
                    if depth > crate::MAX_DEPTH {
                        self.b.too_deep(walk::line(syntax));
                        continue;
                    }
                    self.container(syntax, parent, scope, depth, &mut jobs);
                }
                Job::Type { syntax, depth, .. } if depth > crate::MAX_DEPTH => {
                    self.b.too_deep(walk::line(syntax));
                }
                Job::Type { syntax, parent, outer, scope, depth, doc } => self.type_declaration(
                    syntax,
                    parent,
                    outer,
                    scope,
                    depth,
                    doc,
                    &mut jobs,
                    &mut pending,
                ),
            }
        }
        self.scope_keys();
        self.resolve_declared(pending);
    }

    /// The members of a compilation unit or namespace: `using`s, namespaces (a
    /// file-scoped one holds the members after it) and types.
    fn container(
        &mut self,
        syntax: Node<'t>,
        mut parent: NodeIdx,
        mut scope: usize,
        depth: usize,
        jobs: &mut VecDeque<Job<'t>>,
    ) {
        for (item, doc) in with_docs(syntax, self.b.src) {
            match item.kind_name() {
                "using_directive" => self.using(item, scope),
                // Broken syntax: tree-sitter keeps what it recognised inside the
                // error, often a namespace whose block never closes.
                "ERROR" => match error_namespace(item) {
                    Some(name) => {
                        let name = dotted(&self.b.text(name));
                        let (node, inner) = self.namespace(&name, item, parent, scope);
                        jobs.push_back(Job::Container {
                            syntax: item,
                            parent: node,
                            scope: inner,
                            depth: depth + 1,
                        });
                    }
                    None => jobs.push_back(Job::Container {
                        syntax: item,
                        parent,
                        scope,
                        depth: depth + 1,
                    }),
                },
                "namespace_declaration" | "file_scoped_namespace_declaration" => {
                    let Some(name) = item.field("name") else { continue };
                    let name = dotted(&self.b.text(name));
                    if name.is_empty() {
                        continue;
                    }
                    let (node, inner) = self.namespace(&name, item, parent, scope);
                    if item.kind_name() == "namespace_declaration" {
                        if let Some(body) = item.field("body") {
                            jobs.push_back(Job::Container {
                                syntax: body,
                                parent: node,
                                scope: inner,
                                depth: depth + 1,
                            });
                        }
                    } else {
                        // Its own children (if the grammar nests them), and every
                        // member after it.
                        jobs.push_back(Job::Container {
                            syntax: item,
                            parent: node,
                            scope: inner,
                            depth: depth + 1,
                        });
                        parent = node;
                        scope = inner;
                    }
                }
                k if is_type_declaration(k) => jobs.push_back(Job::Type {
                    syntax: item,
                    parent,
                    outer: None,
                    scope,
                    depth: depth + 1,
                    doc,
                }),
                _ => {}
            }
        }
    }

    /// The node of namespace `name` written in `scope` (one node for all its blocks
    /// in this file) and a new lookup scope for this declaration of it.
    fn namespace(
        &mut self,
        name: &str,
        item: Node<'t>,
        parent: NodeIdx,
        scope: usize,
    ) -> (NodeIdx, usize) {
        let outer_ns = &self.scopes[scope].ns;
        let ns = if outer_ns.is_empty() { name.to_owned() } else { format!("{outer_ns}.{name}") };
        let node = match self.namespaces.get(&ns) {
            Some(&n) => n,
            None => {
                let n = self.b.add_node(parent, NodeKind::Module, name, item);
                self.b.nodes[n].signature = Some(format!("namespace {name}"));
                self.namespaces.insert(ns.clone(), n);
                n
            }
        };
        self.scopes.push(Scope {
            ns,
            outer: Some(scope),
            usings: Vec::new(),
            aliases: HashMap::new(),
            statics: Vec::new(),
            key: None,
        });
        (node, self.scopes.len() - 1)
    }

    /// One `using` directive: a namespace, an alias or a `using static` type.
    fn using(&mut self, decl: Node<'t>, scope: usize) {
        let mut cursor = decl.walk();
        let children: Vec<Node<'t>> = decl.children(&mut cursor).collect();
        let is_static = children.iter().any(|c| c.kind_name() == "static");
        let alias = decl.field("name").map(|n| self.b.text(n).into_owned());
        let target = children.iter().rev().find(|c| {
            c.is_named() && !c.is_extra() && Some(c.id()) != decl.field("name").map(|n| n.id())
        });
        let Some(target) = target else { return };
        let name = dotted(&without_type_arguments(&self.b.text(*target)));
        let name = name.strip_prefix("global::").unwrap_or(&name).to_owned();
        if name.is_empty() {
            return;
        }
        let line = walk::line(decl);
        let (shown, key) = match (&alias, is_static) {
            (Some(alias), _) => {
                self.scopes[scope].aliases.insert(alias.clone(), name.clone());
                (format!("{alias} = {name}"), qualify(&name))
            }
            (None, true) => {
                self.scopes[scope].statics.push(name.clone());
                (format!("static {name}"), qualify(&name))
            }
            (None, false) => {
                self.scopes[scope].usings.push(name.clone());
                (name.clone(), format!("{}.{NAMESPACE}", qualify(&name)))
            }
        };
        self.b.nodes[0].imports.push(shown);
        let target = Target::Key { key, name, inferred: false };
        self.b.edge(EdgeKind::Imports, 0, target, line);
    }

    /// One type: its node, bases and members; nested types become jobs.
    #[allow(clippy::too_many_arguments)]
    fn type_declaration(
        &mut self,
        decl: Node<'t>,
        parent: NodeIdx,
        outer: Option<usize>,
        scope: usize,
        depth: usize,
        doc: Option<String>,
        jobs: &mut VecDeque<Job<'t>>,
        pending: &mut Pending<'t>,
    ) {
        let Some(name) = decl.field("name") else { return };
        let name = self.b.text(name).into_owned();
        if name.is_empty() {
            return;
        }
        let is_record_struct = decl.kind_name() == "record_declaration" && {
            let mut cursor = decl.walk();
            let found = decl.children(&mut cursor).any(|c| c.kind_name() == "struct");
            found
        };
        let (kind, what) = match decl.kind_name() {
            "interface_declaration" => (NodeKind::Interface, "interface"),
            "enum_declaration" => (NodeKind::Enum, "enum"),
            "struct_declaration" => (NodeKind::Struct, "struct"),
            "record_declaration" if is_record_struct => (NodeKind::Struct, "struct"),
            "record_declaration" => (NodeKind::Class, "record"),
            "delegate_declaration" => (NodeKind::TypeAlias, "delegate"),
            _ => (NodeKind::Class, "class"),
        };
        let idx = self.b.add_node(parent, kind, &name, decl);
        let body = decl.field("body");
        let end = body.map_or(decl.end_byte(), |b| b.start_byte());
        let signature = header_text(decl, end, self.b.src);
        let modifiers = modifier_words(decl, self.b.src);
        let qualified = self.b.nodes[idx].qualified_name.clone();
        let duplicate = qualified.contains('#');
        {
            let node = &mut self.b.nodes[idx];
            node.signature = Some(signature.trim_end_matches(';').trim_end().to_owned());
            node.docstring = doc;
            node.decorators = attributes(decl, self.b.src);
            if kind == NodeKind::TypeAlias {
                node.has_type_hints = true;
            }
        }
        let key = qualify(&qualified);
        if !duplicate {
            self.b.export_node(key.clone(), idx);
        }
        let mut type_params = type_parameters(decl, self.b.src);
        if let Some(o) = outer {
            // A nested type sees its outer types' type parameters.
            type_params.extend(self.types[o].type_params.iter().cloned());
        }
        let primary = primary_parameters(decl);
        let t = self.types.len();
        self.types.push(TypeInfo {
            node: idx,
            key: key.clone(),
            exported: !duplicate,
            outer,
            scope,
            supers: Vec::new(),
            type_params,
            what,
            partial: modifiers.iter().any(|m| m == "partial"),
            primary: primary.map(|p| arity(Some(p)).1),
        });
        self.type_names.entry(name.clone()).or_default().push(t);
        self.type_keys.entry(key).or_insert(t);
        if what != "enum" && what != "delegate" {
            let mut cursor = decl.walk();
            let bases: Vec<Node<'t>> =
                decl.named_children(&mut cursor).filter(|c| c.kind_name() == "base_list").collect();
            for list in bases {
                let mut c = list.walk();
                for base in list.named_children(&mut c) {
                    let ty = match base.kind_name() {
                        "primary_constructor_base_type" => base.field("type"),
                        "argument_list" | "comment" => None,
                        _ => Some(base),
                    };
                    if let Some(ty) = ty {
                        pending.supers.push((t, ty, walk::line(base)));
                    }
                }
            }
        }
        if let Some(params) = primary {
            // A record's (or a primary constructor's) parameters are its properties
            // (or are in scope in its members, which reads the same).
            let mut cursor = params.walk();
            for p in params.named_children(&mut cursor) {
                if p.kind_name() != "parameter" {
                    continue;
                }
                let Some(n) = p.field("name") else { continue };
                let n = self.b.text(n).into_owned();
                self.fields.insert((t, n.clone()), None);
                if let Some(ty) = p.field("type") {
                    pending.fields.push((t, n, ty));
                }
            }
            if let Some(list) =
                decl.named_children(&mut decl.walk()).find(|c| c.kind_name() == "base_list")
            {
                // `record B(int X) : A(X)`: the base's constructor call is the type's.
                let mut c = list.walk();
                let has_args = list.named_children(&mut c).any(|n| {
                    n.kind_name() == "primary_constructor_base_type"
                        || n.kind_name() == "argument_list"
                });
                if has_args {
                    self.add_body(idx, list, t, Vec::new(), None, false);
                }
            }
        }
        if kind == NodeKind::TypeAlias {
            return;
        }
        let Some(body) = body else { return };
        if body.kind_name() == "enum_member_declaration_list" {
            for (member, doc) in with_docs(body, self.b.src) {
                if member.kind_name() == "enum_member_declaration" {
                    self.enum_member(t, idx, member, doc);
                }
            }
            return;
        }
        for (member, doc) in with_docs(body, self.b.src) {
            match member.kind_name() {
                k if is_type_declaration(k) => jobs.push_back(Job::Type {
                    syntax: member,
                    parent: idx,
                    outer: Some(t),
                    scope,
                    depth: depth + 1,
                    doc,
                }),
                "method_declaration"
                | "constructor_declaration"
                | "destructor_declaration"
                | "operator_declaration"
                | "conversion_operator_declaration" => {
                    self.method(t, idx, member, doc, depth, &modifiers, pending)
                }
                "property_declaration" | "indexer_declaration" | "event_declaration" => {
                    self.property(t, idx, member, doc, depth, pending)
                }
                "field_declaration" | "event_field_declaration" => {
                    self.field(t, idx, member, doc, pending)
                }
                _ => {}
            }
        }
    }

    /// An enum member: a `constant` of the enum.
    fn enum_member(&mut self, t: usize, parent: NodeIdx, member: Node<'t>, doc: Option<String>) {
        let Some(n) = member.field("name") else { return };
        let name = self.b.text(n).into_owned();
        if name.is_empty() {
            return;
        }
        let idx = self.b.add_node(parent, NodeKind::Constant, &name, member);
        self.b.nodes[idx].signature =
            Some(short(&header_text(member, member.end_byte(), self.b.src)));
        self.b.nodes[idx].docstring = doc;
        self.b.nodes[idx].decorators = attributes(member, self.b.src);
        let enum_ty = Ty { key: self.types[t].key.clone(), inferred: false };
        self.fields.insert((t, name.clone()), Some(enum_ty));
        if self.types[t].exported && !self.b.nodes[idx].qualified_name.contains('#') {
            let key = format!("{}.{name}", self.types[t].key);
            self.b.export_node(key, idx);
        }
    }

    /// A method, constructor, destructor or operator.
    #[allow(clippy::too_many_arguments)]
    fn method(
        &mut self,
        t: usize,
        parent: NodeIdx,
        decl: Node<'t>,
        doc: Option<String>,
        depth: usize,
        type_modifiers: &[String],
        pending: &mut Pending<'t>,
    ) {
        let is_ctor = decl.kind_name() == "constructor_declaration";
        let name = match decl.kind_name() {
            "destructor_declaration" => decl.field("name").map(|n| format!("~{}", self.b.text(n))),
            "operator_declaration" => {
                decl.field("operator").map(|o| format!("operator {}", self.b.text(o)))
            }
            "conversion_operator_declaration" => decl
                .field("type")
                .map(|o| format!("operator {}", walk::collapse_ws(&self.b.text(o)))),
            _ => decl.field("name").map(|n| self.b.text(n).into_owned()),
        };
        let Some(name) = name.filter(|n| !n.is_empty() && n != "~") else { return };
        let idx = self.b.add_node(parent, NodeKind::Method, &name, decl);
        let body = decl.field("body");
        let end = body.map_or(decl.end_byte(), |b| b.start_byte());
        let params = decl.field("parameters");
        let (required, n, varargs) = arity(params);
        let modifiers = modifier_words(decl, self.b.src);
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            let header = header_text(decl, end, src);
            node.signature = Some(header.trim_end_matches(';').trim_end().to_owned());
            node.docstring = doc;
            node.decorators = attributes(decl, src);
            node.complexity = body.map_or(1, complexity);
            node.has_type_hints = true;
        }
        let info = MethodInfo { node: idx, required, arity: n, varargs, result: None };
        let is_static = modifiers.iter().any(|m| m == "static");
        // A destructor and a static constructor are never called by name.
        let exported = self.types[t].exported
            && decl.kind_name() != "destructor_declaration"
            && !(is_ctor && is_static);
        let member = if is_ctor { CONSTRUCTOR } else { name.as_str() };
        if exported {
            for a in call_arities(&info) {
                self.b.export_node(member_key(&self.types[t].key, a, member), idx);
            }
        }
        let type_params = type_parameters(decl, self.b.src);
        if is_ctor {
            if !is_static {
                self.ctors.entry(t).or_default().push(info);
            }
        } else if decl.kind_name() == "method_declaration" {
            let overloads = self.methods.entry((t, name.clone())).or_default();
            overloads.push(info);
            let position = overloads.len() - 1;
            if let Some(ty) = decl.field("returns") {
                pending.results.push((t, name.clone(), position, ty, type_params.clone()));
            }
            let extension = type_modifiers.iter().any(|m| m == "static")
                && first_parameter_is_this(params, self.b.src);
            if extension {
                let first = params.and_then(|p| {
                    let mut c = p.walk();
                    let found = p.named_children(&mut c).find(|c| c.kind_name() == "parameter");
                    found
                });
                if let Some(ty) = first.and_then(|p| p.field("type")) {
                    pending.extensions.push((idx, name.clone(), n - 1, ty, t, type_params.clone()));
                }
            }
        }
        let b = self.add_body(idx, decl, t, type_params, None, true);
        if let Some(body) = body {
            self.local_functions(idx, body, t, depth, b);
        }
    }

    /// A property, indexer or event with accessors: a `method` whose accessors'
    /// calls are its own, and a member whose type types calls through it.
    fn property(
        &mut self,
        t: usize,
        parent: NodeIdx,
        decl: Node<'t>,
        doc: Option<String>,
        depth: usize,
        pending: &mut Pending<'t>,
    ) {
        let name = match decl.kind_name() {
            "indexer_declaration" => Some("this[]".to_owned()),
            _ => decl.field("name").map(|n| self.b.text(n).into_owned()),
        };
        let Some(name) = name.filter(|n| !n.is_empty()) else { return };
        let idx = self.b.add_node(parent, NodeKind::Method, &name, decl);
        let end = [decl.field("accessors"), decl.field("value")]
            .into_iter()
            .flatten()
            .map(|n| n.start_byte())
            .min()
            .unwrap_or(decl.end_byte());
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            node.signature =
                Some(header_text(decl, end, src).trim_end_matches(';').trim_end().to_owned());
            node.docstring = doc;
            node.decorators = attributes(decl, src);
            node.complexity = complexity(decl);
            node.has_type_hints = true;
        }
        if decl.kind_name() != "indexer_declaration" {
            self.fields.insert((t, name.clone()), None);
            if let Some(ty) = decl.field("type") {
                pending.fields.push((t, name.clone(), ty));
            }
            if self.types[t].exported && !self.b.nodes[idx].qualified_name.contains('#') {
                self.b.export_node(format!("{}.{name}", self.types[t].key), idx);
            }
        }
        let b = self.add_body(idx, decl, t, Vec::new(), None, true);
        self.local_functions(idx, decl, t, depth, b);
    }

    /// A field declaration: each `const` or `static readonly` field is a
    /// `constant`; every field's type is kept; initializers are the type's calls.
    fn field(
        &mut self,
        t: usize,
        parent: NodeIdx,
        decl: Node<'t>,
        doc: Option<String>,
        pending: &mut Pending<'t>,
    ) {
        let modifiers = modifier_words(decl, self.b.src);
        let constant = modifiers.iter().any(|m| m == "const")
            || (modifiers.iter().any(|m| m == "static")
                && modifiers.iter().any(|m| m == "readonly"));
        let mut cursor = decl.walk();
        let Some(var) =
            decl.named_children(&mut cursor).find(|c| c.kind_name() == "variable_declaration")
        else {
            return;
        };
        let ty = var.field("type");
        let signature = short(&header_text(decl, decl.end_byte(), self.b.src));
        let mut c = var.walk();
        let declarators: Vec<Node<'t>> =
            var.named_children(&mut c).filter(|d| d.kind_name() == "variable_declarator").collect();
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
                self.b.nodes[idx].decorators = attributes(decl, self.b.src);
                if self.types[t].exported && !self.b.nodes[idx].qualified_name.contains('#') {
                    self.b.export_node(format!("{}.{name}", self.types[t].key), idx);
                }
            }
            if let Some(value) = declarator_value(declarator) {
                if let Some(ty) =
                    ty.filter(|_| value.kind_name() == "implicit_object_creation_expression")
                {
                    self.new_types.insert(value.id(), ty);
                }
                self.add_body(parent, value, t, Vec::new(), None, false);
            }
        }
    }

    /// Records a body and returns its index.
    fn add_body(
        &mut self,
        node: NodeIdx,
        syntax: Node<'t>,
        class: usize,
        type_params: Vec<String>,
        outer: Option<usize>,
        is_member: bool,
    ) -> usize {
        self.bodies.push(Body { node, syntax, class, type_params, outer, is_member });
        self.bodies.len() - 1
    }

    /// The local functions inside `syntax`, nested ones inside theirs: `function`
    /// nodes under the member they are declared in, each a body of its own that
    /// sees the locals of the body around it.
    fn local_functions(
        &mut self,
        parent: NodeIdx,
        syntax: Node<'t>,
        t: usize,
        depth: usize,
        body: usize,
    ) {
        let mut work = vec![(parent, syntax, depth, body)];
        while let Some((parent, syntax, depth, body)) = work.pop() {
            let mut found = Vec::new();
            walk::preorder(syntax, |node| match node.kind_name() {
                "local_function_statement" if node != syntax => {
                    found.push(node);
                    false
                }
                k if is_type_declaration(k) => false,
                _ => true,
            });
            for f in found {
                if depth + 1 > crate::MAX_DEPTH {
                    self.b.too_deep(walk::line(f));
                    continue;
                }
                let Some(n) = f.field("name") else { continue };
                let name = self.b.text(n).into_owned();
                if name.is_empty() {
                    continue;
                }
                let idx = self.b.add_node(parent, NodeKind::Function, &name, f);
                let fbody = f.field("body");
                let end = fbody.map_or(f.end_byte(), |b| b.start_byte());
                {
                    let src = self.b.src;
                    let node = &mut self.b.nodes[idx];
                    node.signature =
                        Some(header_text(f, end, src).trim_end_matches(';').trim_end().to_owned());
                    node.decorators = attributes(f, src);
                    node.complexity = fbody.map_or(1, complexity);
                    node.has_type_hints = true;
                }
                self.local_functions.entry((body, name)).or_insert(idx);
                let mut params = type_parameters(f, self.b.src);
                params.extend(self.bodies[body].type_params.iter().cloned());
                let b = self.add_body(idx, f, t, params, Some(body), true);
                work.push((idx, f, depth + 1, b));
            }
        }
    }

    /// Gives each namespace declaration that needs one the key of its lookup scope
    /// (a namespace, or `using`s to search: see [`Self::levels`]).
    fn scope_keys(&mut self) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for s in 0..self.scopes.len() {
            let levels = self.levels(s);
            let needed = levels.iter().any(|(ns, scope)| {
                !ns.is_empty() || scope.is_some_and(|s| !self.scopes[s].usings.is_empty())
            });
            if needed {
                let n = seen.entry(self.scopes[s].ns.clone()).or_insert(0);
                *n += 1;
                let key = scope_key(self.b.path, &self.scopes[s].ns, *n);
                self.scope_index.insert(key.clone(), s);
                self.scopes[s].key = Some(key);
            }
        }
    }

    /// Resolves the bases, field, property and return types of the file's types,
    /// and the types extension methods extend.
    fn resolve_declared(&mut self, pending: Pending<'t>) {
        for (t, syntax, line) in pending.supers {
            // A type's bases are a handful; thousands are an attack on the member
            // look-ups, which visit each.
            if self.types[t].supers.len() >= MAX_DECLARED_SUPERS {
                continue;
            }
            let Some(ty) = self.type_key(syntax, t, &[]) else { continue };
            if ty.key == self.types[t].key {
                continue;
            }
            let first = self.types[t].supers.is_empty();
            let (implemented, guessed) = match self.type_keys.get(&ty.key) {
                Some(&s) => {
                    (self.types[s].what == "interface" && self.types[t].what != "interface", false)
                }
                None => match self.types[t].what {
                    "struct" => (true, false),
                    "interface" => (false, false),
                    _ => {
                        let last = ty.key.rsplit('.').next().unwrap_or("");
                        let named_interface = looks_like_interface(last);
                        (named_interface || !first, true)
                    }
                },
            };
            let ty = Ty { key: ty.key, inferred: ty.inferred || guessed };
            self.types[t].supers.push((ty, line, implemented, guessed));
        }
        for (t, name, syntax) in pending.fields {
            if let Some(ty) = self.type_key(syntax, t, &[]) {
                self.fields.insert((t, name), Some(ty));
            }
        }
        for (t, name, position, syntax, params) in pending.results {
            let ty = self.type_key(syntax, t, &params);
            if let Some(m) = self.methods.get_mut(&(t, name)).and_then(|m| m.get_mut(position)) {
                m.result = ty;
            }
        }
        for (node, name, arity, syntax, t, params) in pending.extensions {
            let ty = self.type_key(syntax, t, &params);
            self.extensions.entry(name).or_default().push((node, ty, arity));
        }
    }
}

/// The name of the namespace an `ERROR` node begins to declare (`namespace A.B {`
/// whose block never closes), if it does.
fn error_namespace(error: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = error.walk();
    let mut children = error.children(&mut cursor).filter(|c| !c.is_extra());
    if children.next()?.kind_name() != "namespace" {
        return None;
    }
    children.next().filter(|n| {
        matches!(n.kind_name(), "identifier" | "qualified_name") && n.end_byte() > n.start_byte()
    })
}

/// Whether `kind` declares a type.
pub(super) fn is_type_declaration(kind: &str) -> bool {
    matches!(
        kind,
        "class_declaration"
            | "struct_declaration"
            | "interface_declaration"
            | "enum_declaration"
            | "record_declaration"
            | "record_struct_declaration"
            | "delegate_declaration"
    )
}

/// Whether a type's name follows .NET's interface convention: `I` and a capital
/// (`IDisposable`, not `Item`).
pub(super) fn looks_like_interface(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next() == Some('I') && chars.next().is_some_and(|c| c.is_uppercase())
}

/// A dotted name without whitespace or comments between its parts (`a . b` → `a.b`).
fn dotted(text: &str) -> String {
    text.split('.').map(str::trim).collect::<Vec<_>>().join(".")
}

/// A type's text without type arguments and whitespace (`Dictionary<K, V>.Entry` →
/// `Dictionary.Entry`).
pub(super) fn without_type_arguments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The parameters of a parameter list: how many have no default value, how many
/// there are, and whether the last is `params`.
fn arity(params: Option<Node<'_>>) -> (usize, usize, bool) {
    let Some(params) = params else { return (0, 0, false) };
    let (mut required, mut n, mut varargs) = (0, 0, false);
    let mut cursor = params.walk();
    for p in params.children(&mut cursor) {
        match p.kind_name() {
            // `params T[] xs` is written in the list itself, not as a `parameter`.
            "params" => {
                n += 1;
                varargs = true;
            }
            "parameter" => {
                n += 1;
                let mut c = p.walk();
                let has_default = p.children(&mut c).any(|child| child.kind_name() == "=");
                if !has_default {
                    required += 1;
                }
            }
            _ => {}
        }
    }
    (required, n, varargs)
}

/// Whether the first parameter of a list is `this T x` (an extension method's).
fn first_parameter_is_this(params: Option<Node<'_>>, src: &[u8]) -> bool {
    let Some(params) = params else { return false };
    let mut cursor = params.walk();
    let Some(first) = params.named_children(&mut cursor).find(|c| c.kind_name() == "parameter")
    else {
        return false;
    };
    let mut c = first.walk();
    let found = first.children(&mut c).any(|m| {
        m.kind_name() == "modifier" && walk::text(m, src) == "this" || m.kind_name() == "this"
    });
    found
}

/// A type's primary constructor parameters (`record P(int X)`, `class C(int x)`).
fn primary_parameters(decl: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = decl.walk();
    let found = decl.named_children(&mut cursor).find(|c| c.kind_name() == "parameter_list");
    found
}

/// The initializer of a variable declarator (`x = value`).
pub(super) fn declarator_value(declarator: Node<'_>) -> Option<Node<'_>> {
    let name = declarator.field("name").map(|n| n.id());
    let mut cursor = declarator.walk();
    let mut after_eq = false;
    let mut found = None;
    for child in declarator.children(&mut cursor) {
        if child.kind_name() == "=" {
            after_eq = true;
        } else if after_eq && child.is_named() && !child.is_extra() && Some(child.id()) != name {
            found = Some(child);
            break;
        }
    }
    found
}

/// The names of a declaration's type parameters (`<T, U>` → `T`, `U`).
fn type_parameters(decl: Node<'_>, src: &[u8]) -> Vec<String> {
    let list = decl.field("type_parameters").or_else(|| {
        let mut cursor = decl.walk();
        let found =
            decl.named_children(&mut cursor).find(|c| c.kind_name() == "type_parameter_list");
        found
    });
    let Some(list) = list else { return Vec::new() };
    let mut out = Vec::new();
    let mut cursor = list.walk();
    for p in list.named_children(&mut cursor) {
        if p.kind_name() == "type_parameter" {
            if let Some(name) = p.field("name") {
                out.push(walk::text(name, src).into_owned());
            }
        }
    }
    out
}

/// The attributes of a declaration, each list as written (`[Fact]`,
/// `[TestCase(1, 2)]`), whitespace collapsed.
fn attributes(decl: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut cursor = decl.walk();
    let out = decl
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() == "attribute_list")
        .map(|c| walk::collapse_ws(&walk::text(c, src)))
        .collect();
    out
}

/// The keyword modifiers of a declaration (`public`, `static`, `partial`).
fn modifier_words(decl: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut cursor = decl.walk();
    let out = decl
        .children(&mut cursor)
        .filter(|c| c.kind_name() == "modifier")
        .map(|c| walk::text(c, src).into_owned())
        .collect();
    out
}

/// A declaration's header: its text from the start up to `end` (the body), without
/// attributes and comments, whitespace collapsed.
fn header_text(decl: Node<'_>, end: usize, src: &[u8]) -> String {
    let mut skip: Vec<(usize, usize)> = Vec::new();
    let mut cursor = decl.walk();
    for n in decl.children(&mut cursor) {
        if n.start_byte() >= end {
            break;
        }
        if matches!(n.kind_name(), "attribute_list" | "comment") {
            skip.push((n.start_byte(), n.end_byte()));
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
    walk::collapse_ws(&text)
}

/// The named children of `container` that are not comments, each with its XML doc:
/// the `///` comment lines right before it. The declarations inside `#if`, `#elif`
/// and `#else` branches are the container's too (every branch: which one builds is
/// not known here), in source order.
fn with_docs<'t>(container: Node<'t>, src: &[u8]) -> Vec<(Node<'t>, Option<String>)> {
    let mut out = Vec::new();
    let mut doc: Vec<Node<'t>> = Vec::new();
    let mut items: Vec<Node<'t>> = Vec::new();
    let mut stack: Vec<(Node<'t>, usize)> = vec![(container, 0)];
    while let Some((node, depth)) = stack.pop() {
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        for child in children.into_iter().rev() {
            let branch =
                matches!(child.kind_name(), "preproc_if" | "preproc_elif" | "preproc_else");
            if branch && depth < crate::MAX_DEPTH {
                stack.push((child, depth + 1));
            } else {
                stack.push((child, usize::MAX));
            }
        }
        // Leaves (pushed with `usize::MAX`) come off the stack in source order.
        while let Some(&(leaf, d)) = stack.last() {
            if d != usize::MAX {
                break;
            }
            stack.pop();
            items.push(leaf);
        }
    }
    for item in items {
        if item.kind_name() == "comment" {
            let text = walk::text(item, src);
            if text.starts_with("///") && !text.starts_with("////") {
                let adjacent = doc
                    .last()
                    .is_none_or(|d| d.end_position().row + 1 >= item.start_position().row);
                if !adjacent {
                    doc.clear();
                }
                doc.push(item);
            } else {
                doc.clear();
            }
            continue;
        }
        let text = if doc.is_empty() {
            None
        } else {
            let lines: Vec<String> = doc.iter().map(|d| walk::text(*d, src).into_owned()).collect();
            doc.clear();
            xml_doc(&lines)
        };
        out.push((item, text));
    }
    out
}

/// An XML doc comment's text (its `///` lines): the `<summary>` text, then a line
/// for each `<param>` (`x: text`), `<returns>` and `<remarks>`; the whole text
/// without tags when it has no summary. Inline tags (`<see cref="T:A.B"/>`,
/// `<paramref name="x"/>`, `<c>x</c>`) become their text. `None` when nothing is
/// left.
pub(super) fn xml_doc(lines: &[String]) -> Option<String> {
    let body: Vec<&str> = lines
        .iter()
        .map(|l| {
            let l = l.strip_prefix("///").unwrap_or(l);
            l.strip_prefix(' ').unwrap_or(l).trim_end()
        })
        .collect();
    let text = body.join("\n");
    let mut parts = Vec::new();
    if let Some(summary) = element(&text, "summary").map(|(_, t)| t) {
        parts.push(plain(summary));
        let mut rest = text.as_str();
        while let Some((attrs, inner)) = element(rest, "param") {
            let name = attribute_value(attrs, "name").unwrap_or_default();
            parts.push(format!("{name}: {}", one_paragraph(&plain(inner))));
            let end = rest.find("</param>").map_or(rest.len(), |i| i + "</param>".len());
            rest = &rest[end..];
        }
        for tag in ["returns", "remarks"] {
            if let Some((_, inner)) = element(&text, tag) {
                parts.push(format!("{tag}: {}", one_paragraph(&plain(inner))));
            }
        }
    } else {
        parts.push(plain(&text));
    }
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
    let doc = parts.join("\n");
    (!doc.trim().is_empty()).then(|| doc.trim().to_owned())
}

/// The first `<tag ...>inner</tag>` of `text`: its attributes' text and inner text.
fn element<'a>(text: &'a str, tag: &str) -> Option<(&'a str, &'a str)> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = text[from..].find(&open) {
        let start = from + i + open.len();
        let next = text[start..].chars().next();
        if matches!(next, Some('>' | ' ' | '\t' | '\n' | '/')) {
            let close = text[start..].find('>')? + start;
            let attrs = &text[start..close];
            if attrs.ends_with('/') {
                return Some((attrs.trim_end_matches('/'), ""));
            }
            let end_tag = format!("</{tag}>");
            let end = text[close + 1..].find(&end_tag).map_or(text.len(), |e| close + 1 + e);
            return Some((attrs, &text[close + 1..end]));
        }
        from = start;
    }
    None
}

/// The value of attribute `name` in a tag's attribute text (`name="x"`).
fn attribute_value<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let at = attrs.find(&format!("{name}="))? + name.len() + 1;
    let rest = &attrs[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote).unwrap_or(rest.len())])
}

/// Text with its XML tags replaced by what they say: a `cref` or `name` attribute's
/// value (without a `T:`-style prefix), nothing for other tags; entities decoded,
/// each line trimmed, blank lines at either end dropped.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&rest[lt..]);
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        if let Some(v) = attribute_value(tag, "cref")
            .or_else(|| attribute_value(tag, "name"))
            .or_else(|| attribute_value(tag, "langword"))
        {
            let v = match v.split_once(':') {
                Some((p, r)) if p.len() == 1 => r,
                _ => v,
            };
            out.push_str(v);
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    let out =
        out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    let mut lines: Vec<&str> = out.lines().map(str::trim).collect();
    crate::common::docs::trim_blank_edges(&mut lines);
    lines.join("\n")
}

/// Text on one line (its lines joined by spaces).
fn one_paragraph(text: &str) -> String {
    walk::collapse_ws(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> Option<String> {
        xml_doc(&lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn xml_docs_keep_the_summary_and_the_parameters() {
        assert_eq!(doc(&["/// <summary>One.</summary>"]).as_deref(), Some("One."));
        let d = doc(&[
            "/// <summary>",
            "/// Adds <paramref name=\"a\"/> to a <see cref=\"T:Acme.Total\"/>.",
            "/// </summary>",
            "/// <param name=\"a\">the left",
            "/// operand</param>",
            "/// <returns>The sum.</returns>",
        ]);
        assert_eq!(
            d.as_deref(),
            Some("Adds a to a Acme.Total.\na: the left operand\nreturns: The sum.")
        );
        assert_eq!(doc(&["/// Plain &lt;text&gt;."]).as_deref(), Some("Plain <text>."));
        assert_eq!(doc(&["/// <summary></summary>"]), None);
    }

    #[test]
    fn interfaces_are_told_by_their_names() {
        assert!(looks_like_interface("IDisposable"));
        assert!(!looks_like_interface("Item"));
        assert!(!looks_like_interface("I"));
    }

    #[test]
    fn type_arguments_are_dropped() {
        assert_eq!(without_type_arguments("Dictionary<K, List<V>>.Entry"), "Dictionary.Entry");
    }
}

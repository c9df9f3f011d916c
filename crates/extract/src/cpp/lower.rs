//! C++ lowering: namespaces, classes and their members, functions (in the class body
//! and out of line), templates, enums, type aliases, macros, `#include`s and `using`s
//! become nodes, imports and the tables later phases read; signatures, Doxygen
//! comments (C's doc-comment reading), attributes, complexity and declared types.

use super::*;
use crate::c::{end_row, include_written, Pending};
use crate::walk::{Fields, Kinds};
use crate::{walk, Target};
use model::{EdgeKind, NodeKind};

/// The name a declarator declares a function by, `None` when it declares no function
/// (a variable, a pointer to a function) or recovery left no name.
pub(super) fn function_name<'t>(declarator: Node<'t>, src: &[u8]) -> Option<FnName<'t>> {
    let mut current = declarator;
    for _ in 0..crate::MAX_DEPTH {
        match current.kind_name() {
            "function_declarator" => {
                let inner = current.field("declarator")?;
                let (scope, name, global) = declared_name(inner, src)?;
                return Some(FnName { scope, name, global, declarator: current });
            }
            "pointer_declarator" | "init_declarator" => {
                current = current.field("declarator")?;
            }
            "reference_declarator" | "attributed_declarator" => {
                current = first_declarator(current)?;
            }
            _ => return None,
        }
    }
    None
}

/// A function declarator's name: `ns::A::f` is the scope `["ns", "A"]` and the name
/// `f`; `::g` is global.
pub(super) struct FnName<'t> {
    pub scope: Vec<String>,
    pub name: String,
    pub global: bool,
    /// The `function_declarator` (its `parameters` are the function's).
    pub declarator: Node<'t>,
}

/// The first named child of a wrapping declarator that is not an attribute or a
/// qualifier.
fn first_declarator(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    let found = node.named_children(&mut cursor).find(|c| {
        !matches!(
            c.kind_name(),
            "attribute_declaration" | "ms_call_modifier" | "comment" | "type_qualifier"
        )
    });
    found
}

/// The scope, name and global flag of a declared name: an identifier, a destructor
/// (`~A`), an operator (`operator==`), a template's name, or a qualified name.
pub(super) fn declared_name(node: Node<'_>, src: &[u8]) -> Option<(Vec<String>, String, bool)> {
    let mut scope = Vec::new();
    let mut global = false;
    let mut current = node;
    for _ in 0..crate::MAX_DEPTH {
        match current.kind_name() {
            "identifier" | "field_identifier" | "type_identifier" => {
                let name = walk::text(current, src).into_owned();
                return (!name.is_empty()).then_some((scope, name, global));
            }
            "destructor_name" | "operator_name" | "operator_cast" => {
                let name = walk::collapse_ws(&walk::text(current, src));
                let name = name.replace("~ ", "~");
                return (!name.is_empty()).then_some((scope, name, global));
            }
            "template_function" | "template_type" | "template_method" => {
                current = current.field("name")?;
            }
            "qualified_identifier" => {
                match current.field("scope") {
                    Some(s) => scope.push(scope_segment(s, src)?),
                    None if scope.is_empty() => global = true,
                    None => {}
                }
                current = current.field("name")?;
            }
            _ => return None,
        }
    }
    None
}

/// One segment of a qualified name's scope: `ns`, or `Box` for `Box<T>::`.
fn scope_segment(scope: Node<'_>, src: &[u8]) -> Option<String> {
    let node = match scope.kind_name() {
        "template_type" => scope.field("name")?,
        _ => scope,
    };
    let text = walk::text(node, src).into_owned();
    (!text.is_empty() && !text.contains(char::is_whitespace)).then_some(text)
}

/// Smart pointers (and `optional`) whose first template argument is what `->`
/// reaches.
const SMART_POINTERS: &[&str] = &["unique_ptr", "shared_ptr", "weak_ptr", "optional"];

/// Templates whose first argument is not their element: a range `for` over a map
/// gives pairs.
const NOT_CONTAINERS: &[&str] = &[
    "map",
    "unordered_map",
    "multimap",
    "unordered_multimap",
    "pair",
    "tuple",
    "function",
    "variant",
];

/// A type as written ([`Written`]), `None` for a built-in type, `auto` or syntax
/// that names no type.
pub(super) fn written_type(ty: Node<'_>, src: &[u8]) -> Option<Written> {
    written_type_at(ty, src, 0)
}

/// How many template arguments deep [`written_type`] reads (`A<B<C<...>>>`).
const MAX_TEMPLATE_DEPTH: usize = 8;

/// [`written_type`] inside `depth` template argument lists.
fn written_type_at(ty: Node<'_>, src: &[u8], depth: usize) -> Option<Written> {
    let mut segs = Vec::new();
    let mut global = false;
    let mut current = ty;
    for _ in 0..crate::MAX_DEPTH {
        match current.kind_name() {
            "type_identifier" | "identifier" | "namespace_identifier" => {
                let text = walk::text(current, src).into_owned();
                if text.is_empty() {
                    return None;
                }
                segs.push(text);
                return Some(Written { segs, global, ..Written::default() });
            }
            "template_type" => {
                let name = current.field("name")?;
                segs.push(walk::text(name, src).into_owned());
                let argument = if depth < MAX_TEMPLATE_DEPTH {
                    first_argument_at(current, src, depth + 1).map(Box::new)
                } else {
                    None
                };
                let last = segs.last()?.as_str();
                let (pointee, element) = if SMART_POINTERS.contains(&last) {
                    (argument, None)
                } else if NOT_CONTAINERS.contains(&last) {
                    (None, None)
                } else {
                    (None, argument)
                };
                return Some(Written { segs, global, pointee, element });
            }
            "qualified_identifier" => {
                match current.field("scope") {
                    Some(s) => segs.push(scope_segment(s, src)?),
                    None if segs.is_empty() => global = true,
                    None => {}
                }
                current = current.field("name")?;
            }
            "struct_specifier" | "class_specifier" | "union_specifier" | "enum_specifier" => {
                current = current.field("name")?;
            }
            "dependent_type" | "type_descriptor" => {
                current = match current.field("type") {
                    Some(t) => t,
                    None => current.named_child(0)?,
                };
            }
            _ => return None,
        }
    }
    None
}

/// The type of a template's first argument (`A` of `unique_ptr<A>`).
pub(super) fn first_type_argument(template: Node<'_>, src: &[u8]) -> Option<Written> {
    first_argument_at(template, src, 1)
}

/// [`first_type_argument`] inside `depth` template argument lists.
fn first_argument_at(template: Node<'_>, src: &[u8], depth: usize) -> Option<Written> {
    let args = template.field("arguments")?;
    let first = args.named_child(0)?;
    written_type_at(first, src, depth)
}

/// The name a variable's or field's declarator declares: through pointers,
/// references, arrays and initializers to the identifier.
pub(super) fn variable_name(declarator: Node<'_>, src: &[u8]) -> Option<String> {
    let mut current = declarator;
    for _ in 0..crate::MAX_DEPTH {
        match current.kind_name() {
            "identifier" | "field_identifier" => {
                let name = walk::text(current, src).into_owned();
                return (!name.is_empty()).then_some(name);
            }
            // `int (*f)(int)`: a pointer to a function is a variable.
            "pointer_declarator"
            | "array_declarator"
            | "init_declarator"
            | "function_declarator" => {
                current = current.field("declarator")?;
            }
            "reference_declarator" | "attributed_declarator" | "parenthesized_declarator" => {
                current = first_declarator(current)?;
            }
            _ => return None,
        }
    }
    None
}

/// How many arguments a function with `parameters` accepts: (fewest, most), most
/// `None` for a variadic one.
fn arity(parameters: Option<Node<'_>>) -> (usize, Option<usize>) {
    let Some(list) = parameters else { return (0, Some(0)) };
    let (mut min, mut max, mut variadic) = (0, 0, false);
    let mut cursor = list.walk();
    for p in list.named_children(&mut cursor) {
        match p.kind_name() {
            "parameter_declaration" => {
                min += 1;
                max += 1;
            }
            "optional_parameter_declaration" => max += 1,
            "variadic_parameter_declaration" | "variadic_parameter" => variadic = true,
            _ => {}
        }
    }
    (min, (!variadic).then_some(max))
}

/// Whether a parameter list is `(void)`.
fn is_void_list(parameters: Node<'_>, src: &[u8]) -> bool {
    let text = walk::text(parameters, src);
    text.trim_start_matches('(').trim_end_matches(')').trim() == "void"
}

/// The attributes of a definition (`[[nodiscard]]`, `__attribute__((x))`), as written.
fn attributes(node: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if matches!(
            child.kind_name(),
            "attribute_declaration" | "attribute_specifier" | "ms_declspec_modifier"
        ) {
            out.push(walk::collapse_ws(&walk::text(child, src)));
        }
    }
    out
}

/// `outer`'s text up to `end` (a body's start), whitespace collapsed: a signature.
fn header_text(outer: Node<'_>, end: usize, src: &[u8]) -> String {
    let end = end.clamp(outer.start_byte(), outer.end_byte());
    let text = String::from_utf8_lossy(&src[outer.start_byte()..end]);
    short(walk::collapse_ws(&text).trim_end_matches([';', ' ', ':']))
}

/// The parameter names of a template's parameter list.
fn template_parameters(list: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = list.walk();
    for p in list.named_children(&mut cursor) {
        let name = match p.kind_name() {
            "type_parameter_declaration" | "variadic_type_parameter_declaration" => {
                let mut c = p.walk();
                let found = p
                    .named_children(&mut c)
                    .find(|n| n.kind_name() == "type_identifier")
                    .map(|n| walk::text(n, src).into_owned());
                found
            }
            "optional_type_parameter_declaration" => {
                p.field("name").map(|n| walk::text(n, src).into_owned())
            }
            "template_template_parameter_declaration" => {
                let mut c = p.walk();
                let found = p
                    .named_children(&mut c)
                    .find(|n| n.kind_name() == "type_parameter_declaration")
                    .and_then(|n| {
                        let mut c2 = n.walk();
                        let name = n
                            .named_children(&mut c2)
                            .find(|x| x.kind_name() == "type_identifier")
                            .map(|x| walk::text(x, src).into_owned());
                        name
                    });
                found
            }
            _ => p.field("declarator").and_then(|d| variable_name(d, src)),
        };
        out.extend(name);
    }
    out
}

/// What a `template <...>` around a declaration adds: its parameters' names (the
/// signature's `template <...>` comes with the syntax the node spans).
#[derive(Clone, Default)]
struct Template {
    params: Vec<String>,
}

impl<'s, 't> Px<'s, 't> {
    /// Adds a node spanning `syntax` under `parent`, `scope` (dotted) between them.
    /// Syntax that ends after a newline (a directive, a body tree-sitter closed at the
    /// end of the file) ends on the line before, as C's do.
    fn node(
        &mut self,
        parent: NodeIdx,
        scope: &str,
        kind: NodeKind,
        name: &str,
        syntax: Node<'t>,
    ) -> NodeIdx {
        let idx = self.b.add_node_within(parent, scope, kind, name, syntax);
        let last = end_row(syntax) as u32 + 1;
        let node = &mut self.b.nodes[idx];
        if last < node.span.end_line {
            node.span.end_line = last.max(node.span.start_line);
            node.line_count = node.span.end_line - node.span.start_line + 1;
        }
        idx
    }

    /// Walks the items of `container` (the file, a namespace's body, a preprocessor
    /// branch, `extern "C"`, an ERROR node) in scope `ctx`, their nodes under
    /// `parent`. `guard` is the name of the `#ifndef` the container is, if any: its
    /// `#define` is the include guard, not a constant.
    pub(super) fn items(
        &mut self,
        container: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        depth: usize,
        guard: Option<&str>,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(container));
            return;
        }
        let src = self.b.src;
        let mut pending = Pending::default();
        let mut cursor = container.walk();
        let children: Vec<Node<'t>> = container.named_children(&mut cursor).collect();
        let mut i = 0;
        while i < children.len() {
            let item = children[i];
            i += 1;
            if item.kind_name() == "comment" {
                pending.comment(item);
                continue;
            }
            let doc = pending.take(item, src);
            if item.kind_name() == "expression_statement" {
                if let Some(&body) = children.get(i) {
                    if body.kind_name() == "compound_statement"
                        && self.catch2_test(item, body, ctx, parent, doc.clone())
                    {
                        i += 1;
                        continue;
                    }
                }
            }
            match item.kind_name() {
                "preproc_ifdef" => {
                    let ifndef = item.child(0).is_some_and(|t| t.kind_name() == "#ifndef");
                    let name = item.field("name").map(|n| self.b.text(n));
                    let inner = if ifndef { name.as_deref().map(str::to_owned) } else { None };
                    self.items(item, ctx, parent, depth + 1, inner.as_deref());
                }
                "preproc_if" | "preproc_else" | "preproc_elif" | "preproc_elifdef"
                | "declaration_list" | "ERROR" => {
                    self.items(item, ctx, parent, depth + 1, None);
                }
                "linkage_specification" => {
                    let inner = Ctx { extern_c: true, ..ctx.clone() };
                    match item.field("body") {
                        Some(body) if body.kind_name() == "declaration_list" => {
                            self.items(body, &inner, parent, depth + 1, None);
                        }
                        Some(one) => {
                            self.item(one, one, &inner, parent, doc, depth + 1, guard, None)
                        }
                        None => {}
                    }
                }
                // Conditions of `#if`/`#elif`, the name of an `#ifdef`: nothing to
                // extract, nothing called.
                "identifier" | "preproc_defined" | "string_literal" | "number_literal"
                | "binary_expression" | "unary_expression" => {}
                _ => self.item(item, item, ctx, parent, doc, depth, guard, None),
            }
        }
    }

    /// One item of a namespace-scope container; `outer` is the syntax its node spans
    /// (a `template <...>` around it, or the item itself).
    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        item: Node<'t>,
        outer: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        doc: Option<String>,
        depth: usize,
        guard: Option<&str>,
        template: Option<&Template>,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(item));
            return;
        }
        let src = self.b.src;
        match item.kind_name() {
            "namespace_definition" => self.namespace(item, ctx, parent, doc, depth),
            "function_definition" => self.function(item, outer, ctx, parent, None, doc, template),
            "template_declaration" => self.template(item, ctx, parent, None, doc, depth),
            "class_specifier" | "struct_specifier" | "union_specifier" | "enum_specifier" => {
                self.class(item, outer, ctx, parent, doc, depth, template, None);
            }
            "declaration" => self.declaration(item, outer, ctx, parent, doc, depth, template),
            "alias_declaration" | "type_definition" => {
                self.alias(item, ctx, parent, None, doc, depth);
            }
            "using_declaration" => self.using(item, ctx),
            "namespace_alias_definition" => {
                let name = item.field("name").map(|n| self.b.text(n).into_owned());
                let mut cursor = item.walk();
                let target = item
                    .named_children(&mut cursor)
                    .filter(|c| {
                        matches!(
                            c.kind_name(),
                            "namespace_identifier" | "nested_namespace_specifier"
                        )
                    })
                    .last()
                    .map(|t| namespace_segments(t, src));
                if let (Some(name), Some(target)) = (name, target) {
                    self.renames.insert(name, target);
                }
            }
            "preproc_include" => self.include(item),
            "preproc_function_def" => self.function_macro(item, doc),
            "preproc_def" => self.object_macro(item, doc, guard),
            "preproc_ifdef" | "preproc_if" | "linkage_specification" | "declaration_list" => {
                self.items(item, ctx, parent, depth + 1, guard);
            }
            "comment" => {}
            _ => self.bodies.push(Body {
                node: parent,
                syntax: item,
                ctx: ctx.clone(),
                is_function: false,
            }),
        }
    }

    /// `namespace a::b { ... }`: a `module` node per name (one per namespace of this
    /// file, however many blocks open it), its items inside; an anonymous namespace's
    /// items belong to the enclosing scope and are not exported.
    fn namespace(
        &mut self,
        def: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        doc: Option<String>,
        depth: usize,
    ) {
        let Some(body) = def.field("body") else { return };
        let Some(name) = def.field("name") else {
            let inner = Ctx { local: true, ..ctx.clone() };
            self.items(body, &inner, parent, depth + 1, None);
            return;
        };
        let segments = namespace_segments(name, self.b.src);
        let mut inner = ctx.clone();
        let mut node = parent;
        for seg in segments {
            inner.ns.push(seg.clone());
            node = match self.namespaces.get(&inner.ns) {
                Some(&idx) => idx,
                None => {
                    let idx = self.node(node, "", NodeKind::Module, &seg, def);
                    self.b.nodes[idx].signature =
                        Some(format!("namespace {}", inner.ns.join("::")));
                    self.b.nodes[idx].docstring = doc.clone();
                    self.namespaces.insert(inner.ns.clone(), idx);
                    idx
                }
            };
        }
        self.items(body, &inner, node, depth + 1, None);
    }

    /// `template <...> D`: `D` lowered with the template's parameters in scope.
    fn template(
        &mut self,
        def: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        class: Option<usize>,
        doc: Option<String>,
        depth: usize,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(def));
            return;
        }
        let src = self.b.src;
        let params = def.field("parameters");
        let mut template = Template::default();
        if let Some(list) = params {
            template.params = template_parameters(list, src);
        }
        let mut inner = ctx.clone();
        inner.tparams.extend(template.params.iter().cloned());
        let mut cursor = def.walk();
        for child in def.named_children(&mut cursor) {
            if Some(child) == params || child.kind_name() == "requires_clause" {
                continue;
            }
            match (child.kind_name(), class) {
                ("template_declaration", _) => {
                    self.template(child, &inner, parent, class, doc.clone(), depth + 1);
                }
                ("function_definition", Some(ci)) => {
                    self.function(
                        child,
                        def,
                        &inner,
                        parent,
                        Some(ci),
                        doc.clone(),
                        Some(&template),
                    );
                }
                (_, Some(ci)) => self.member(child, def, ci, &inner, doc.clone(), depth + 1),
                _ => self.item(
                    child,
                    def,
                    &inner,
                    parent,
                    doc.clone(),
                    depth + 1,
                    None,
                    Some(&template),
                ),
            }
        }
    }

    /// A function definition: in a class body (`class` is its index), out of line
    /// (`A::f`), free, or a GoogleTest test.
    #[allow(clippy::too_many_arguments)]
    fn function(
        &mut self,
        def: Node<'t>,
        outer: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        class: Option<usize>,
        doc: Option<String>,
        template: Option<&Template>,
    ) {
        let src = self.b.src;
        let Some(declarator) = def.field("declarator") else { return };
        let Some(name) = function_name(declarator, src) else {
            // A macro use shaped like a function (`FOO(x) { ... }`) or recovery: its
            // calls are still the enclosing scope's.
            self.bodies.push(Body {
                node: parent,
                syntax: def,
                ctx: ctx.clone(),
                is_function: false,
            });
            return;
        };
        let params = name.declarator.field("parameters");
        if class.is_none() && name.scope.is_empty() && GTEST_MACROS.contains(&name.name.as_str()) {
            if let Some(params) = params {
                if self.gtest(def, &name.name, params, ctx, parent, doc.clone()) {
                    return;
                }
            }
        }
        // Where the function belongs: its class (of this file or elsewhere), or the
        // namespace it is written in.
        let mut body_ctx = ctx.clone();
        let (node_parent, within, kind, class_idx, path) = match class {
            Some(ci) => {
                body_ctx.class = Some(ClassRef::Here(ci));
                let mut path = self.classes[ci].path.clone();
                path.push(name.name.clone());
                (self.classes[ci].node, String::new(), NodeKind::Method, Some(ci), path)
            }
            None if !name.scope.is_empty() => {
                let base: Vec<String> = if name.global { Vec::new() } else { ctx.ns.clone() };
                let mut owner = base.clone();
                owner.extend(name.scope.iter().cloned());
                let found = self
                    .class_paths
                    .get(&owner)
                    .or_else(|| self.class_paths.get(&name.scope))
                    .copied();
                match found {
                    Some(ci) => {
                        let cls = &self.classes[ci];
                        body_ctx.ns = cls.ctx.ns.clone();
                        body_ctx.class = Some(ClassRef::Here(ci));
                        let mut path = cls.path.clone();
                        path.push(name.name.clone());
                        (cls.node, String::new(), NodeKind::Method, Some(ci), path)
                    }
                    None => {
                        let is_namespace = self.namespaces.contains_key(&owner);
                        body_ctx.ns = owner[..owner.len() - usize::from(!is_namespace)].to_vec();
                        body_ctx.class =
                            (!is_namespace).then(|| ClassRef::Elsewhere(owner.clone()));
                        let kind = if is_namespace { NodeKind::Function } else { NodeKind::Method };
                        let within = name.scope.join(".");
                        let mut path = owner;
                        path.push(name.name.clone());
                        (parent, within, kind, None, path)
                    }
                }
            }
            None => {
                let mut path = ctx.ns.clone();
                path.push(name.name.clone());
                (parent, String::new(), NodeKind::Function, None, path)
            }
        };
        if let Some(t) = template {
            body_ctx.tparams.extend(t.params.iter().cloned());
        }
        let idx = self.node(node_parent, &within, kind, &name.name, outer);
        let body = def.field("body");
        let mut is_static = false;
        let mut cursor = def.walk();
        for child in def.named_children(&mut cursor) {
            if child.kind_name() == "storage_class_specifier" && self.b.text(child) == "static" {
                is_static = true;
            }
        }
        let ty = def.field("type");
        // A constructor or destructor has no return type to state.
        let is_special = name.name.starts_with('~')
            || class_idx.is_some_and(|ci| name.name == self.classes[ci].name)
            || name.scope.last() == Some(&name.name);
        {
            let end = def
                .field("body")
                .map_or(def.end_byte(), |b| b.start_byte())
                .min(first_child_start(def, "field_initializer_list").unwrap_or(usize::MAX));
            let node = &mut self.b.nodes[idx];
            node.signature = Some(header_text(outer, end, src));
            node.docstring = doc;
            node.decorators = attributes(def, src);
            node.complexity = body.map_or(1, complexity);
            node.has_type_hints = ty.is_some_and(|t| t.kind_name() != "placeholder_type_specifier")
                || is_special
                || declarator_has_trailing_return(name.declarator);
        }
        let (min_args, max_args) = match params {
            Some(p) if is_void_list(p, src) => (0, Some(0)),
            p => arity(p),
        };
        let result = ty.and_then(|t| written_type(t, src)).map(|w| (w, body_ctx.clone()));
        if let Some(r) = &result {
            self.node_results.insert(idx, r.clone());
        }
        let info = FnInfo { node: Some(idx), min_args, max_args, result };
        match class_idx {
            Some(ci) => {
                if name.name == self.classes[ci].name {
                    self.classes[ci].has_ctor = true;
                    self.ctor_nodes.insert(idx, ci);
                }
                self.methods.entry((ci, name.name.clone())).or_default().push(info);
            }
            None => self.functions.entry(path.clone()).or_default().push(info),
        }
        let exported = !ctx.local && (!is_static || self.header || kind == NodeKind::Method);
        if exported {
            self.b.export_node(key(&path), idx);
            if ctx.extern_c && kind == NodeKind::Function && path.len() == 1 {
                self.b.export_node(format!("{}{}", keys::C, name.name), idx);
            }
        }
        self.bodies.push(Body { node: idx, syntax: def, ctx: body_ctx, is_function: true });
    }

    /// `TEST(Suite, Name) { ... }` and its kin: a test named `Name` in `Suite`.
    fn gtest(
        &mut self,
        def: Node<'t>,
        macro_name: &str,
        params: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        doc: Option<String>,
    ) -> bool {
        let src = self.b.src;
        let mut cursor = params.walk();
        let args: Vec<String> = params
            .named_children(&mut cursor)
            .filter(|p| p.kind_name() == "parameter_declaration")
            .filter_map(|p| p.field("type"))
            .map(|t| walk::text(t, src).into_owned())
            .collect();
        let [suite, test] = args.as_slice() else { return false };
        if !c_identifier(suite) || !c_identifier(test) {
            return false;
        }
        let idx = self.node(parent, suite, NodeKind::Function, test, def);
        let end = def.field("body").map_or(def.end_byte(), |b| b.start_byte());
        {
            let node = &mut self.b.nodes[idx];
            node.signature = Some(header_text(def, end, src));
            node.docstring = doc;
            node.decorators = vec![macro_name.to_owned()];
            node.complexity = def.field("body").map_or(1, complexity);
        }
        let mut body_ctx = ctx.clone();
        if macro_name != "TEST" {
            body_ctx.class = Some(self.fixture(suite, ctx));
        }
        self.tests.push(idx);
        self.bodies.push(Body { node: idx, syntax: def, ctx: body_ctx, is_function: false });
        true
    }

    /// A test fixture named `name` in scope `ctx`: a class of this file, or elsewhere.
    fn fixture(&self, name: &str, ctx: &Ctx) -> ClassRef {
        let mut path = ctx.ns.clone();
        path.push(name.to_owned());
        match self.class_paths.get(&path) {
            Some(&ci) => ClassRef::Here(ci),
            None => ClassRef::Elsewhere(path),
        }
    }

    /// Catch2's `TEST_CASE("name", "[tag]") { ... }`, which tree-sitter reads as a
    /// call followed by a block: a test named by its string, spanning both.
    fn catch2_test(
        &mut self,
        statement: Node<'t>,
        body: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        doc: Option<String>,
    ) -> bool {
        let src = self.b.src;
        let Some(call) = statement.named_child(0).filter(|c| c.kind_name() == "call_expression")
        else {
            return false;
        };
        let Some(function) = call.field("function") else { return false };
        let macro_name = walk::text(function, src).into_owned();
        if function.kind_name() != "identifier" || !CATCH_MACROS.contains(&macro_name.as_str()) {
            return false;
        }
        let Some(args) = call.field("arguments") else { return false };
        let mut cursor = args.walk();
        let list: Vec<Node<'t>> = args.named_children(&mut cursor).collect();
        let name = list.iter().find(|a| a.kind_name() == "string_literal").map(|s| {
            let mut c = s.walk();
            let text: String = s
                .named_children(&mut c)
                .filter(|p| p.kind_name() == "string_content")
                .map(|p| walk::text(p, src).into_owned())
                .collect();
            text
        });
        let Some(name) = name.filter(|n| !n.trim().is_empty()) else { return false };
        let idx = self.node(parent, "", NodeKind::Function, &name, body);
        {
            let start = statement.start_byte();
            let node = &mut self.b.nodes[idx];
            node.span.start_line = statement.start_position().row as u32 + 1;
            node.span.start_byte = start as u32;
            node.line_count = node.span.end_line - node.span.start_line + 1;
            node.source_hash = crate::hash(&src[start..node.span.end_byte as usize]);
            node.signature = Some(short(&walk::collapse_ws(&walk::text(statement, src))));
            node.docstring = doc;
            node.decorators = vec![macro_name.clone()];
            node.complexity = complexity(body);
        }
        let mut body_ctx = ctx.clone();
        if macro_name == "TEST_CASE_METHOD" {
            if let Some(fixture) = list.first().filter(|f| f.kind_name() == "identifier") {
                let fixture = walk::text(*fixture, src).into_owned();
                body_ctx.class = Some(self.fixture(&fixture, ctx));
            }
        }
        self.tests.push(idx);
        self.bodies.push(Body { node: idx, syntax: body, ctx: body_ctx, is_function: false });
        true
    }

    /// A class, struct, union or enum specifier with a body: its node under `parent`
    /// (`member_of` is the class it is nested in), its bases and members. Returns the
    /// class's index (`None` for an enum, or a specifier without a body or a name).
    #[allow(clippy::too_many_arguments)]
    fn class(
        &mut self,
        spec: Node<'t>,
        outer: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        doc: Option<String>,
        depth: usize,
        template: Option<&Template>,
        typedef_name: Option<&str>,
    ) -> Option<usize> {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(spec));
            return None;
        }
        let src = self.b.src;
        let body = spec.field("body")?;
        let name = spec
            .field("name")
            .and_then(|n| declared_name(n, src))
            .map(|(_, name, _)| name)
            .or_else(|| typedef_name.map(str::to_owned))?;
        let kind = match spec.kind_name() {
            "class_specifier" => NodeKind::Class,
            "enum_specifier" => NodeKind::Enum,
            _ => NodeKind::Struct,
        };
        let idx = self.node(parent, "", kind, &name, outer);
        {
            let node = &mut self.b.nodes[idx];
            node.signature = Some(header_text(outer, body.start_byte(), src));
            node.docstring = doc;
            node.decorators = attributes(spec, src);
        }
        let mut path = match &ctx.class {
            Some(ClassRef::Here(ci)) => self.classes[*ci].path.clone(),
            _ => ctx.ns.clone(),
        };
        path.push(name.clone());
        if !ctx.local {
            self.b.export_node(key(&path), idx);
        }
        if kind == NodeKind::Enum {
            return None;
        }
        let mut bases = Vec::new();
        let mut cursor = spec.walk();
        for child in spec.named_children(&mut cursor) {
            if child.kind_name() != "base_class_clause" {
                continue;
            }
            let mut c = child.walk();
            for base in child.named_children(&mut c) {
                if let Some(w) = written_type(base, src) {
                    bases.push((w, walk::line(base)));
                }
            }
        }
        let ci = self.classes.len();
        self.classes.push(ClassInfo {
            node: idx,
            path: path.clone(),
            ctx: ctx.clone(),
            bases,
            has_ctor: false,
            name,
        });
        self.class_paths.insert(path, ci);
        self.class_nodes.insert(idx, ci);
        let mut inner = ctx.clone();
        inner.class = Some(ClassRef::Here(ci));
        if let Some(t) = template {
            inner.tparams.extend(t.params.iter().cloned());
        }
        self.members(body, ci, &inner, depth + 1);
        Some(ci)
    }

    /// The members of class `ci`'s body.
    fn members(&mut self, list: Node<'t>, ci: usize, ctx: &Ctx, depth: usize) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(list));
            return;
        }
        let src = self.b.src;
        let mut pending = Pending::default();
        let mut cursor = list.walk();
        for member in list.named_children(&mut cursor) {
            if member.kind_name() == "comment" {
                pending.comment(member);
                continue;
            }
            let doc = pending.take(member, src);
            self.member(member, member, ci, ctx, doc, depth);
        }
    }

    /// One member of class `ci`'s body, `outer` the syntax its node spans.
    fn member(
        &mut self,
        member: Node<'t>,
        outer: Node<'t>,
        ci: usize,
        ctx: &Ctx,
        doc: Option<String>,
        depth: usize,
    ) {
        let src = self.b.src;
        let class_node = self.classes[ci].node;
        match member.kind_name() {
            "function_definition" => {
                self.function(member, outer, ctx, class_node, Some(ci), doc, None);
            }
            "template_declaration" => self.template(member, ctx, class_node, Some(ci), doc, depth),
            "field_declaration" | "declaration" => {
                if let Some(ty) = member.field("type") {
                    if ty.field("body").is_some() {
                        self.class(ty, ty, ctx, class_node, doc.clone(), depth + 1, None, None);
                    }
                }
                let written = member.field("type").and_then(|t| written_type(t, src));
                let pure = member.field("default_value").is_some_and(|v| self.b.text(v) == "0");
                let mut cursor = member.walk();
                let declarators: Vec<Node<'t>> =
                    member.children_by_field_name("declarator", &mut cursor).collect();
                for d in declarators {
                    if let Some(name) = function_name(d, src) {
                        self.method_declaration(
                            member,
                            outer,
                            ci,
                            ctx,
                            &name,
                            written.clone(),
                            pure,
                            doc.clone(),
                        );
                    } else if let Some(field) = variable_name(d, src) {
                        if let Some(w) = &written {
                            self.fields.insert((ci, field), w.clone());
                        }
                    }
                }
                if let Some(value) = member.field("default_value") {
                    self.bodies.push(Body {
                        node: class_node,
                        syntax: value,
                        ctx: ctx.clone(),
                        is_function: false,
                    });
                }
            }
            "class_specifier" | "struct_specifier" | "union_specifier" | "enum_specifier" => {
                self.class(member, outer, ctx, class_node, doc, depth + 1, None, None);
            }
            "alias_declaration" | "type_definition" => {
                self.alias(member, ctx, class_node, Some(ci), doc, depth)
            }
            "preproc_if" | "preproc_ifdef" | "preproc_else" | "preproc_elif"
            | "preproc_elifdef" => {
                let mut cursor = member.walk();
                let children: Vec<Node<'t>> = member.named_children(&mut cursor).collect();
                for child in children {
                    if depth > crate::MAX_DEPTH {
                        self.b.too_deep(walk::line(child));
                        return;
                    }
                    self.member(child, child, ci, ctx, None, depth + 1);
                }
            }
            "preproc_function_def" => self.function_macro(member, doc),
            "preproc_def" => self.object_macro(member, doc, None),
            _ => {}
        }
    }

    /// A method declared in its class body (`int f(int) const;`): known for calls
    /// and return types; a node only when pure virtual (`= 0`: no definition exists).
    #[allow(clippy::too_many_arguments)]
    fn method_declaration(
        &mut self,
        member: Node<'t>,
        outer: Node<'t>,
        ci: usize,
        ctx: &Ctx,
        name: &FnName<'t>,
        result: Option<Written>,
        pure: bool,
        doc: Option<String>,
    ) {
        let src = self.b.src;
        if !name.scope.is_empty() {
            return;
        }
        let params = name.declarator.field("parameters");
        let (min_args, max_args) = match params {
            Some(p) if is_void_list(p, src) => (0, Some(0)),
            p => arity(p),
        };
        if name.name == self.classes[ci].name {
            self.classes[ci].has_ctor = true;
        }
        let result = result.map(|w| (w, ctx.clone()));
        let node = pure.then(|| {
            let idx = self.node(self.classes[ci].node, "", NodeKind::Method, &name.name, outer);
            let node = &mut self.b.nodes[idx];
            node.signature = Some(header_text(outer, outer.end_byte(), src));
            node.docstring = doc;
            node.decorators = attributes(member, src);
            node.complexity = 1;
            node.has_type_hints = true;
            let mut path = self.classes[ci].path.clone();
            path.push(name.name.clone());
            if !ctx.local {
                self.b.export_node(key(&path), idx);
            }
            idx
        });
        if let (Some(idx), Some(r)) = (node, &result) {
            self.node_results.insert(idx, r.clone());
        }
        self.methods.entry((ci, name.name.clone())).or_default().push(FnInfo {
            node,
            min_args,
            max_args,
            result,
        });
    }

    /// A declaration at namespace scope: a class defined in it, function prototypes
    /// (known for calls and return types, not nodes), variables.
    #[allow(clippy::too_many_arguments)]
    fn declaration(
        &mut self,
        item: Node<'t>,
        outer: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        doc: Option<String>,
        depth: usize,
        template: Option<&Template>,
    ) {
        let src = self.b.src;
        let ty = item.field("type");
        if let Some(ty) = ty {
            if ty.field("body").is_some() {
                self.class(ty, outer, ctx, parent, doc, depth + 1, template, None);
            }
        }
        let written = ty.and_then(|t| written_type(t, src));
        let mut cursor = item.walk();
        let declarators: Vec<Node<'t>> =
            item.children_by_field_name("declarator", &mut cursor).collect();
        let mut has_value = false;
        for d in declarators {
            if let Some(name) = function_name(d, src) {
                let mut path = if name.global { Vec::new() } else { ctx.ns.clone() };
                path.extend(name.scope.iter().cloned());
                path.push(name.name.clone());
                let params = name.declarator.field("parameters");
                let (min_args, max_args) = match params {
                    Some(p) if is_void_list(p, src) => (0, Some(0)),
                    p => arity(p),
                };
                let result = written.clone().map(|w| (w, ctx.clone()));
                self.functions.entry(path).or_default().push(FnInfo {
                    node: None,
                    min_args,
                    max_args,
                    result,
                });
            } else if let Some(name) = variable_name(d, src) {
                has_value |= d.kind_name() == "init_declarator";
                self.globals.insert(name, written.clone().map(|w| (w, ctx.clone())));
            }
        }
        if has_value || item.has_error() {
            self.bodies.push(Body {
                node: parent,
                syntax: item,
                ctx: ctx.clone(),
                is_function: false,
            });
        }
    }

    /// `using X = T;` and `typedef T X;`: a `type_alias` per name (a `typedef` of a
    /// struct body is the struct, named by its first name, as C's is).
    fn alias(
        &mut self,
        item: Node<'t>,
        ctx: &Ctx,
        parent: NodeIdx,
        class: Option<usize>,
        doc: Option<String>,
        depth: usize,
    ) {
        let src = self.b.src;
        let base = match class {
            Some(ci) => self.classes[ci].path.clone(),
            None => ctx.ns.clone(),
        };
        let mut names = Vec::new();
        let written;
        if item.kind_name() == "alias_declaration" {
            names.extend(item.field("name").map(|n| self.b.text(n).into_owned()));
            written = item.field("type").and_then(|t| written_type(t, src));
        } else {
            let ty = item.field("type");
            let mut cursor = item.walk();
            for d in item.children_by_field_name("declarator", &mut cursor) {
                let mut current = d;
                while matches!(current.kind_name(), "pointer_declarator" | "array_declarator") {
                    match current.field("declarator") {
                        Some(inner) => current = inner,
                        None => break,
                    }
                }
                if current.kind_name() == "type_identifier" {
                    names.push(walk::text(current, src).into_owned());
                }
            }
            if let Some(ty) = ty.filter(|t| t.field("body").is_some()) {
                let first = names.first().cloned();
                let tag = ty.field("name").map(|n| walk::text(n, src).into_owned());
                let typedef_name = if tag.is_none() { first.clone() } else { None };
                self.class(
                    ty,
                    item,
                    ctx,
                    parent,
                    doc.clone(),
                    depth + 1,
                    None,
                    typedef_name.as_deref(),
                );
                let tag = tag.or(first);
                names.retain(|n| Some(n) != tag.as_ref());
            }
            written = ty.and_then(|t| written_type(t, src));
        }
        let signature = header_text(item, item.end_byte(), src);
        for name in names.into_iter().filter(|n| !n.is_empty()) {
            let idx = self.node(parent, "", NodeKind::TypeAlias, &name, item);
            self.b.nodes[idx].signature = Some(signature.clone());
            self.b.nodes[idx].docstring = doc.clone();
            if let Some(w) = &written {
                let mut path = base.clone();
                path.push(name);
                self.aliases.insert(path, (w.clone(), ctx.clone()));
            }
        }
    }

    /// `using namespace X;` (a namespace searched for every name of the file) and
    /// `using ns::g;` (the name `g` stands for `ns::g`).
    fn using(&mut self, item: Node<'t>, ctx: &Ctx) {
        let src = self.b.src;
        let mut cursor = item.walk();
        let directive = item.children(&mut cursor).any(|c| c.kind_name() == "namespace");
        let mut cursor = item.walk();
        let Some(target) = item.named_children(&mut cursor).find(|c| {
            matches!(c.kind_name(), "identifier" | "qualified_identifier" | "namespace_identifier")
        }) else {
            return;
        };
        let Some(w) = written_type(target, src) else { return };
        if directive {
            let mut nested = ctx.ns.clone();
            nested.extend(w.segs.iter().cloned());
            let path =
                if !w.global && self.namespaces.contains_key(&nested) { nested } else { w.segs };
            if !self.usings.contains(&path) {
                self.usings.push(path);
            }
        } else if let Some(last) = w.segs.last() {
            if w.segs.len() > 1 {
                self.renames.insert(last.clone(), w.segs.clone());
            }
        }
    }

    /// `#include <p>` / `#include "p"`: an import and an `imports` edge to C's key for
    /// the header (C++ includes C headers and C++ headers alike).
    fn include(&mut self, item: Node<'t>) {
        let Some(written) = include_written(item, self.b.src) else { return };
        self.b.nodes[0].imports.push(written.clone());
        let Some(target) = crate::c::include_target(self.b.path, &written) else { return };
        let key = format!("{}{target}", crate::c::INCLUDE_PREFIX);
        let line = walk::line(item);
        self.b.edge(
            EdgeKind::Imports,
            0,
            Target::Key { key, name: written, inferred: false },
            line,
        );
    }

    /// `#define NAME(params) body`: a `function` node, as C's; a header's is exported.
    fn function_macro(&mut self, def: Node<'t>, doc: Option<String>) {
        let Some(name_node) = def.field("name") else { return };
        let name = self.b.text(name_node).into_owned();
        if name.is_empty() {
            return;
        }
        let idx = self.node(0, "", NodeKind::Function, &name, def);
        let params = def.field("parameters").map(|p| self.b.text(p));
        let node = &mut self.b.nodes[idx];
        node.signature =
            Some(format!("#define {name}{}", walk::collapse_ws(params.as_deref().unwrap_or(""))));
        node.docstring = doc;
        node.complexity = 1;
        if self.header {
            self.b.export_node(key(std::slice::from_ref(&name)), idx);
        }
        let info = FnInfo { node: Some(idx), min_args: 0, max_args: None, result: None };
        self.functions.entry(vec![name]).or_default().push(info);
        self.macros.push((idx, def));
    }

    /// `#define NAME value`: a `constant` node, unless it is the include guard.
    fn object_macro(&mut self, def: Node<'t>, doc: Option<String>, guard: Option<&str>) {
        let Some(name_node) = def.field("name") else { return };
        let name = self.b.text(name_node).into_owned();
        if name.is_empty() {
            return;
        }
        let value = def.field("value");
        if value.is_none() && guard == Some(name.as_str()) {
            return;
        }
        let idx = self.node(0, "", NodeKind::Constant, &name, def);
        let value = value.map(|v| walk::collapse_ws(&self.b.text(v))).unwrap_or_default();
        let signature = if value.is_empty() {
            format!("#define {name}")
        } else {
            short(&format!("#define {name} {value}"))
        };
        let node = &mut self.b.nodes[idx];
        node.signature = Some(signature);
        node.docstring = doc;
        self.object_macros.insert(name);
    }
}

/// The names of a namespace definition's name: `a::b` → `["a", "b"]`.
fn namespace_segments(name: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    walk::preorder(name, |n| {
        if n.kind_name() == "namespace_identifier" || n.kind_name() == "identifier" {
            let text = walk::text(n, src).into_owned();
            if !text.is_empty() {
                out.push(text);
            }
            return false;
        }
        true
    });
    out
}

/// The start of `node`'s first child of `kind`.
fn first_child_start(node: Node<'_>, kind: &str) -> Option<usize> {
    let mut cursor = node.walk();
    let found =
        node.named_children(&mut cursor).find(|c| c.kind_name() == kind).map(|c| c.start_byte());
    found
}

/// Whether a function declarator states its return type after it (`auto f() -> T`).
fn declarator_has_trailing_return(declarator: Node<'_>) -> bool {
    let mut cursor = declarator.walk();
    let found =
        declarator.named_children(&mut cursor).any(|c| c.kind_name() == "trailing_return_type");
    found
}

/// A C identifier (a GoogleTest suite or test name).
fn c_identifier(s: &str) -> bool {
    crate::c::is_identifier(s)
}

//! C lowering: function definitions, structs, unions, enums, typedefs, macros and
//! `#include`s become nodes, imports and symbols; signatures and doc comments.

use super::*;
use crate::walk::{Fields, Kinds};
use crate::Target;
use model::{EdgeKind, NodeKind};

/// The comments directly above the next item of a container, as they are met
/// (C++'s lowering takes doc comments the same way).
#[derive(Default)]
pub(crate) struct Pending<'t> {
    comments: Vec<Node<'t>>,
    /// The last row of the previous item: a comment starting on it trails that item.
    previous_end: Option<usize>,
}

impl<'t> Pending<'t> {
    /// Notes a comment met among the items.
    pub(crate) fn comment(&mut self, comment: Node<'t>) {
        let start = comment.start_position().row;
        if self.previous_end == Some(start) {
            return;
        }
        let adjacent = self.comments.last().is_some_and(|c| c.end_position().row + 1 >= start);
        if !adjacent {
            self.comments.clear();
        }
        self.comments.push(comment);
    }

    /// The doc comment of `item` (the block ending on the row above it, or on its
    /// row), and a fresh start for the next item.
    pub(crate) fn take(&mut self, item: Node<'_>, src: &[u8]) -> Option<String> {
        let comments = std::mem::take(&mut self.comments);
        self.previous_end = Some(end_row(item));
        let last = comments.last()?;
        if last.end_position().row + 1 < item.start_position().row {
            return None;
        }
        doc_text(&comments, src)
    }
}

impl<'s, 't> Cx<'s, 't> {
    /// Walks the items of `container` (the file, a preprocessor branch, an
    /// `extern "C"` block, an ERROR node), creating their nodes under the module: C
    /// has one file scope, whatever the branches around a definition. `guard` is the
    /// name of the `#ifndef` the container is, if any: its `#define` is the include
    /// guard, not a constant. Items that define nothing are kept for their calls.
    pub(super) fn items(&mut self, container: Node<'t>, depth: usize, guard: Option<&str>) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(container));
            return;
        }
        let src = self.b.src;
        let mut pending = Pending::default();
        let mut cursor = container.walk();
        for item in container.named_children(&mut cursor) {
            if item.kind_name() == "comment" {
                pending.comment(item);
                continue;
            }
            let doc = pending.take(item, src);
            match item.kind_name() {
                "function_definition" => self.function(item, doc),
                "preproc_function_def" => self.function_macro(item, doc),
                "preproc_def" => self.object_macro(item, doc, guard),
                "preproc_include" => self.include(item),
                "struct_specifier" | "union_specifier" | "enum_specifier" => {
                    self.type_specifier(item, item, None, 0, doc, depth);
                }
                "type_definition" => self.typedef(item, doc, depth),
                "declaration" => {
                    if let Some(ty) = item.field("type") {
                        self.type_specifier(ty, ty, None, 0, doc, depth);
                    }
                    if item.has_error() {
                        self.recovered_types(item, depth);
                    }
                    for name in scopes::declared_variables(item, src) {
                        self.globals.insert(name);
                    }
                    self.module_items.push(item);
                }
                "preproc_ifdef" => {
                    let ifndef = item.child(0).is_some_and(|t| t.kind_name() == "#ifndef");
                    let name = item.field("name").map(|n| self.b.text(n));
                    let inner = if ifndef { name.as_deref().map(str::to_owned) } else { None };
                    self.items(item, depth + 1, inner.as_deref());
                }
                "preproc_if"
                | "preproc_else"
                | "preproc_elif"
                | "preproc_elifdef"
                | "linkage_specification"
                | "declaration_list"
                | "ERROR" => {
                    self.items(item, depth + 1, None);
                }
                // Conditions of `#if`/`#elif`, the name of an `#ifdef`, `extern "C"`'s
                // string: nothing to extract, nothing called.
                "identifier" | "preproc_defined" | "string_literal" | "number_literal" => {}
                _ => self.module_items.push(item),
            }
        }
    }

    /// A function definition: a `function` node, its signature, doc comment,
    /// attributes, complexity and export.
    fn function(&mut self, def: Node<'t>, doc: Option<String>) {
        let Some(declarator) = def.field("declarator") else { return };
        let Some((name, is_function)) = scopes::declarator_name(declarator, self.b.src) else {
            return;
        };
        if !is_function {
            return;
        }
        let body = def.field("body");
        let idx = self.add_node(0, NodeKind::Function, &name, def);
        let mut is_static = false;
        let mut decorators = Vec::new();
        let mut cursor = def.walk();
        for child in def.named_children(&mut cursor) {
            match child.kind_name() {
                "storage_class_specifier" if self.b.text(child) == "static" => is_static = true,
                "attribute_specifier" | "attribute_declaration" | "ms_declspec_modifier" => {
                    decorators.push(walk::collapse_ws(&self.b.text(child)));
                }
                _ => {}
            }
        }
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            let end = body.map_or(def.end_byte(), |b| b.start_byte());
            node.signature =
                Some(walk::collapse_ws(&String::from_utf8_lossy(&src[def.start_byte()..end])));
            node.docstring = doc;
            node.decorators = decorators;
            node.complexity = body.map_or(1, complexity);
            node.has_type_hints = typed(def, declarator);
        }
        if (!is_static || self.header) && !self.b.nodes[idx].qualified_name.contains('#') {
            self.b.export_node(function_key(&name), idx);
        }
        self.callables.entry(name).or_default().push(idx);
        self.functions.push((idx, def));
    }

    /// `#define NAME(params) body`: a `function` node.
    fn function_macro(&mut self, def: Node<'t>, doc: Option<String>) {
        let Some(name_node) = def.field("name") else { return };
        let name = self.b.text(name_node).into_owned();
        if name.is_empty() {
            return;
        }
        let idx = self.add_node(0, NodeKind::Function, &name, def);
        let params = def.field("parameters").map(|p| self.b.text(p));
        let node = &mut self.b.nodes[idx];
        node.signature =
            Some(format!("#define {name}{}", walk::collapse_ws(params.as_deref().unwrap_or(""))));
        node.docstring = doc;
        node.complexity = 1;
        if self.header && !node.qualified_name.contains('#') {
            self.b.export_node(function_key(&name), idx);
        }
        self.callables.entry(name).or_default().push(idx);
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
        let idx = self.add_node(0, NodeKind::Constant, &name, def);
        let value = value.map(|v| walk::collapse_ws(&self.b.text(v))).unwrap_or_default();
        let signature = if value.is_empty() {
            format!("#define {name}")
        } else {
            short(&format!("#define {name} {value}"))
        };
        let node = &mut self.b.nodes[idx];
        node.signature = Some(signature);
        node.docstring = doc;
        let alias = Some(value).filter(|v| is_identifier(v) && *v != name);
        if let Some(target) = &alias {
            if self.header && !self.b.nodes[idx].qualified_name.contains('#') {
                self.b.export_alias(function_key(&name), function_key(target));
            }
        }
        self.object_macros.insert(name, alias);
    }

    /// Adds a node spanning `syntax`. Syntax that ends after a newline (a
    /// preprocessor directive, a definition tree-sitter closed at the end of the
    /// file) ends on the line before.
    fn add_node(
        &mut self,
        parent: NodeIdx,
        kind: NodeKind,
        name: &str,
        syntax: Node<'t>,
    ) -> NodeIdx {
        let idx = self.b.add_node(parent, kind, name, syntax);
        let last = end_row(syntax) as u32 + 1;
        let node = &mut self.b.nodes[idx];
        if last < node.span.end_line {
            node.span.end_line = last.max(node.span.start_line);
            node.line_count = node.span.end_line - node.span.start_line + 1;
        }
        idx
    }

    /// `#include <p>` / `#include "p"`: a module import and an `imports` edge to the
    /// file's key (see the module docs).
    fn include(&mut self, item: Node<'t>) {
        let Some(written) = include_written(item, self.b.src) else { return };
        self.b.nodes[0].imports.push(written.clone());
        let Some(target) = include_target(self.b.path, &written) else { return };
        let key = format!("{INCLUDE_PREFIX}{target}");
        let line = walk::line(item);
        self.b.edge(
            EdgeKind::Imports,
            0,
            Target::Key { key, name: written, inferred: false },
            line,
        );
    }

    /// A struct, union or enum specifier with a body: a node named `name` (the
    /// specifier's own tag, or the typedef name of an anonymous one) under `parent`,
    /// spanning `outer`; named specifiers inside its fields become its children.
    fn type_specifier(
        &mut self,
        spec: Node<'t>,
        outer: Node<'t>,
        typedef_name: Option<&str>,
        parent: NodeIdx,
        doc: Option<String>,
        depth: usize,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(spec));
            return;
        }
        let (kind, keyword) = match spec.kind_name() {
            "struct_specifier" => (NodeKind::Struct, "struct"),
            "union_specifier" => (NodeKind::Struct, "union"),
            "enum_specifier" => (NodeKind::Enum, "enum"),
            _ => return,
        };
        let Some(body) = spec.field("body") else { return };
        let tag = spec.field("name").map(|n| self.b.text(n).into_owned()).filter(|t| !t.is_empty());
        let idx = match (&tag, typedef_name) {
            (Some(tag), _) => {
                let idx = self.add_node(parent, kind, tag, outer);
                self.b.nodes[idx].signature = Some(format!("{keyword} {tag}"));
                Some(idx)
            }
            (None, Some(name)) => {
                let idx = self.add_node(parent, kind, name, outer);
                self.b.nodes[idx].signature = Some(format!("typedef {keyword} {name}"));
                Some(idx)
            }
            // An anonymous member (`union { ... };` in a struct) or variable type:
            // its named members still belong to the enclosing node.
            (None, None) => None,
        };
        if let Some(idx) = idx {
            self.b.nodes[idx].docstring = doc;
        }
        if kind == NodeKind::Enum {
            return;
        }
        let inner_parent = idx.unwrap_or(parent);
        let mut cursor = body.walk();
        for field in body.named_children(&mut cursor) {
            if field.kind_name() != "field_declaration" {
                continue;
            }
            if let Some(ty) = field.field("type") {
                self.type_specifier(ty, ty, None, inner_parent, None, depth + 1);
            }
        }
    }

    /// `typedef T name, ...;`: a `type_alias` per name, but for an anonymous struct,
    /// union or enum body, which becomes a node named by the first name.
    fn typedef(&mut self, def: Node<'t>, doc: Option<String>, depth: usize) {
        let src = self.b.src;
        let mut names = Vec::new();
        let mut cursor = def.walk();
        for declarator in def.children_by_field_name("declarator", &mut cursor) {
            if let Some((name, _)) = scopes::declarator_name(declarator, src) {
                names.push(name);
            }
        }
        let ty = def.field("type");
        let anonymous_body = ty.filter(|t| t.field("body").is_some() && t.field("name").is_none());
        if let Some(ty) = anonymous_body {
            if let Some(first) = names.first().cloned() {
                self.type_specifier(ty, def, Some(&first), 0, doc, depth);
                names.remove(0);
            }
            if names.is_empty() {
                return;
            }
            // `typedef struct { ... } A, *PA;`: the other names are aliases.
            let signature = typedef_signature(def, Some(ty), src);
            for name in names {
                let idx = self.add_node(0, NodeKind::TypeAlias, &name, def);
                self.b.nodes[idx].signature = Some(signature.clone());
            }
            return;
        }
        if let Some(ty) = ty {
            self.type_specifier(ty, ty, None, 0, doc.clone(), depth);
        }
        let signature = typedef_signature(def, ty, src);
        // `typedef struct node node;`: the tag and the name are one type to a reader
        // (C keeps them in two namespaces); the struct is its node.
        let tag = ty
            .filter(|t| t.kind_name() != "primitive_type")
            .and_then(|t| t.field("name"))
            .map(|n| walk::text(n, src));
        names.retain(|n| tag.as_deref() != Some(n.as_str()));
        for name in names {
            let idx = self.add_node(0, NodeKind::TypeAlias, &name, def);
            self.b.nodes[idx].signature = Some(signature.clone());
            self.b.nodes[idx].docstring = doc.clone();
        }
    }
}

impl<'s, 't> Cx<'s, 't> {
    /// The struct, union and enum bodies inside a declaration that tree-sitter could
    /// not parse (a broken function swallows what follows it into its parameters):
    /// they are still definitions worth having.
    fn recovered_types(&mut self, declaration: Node<'t>, depth: usize) {
        let mut found = Vec::new();
        let ty = declaration.field("type");
        walk::preorder(declaration, |node| match node.kind_name() {
            "struct_specifier" | "union_specifier" | "enum_specifier" => {
                if Some(node) != ty && node.field("body").is_some() {
                    found.push(node);
                }
                false
            }
            "compound_statement" => false,
            _ => true,
        });
        for spec in found {
            self.type_specifier(spec, spec, None, 0, None, depth + 1);
        }
    }
}

/// The path an `#include` names (`<net/ip.h>` and `"net/ip.h"` both as `net/ip.h`),
/// `None` for a computed `#include MACRO` or an empty path.
pub(crate) fn include_written(item: Node<'_>, src: &[u8]) -> Option<String> {
    let path = item.field("path")?;
    let written = match path.kind_name() {
        "system_lib_string" => {
            let text = walk::text(path, src);
            text.trim_start_matches('<').trim_end_matches('>').trim().to_owned()
        }
        "string_literal" => {
            let mut cursor = path.walk();
            let content: String = path
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() == "string_content")
                .map(|c| walk::text(c, src).into_owned())
                .collect();
            content.trim().to_owned()
        }
        // `#include MACRO`: computed, nothing to link.
        _ => return None,
    };
    (!written.is_empty()).then_some(written)
}

/// A C identifier.
pub(crate) fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The last row of `node`'s text: a directive's syntax ends after its newline.
pub(crate) fn end_row(node: Node<'_>) -> usize {
    let end = node.end_position();
    if end.column == 0 && end.row > node.start_position().row {
        end.row - 1
    } else {
        end.row
    }
}

/// Whether a definition states the type of every parameter: a prototype-style
/// parameter list (not K&R's names with declarations after it).
fn typed(def: Node<'_>, declarator: Node<'_>) -> bool {
    let mut function = Some(declarator);
    while let Some(d) = function {
        if d.kind_name() == "function_declarator" {
            break;
        }
        function = d.field("declarator");
    }
    let Some(params) = function.and_then(|f| f.field("parameters")) else {
        return false;
    };
    let mut cursor = params.walk();
    let all_typed = params.named_children(&mut cursor).all(|p| {
        matches!(p.kind_name(), "parameter_declaration" | "variadic_parameter" | "comment")
    });
    let mut cursor = def.walk();
    let knr = def.named_children(&mut cursor).any(|c| c.kind_name() == "declaration");
    all_typed && !knr && def.field("type").is_some()
}

/// A typedef's signature: its text without the body of the type it defines and
/// without the `;`, e.g. `typedef struct point point_t`.
fn typedef_signature(def: Node<'_>, ty: Option<Node<'_>>, src: &[u8]) -> String {
    let body = ty.and_then(|t| t.field("body"));
    let text = match body {
        Some(body) => {
            let mut bytes = src[def.start_byte()..body.start_byte()].to_vec();
            bytes.extend_from_slice(&src[body.end_byte()..def.end_byte()]);
            String::from_utf8_lossy(&bytes).into_owned()
        }
        None => walk::text(def, src).into_owned(),
    };
    let sig = walk::collapse_ws(&text);
    sig.trim_end_matches(';').trim_end().to_owned()
}

/// The text of a doc comment block: `/** ... */`, `/* ... */`, `///` and `//` lines,
/// without the markers, a `*` margin or the common indentation; blank lines at
/// either end dropped. `None` when nothing is left.
pub(crate) fn doc_text(comments: &[Node<'_>], src: &[u8]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for comment in comments {
        let text = walk::text(*comment, src);
        if let Some(block) = text.strip_prefix("/*") {
            let block = block.strip_suffix("*/").unwrap_or(block);
            let block = block.trim_start_matches(['*', '!']);
            for line in block.lines() {
                let line = line.trim_start();
                let line = match line.strip_prefix('*') {
                    Some(rest) if !rest.starts_with('/') => rest,
                    _ => line,
                };
                lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_owned());
            }
        } else {
            let line = text.trim_start_matches('/');
            let line = line.strip_prefix('!').unwrap_or(line);
            lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_owned());
        }
    }
    let margin = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = lines.iter().map(|l| l.get(margin..).unwrap_or("")).collect();
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    let doc = out.join("\n");
    (!doc.is_empty()).then_some(doc)
}

//! Rust lowering: items (modules, types, traits, `impl` blocks, functions, constants)
//! become nodes and scope bindings; `use` declarations become imports; doc comments,
//! attributes and headers become node data.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Rs<'s, 't> {
    /// [`collect_items`], keeping what comes before each item for [`Self::declare`].
    pub(super) fn collect_items(&mut self, container: Node<'t>) -> Vec<Node<'t>> {
        let mut items = Vec::new();
        for (item, before) in collect_items(container) {
            if !before.is_empty() {
                self.before.insert(item.id(), before);
            }
            items.push(item);
        }
        items
    }

    /// Pass 1: creates nodes and bindings for the items of `container` in `scope`,
    /// under the node `parent`. When an `impl` comes before the type it is for (in the
    /// same container), the type is declared first so the methods can join it.
    pub(super) fn items(
        &mut self,
        container: Node<'t>,
        scope: usize,
        parent: NodeIdx,
        depth: usize,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(container));
            return;
        }
        let found = self.collect_items(container);
        let mut declared: HashMap<String, Node<'t>> = HashMap::new();
        for item in &found {
            if matches!(item.kind_name(), "struct_item" | "union_item" | "enum_item" | "type_item")
            {
                if let Some(name) = item.field("name") {
                    declared.entry(self.b.text(name).into_owned()).or_insert(*item);
                }
            }
        }
        let mut hoisted = HashSet::new();
        for item in found {
            if hoisted.contains(&item.id()) {
                continue;
            }
            if item.kind_name() == "impl_item" {
                if let Some(ty) = item.field("type") {
                    let (name, simple) = type_name(ty, self.b.src);
                    match declared.get(&name) {
                        Some(&def)
                            if simple
                                && def.start_byte() > item.start_byte()
                                && self.local_type(scope, &name).is_none() =>
                        {
                            hoisted.insert(def.id());
                            self.item(def, scope, parent, depth);
                        }
                        _ => {}
                    }
                }
            }
            self.item(item, scope, parent, depth);
        }
    }

    /// Dispatches one item found in a container.
    pub(super) fn item(&mut self, item: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        match item.kind_name() {
            "function_item" | "function_signature_item" => {
                self.function(item, scope, parent, None, depth);
            }
            "struct_item" | "union_item" => self.type_def(item, NodeKind::Struct, scope, parent),
            "enum_item" => self.type_def(item, NodeKind::Enum, scope, parent),
            "type_item" => self.type_def(item, NodeKind::TypeAlias, scope, parent),
            "trait_item" => self.trait_def(item, scope, parent, depth),
            "const_item" | "static_item" => self.constant(item, scope, parent, None),
            "mod_item" => self.module(item, scope, parent, depth),
            "impl_item" => self.impl_block(item, scope, parent, depth),
            "use_declaration" | "extern_crate_declaration" => self.uses.push((item, scope)),
            "foreign_mod_item" => {
                if let Some(body) = item.field("body") {
                    self.items(body, scope, parent, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Creates the node for `item` under `parent`: its span includes the attributes and
    /// doc comments before it; docstring and decorators are filled in. Exported when
    /// `scope` is exported and the name is not a duplicate.
    pub(super) fn declare(
        &mut self,
        item: Node<'t>,
        kind: NodeKind,
        node_name: &str,
        scope: usize,
        parent: NodeIdx,
    ) -> NodeIdx {
        let (docs, attrs, first) = leading(&self.before.remove(&item.id()).unwrap_or_default());
        let idx = self.b.add_node(parent, kind, node_name, item);
        let src = self.b.src;
        if let Some(first) = first {
            let start = first.start_byte();
            let start_line = walk::line(first);
            let node = &mut self.b.nodes[idx];
            node.span.start_byte = start as u32;
            node.span.start_line = start_line;
            node.line_count = node.span.end_line - start_line + 1;
            node.source_hash = crate::hash(&src[start..item.end_byte()]);
            // The `contains` edge `add_node` just recorded starts where the node does.
            if let Some(edge) = self.b.edges.last_mut() {
                edge.line = start_line;
            }
        }
        let node = &mut self.b.nodes[idx];
        node.docstring = doc_text(&docs, src);
        node.decorators = attrs.iter().map(|a| walk::collapse_ws(&walk::text(*a, src))).collect();
        self.def_scope.insert(idx, scope);
        if self.scopes[scope].exported && !self.b.nodes[idx].qualified_name.contains('#') {
            let key = format!("{}.{}", self.module_key, self.b.nodes[idx].qualified_name);
            self.keys.insert(idx, key.clone());
            self.b.export_node(key, idx);
        }
        idx
    }

    /// A free function, or (with `member`) a method of an `impl` or `trait` block.
    pub(super) fn function(
        &mut self,
        item: Node<'t>,
        scope: usize,
        parent: NodeIdx,
        member: Option<Member>,
        depth: usize,
    ) -> Option<NodeIdx> {
        let name = item_name(item, self.b.src)?;
        let kind = if member.is_some() { NodeKind::Method } else { NodeKind::Function };
        let node_name = match &member {
            Some(m) if m.prefixed => format!("{}.{name}", m.self_ty.name),
            _ => name.clone(),
        };
        let idx = self.declare(item, kind, &node_name, scope, parent);
        let body = item.field("body");
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            node.name = name.clone();
            node.signature =
                Some(header(item, body.map_or(item.end_byte(), |b| b.start_byte()), src));
            node.complexity = body.map_or(1, complexity);
            node.has_type_hints = true;
        }
        self.fn_syntax.insert(idx, (item, scope, member.as_ref().map(|m| m.self_ty.clone())));
        match &member {
            Some(m) => {
                let key = (m.self_ty.scope, m.self_ty.name.clone(), name);
                self.methods.entry(key).or_insert(idx);
            }
            None => bind(&mut self.scopes[scope].values, name, Binding::Node(idx)),
        }
        if let Some(body) = body {
            self.scopes.push(Scope::new(Some(scope), None, false, idx));
            let inner = self.scopes.len() - 1;
            let self_ty = member.map(|m| m.self_ty);
            self.owners.push(Owner { idx, scope: inner, body, self_ty });
            self.items(body, inner, idx, depth + 1);
        }
        Some(idx)
    }

    /// `struct`, `union`, `enum` and `type` items.
    pub(super) fn type_def(
        &mut self,
        item: Node<'t>,
        kind: NodeKind,
        scope: usize,
        parent: NodeIdx,
    ) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let idx = self.declare(item, kind, &name, scope, parent);
        let body = item.field("body");
        let end = match body {
            Some(body) if kind != NodeKind::TypeAlias => body.start_byte(),
            _ => item.end_byte(),
        };
        self.b.nodes[idx].signature = Some(header(item, end, self.b.src));
        bind(&mut self.scopes[scope].types, name.clone(), Binding::Node(idx));
        // Tuple and unit structs are also constructors in the value namespace.
        let braced = body.is_some_and(|b| b.kind_name() == "field_declaration_list");
        if let Some(body) = body.filter(|_| kind == NodeKind::Struct) {
            let mut cursor = body.walk();
            let fields = if braced {
                body.named_children(&mut cursor)
                    .filter(|f| f.kind_name() == "field_declaration")
                    .filter_map(|f| {
                        let name = f.field("name")?;
                        Some((self.b.text(name).into_owned(), f.field("type")?))
                    })
                    .collect()
            } else {
                // A tuple struct's fields are `0`, `1`, ...
                body.children_by_field_name("type", &mut cursor)
                    .enumerate()
                    .map(|(i, ty)| (i.to_string(), ty))
                    .collect()
            };
            self.fields.insert(idx, fields);
        }
        if kind == NodeKind::Struct && !braced {
            bind(&mut self.scopes[scope].values, name, Binding::Node(idx));
        }
    }

    /// A `trait`: its supertraits become `inherits` heads, its methods (with or without
    /// a default body) methods of the trait.
    pub(super) fn trait_def(
        &mut self,
        item: Node<'t>,
        scope: usize,
        parent: NodeIdx,
        depth: usize,
    ) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let idx = self.declare(item, NodeKind::Trait, &name, scope, parent);
        let body = item.field("body");
        let end = body.map_or(item.end_byte(), |b| b.start_byte());
        self.b.nodes[idx].signature = Some(header(item, end, self.b.src));
        bind(&mut self.scopes[scope].types, name.clone(), Binding::Node(idx));
        if let Some(bounds) = item.field("bounds") {
            let mut cursor = bounds.walk();
            for bound in bounds.named_children(&mut cursor) {
                if matches!(
                    bound.kind_name(),
                    "type_identifier" | "scoped_type_identifier" | "generic_type"
                ) {
                    let (kind, path) = (EdgeKind::Inherits, bound);
                    self.heads.push(Head { kind, src: idx, scope, path, name: name.clone() });
                }
            }
        }
        if let Some(body) = body {
            let self_ty = SelfTy { scope, name };
            let member = Member { self_ty, prefixed: false };
            self.members(body, None, scope, idx, &member, depth + 1);
        }
    }

    /// `impl [Trait for] Type { ... }`: methods join `Type`'s node when it is defined
    /// in the same scope, else they sit under `parent` named `Type.method`.
    pub(super) fn impl_block(
        &mut self,
        item: Node<'t>,
        scope: usize,
        parent: NodeIdx,
        depth: usize,
    ) {
        let Some(ty) = item.field("type") else { return };
        let (name, simple) = type_name(ty, self.b.src);
        let local = if simple { self.local_type(scope, &name) } else { None };
        if let Some(tr) = item.field("trait") {
            // `impl !Send for T {}` says the opposite.
            let mut cursor = item.walk();
            let negative = item.children(&mut cursor).any(|c| c.kind_name() == "!");
            if !negative {
                let (kind, src) = (EdgeKind::Implements, local.unwrap_or(parent));
                self.heads.push(Head { kind, src, scope, path: tr, name: name.clone() });
            }
        }
        let first_new = self.b.nodes.len();
        if let Some(body) = item.field("body") {
            let self_ty = SelfTy { scope, name: name.clone() };
            self.members(
                body,
                Some(item),
                scope,
                local.unwrap_or(parent),
                &Member { self_ty, prefixed: local.is_none() },
                depth + 1,
            );
        }
        let methods = (first_new..self.b.nodes.len())
            .filter(|&i| {
                self.b.nodes[i].kind == NodeKind::Method
                    && self.b.nodes[i].parent
                        == Some(self.b.nodes[local.unwrap_or(parent)].id.clone())
            })
            .collect();
        let trait_path = item.field("trait");
        self.impls.push(ImplInfo { scope, ty, trait_path, local, name, methods });
    }

    /// The methods and associated constants of an `impl` or `trait` body (`holder`:
    /// the `impl` item, whose generics apply to its methods).
    pub(super) fn members(
        &mut self,
        body: Node<'t>,
        holder: Option<Node<'t>>,
        scope: usize,
        parent: NodeIdx,
        member: &Member,
        depth: usize,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(body));
            return;
        }
        // The methods written directly in an `impl` block take its generics too.
        let mut cursor = body.walk();
        let direct: HashSet<usize> = body.named_children(&mut cursor).map(|c| c.id()).collect();
        for item in self.collect_items(body) {
            let member = member.clone();
            match item.kind_name() {
                "function_item" | "function_signature_item" => {
                    let idx = self.function(item, scope, parent, Some(member), depth);
                    if let (Some(idx), Some(holder)) = (idx, holder) {
                        if direct.contains(&item.id()) {
                            self.impl_of.insert(idx, holder);
                        }
                    }
                }
                "const_item" | "static_item" => self.constant(item, scope, parent, Some(member)),
                _ => {}
            }
        }
    }

    /// `const` and `static` items (and associated constants, with `member`). The calls
    /// in a module-level initializer are the module's.
    pub(super) fn constant(
        &mut self,
        item: Node<'t>,
        scope: usize,
        parent: NodeIdx,
        member: Option<Member>,
    ) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let node_name = match &member {
            Some(m) if m.prefixed => format!("{}.{name}", m.self_ty.name),
            _ => name.clone(),
        };
        let idx = self.declare(item, NodeKind::Constant, &node_name, scope, parent);
        let end = item.field("type").map_or(item.end_byte(), |t| t.end_byte());
        self.b.nodes[idx].signature = Some(header(item, end, self.b.src));
        self.b.nodes[idx].name = name.clone();
        if member.is_none() {
            bind(&mut self.scopes[scope].values, name, Binding::Node(idx));
        }
        if self.scopes[scope].module.is_some() {
            if let Some(value) = item.field("value") {
                let owner = self.scopes[scope].owner;
                let self_ty = member.map(|m| m.self_ty);
                self.owners.push(Owner { idx: owner, scope, body: value, self_ty });
            }
        }
    }

    /// `mod foo { ... }` becomes a module node with its own scope; `mod foo;` binds
    /// `foo` to the key of the module file it declares.
    pub(super) fn module(&mut self, item: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let mut path = self.module_of(scope).to_vec();
        path.push(name.clone());
        let Some(body) = item.field("body") else {
            let import = Import {
                key: format!("{}{}:{}", keys::RUST, self.crate_dir, path.join(".")),
                shown: path.join("::"),
                written: None,
                local: None,
            };
            bind(&mut self.scopes[scope].types, name, Binding::Import(import));
            return;
        };
        let idx = self.declare(item, NodeKind::Module, &name, scope, parent);
        let src = self.b.src;
        let outer = self.b.nodes[idx].docstring.take();
        let inner = inner_doc(body, src);
        let node = &mut self.b.nodes[idx];
        node.signature = Some(header(item, body.start_byte(), src));
        node.docstring = match (outer, inner) {
            (Some(o), Some(i)) => Some(format!("{o}\n{i}")),
            (o, i) => o.or(i),
        };
        let exported = self.scopes[scope].exported && self.scopes[scope].module.is_some();
        self.scopes.push(Scope::new(Some(scope), Some(path), exported, idx));
        let inner_scope = self.scopes.len() - 1;
        self.mod_scopes.insert(idx, inner_scope);
        bind(&mut self.scopes[scope].types, name, Binding::Node(idx));
        self.items(body, inner_scope, idx, depth + 1);
    }

    /// Binds the names a `use` or `extern crate` declaration introduces in `scope`; in
    /// a module also records the module's imports, `imports` edges and re-exports.
    pub(super) fn use_declaration(&mut self, decl: Node<'t>, scope: usize) {
        if decl.kind_name() == "extern_crate_declaration" {
            let Some(name_node) = decl.field("name") else { return };
            let name = self.b.text(name_node).into_owned();
            let bound =
                decl.field("alias").map_or_else(|| name.clone(), |a| self.b.text(a).into_owned());
            let import = Import {
                key: format!("{}{name}", keys::RUST_EXTERN),
                shown: name,
                written: None,
                local: None,
            };
            bind(&mut self.scopes[scope].types, bound, Binding::Import(import));
            return;
        }
        let Some(arg) = decl.field("argument") else { return };
        let mut leaves = Vec::new();
        self.use_leaves(arg, Vec::new(), &mut leaves, 0);
        let line = walk::line(decl);
        for leaf in leaves {
            self.use_leaf(leaf, scope, line);
        }
    }

    /// Expands a `use` tree into its leaves, each with its full path.
    pub(super) fn use_leaves(
        &mut self,
        node: Node<'t>,
        prefix: Vec<String>,
        out: &mut Vec<UseLeaf>,
        depth: usize,
    ) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(node));
            return;
        }
        let src = self.b.src;
        let join = |mut prefix: Vec<String>, path: Option<Node<'_>>| -> Option<Vec<String>> {
            if let Some(path) = path {
                prefix.extend(path_segs(path, src)?);
            }
            Some(prefix)
        };
        match node.kind_name() {
            "use_as_clause" => {
                let Some(segs) = join(prefix, node.field("path")) else { return };
                let alias = node.field("alias").map(|a| self.b.text(a).into_owned());
                out.push(UseLeaf { segs, alias, glob: false });
            }
            "use_list" => {
                let mut cursor = node.walk();
                let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
                for child in children {
                    self.use_leaves(child, prefix.clone(), out, depth + 1);
                }
            }
            "scoped_use_list" => {
                let path = node.field("path");
                let Some(mut segs) = join(prefix, path) else { return };
                if path.is_none() {
                    segs.push(String::new()); // `::{a, b}`
                }
                if let Some(list) = node.field("list") {
                    self.use_leaves(list, segs, out, depth + 1);
                }
            }
            "use_wildcard" => {
                let path = node.named_child(0).filter(|n| !n.is_extra());
                let Some(segs) = join(prefix, path) else { return };
                out.push(UseLeaf { segs, alias: None, glob: true });
            }
            _ => {
                if let Some(segs) = join(prefix, Some(node)) {
                    out.push(UseLeaf { segs, alias: None, glob: false });
                }
            }
        }
    }

    /// Records one `use` leaf: the module's import, the `imports` edge, the binding
    /// (or glob) and, in an exported module, the re-export alias.
    pub(super) fn use_leaf(&mut self, leaf: UseLeaf, scope: usize, line: u32) {
        let mut segs = leaf.segs;
        // `use a::{self}` imports `a` itself.
        if !leaf.glob && segs.len() > 1 && segs.last().is_some_and(|s| s == "self") {
            segs.pop();
        }
        if segs.is_empty() {
            return;
        }
        let mut written = segs.join("::");
        if leaf.glob {
            written.push_str("::*");
        }
        let (key, shown, local) = self.resolve_use(&segs, scope);
        let owner = self.scopes[scope].owner;
        let in_module = self.scopes[scope].module.is_some();
        if in_module && !self.b.nodes[owner].imports.contains(&written) {
            self.b.nodes[owner].imports.push(written.clone());
        }
        let target = Target::Key { key: key.clone(), name: shown.clone(), inferred: false };
        self.b.edge(EdgeKind::Imports, owner, target, line);
        if leaf.glob {
            let glob_scope = match local {
                Some(0) => Some(0),
                Some(idx) => self.mod_scopes.get(&idx).copied(),
                None => None,
            };
            match glob_scope {
                Some(g) if g != scope => self.scopes[scope].globs.push((g, written)),
                Some(_) => {}
                // A module of another file: its items are found by key (the store
                // follows this module's star rows to it).
                None if !key.starts_with(keys::RUST_EXTERN) => {
                    self.extern_globs.entry(scope).or_default().push(key.clone());
                    if let Some(module_key) = self.scope_key(scope) {
                        self.b.export_alias(keys::star(&module_key), key);
                    }
                }
                None => {}
            }
            return;
        }
        let name = match leaf.alias {
            Some(alias) => alias,
            None => segs.last().cloned().unwrap_or_default(),
        };
        if matches!(name.as_str(), "_" | "" | "self" | "super" | "crate") {
            return;
        }
        if let Some(module_key) = self.scope_key(scope) {
            self.b.export_alias(format!("{module_key}.{name}"), key.clone());
        }
        let import = Binding::Import(Import { key, shown, written: Some(written), local });
        let sc = &mut self.scopes[scope];
        bind(&mut sc.values, name.clone(), import.clone());
        bind(&mut sc.types, name, import);
    }
}

/// Syntax kinds that are items: bodies are searched for them, and call and complexity
/// scans do not descend into them (nested items count for themselves).
pub(super) fn is_item(kind: &str) -> bool {
    matches!(
        kind,
        "function_item"
            | "function_signature_item"
            | "struct_item"
            | "union_item"
            | "enum_item"
            | "trait_item"
            | "impl_item"
            | "mod_item"
            | "const_item"
            | "static_item"
            | "type_item"
            | "use_declaration"
            | "extern_crate_declaration"
            | "foreign_mod_item"
            | "macro_definition"
            | "associated_type"
    )
}

/// The items inside `container` (a file, a `{ ... }` list or a function body), at any
/// depth of statements and expressions but not inside other items. ERROR nodes are
/// searched too: tree-sitter keeps the definitions it recovered in them. Each item
/// comes with the attributes and comments right before it (its siblings, in source
/// order), for [`leading`]: the walk keeps them, since asking tree-sitter for a
/// node's previous sibling walks down from the root (quadratic on long files).
pub(super) fn collect_items<'t>(container: Node<'t>) -> Vec<(Node<'t>, Vec<Node<'t>>)> {
    let mut out = Vec::new();
    let mut cursor = container.walk();
    // One run of attributes and comments per level of the walk.
    let mut runs: Vec<Vec<Node<'t>>> = vec![Vec::new()];
    if !cursor.goto_first_child() {
        return out;
    }
    loop {
        let node = cursor.node();
        let kind = node.kind_name();
        let run = runs.last_mut().expect("one run per level");
        let mut descend = false;
        if is_item(kind) {
            out.push((node, std::mem::take(run)));
        } else if matches!(kind, "attribute_item" | "line_comment" | "block_comment") {
            run.push(node);
        } else {
            run.clear();
            descend = !matches!(
                kind,
                "macro_invocation"
                    | "inner_attribute_item"
                    | "string_literal"
                    | "raw_string_literal"
            );
        }
        if descend && cursor.goto_first_child() {
            runs.push(Vec::new());
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node() == container {
                return out;
            }
            runs.pop();
        }
    }
}

/// The name of an item; `None` when tree-sitter recovered it without one (a MISSING
/// identifier), as an empty name would collide with the module's id.
pub(super) fn item_name(item: Node<'_>, src: &[u8]) -> Option<String> {
    let node = item.field("name").filter(|n| !n.is_missing())?;
    let name = walk::text(node, src);
    (!name.trim().is_empty()).then(|| name.into_owned())
}

/// The doc comments, attributes and the first of either, out of what comes right
/// before an item (`before`: attributes and comments, in source order). Plain
/// comments between them are skipped.
pub(super) fn leading<'t>(before: &[Node<'t>]) -> (Vec<Node<'t>>, Vec<Node<'t>>, Option<Node<'t>>) {
    let mut docs = Vec::new();
    let mut attrs = Vec::new();
    let mut first = None;
    for &s in before.iter().rev() {
        match s.kind_name() {
            "attribute_item" => {
                attrs.push(s);
                first = Some(s);
            }
            "line_comment" | "block_comment" => match doc_marker(s) {
                Some(true) => {
                    docs.push(s);
                    first = Some(s);
                }
                Some(false) => break,
                None => {}
            },
            _ => break,
        }
    }
    docs.reverse();
    attrs.reverse();
    (docs, attrs, first)
}

/// `Some(true)` for an outer doc comment (`///`, `/** */`), `Some(false)` for an
/// inner one (`//!`, `/*! */`), `None` for a plain comment.
pub(super) fn doc_marker(comment: Node<'_>) -> Option<bool> {
    if comment.field("outer").is_some() {
        Some(true)
    } else if comment.field("inner").is_some() {
        Some(false)
    } else {
        None
    }
}

/// The inner doc comments (`//!`, `/*! */`) at the start of a file or `mod` body.
pub(super) fn inner_doc(container: Node<'_>, src: &[u8]) -> Option<String> {
    let mut docs = Vec::new();
    let mut cursor = container.walk();
    for child in container.children(&mut cursor) {
        match child.kind_name() {
            "line_comment" | "block_comment" => match doc_marker(child) {
                Some(false) => docs.push(child),
                Some(true) => break,
                None => {}
            },
            "inner_attribute_item" | "{" => {}
            _ => break,
        }
    }
    doc_text(&docs, src)
}

/// The text of doc comments: markers and one leading space removed (and the ` * `
/// margin of block comments), lines joined with `\n`, blank edges dropped.
pub(super) fn doc_text(comments: &[Node<'_>], src: &[u8]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for comment in comments {
        let raw = comment.field("doc").map(|d| walk::text(d, src)).unwrap_or_default();
        if comment.kind_name() == "line_comment" {
            let line = raw.trim_end_matches(['\n', '\r']);
            lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_owned());
            continue;
        }
        let block: Vec<&str> = raw.lines().collect();
        let mut rest = block.iter().skip(1).filter(|l| !l.trim().is_empty());
        let starred = rest.all(|l| l.trim_start().starts_with('*'));
        let margin = docs::margin(&block);
        for (i, line) in block.iter().enumerate() {
            let text = if i == 0 {
                line.strip_prefix(' ').unwrap_or(line)
            } else if starred {
                docs::strip_star(line)
            } else {
                line.get(margin..).unwrap_or_else(|| line.trim_start())
            };
            lines.push(text.trim_end().to_owned());
        }
    }
    docs::trim_blank_edges(&mut lines);
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The declaration header of `item`: its text up to byte `end` (the body, the `=`),
/// without comments, whitespace collapsed and a trailing `;` dropped.
pub(super) fn header(item: Node<'_>, end: usize, src: &[u8]) -> String {
    let start = item.start_byte();
    let end = end.clamp(start, item.end_byte());
    let mut comments = Vec::new();
    walk::preorder(item, |n| {
        if n.start_byte() >= end {
            return false;
        }
        if matches!(n.kind_name(), "line_comment" | "block_comment") {
            comments.push((n.start_byte(), n.end_byte()));
            return false;
        }
        true
    });
    let mut bytes = Vec::with_capacity(end - start);
    let mut at = start;
    for (s, e) in comments {
        if s > at {
            bytes.extend_from_slice(&src[at..s]);
        }
        bytes.push(b' ');
        at = at.max(e);
    }
    if at < end {
        bytes.extend_from_slice(&src[at..end]);
    }
    let mut sig = walk::collapse_ws(&String::from_utf8_lossy(&bytes));
    // Multi-line parameter and generic lists: `fn f( a: u8, b: u8, )` → `fn f(a: u8, b: u8)`.
    for (from, to) in [("( ", "("), ("< ", "<"), (", )", ")"), (", >", ">"), (" )", ")")] {
        sig = sig.replace(from, to);
    }
    sig.trim_end_matches([';', ',']).trim_end().to_owned()
}

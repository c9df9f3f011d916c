//! Rust: modules (the file and inline `mod`s), structs and unions, enums, traits, type
//! aliases, constants and statics, functions, and the methods of `impl` and `trait`
//! blocks; `use` imports, calls, `implements` edges (`impl Trait for Type`) and
//! `inherits` edges (supertraits).
//!
//! Names are resolved with Rust's item scoping, simplified: a function body sees its
//! own items, then those of the enclosing bodies, then its module's items, `use`
//! bindings and the items glob-imported from modules of this file (`use super::*`);
//! an inline `mod` starts afresh. Methods belong to their type: `impl Foo { fn m() }`
//! gives `Foo.m`, under the `Foo` node when `Foo` is defined in the same scope.
//!
//! Symbol keys are `rs:{crate dir}:{module path}` derived from the file path alone
//! (`vendor/tokio/src/runtime/task.rs` is `rs:vendor/tokio/:crate.runtime.task`), plus
//! the qualified name of the item. Paths into other crates (`std::fmt::Display`) are
//! keyed `rs:extern:std.fmt.Display`.
//!
//! Calls are read from `call_expression`s, and heuristically from the token trees of
//! macro invocations (`assert_eq!(add(1, 2), 3)`): those calls are marked inferred.

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::{walk, FileFacts, Target};
use model::{EdgeKind, Language, NodeKind, Provenance};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// What a name is bound to in a scope.
#[derive(Clone, Debug)]
enum Binding {
    /// An item defined in this file.
    Node(NodeIdx),
    /// A `use` (or `mod foo;`, `extern crate`) binding.
    Import(Import),
}

/// Where an imported name points.
#[derive(Clone, Debug)]
struct Import {
    /// The global key, e.g. `rs:extern:std.fmt.Display`.
    key: String,
    /// The absolute path shown to users, e.g. `std::fmt::Display`.
    shown: String,
    /// The `use` path as written (recorded in the users' `imports`); `None` for bindings
    /// that are not imports (`mod foo;`, `extern crate`).
    written: Option<String>,
    /// The definition of this file the path names, when there is one.
    local: Option<NodeIdx>,
}

/// Rust's two main namespaces: modules and types, and values (functions, constants).
#[derive(Clone, Copy)]
enum Ns {
    Values,
    Types,
}

/// A module (the file or an inline `mod`) or a function body.
struct Scope {
    parent: Option<usize>,
    /// The module path (`crate`, `a`, `b`) of a module scope; `None` for function bodies.
    module: Option<Vec<String>>,
    /// Items defined directly here are exported as symbols (module scopes reachable by
    /// path from the file's module).
    exported: bool,
    /// The node that owns the scope (module, inline mod or function).
    owner: NodeIdx,
    values: HashMap<String, Binding>,
    types: HashMap<String, Binding>,
    /// Module scopes of this file glob-imported here, with the `use` path as written.
    globs: Vec<(usize, String)>,
}

impl Scope {
    /// An empty scope.
    fn new(
        parent: Option<usize>,
        module: Option<Vec<String>>,
        exported: bool,
        owner: NodeIdx,
    ) -> Self {
        Scope {
            parent,
            module,
            exported,
            owner,
            values: HashMap::new(),
            types: HashMap::new(),
            globs: Vec::new(),
        }
    }

    /// The bindings of one namespace.
    fn ns(&self, ns: Ns) -> &HashMap<String, Binding> {
        match ns {
            Ns::Values => &self.values,
            Ns::Types => &self.types,
        }
    }
}

/// The type an `impl` or `trait` block is about: `Self` for its methods.
#[derive(Clone, Debug)]
struct SelfTy {
    /// The scope the block sits in (the key of [`Rs::methods`]).
    scope: usize,
    /// The type's (or trait's) name without generics, e.g. `Foo` for `impl<T> Foo<T>`.
    name: String,
}

/// A method or associated constant being declared in an `impl` or `trait` block.
#[derive(Clone)]
struct Member {
    self_ty: SelfTy,
    /// Name the node `Type.m` (its parent is not the type's node).
    prefixed: bool,
}

/// A body that pass 2 scans for calls.
struct Owner<'t> {
    idx: NodeIdx,
    /// The scope names in the body are looked up from.
    scope: usize,
    body: Node<'t>,
    self_ty: Option<SelfTy>,
}

/// An `implements` or `inherits` edge whose target is resolved after the `use`s.
struct Head<'t> {
    kind: EdgeKind,
    src: NodeIdx,
    scope: usize,
    path: Node<'t>,
    /// The implementing type's (or the subtrait's) name: [`Rs::trait_impls`] key.
    name: String,
}

/// A position while following a path through the file's definitions.
#[derive(Clone, Copy)]
enum Place {
    Scope(usize),
    Item(NodeIdx),
}

/// What a receiver's type is known as.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    /// A type path as written, resolved from the calling body's scope.
    Path(Vec<String>),
    /// A type (or trait) of this file.
    Node(NodeIdx),
    /// A type known by key only (another file's, or a return type: `f.__return__`).
    Key(String),
    /// `Result<T, _>` / `Option<T>`: `?`, `unwrap()`, `expect()` give `T`.
    Wrapped(Box<Ty>),
    /// `Mutex<T>`, `RwLock<T>`, `RefCell<T>`: `lock()` gives a `Result` of a guard of
    /// `T`, `borrow()` a guard of `T` (guards are taken as `T`).
    Lock(Box<Ty>),
    /// A collection of `T` (`Vec<T>`, `&[T]`, sets, `VecDeque<T>`): its iterators and
    /// `for` loops give `T`.
    Many(Box<Ty>),
}

/// Local variables' types over a body: each binding of a name with the byte it takes
/// effect from, in source order (`None`: bound to something of unknown type).
type Vars = HashMap<String, Vec<(usize, Option<Ty>)>>;

/// The type of local `name` at byte `pos`: `None` when it is not a local there,
/// `Some(None)` when its type is unknown.
fn var_at(vars: &Vars, name: &str, pos: usize) -> Option<Option<Ty>> {
    let list = vars.get(name)?;
    list.iter().rev().find(|(from, _)| *from <= pos).map(|(_, ty)| ty.clone())
}

/// An `impl` block, for the symbols that let other files find its methods.
struct ImplInfo<'t> {
    scope: usize,
    ty: Node<'t>,
    trait_path: Option<Node<'t>>,
    /// The type's node when it is defined in the same scope (methods nest under it).
    local: Option<NodeIdx>,
    /// The type's name without generics.
    name: String,
    methods: Vec<NodeIdx>,
}

/// Bound on nested type evaluations (chains of calls and fields).
const MAX_TYPE_DEPTH: usize = 16;

/// One call site found in a body.
enum Site<'t> {
    /// A `call_expression`'s callee.
    Expr { callee: Node<'t>, line: u32 },
    /// A call recognised in a macro's token tree: a `::` path, or a `.` chain.
    Macro { segs: Vec<String>, dotted: bool, line: u32, pos: usize },
}

/// One leaf of a `use` tree.
struct UseLeaf {
    segs: Vec<String>,
    alias: Option<String>,
    glob: bool,
}

/// The state of one Rust file's extraction: pass 1 fills the scopes, pass 2 (after
/// the `use`s and trait heads are resolved) turns the owners' bodies into calls.
struct Rs<'s, 't> {
    b: FileBuilder<'s>,
    crate_dir: String,
    module_key: String,
    module_path: Vec<String>,
    scopes: Vec<Scope>,
    owners: Vec<Owner<'t>>,
    /// The scope of each inline `mod` node.
    mod_scopes: HashMap<NodeIdx, usize>,
    /// The scope each item was defined in.
    def_scope: HashMap<NodeIdx, usize>,
    /// Methods by (scope of the `impl`/`trait` block, type name, method name); the
    /// first definition wins.
    methods: HashMap<(usize, String, String), NodeIdx>,
    /// `use` and `extern crate` declarations with their scope, resolved once every item
    /// is known (a `use` may name a module defined further down).
    uses: Vec<(Node<'t>, usize)>,
    heads: Vec<Head<'t>>,
    /// The traits of this file a type implements (or a trait extends), by (scope of
    /// the `impl`/`trait`, type name): where default methods are found.
    trait_impls: HashMap<(usize, String), Vec<NodeIdx>>,
    /// The fields of the structs of this file, with their types (for `self.f.m()`);
    /// a tuple struct's are named `0`, `1`, ...
    fields: HashMap<NodeIdx, Vec<(String, Node<'t>)>>,
    /// Node index by id, filled before pass 2.
    by_id: HashMap<String, NodeIdx>,
    /// The key each exported item has.
    keys: HashMap<NodeIdx, String>,
    /// Functions and methods: their syntax, the scope they are declared in and the
    /// type `Self` means in them.
    fn_syntax: HashMap<NodeIdx, (Node<'t>, usize, Option<SelfTy>)>,
    /// Return types already worked out.
    return_types: HashMap<NodeIdx, Option<Ty>>,
    /// `impl` blocks, for [`Rs::export_resolution_symbols`].
    impls: Vec<ImplInfo<'t>>,
    /// Glob `use`s of modules of other files, by scope: their keys.
    extern_globs: HashMap<usize, Vec<String>>,
    /// The trait bounds of the generic parameters of the body being resolved.
    generics: HashMap<String, Vec<Vec<String>>>,
    /// Methods written directly in an `impl` block: that block (whose generics apply).
    /// Kept because asking tree-sitter for a node's parent walks down from the root.
    impl_of: HashMap<NodeIdx, Node<'t>>,
    /// The attributes and comments right before each item (by syntax node id), from
    /// [`collect_items`], until the item is declared.
    before: HashMap<usize, Vec<Node<'t>>>,
    type_depth: usize,
}

/// Extracts a Rust file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_rust::LANGUAGE.into(), src);
    let (crate_dir, module_path) = module_location(path);
    let module_key = format!("rs:{crate_dir}:{}", module_path.join("."));
    let root = tree.root_node();
    let mut rs = Rs {
        b: FileBuilder::new(path, src, Language::Rust, &tree),
        crate_dir,
        module_key: module_key.clone(),
        module_path: module_path.clone(),
        scopes: vec![Scope::new(None, Some(module_path), true, 0)],
        owners: Vec::new(),
        mod_scopes: HashMap::new(),
        def_scope: HashMap::new(),
        methods: HashMap::new(),
        uses: Vec::new(),
        heads: Vec::new(),
        trait_impls: HashMap::new(),
        fields: HashMap::new(),
        by_id: HashMap::new(),
        keys: HashMap::new(),
        fn_syntax: HashMap::new(),
        return_types: HashMap::new(),
        impls: Vec::new(),
        extern_globs: HashMap::new(),
        generics: HashMap::new(),
        impl_of: HashMap::new(),
        before: HashMap::new(),
        type_depth: 0,
    };
    rs.b.export_node(module_key, 0);
    rs.b.nodes[0].docstring = inner_doc(root, src);
    rs.items(root, 0, 0, 0);
    for (decl, scope) in std::mem::take(&mut rs.uses) {
        rs.use_declaration(decl, scope);
    }
    rs.by_id = rs.b.nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
    for head in std::mem::take(&mut rs.heads) {
        rs.head(head);
    }
    let owners = std::mem::take(&mut rs.owners);
    for owner in &owners {
        rs.calls(owner);
    }
    rs.tests();
    rs.export_resolution_symbols();
    rs.b.finish()
}

/// A test attribute: `#[test]`, `#[tokio::test]`, `#[tokio::test(flavor = ..)]`,
/// `#[rstest]`, any `#[path::test]`.
fn is_test_attribute(attr: &str) -> bool {
    let Some(inner) = attr.strip_prefix("#[").and_then(|a| a.strip_suffix(']')) else {
        return false;
    };
    let path = inner.split('(').next().unwrap_or(inner).trim();
    matches!(path, "test" | "rstest") || path.ends_with("::test")
}

/// The crate directory and module path of the file at `path`, from the path alone:
/// `vendor/tokio/src/runtime/task.rs` → (`vendor/tokio/`, `crate.runtime.task`);
/// outside a `src/` directory the file's directory is the crate.
fn module_location(path: &str) -> (String, Vec<String>) {
    let src_at = path
        .match_indices("src/")
        .filter(|&(i, _)| i == 0 || path.as_bytes()[i - 1] == b'/')
        .map(|(i, _)| i)
        .last();
    let stem_of = |rel: &str| rel.strip_suffix(".rs").unwrap_or(rel).to_owned();
    let mut module = vec!["crate".to_owned()];
    match src_at {
        Some(i) => {
            let rel = stem_of(&path[i + 4..]);
            if rel != "lib" && rel != "main" {
                let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
                if parts.len() > 1 && parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                module.extend(parts);
            }
            (path[..i].to_owned(), module)
        }
        None => {
            let dir_end = path.rfind('/').map_or(0, |i| i + 1);
            let stem = stem_of(&path[dir_end..]);
            if !matches!(stem.as_str(), "lib" | "main" | "mod") {
                module.push(stem);
            }
            (path[..dir_end].to_owned(), module)
        }
    }
}

/// Syntax kinds that are items: bodies are searched for them, and call and complexity
/// scans do not descend into them (nested items count for themselves).
fn is_item(kind: &str) -> bool {
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
fn collect_items<'t>(container: Node<'t>) -> Vec<(Node<'t>, Vec<Node<'t>>)> {
    let mut out = Vec::new();
    let mut cursor = container.walk();
    // One run of attributes and comments per level of the walk.
    let mut runs: Vec<Vec<Node<'t>>> = vec![Vec::new()];
    if !cursor.goto_first_child() {
        return out;
    }
    loop {
        let node = cursor.node();
        let kind = node.kind();
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

impl<'s, 't> Rs<'s, 't> {
    /// [`collect_items`], keeping what comes before each item for [`Self::declare`].
    fn collect_items(&mut self, container: Node<'t>) -> Vec<Node<'t>> {
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
    fn items(&mut self, container: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        if depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(container));
            return;
        }
        let found = self.collect_items(container);
        let mut declared: HashMap<String, Node<'t>> = HashMap::new();
        for item in &found {
            if matches!(item.kind(), "struct_item" | "union_item" | "enum_item" | "type_item") {
                if let Some(name) = item.child_by_field_name("name") {
                    declared.entry(self.b.text(name).into_owned()).or_insert(*item);
                }
            }
        }
        let mut hoisted = HashSet::new();
        for item in found {
            if hoisted.contains(&item.id()) {
                continue;
            }
            if item.kind() == "impl_item" {
                if let Some(ty) = item.child_by_field_name("type") {
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
    fn item(&mut self, item: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        match item.kind() {
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
                if let Some(body) = item.child_by_field_name("body") {
                    self.items(body, scope, parent, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Creates the node for `item` under `parent`: its span includes the attributes and
    /// doc comments before it; docstring and decorators are filled in. Exported when
    /// `scope` is exported and the name is not a duplicate.
    fn declare(
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
    fn function(
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
        let body = item.child_by_field_name("body");
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
    fn type_def(&mut self, item: Node<'t>, kind: NodeKind, scope: usize, parent: NodeIdx) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let idx = self.declare(item, kind, &name, scope, parent);
        let body = item.child_by_field_name("body");
        let end = match body {
            Some(body) if kind != NodeKind::TypeAlias => body.start_byte(),
            _ => item.end_byte(),
        };
        self.b.nodes[idx].signature = Some(header(item, end, self.b.src));
        bind(&mut self.scopes[scope].types, name.clone(), Binding::Node(idx));
        // Tuple and unit structs are also constructors in the value namespace.
        let braced = body.is_some_and(|b| b.kind() == "field_declaration_list");
        if let Some(body) = body.filter(|_| kind == NodeKind::Struct) {
            let mut cursor = body.walk();
            let fields = if braced {
                body.named_children(&mut cursor)
                    .filter(|f| f.kind() == "field_declaration")
                    .filter_map(|f| {
                        let name = f.child_by_field_name("name")?;
                        Some((self.b.text(name).into_owned(), f.child_by_field_name("type")?))
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
    fn trait_def(&mut self, item: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let idx = self.declare(item, NodeKind::Trait, &name, scope, parent);
        let body = item.child_by_field_name("body");
        let end = body.map_or(item.end_byte(), |b| b.start_byte());
        self.b.nodes[idx].signature = Some(header(item, end, self.b.src));
        bind(&mut self.scopes[scope].types, name.clone(), Binding::Node(idx));
        if let Some(bounds) = item.child_by_field_name("bounds") {
            let mut cursor = bounds.walk();
            for bound in bounds.named_children(&mut cursor) {
                if matches!(
                    bound.kind(),
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
    fn impl_block(&mut self, item: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        let Some(ty) = item.child_by_field_name("type") else { return };
        let (name, simple) = type_name(ty, self.b.src);
        let local = if simple { self.local_type(scope, &name) } else { None };
        if let Some(tr) = item.child_by_field_name("trait") {
            // `impl !Send for T {}` says the opposite.
            let mut cursor = item.walk();
            let negative = item.children(&mut cursor).any(|c| c.kind() == "!");
            if !negative {
                let (kind, src) = (EdgeKind::Implements, local.unwrap_or(parent));
                self.heads.push(Head { kind, src, scope, path: tr, name: name.clone() });
            }
        }
        let first_new = self.b.nodes.len();
        if let Some(body) = item.child_by_field_name("body") {
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
        let trait_path = item.child_by_field_name("trait");
        self.impls.push(ImplInfo { scope, ty, trait_path, local, name, methods });
    }

    /// The methods and associated constants of an `impl` or `trait` body (`holder`:
    /// the `impl` item, whose generics apply to its methods).
    fn members(
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
            match item.kind() {
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
    fn constant(&mut self, item: Node<'t>, scope: usize, parent: NodeIdx, member: Option<Member>) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let node_name = match &member {
            Some(m) if m.prefixed => format!("{}.{name}", m.self_ty.name),
            _ => name.clone(),
        };
        let idx = self.declare(item, NodeKind::Constant, &node_name, scope, parent);
        let end = item.child_by_field_name("type").map_or(item.end_byte(), |t| t.end_byte());
        self.b.nodes[idx].signature = Some(header(item, end, self.b.src));
        self.b.nodes[idx].name = name.clone();
        if member.is_none() {
            bind(&mut self.scopes[scope].values, name, Binding::Node(idx));
        }
        if self.scopes[scope].module.is_some() {
            if let Some(value) = item.child_by_field_name("value") {
                let owner = self.scopes[scope].owner;
                let self_ty = member.map(|m| m.self_ty);
                self.owners.push(Owner { idx: owner, scope, body: value, self_ty });
            }
        }
    }

    /// `mod foo { ... }` becomes a module node with its own scope; `mod foo;` binds
    /// `foo` to the key of the module file it declares.
    fn module(&mut self, item: Node<'t>, scope: usize, parent: NodeIdx, depth: usize) {
        let Some(name) = item_name(item, self.b.src) else { return };
        let mut path = self.module_of(scope).to_vec();
        path.push(name.clone());
        let Some(body) = item.child_by_field_name("body") else {
            let import = Import {
                key: format!("rs:{}:{}", self.crate_dir, path.join(".")),
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

    /// The node of the type `name` when it is defined in `scope` itself.
    fn local_type(&self, scope: usize, name: &str) -> Option<NodeIdx> {
        match self.scopes[scope].types.get(name) {
            Some(Binding::Node(idx))
                if matches!(
                    self.b.nodes[*idx].kind,
                    NodeKind::Struct | NodeKind::Enum | NodeKind::TypeAlias
                ) =>
            {
                Some(*idx)
            }
            _ => None,
        }
    }

    /// The module path of the module scope enclosing `scope`.
    fn module_of(&self, scope: usize) -> &[String] {
        let mut s = scope;
        loop {
            if let Some(path) = &self.scopes[s].module {
                return path;
            }
            match self.scopes[s].parent {
                Some(p) => s = p,
                None => return &self.module_path,
            }
        }
    }

    /// The key of the module scope `scope` when its items are exported.
    fn scope_key(&self, scope: usize) -> Option<String> {
        let sc = &self.scopes[scope];
        let module = sc.module.as_ref()?;
        if !sc.exported || self.b.nodes[sc.owner].qualified_name.contains('#') {
            return None;
        }
        Some(format!("rs:{}:{}", self.crate_dir, module.join(".")))
    }

    /// Binds the names a `use` or `extern crate` declaration introduces in `scope`; in
    /// a module also records the module's imports, `imports` edges and re-exports.
    fn use_declaration(&mut self, decl: Node<'t>, scope: usize) {
        if decl.kind() == "extern_crate_declaration" {
            let Some(name_node) = decl.child_by_field_name("name") else { return };
            let name = self.b.text(name_node).into_owned();
            let bound = decl
                .child_by_field_name("alias")
                .map_or_else(|| name.clone(), |a| self.b.text(a).into_owned());
            let import = Import {
                key: format!("rs:extern:{name}"),
                shown: name,
                written: None,
                local: None,
            };
            bind(&mut self.scopes[scope].types, bound, Binding::Import(import));
            return;
        }
        let Some(arg) = decl.child_by_field_name("argument") else { return };
        let mut leaves = Vec::new();
        self.use_leaves(arg, Vec::new(), &mut leaves, 0);
        let line = walk::line(decl);
        for leaf in leaves {
            self.use_leaf(leaf, scope, line);
        }
    }

    /// Expands a `use` tree into its leaves, each with its full path.
    fn use_leaves(
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
        match node.kind() {
            "use_as_clause" => {
                let Some(segs) = join(prefix, node.child_by_field_name("path")) else { return };
                let alias = node.child_by_field_name("alias").map(|a| self.b.text(a).into_owned());
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
                let path = node.child_by_field_name("path");
                let Some(mut segs) = join(prefix, path) else { return };
                if path.is_none() {
                    segs.push(String::new()); // `::{a, b}`
                }
                if let Some(list) = node.child_by_field_name("list") {
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
    fn use_leaf(&mut self, leaf: UseLeaf, scope: usize, line: u32) {
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
                None if !key.starts_with("rs:extern:") => {
                    self.extern_globs.entry(scope).or_default().push(key.clone());
                    if let Some(module_key) = self.scope_key(scope) {
                        self.b.export_alias(format!("{module_key}.*"), key);
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

    /// The key, absolute shown path and local definition of a `use` path seen from
    /// `scope`. A path starting with a module or type of the current module is
    /// relative to it; one starting with an unknown name names another crate.
    fn resolve_use(&self, segs: &[String], scope: usize) -> (String, String, Option<NodeIdx>) {
        let head = segs[0].as_str();
        let external =
            |segs: &[String]| (format!("rs:extern:{}", segs.join(".")), segs.join("::"), None);
        let abs = match head {
            "crate" | "self" | "super" => self.absolute(segs, scope),
            "" => return external(&segs[1..]),
            _ => match self.lookup(head, scope, &[Ns::Types]) {
                Some((Binding::Node(idx), _)) => {
                    let local = self.walk(self.place(idx), &segs[1..]);
                    // Relative to the module defining the name (it may come from a glob).
                    let home = self.def_scope.get(&idx).copied().unwrap_or(scope);
                    let mut abs = self.module_of(home).to_vec();
                    abs.extend_from_slice(segs);
                    let key = format!("rs:{}:{}", self.crate_dir, abs.join("."));
                    return (key, abs.join("::"), local);
                }
                Some((Binding::Import(imp), _)) => {
                    let rest = &segs[1..];
                    let local = imp.local.and_then(|l| self.walk(self.place(l), rest));
                    if rest.is_empty() {
                        return (imp.key, imp.shown, local);
                    }
                    let key = format!("{}.{}", imp.key, rest.join("."));
                    return (key, format!("{}::{}", imp.shown, rest.join("::")), local);
                }
                None => return external(segs),
            },
        };
        let key = format!("rs:{}:{}", self.crate_dir, abs.join("."));
        (key, abs.join("::"), self.local_abs(&abs))
    }

    /// `crate::a`, `self::a`, `super::super::a` as an absolute path (`crate`, ..., `a`).
    fn absolute(&self, segs: &[String], scope: usize) -> Vec<String> {
        match segs[0].as_str() {
            "crate" => segs.to_vec(),
            "self" => {
                let mut abs = self.module_of(scope).to_vec();
                abs.extend_from_slice(&segs[1..]);
                abs
            }
            _ => {
                let ups = segs.iter().take_while(|s| *s == "super").count();
                let mut abs = self.module_of(scope).to_vec();
                for _ in 0..ups {
                    if abs.len() > 1 {
                        abs.pop();
                    }
                }
                abs.extend_from_slice(&segs[ups..]);
                abs
            }
        }
    }

    /// The definition of this file an absolute path names, if any.
    fn local_abs(&self, abs: &[String]) -> Option<NodeIdx> {
        let rest = abs.strip_prefix(self.module_path.as_slice())?;
        self.walk(Place::Scope(0), rest)
    }

    /// Where a path continues from the definition `idx`: inside a module, or at an item.
    fn place(&self, idx: NodeIdx) -> Place {
        if idx == 0 {
            return Place::Scope(0);
        }
        match self.mod_scopes.get(&idx) {
            Some(&s) => Place::Scope(s),
            None => Place::Item(idx),
        }
    }

    /// Follows `segs` from `start` through inline modules, types and their methods.
    fn walk(&self, start: Place, segs: &[String]) -> Option<NodeIdx> {
        let mut place = start;
        for (k, seg) in segs.iter().enumerate() {
            place = match place {
                Place::Scope(s) => {
                    let sc = &self.scopes[s];
                    let found = if k + 1 == segs.len() {
                        sc.values.get(seg).or_else(|| sc.types.get(seg))
                    } else {
                        sc.types.get(seg)
                    };
                    match found {
                        Some(Binding::Node(idx)) => self.place(*idx),
                        Some(Binding::Import(Import { local: Some(idx), .. })) => self.place(*idx),
                        _ => {
                            // `Type::method` where the `impl` is here but the type is not.
                            if k + 2 == segs.len() {
                                let key = (s, seg.clone(), segs[k + 1].clone());
                                return self.methods.get(&key).copied();
                            }
                            return None;
                        }
                    }
                }
                Place::Item(idx) => {
                    let s = *self.def_scope.get(&idx)?;
                    let key = (s, self.b.nodes[idx].name.clone(), seg.clone());
                    Place::Item(*self.methods.get(&key)?)
                }
            };
        }
        Some(match place {
            Place::Scope(s) => self.scopes[s].owner,
            Place::Item(idx) => idx,
        })
    }

    /// The scopes a name is looked up in from `scope`: it and its enclosing function
    /// bodies, up to and including the module.
    fn chain(&self, scope: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut current = Some(scope);
        while let Some(s) = current {
            out.push(s);
            if self.scopes[s].module.is_some() {
                break;
            }
            current = self.scopes[s].parent;
        }
        out
    }

    /// Looks `name` up from `scope` in the namespaces `order`; the second value is the
    /// glob `use` it came through, if any.
    fn lookup(&self, name: &str, scope: usize, order: &[Ns]) -> Option<(Binding, Option<String>)> {
        for s in self.chain(scope) {
            let sc = &self.scopes[s];
            for &ns in order {
                if let Some(b) = sc.ns(ns).get(name) {
                    return Some((b.clone(), None));
                }
            }
            for (g, written) in &sc.globs {
                for &ns in order {
                    if let Some(b) = self.scopes[*g].ns(ns).get(name) {
                        return Some((b.clone(), Some(written.clone())));
                    }
                }
            }
        }
        None
    }

    /// Notes that `user` uses an import (not for modules, whose imports are their `use`s).
    fn note_import(&mut self, user: NodeIdx, import: &Import, via: Option<String>) {
        if self.b.nodes[user].kind == NodeKind::Module {
            return;
        }
        if let Some(name) = via.or_else(|| import.written.clone()) {
            self.b.use_import(user, &name);
        }
    }

    /// Notes that `user` reaches a definition of this file through a glob `use`.
    fn note_glob(&mut self, user: NodeIdx, via: Option<String>) {
        if let Some(via) = via {
            if self.b.nodes[user].kind != NodeKind::Module {
                self.b.use_import(user, &via);
            }
        }
    }

    /// An exact edge target: the node `idx`.
    fn exact(&self, idx: NodeIdx) -> Target {
        Target::Node { id: self.b.nodes[idx].id.clone(), provenance: Provenance::Exact }
    }

    /// Resolves a path (`f`, `Foo::new`, `crate::a::f`, `Self::new`, `fmt::Display`)
    /// seen from `scope` by `user`. `value` says a single name is looked up among
    /// functions first (a callee) rather than types (a trait).
    fn resolve_path(
        &mut self,
        segs: &[String],
        scope: usize,
        user: NodeIdx,
        self_ty: Option<&SelfTy>,
        value: bool,
    ) -> Target {
        let shown = segs.join("::");
        let head = segs[0].as_str();
        match head {
            "crate" | "self" | "super" => {
                let abs = self.absolute(segs, scope);
                if let Some(idx) = self.local_abs(&abs) {
                    return self.exact(idx);
                }
                let key = format!("rs:{}:{}", self.crate_dir, abs.join("."));
                return Target::Key { key, name: abs.join("::"), inferred: false };
            }
            "" => return Target::Name(shown),
            "Self" => {
                let Some(st) = self_ty else { return Target::Name(shown) };
                if segs.len() == 2 {
                    if let Some(target) = self.self_method(&segs[1], st) {
                        return target;
                    }
                }
                let mut named = segs.to_vec();
                named[0] = st.name.clone();
                if named[0] == "Self" {
                    return Target::Name(shown);
                }
                return self.resolve_path(&named, scope, user, None, value);
            }
            _ => {}
        }
        if segs.len() == 1 {
            let order: &[Ns] =
                if value { &[Ns::Values, Ns::Types] } else { &[Ns::Types, Ns::Values] };
            return match self.lookup(head, scope, order) {
                Some((Binding::Node(idx), via)) => {
                    self.note_glob(user, via);
                    self.exact(idx)
                }
                Some((Binding::Import(imp), via)) => {
                    self.note_import(user, &imp, via);
                    match imp.local {
                        Some(idx) => self.exact(idx),
                        None => Target::Key { key: imp.key, name: imp.shown, inferred: false },
                    }
                }
                None => self.through_globs(segs, scope).unwrap_or(Target::Name(shown)),
            };
        }
        if segs.len() == 2 {
            for s in self.chain(scope) {
                if let Some(&idx) = self.methods.get(&(s, segs[0].clone(), segs[1].clone())) {
                    return self.exact(idx);
                }
            }
        }
        let rest = &segs[1..];
        let target = match self.lookup(head, scope, &[Ns::Types]) {
            Some((Binding::Node(idx), via)) => match self.walk(self.place(idx), rest) {
                Some(found) => {
                    self.note_glob(user, via);
                    self.exact(found)
                }
                None => Target::Name(shown),
            },
            Some((Binding::Import(imp), via)) => {
                self.note_import(user, &imp, via);
                if let Some(found) = imp.local.and_then(|l| self.walk(self.place(l), rest)) {
                    return self.exact(found);
                }
                return Target::Key {
                    key: format!("{}.{}", imp.key, rest.join(".")),
                    name: format!("{}::{}", imp.shown, rest.join("::")),
                    inferred: false,
                };
            }
            None => match self.through_globs(segs, scope) {
                Some(target) => return target,
                None => Target::Name(shown),
            },
        };
        // `Type::m` where `m` is a default method of a trait `Type` implements.
        if segs.len() == 2 {
            for s in self.chain(scope) {
                if let Some(idx) = self.trait_method(s, &segs[0], &segs[1]) {
                    return self.guessed(idx);
                }
            }
        }
        target
    }

    /// A path whose head is not bound, seen from a scope with glob `use`s of other
    /// files' modules: keyed under the module (whose star rows lead the store to the
    /// globbed modules), or under the one glob of a function body. Names of the
    /// standard prelude are not looked for.
    fn through_globs(&self, segs: &[String], scope: usize) -> Option<Target> {
        if is_prelude(&segs[0]) {
            return None;
        }
        for s in self.chain(scope) {
            let Some(globs) = self.extern_globs.get(&s) else { continue };
            let base = match (self.scope_key(s), globs.as_slice()) {
                (Some(module_key), _) => module_key,
                (None, [one]) => one.clone(),
                _ => return None,
            };
            return Some(Target::Key {
                key: format!("{base}.{}", segs.join(".")),
                name: segs.join("::"),
                inferred: false,
            });
        }
        None
    }

    /// Tests as edges: functions with a test attribute ([`is_test_attribute`]) get
    /// `tests` edges to what they call, directly or through test-local helpers (the
    /// functions of `#[cfg(test)]` modules, or of a file under `tests/`), and to `X`
    /// when the test is named `test_X` and `X` resolves where the test is defined.
    fn tests(&mut self) {
        let in_tests_dir = self.b.path.split('/').rev().skip(1).any(|d| d == "tests");
        let mut test_only: HashSet<String> = HashSet::new();
        let mut helpers = HashSet::new();
        let mut tests = Vec::new();
        for idx in 1..self.b.nodes.len() {
            let node = &self.b.nodes[idx];
            let cfg_test = node.decorators.iter().any(|d| d.replace(' ', "") == "#[cfg(test)]");
            let under_test = node.parent.as_ref().is_some_and(|p| test_only.contains(p));
            if cfg_test || under_test {
                test_only.insert(node.id.clone());
            }
            if !node.kind.is_callable() {
                continue;
            }
            if in_tests_dir || cfg_test || under_test {
                helpers.insert(node.id.clone());
            }
            if node.decorators.iter().any(|d| is_test_attribute(d)) {
                tests.push(idx);
            }
        }
        let mut with_roots = Vec::new();
        for test in tests {
            let id = &self.b.nodes[test].id;
            let mut roots: Vec<(Target, u32)> = self
                .b
                .edges
                .iter()
                .filter(|e| e.kind == EdgeKind::Calls && e.src == *id)
                .map(|e| (e.target.clone(), e.line))
                .collect();
            let tested = self.b.nodes[test].name.strip_prefix("test_").map(str::to_owned);
            if let (Some(tested), Some(&scope)) = (tested, self.def_scope.get(&test)) {
                let target = match self.lookup(&tested, scope, &[Ns::Values, Ns::Types]) {
                    Some((Binding::Node(idx), _)) => Some(self.exact(idx)),
                    Some((Binding::Import(imp), _)) => Some(match imp.local {
                        Some(idx) => self.exact(idx),
                        None => Target::Key { key: imp.key, name: imp.shown, inferred: false },
                    }),
                    None => self.through_globs(&[tested], scope),
                };
                let line = self.b.nodes[test].span.start_line;
                roots.extend(target.map(|t| (t, line)));
            }
            with_roots.push((test, roots));
        }
        crate::python::add_tests_edges(&mut self.b, with_roots, &helpers);
    }

    /// Exports the symbols the store needs to resolve across files: the return types
    /// of functions (`f.__return__`, and `f.__ok__` for `Result`/`Option`), and for
    /// `impl` blocks: a trait implemented by a type of this file (`T.*` → the trait),
    /// and for a type of another file, its methods here under `{module}.T@impl` with
    /// `T.*` → that namespace (→ the trait, for a trait impl).
    fn export_resolution_symbols(&mut self) {
        let mut functions: Vec<(NodeIdx, String)> = self
            .keys
            .iter()
            .filter(|(i, _)| self.b.nodes[**i].kind.is_callable())
            .map(|(i, k)| (*i, k.clone()))
            .collect();
        functions.sort();
        for (idx, key) in functions {
            let (suffix, ty) = match self.return_ty(idx) {
                Some(Ty::Wrapped(inner)) => ("__ok__", *inner),
                Some(ty) => ("__return__", ty),
                None => continue,
            };
            if let Some(target) = self.ty_key(&ty) {
                self.b.export_alias(format!("{key}.{suffix}"), target);
            }
        }
        for info in std::mem::take(&mut self.impls) {
            let src = self.b.src;
            let trait_key = info.trait_path.and_then(|t| {
                let segs =
                    path_segs(t, src).or_else(|| path_segs(t.child_by_field_name("type")?, src))?;
                let ty = self.declared_path(&segs, info.scope, 0)?;
                self.ty_key(&ty)
            });
            let type_key = match info.local {
                Some(idx) => self.keys.get(&idx).cloned(),
                None => {
                    let (name, simple) = type_name(info.ty, src);
                    let _ = name;
                    let segs = if simple {
                        Some(vec![info.name.clone()])
                    } else {
                        path_segs(info.ty, src)
                            .or_else(|| path_segs(info.ty.child_by_field_name("type")?, src))
                    };
                    segs.and_then(|segs| self.declared_path(&segs, info.scope, 0))
                        .and_then(|ty| self.ty_key(&ty))
                }
            };
            let Some(type_key) = type_key else { continue };
            if info.local.is_some() {
                if let Some(trait_key) = trait_key {
                    self.b.export_alias(format!("{type_key}.*"), trait_key);
                }
                continue;
            }
            let Some(module_key) = self.scope_key(info.scope) else { continue };
            let ns = format!("{module_key}.{}@impl", info.name);
            self.b.export_alias(format!("{type_key}.*"), ns.clone());
            for m in info.methods {
                let name = self.b.nodes[m].name.clone();
                self.b.export_node(format!("{ns}.{name}"), m);
            }
            if let Some(trait_key) = trait_key {
                self.b.export_alias(format!("{ns}.*"), trait_key);
            }
        }
    }

    /// The key of a type, when it has one worth a symbol.
    fn ty_key(&self, ty: &Ty) -> Option<String> {
        match ty {
            Ty::Node(idx) => self.keys.get(idx).cloned(),
            Ty::Key(key) if !key.contains(".__return__") && !key.contains(".__ok__") => {
                Some(key.clone())
            }
            _ => None,
        }
    }

    /// An inferred edge target: the node `idx`, found by a heuristic.
    fn guessed(&self, idx: NodeIdx) -> Target {
        Target::Node { id: self.b.nodes[idx].id.clone(), provenance: Provenance::Inferred }
    }

    /// A method `m` of a trait of this file that the type `ty` of `scope` implements
    /// (or that the trait `ty` extends), searched through supertraits: the default
    /// method a call lands on when the type does not define `m` itself. A guess, since
    /// another trait in scope may define `m` too.
    fn trait_method(&self, scope: usize, ty: &str, m: &str) -> Option<NodeIdx> {
        let mut queue = vec![(scope, ty.to_owned())];
        let mut seen = HashSet::new();
        while let Some(key) = queue.pop() {
            if seen.len() > 64 || !seen.insert(key.clone()) {
                continue;
            }
            for &t in self.trait_impls.get(&key).into_iter().flatten() {
                let ts = self.def_scope.get(&t).copied().unwrap_or(0);
                let name = self.b.nodes[t].name.clone();
                if let Some(&idx) = self.methods.get(&(ts, name.clone(), m.to_owned())) {
                    return Some(idx);
                }
                queue.push((ts, name));
            }
        }
        None
    }

    /// Resolves the supertrait or implemented trait of a head.
    fn head(&mut self, head: Head<'t>) {
        let target = match path_segs(head.path, self.b.src) {
            Some(segs) => self.resolve_path(&segs, head.scope, head.src, None, false),
            None => Target::Name(short(&walk::collapse_ws(&self.b.text(head.path)))),
        };
        if let Target::Node { id, .. } = &target {
            if let Some(&idx) = self.by_id.get(id) {
                if self.b.nodes[idx].kind == NodeKind::Trait {
                    self.trait_impls.entry((head.scope, head.name.clone())).or_default().push(idx);
                }
            }
        }
        self.b.edge(head.kind, head.src, target, walk::line(head.path));
    }

    /// Pass 2: every call in the owner's body (not in nested items, which are owners
    /// of their own) becomes a `calls` edge from the owner.
    fn calls(&mut self, owner: &Owner<'t>) {
        let mut sites = Vec::new();
        let mut typed = Vec::new();
        let mut shadowing = Vec::new();
        let body = owner.body;
        let function = self
            .fn_syntax
            .get(&owner.idx)
            .map(|(f, _, _)| *f)
            .filter(|f| f.child_by_field_name("body") == Some(body));
        if let Some(params) = function.and_then(|f| f.child_by_field_name("parameters")) {
            let mut cursor = params.walk();
            typed.extend(params.named_children(&mut cursor).filter(|p| p.kind() == "parameter"));
        }
        self.generics = function.map(|f| self.generic_bounds(owner.idx, f)).unwrap_or_default();
        walk::preorder(body, |node| {
            let kind = node.kind();
            if node != body && is_item(kind) && !matches!(kind, "const_item" | "static_item") {
                return false;
            }
            match kind {
                "call_expression" => {
                    if let Some(callee) = node.child_by_field_name("function") {
                        sites.push(Site::Expr { callee, line: walk::line(node) });
                    }
                }
                "token_tree" => macro_calls(node, self.b.src, &mut sites),
                "let_declaration" | "parameter" => typed.push(node),
                "for_expression" => {
                    if let Some(pattern) = node.child_by_field_name("pattern") {
                        shadowing.push((pattern, Some(node)));
                    }
                }
                "let_condition" | "match_arm" => {
                    shadowing.extend(node.child_by_field_name("pattern").map(|p| (p, None)));
                }
                "closure_parameters" => shadowing.push((node, None)),
                "attribute_item" | "inner_attribute_item" | "macro_definition" => return false,
                _ => {}
            }
            true
        });
        let vars = self.var_types(&typed, &shadowing, owner);
        for site in sites {
            let (target, line) = match site {
                Site::Expr { callee, line } => self.resolve_callee(callee, owner, &vars, line),
                Site::Macro { segs, dotted, line, pos } => {
                    let target = if dotted {
                        let (recv, m) = segs.split_at(segs.len() - 1);
                        match Recv::from_segs(recv)
                            .and_then(|recv| self.method_call(recv, &m[0], owner, &vars, pos))
                        {
                            Some(Target::Key { key, name, inferred }) if name.is_empty() => {
                                Target::Key { key, name: short(&segs.join(".")), inferred }
                            }
                            Some(target) => target,
                            None => Target::Name(short(&segs.join("."))),
                        }
                    } else {
                        let st = owner.self_ty.as_ref();
                        self.resolve_path(&segs, owner.scope, owner.idx, st, true)
                    };
                    (inferred(target), line)
                }
            };
            self.b.edge(EdgeKind::Calls, owner.idx, target, line);
        }
        self.generics.clear();
    }

    /// The trait bounds of the generic parameters of a function and of the `impl`
    /// around it (`<S: Store>`, `where T: Derived`), by parameter name.
    fn generic_bounds(
        &self,
        idx: NodeIdx,
        function: Node<'t>,
    ) -> HashMap<String, Vec<Vec<String>>> {
        let src = self.b.src;
        let mut out: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut add = |name: Node<'_>, bounds: Node<'_>| {
            let list = out.entry(walk::text(name, src).into_owned()).or_default();
            let mut cursor = bounds.walk();
            for bound in bounds.named_children(&mut cursor) {
                let bound = if bound.kind() == "generic_type" {
                    bound.child_by_field_name("type").unwrap_or(bound)
                } else {
                    bound
                };
                if let Some(segs) = path_segs(bound, src) {
                    list.push(segs);
                }
            }
        };
        let mut holders = vec![function];
        // `impl<T: Trait> Type<T> { fn f(&self) }`: the impl's generics too.
        holders.extend(self.impl_of.get(&idx).copied());
        for holder in holders {
            let mut cursor = holder.walk();
            for child in holder.named_children(&mut cursor) {
                match child.kind() {
                    "type_parameters" => {
                        let mut c = child.walk();
                        for p in child.named_children(&mut c) {
                            if let (Some(name), Some(bounds)) =
                                (p.child_by_field_name("name"), p.child_by_field_name("bounds"))
                            {
                                add(name, bounds);
                            }
                        }
                    }
                    "where_clause" => {
                        let mut c = child.walk();
                        for p in child.named_children(&mut c) {
                            if let (Some(left), Some(bounds)) =
                                (p.child_by_field_name("left"), p.child_by_field_name("bounds"))
                            {
                                if left.kind() == "type_identifier" {
                                    add(left, bounds);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The types of a body's variables from parameters (`x: &Foo`), `let`s (`let x:
    /// Foo`, or the type of the initializer when it is evident, see
    /// [`Self::expr_type`]) and `for` loops over collections of a known element type,
    /// in source order: a later binding of a name shadows an earlier one from where it
    /// takes effect. Names bound by other patterns (match arms, closures, `if let`)
    /// have unknown types. Each `shadowing` pattern comes with its `for` loop, if
    /// it is one's: asking tree-sitter for a node's parent walks down from the root,
    /// which made deeply nested closures quadratic.
    fn var_types(
        &mut self,
        typed: &[Node<'t>],
        shadowing: &[(Node<'t>, Option<Node<'t>>)],
        owner: &Owner<'t>,
    ) -> Vars {
        let src = self.b.src;
        let mut vars: Vars = HashMap::new();
        let mut binders: Vec<(Node<'t>, Option<Node<'t>>)> =
            typed.iter().map(|&n| (n, None)).chain(shadowing.iter().copied()).collect();
        binders.sort_by_key(|(n, _)| n.start_byte());
        for (decl, for_loop) in binders {
            match decl.kind() {
                "let_declaration" | "parameter" => {
                    let Some(pattern) = decl.child_by_field_name("pattern") else { continue };
                    // A parameter applies from the start; a `let` after its statement.
                    let from = if decl.kind() == "parameter" { 0 } else { decl.end_byte() };
                    if pattern.kind() != "identifier" {
                        bind_unknown(&mut vars, pattern, from, src);
                        continue;
                    }
                    let ty = match decl.child_by_field_name("type") {
                        Some(ty) => self
                            .declared_ty(ty, owner.scope, owner.self_ty.as_ref(), owner.idx)
                            .or_else(|| receiver_segs(ty, src).map(Ty::Path)),
                        None => decl
                            .child_by_field_name("value")
                            .and_then(|v| self.expr_type(v, owner, &vars)),
                    };
                    let name = walk::text(pattern, src).into_owned();
                    vars.entry(name).or_default().push((from, ty));
                }
                _ => {
                    // A `for` pattern (the node is the pattern; its loop is `for_loop`).
                    match (for_loop, decl.kind()) {
                        (Some(for_loop), "identifier") => {
                            let ty = for_loop
                                .child_by_field_name("value")
                                .and_then(|v| self.expr_type(v, owner, &vars))
                                .and_then(|t| match t {
                                    Ty::Many(inner) => Some(*inner),
                                    _ => None,
                                });
                            let name = walk::text(decl, src).into_owned();
                            vars.entry(name).or_default().push((decl.start_byte(), ty));
                        }
                        _ => bind_unknown(&mut vars, decl, decl.start_byte(), src),
                    }
                }
            }
        }
        vars
    }

    /// The type of an expression when it is evident: a variable's, `self`, a struct
    /// literal or unit struct, a field of a known struct, the declared return type of
    /// the function or method called (of this file, or by key from another file),
    /// `new`/`default` of an imported type, through `?`, `.await`, `unwrap()`.
    fn expr_type(&mut self, expr: Node<'t>, owner: &Owner<'t>, vars: &Vars) -> Option<Ty> {
        if self.type_depth >= MAX_TYPE_DEPTH {
            return None;
        }
        self.type_depth += 1;
        let out = self.expr_type_inner(expr, owner, vars);
        self.type_depth -= 1;
        out
    }

    fn expr_type_inner(&mut self, expr: Node<'t>, owner: &Owner<'t>, vars: &Vars) -> Option<Ty> {
        let src = self.b.src;
        match expr.kind() {
            "identifier" => {
                let name = walk::text(expr, src).into_owned();
                if let Some(ty) = var_at(vars, &name, expr.start_byte()) {
                    return ty;
                }
                // A unit struct's value: `let d = Dog;`.
                match self.lookup(&name, owner.scope, &[Ns::Values]) {
                    Some((Binding::Node(idx), _)) if self.b.nodes[idx].kind == NodeKind::Struct => {
                        Some(Ty::Node(idx))
                    }
                    _ => None,
                }
            }
            "self" => owner.self_ty.as_ref().map(|_| Ty::Path(vec!["Self".to_owned()])),
            "struct_expression" => path_segs(expr.child_by_field_name("name")?, src).map(Ty::Path),
            "parenthesized_expression" | "reference_expression" | "await_expression" => {
                let inner = expr.child_by_field_name("value").or_else(|| expr.named_child(0))?;
                self.expr_type(inner, owner, vars)
            }
            "try_expression" => match self.expr_type(expr.named_child(0)?, owner, vars)? {
                Ty::Wrapped(inner) => Some(*inner),
                Ty::Key(key) => {
                    Some(Ty::Key(format!("{}.__ok__", key.strip_suffix(".__return__")?)))
                }
                _ => None,
            },
            "field_expression" => {
                // A field of a struct of this file.
                let value = expr.child_by_field_name("value")?;
                let field = walk::text(expr.child_by_field_name("field")?, src).into_owned();
                let idx = match self.expr_type(value, owner, vars)? {
                    Ty::Node(idx) => idx,
                    Ty::Path(segs) if segs == ["Self"] => {
                        let st = owner.self_ty.as_ref()?;
                        self.local_type(st.scope, &st.name)?
                    }
                    _ => return None,
                };
                self.field_ty(idx, &field, owner)
            }
            "index_expression" => match self.expr_type(expr.named_child(0)?, owner, vars)? {
                Ty::Many(inner) => Some(*inner),
                _ => None,
            },
            "call_expression" => {
                let mut f = expr.child_by_field_name("function")?;
                if f.kind() == "generic_function" {
                    f = f.child_by_field_name("function")?;
                }
                match f.kind() {
                    "identifier" | "scoped_identifier" => {
                        let segs = path_segs(f, src)?;
                        let st = owner.self_ty.as_ref();
                        let n = segs.len();
                        match self.resolve_path(&segs, owner.scope, owner.idx, st, true) {
                            Target::Node { id, .. } => {
                                let idx = *self.by_id.get(&id)?;
                                match self.b.nodes[idx].kind {
                                    NodeKind::Struct => Some(Ty::Node(idx)),
                                    NodeKind::Function | NodeKind::Method => self.return_ty(idx),
                                    _ => None,
                                }
                            }
                            Target::Key { key, .. } if key.starts_with("rs:extern:") => (n >= 2
                                && matches!(segs[n - 1].as_str(), "new" | "default"))
                            .then(|| Ty::Path(segs[..n - 1].to_vec())),
                            Target::Key { key, .. } => Some(Ty::Key(format!("{key}.__return__"))),
                            Target::Name(_) => None,
                        }
                    }
                    "field_expression" => {
                        let value = f.child_by_field_name("value")?;
                        let m = walk::text(f.child_by_field_name("field")?, src).into_owned();
                        // What the standard wrappers' methods give.
                        let recv_ty = self.expr_type(value, owner, vars);
                        match (&recv_ty, m.as_str()) {
                            (
                                Some(Ty::Wrapped(inner)),
                                "unwrap" | "expect" | "unwrap_or_default" | "unwrap_or"
                                | "unwrap_or_else",
                            ) => return Some((**inner).clone()),
                            (Some(Ty::Lock(inner)), "lock" | "read" | "write" | "try_lock") => {
                                return Some(Ty::Wrapped(inner.clone()))
                            }
                            (Some(Ty::Lock(inner)), "borrow" | "borrow_mut" | "get_mut") => {
                                return Some((**inner).clone())
                            }
                            (Some(Ty::Many(_)), "iter" | "iter_mut" | "into_iter" | "drain") => {
                                return recv_ty
                            }
                            (
                                Some(Ty::Many(inner)),
                                "get" | "first" | "last" | "pop" | "get_mut",
                            ) => return Some(Ty::Wrapped(inner.clone())),
                            (Some(_), "clone" | "as_ref" | "as_mut" | "to_owned") => {
                                return recv_ty
                            }
                            _ => {}
                        }
                        match self.receiver_method(value, &m, owner, vars)? {
                            Target::Node { id, .. } => {
                                let idx = *self.by_id.get(&id)?;
                                self.return_ty(idx)
                            }
                            Target::Key { key, .. } if !key.starts_with("rs:extern:") => {
                                Some(Ty::Key(format!("{key}.__return__")))
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The declared return type of function or method `idx` of this file.
    fn return_ty(&mut self, idx: NodeIdx) -> Option<Ty> {
        if let Some(known) = self.return_types.get(&idx) {
            return known.clone();
        }
        self.return_types.insert(idx, None);
        let found = self.fn_syntax.get(&idx).cloned().and_then(|(f, scope, st)| {
            let ty = f.child_by_field_name("return_type")?;
            self.declared_ty(ty, scope, st.as_ref(), idx)
        });
        self.return_types.insert(idx, found.clone());
        found
    }

    /// A declared type (a signature's), resolved from `scope`: references and smart
    /// pointers stripped, `Result`/`Option` wrapped, `Self` the impl's type.
    fn declared_ty(
        &mut self,
        ty: Node<'t>,
        scope: usize,
        self_ty: Option<&SelfTy>,
        user: NodeIdx,
    ) -> Option<Ty> {
        let src = self.b.src;
        match ty.kind() {
            "reference_type" | "pointer_type" => {
                self.declared_ty(ty.child_by_field_name("type")?, scope, self_ty, user)
            }
            "abstract_type" | "dynamic_type" => {
                self.declared_ty(ty.child_by_field_name("trait")?, scope, self_ty, user)
            }
            "array_type" | "slice_type" => {
                let element = ty.child_by_field_name("element")?;
                let inner = self.declared_ty(element, scope, self_ty, user)?;
                Some(Ty::Many(Box::new(inner)))
            }
            "generic_type" => {
                let base = ty.child_by_field_name("type")?;
                let name = walk::text(base, src);
                let name = name.rsplit("::").next().unwrap_or(&name).to_owned();
                let first = || {
                    let args = ty.child_by_field_name("type_arguments")?;
                    let mut cursor = args.walk();
                    let found = args.named_children(&mut cursor).find(|a| a.kind() != "lifetime");
                    found
                };
                match name.as_str() {
                    "Result" | "Option" => {
                        let inner = self.declared_ty(first()?, scope, self_ty, user)?;
                        Some(Ty::Wrapped(Box::new(inner)))
                    }
                    "Box" | "Rc" | "Arc" | "Cow" | "Pin" => {
                        self.declared_ty(first()?, scope, self_ty, user)
                    }
                    "Mutex" | "RwLock" | "RefCell" => {
                        let inner = self.declared_ty(first()?, scope, self_ty, user)?;
                        Some(Ty::Lock(Box::new(inner)))
                    }
                    "Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "LinkedList" | "BinaryHeap" => {
                        let inner = self.declared_ty(first()?, scope, self_ty, user)?;
                        Some(Ty::Many(Box::new(inner)))
                    }
                    _ => self.declared_ty(base, scope, self_ty, user),
                }
            }
            "type_identifier" | "scoped_type_identifier" => {
                let segs = path_segs(ty, src)?;
                if segs == ["Self"] {
                    let st = self_ty?;
                    return match self.local_type(st.scope, &st.name) {
                        Some(idx) => Some(Ty::Node(idx)),
                        None => self.declared_path(std::slice::from_ref(&st.name), st.scope, user),
                    };
                }
                self.declared_path(&segs, scope, user)
            }
            _ => None,
        }
    }

    /// A type path resolved from `scope` to a type or trait of this file, or a key.
    fn declared_path(&mut self, segs: &[String], scope: usize, user: NodeIdx) -> Option<Ty> {
        match self.resolve_path(segs, scope, user, None, false) {
            Target::Node { id, .. } => {
                let idx = *self.by_id.get(&id)?;
                matches!(
                    self.b.nodes[idx].kind,
                    NodeKind::Struct | NodeKind::Enum | NodeKind::Trait | NodeKind::TypeAlias
                )
                .then_some(Ty::Node(idx))
            }
            Target::Key { key, .. } => Some(Ty::Key(key)),
            Target::Name(_) => None,
        }
    }

    /// The target of a call's callee expression, and the line of the call site (the
    /// method name's line for method calls, which may sit on a line of their own).
    fn resolve_callee(
        &mut self,
        callee: Node<'t>,
        owner: &Owner<'t>,
        vars: &Vars,
        line: u32,
    ) -> (Target, u32) {
        let mut f = callee;
        if f.kind() == "generic_function" {
            if let Some(inner) = f.child_by_field_name("function") {
                f = inner;
            }
        }
        match f.kind() {
            "identifier" | "scoped_identifier" => {
                if let Some(segs) = path_segs(f, self.b.src) {
                    let st = owner.self_ty.as_ref();
                    return (self.resolve_path(&segs, owner.scope, owner.idx, st, true), line);
                }
            }
            "field_expression" => {
                if let (Some(value), Some(field)) =
                    (f.child_by_field_name("value"), f.child_by_field_name("field"))
                {
                    let line = walk::line(field);
                    let m = self.b.text(field).into_owned();
                    let text = walk::collapse_ws(&self.b.text(f)).replace(" .", ".");
                    let target = match self.receiver_method(value, &m, owner, vars) {
                        Some(Target::Key { key, name, inferred }) if name.is_empty() => {
                            Target::Key { key, name: short(&text), inferred }
                        }
                        Some(target) => target,
                        None => Target::Name(short(&text)),
                    };
                    return (target, line);
                }
            }
            _ => {}
        }
        (Target::Name(short(&walk::collapse_ws(&self.b.text(f)))), line)
    }

    /// `value.m(...)`: through the simple receivers of [`Self::method_call`], else
    /// through the receiver expression's type.
    fn receiver_method(
        &mut self,
        value: Node<'t>,
        m: &str,
        owner: &Owner<'t>,
        vars: &Vars,
    ) -> Option<Target> {
        if let Some(recv) = Recv::from_node(value, self.b.src) {
            if let Some(target) = self.method_call(recv, m, owner, vars, value.start_byte()) {
                return Some(target);
            }
        }
        let ty = self.expr_type(value, owner, vars)?;
        self.typed_method(ty, m, owner)
    }

    /// A method call on a receiver whose type is known: `self` (exact for the type's own
    /// methods), a variable with a declared type, a field of `self`, a unit struct.
    fn method_call(
        &mut self,
        recv: Recv,
        m: &str,
        owner: &Owner<'t>,
        vars: &Vars,
        pos: usize,
    ) -> Option<Target> {
        match recv {
            Recv::SelfValue => self.self_method(m, owner.self_ty.as_ref()?),
            Recv::Var(name) => match var_at(vars, &name, pos) {
                Some(Some(ty)) => self.typed_method(ty, m, owner),
                Some(None) => None,
                None => match self.lookup(&name, owner.scope, &[Ns::Values]) {
                    // A unit struct's value: `Widget.run()`.
                    Some((Binding::Node(idx), _)) if self.b.nodes[idx].kind == NodeKind::Struct => {
                        let segs = [name, m.to_owned()];
                        match self.resolve_path(&segs, owner.scope, owner.idx, None, true) {
                            Target::Name(_) => None,
                            target => Some(target),
                        }
                    }
                    _ => None,
                },
            },
            Recv::SelfField(field) => {
                let st = owner.self_ty.as_ref()?;
                let ty_idx = self.local_type(st.scope, &st.name)?;
                let ty = self.field_ty(ty_idx, &field, owner)?;
                self.typed_method(ty, m, owner)
            }
        }
    }

    /// `m` on a value of the type `ty`: a guess, as the declaration may be shadowed and
    /// the method may come through `Deref` or another trait. A generic parameter's
    /// method is its bounds' (in order). Targets keyed by a return type carry an empty
    /// name: the caller shows the call's text.
    fn typed_method(&mut self, ty: Ty, m: &str, owner: &Owner<'t>) -> Option<Target> {
        match ty {
            Ty::Path(segs) => {
                if let [single] = segs.as_slice() {
                    if let Some(bounds) = self.generics.get(single).cloned() {
                        return bounds
                            .into_iter()
                            .find_map(|b| self.typed_method(Ty::Path(b), m, owner));
                    }
                }
                let mut segs = segs;
                segs.push(m.to_owned());
                let st = owner.self_ty.as_ref();
                match self.resolve_path(&segs, owner.scope, owner.idx, st, true) {
                    Target::Name(_) => None,
                    target => Some(inferred(target)),
                }
            }
            Ty::Node(idx) => {
                let scope = self.def_scope.get(&idx).copied().unwrap_or(0);
                let name = self.b.nodes[idx].name.clone();
                if let Some(&found) = self.methods.get(&(scope, name.clone(), m.to_owned())) {
                    return Some(self.guessed(found));
                }
                if let Some(found) = self.trait_method(scope, &name, m) {
                    return Some(self.guessed(found));
                }
                // An impl or trait in another file: the store follows the type's rows.
                let key = format!("{}.{m}", self.keys.get(&idx)?);
                Some(Target::Key { name: key_path(&key), key, inferred: true })
            }
            Ty::Key(key) => {
                let key = format!("{key}.{m}");
                Some(Target::Key { name: key_path(&key), key, inferred: true })
            }
            Ty::Wrapped(_) | Ty::Lock(_) | Ty::Many(_) => None,
        }
    }

    /// The declared type of field `field` of the struct `idx` of this file.
    fn field_ty(&mut self, idx: NodeIdx, field: &str, owner: &Owner<'t>) -> Option<Ty> {
        let ty = self.fields.get(&idx)?.iter().find(|(n, _)| *n == field)?.1;
        let scope = self.def_scope.get(&idx).copied().unwrap_or(owner.scope);
        self.declared_ty(ty, scope, None, owner.idx)
            .or_else(|| receiver_segs(ty, self.b.src).map(Ty::Path))
    }

    /// `self.m()` (or `Self::m`) in an `impl` or `trait` block: the type's own method
    /// (exact), else a default method of a trait of this file it implements (inferred).
    fn self_method(&self, m: &str, st: &SelfTy) -> Option<Target> {
        if let Some(&idx) = self.methods.get(&(st.scope, st.name.clone(), m.to_owned())) {
            return Some(self.exact(idx));
        }
        self.trait_method(st.scope, &st.name, m).map(|idx| self.guessed(idx))
    }
}

/// The receiver of a method call, when its type can be known.
enum Recv {
    /// `self.m()`
    SelfValue,
    /// `x.m()`
    Var(String),
    /// `self.field.m()`
    SelfField(String),
}

impl Recv {
    /// The receiver of a `field_expression` callee (`recv.m`).
    fn from_node(node: Node<'_>, src: &[u8]) -> Option<Recv> {
        match node.kind() {
            "self" => Some(Recv::SelfValue),
            "identifier" => Some(Recv::Var(walk::text(node, src).into_owned())),
            "field_expression" => {
                let value = node.child_by_field_name("value")?;
                let field = node.child_by_field_name("field")?;
                let named = matches!(field.kind(), "field_identifier" | "integer_literal");
                (value.kind() == "self" && named)
                    .then(|| Recv::SelfField(walk::text(field, src).into_owned()))
            }
            _ => None,
        }
    }

    /// The receiver of a dotted chain recognised in a macro (`self`, `x`, `self.f`).
    fn from_segs(segs: &[String]) -> Option<Recv> {
        match segs {
            [one] if one == "self" => Some(Recv::SelfValue),
            [one] => Some(Recv::Var(one.clone())),
            [s, field] if s == "self" => Some(Recv::SelfField(field.clone())),
            _ => None,
        }
    }
}

/// The type path of a declared type, for method lookup: references, pointers and
/// generic arguments stripped, `dyn Trait`/`impl Trait` as the trait.
fn receiver_segs(ty: Node<'_>, src: &[u8]) -> Option<Vec<String>> {
    let mut t = ty;
    loop {
        t = match t.kind() {
            "reference_type" | "pointer_type" | "generic_type" => t.child_by_field_name("type")?,
            "dynamic_type" | "abstract_type" => t.child_by_field_name("trait")?,
            "type_identifier" | "scoped_type_identifier" => return path_segs(t, src),
            _ => return None,
        };
    }
}

/// The name of an item; `None` when tree-sitter recovered it without one (a MISSING
/// identifier), as an empty name would collide with the module's id.
fn item_name(item: Node<'_>, src: &[u8]) -> Option<String> {
    let node = item.child_by_field_name("name").filter(|n| !n.is_missing())?;
    let name = walk::text(node, src);
    (!name.trim().is_empty()).then(|| name.into_owned())
}

/// Inserts a binding unless the name is already bound there (the first of cfg'd twins
/// wins; an item and a `use` of the same name cannot coexist in valid Rust).
fn bind(map: &mut HashMap<String, Binding>, name: String, binding: Binding) {
    map.entry(name).or_insert(binding);
}

/// The Rust path a key stands for (`rs:extern:std.fmt.Display` → `std::fmt::Display`,
/// `rs:src/:crate.a.f` → `crate::a::f`); empty for keys made up from a return type,
/// whose call text reads better.
fn key_path(key: &str) -> String {
    if key.contains(".__return__") || key.contains(".__ok__") || key.contains("@impl") {
        return String::new();
    }
    let path = match key.strip_prefix("rs:extern:") {
        Some(rest) => rest,
        None => key.strip_prefix("rs:").and_then(|k| k.split_once(':')).map_or(key, |(_, p)| p),
    };
    path.replace('.', "::")
}

/// Marks every name a pattern binds as of unknown type from byte `from`.
fn bind_unknown(vars: &mut Vars, pattern: Node<'_>, from: usize, src: &[u8]) {
    walk::preorder(pattern, |n| {
        if n.kind() == "identifier" {
            vars.entry(walk::text(n, src).into_owned()).or_default().push((from, None));
        }
        true
    });
}

/// Names of Rust's standard prelude (and common macros' helpers): never looked up
/// through glob imports.
fn is_prelude(name: &str) -> bool {
    matches!(
        name,
        "Some"
            | "None"
            | "Ok"
            | "Err"
            | "Box"
            | "Vec"
            | "String"
            | "Option"
            | "Result"
            | "Default"
            | "Clone"
            | "Copy"
            | "Drop"
            | "Iterator"
            | "IntoIterator"
            | "From"
            | "Into"
            | "ToString"
            | "ToOwned"
            | "drop"
            | "Self"
            | "self"
            | "super"
            | "crate"
            | "std"
            | "core"
            | "alloc"
    )
}

/// Downgrades a target found by the macro heuristic to a guess.
fn inferred(target: Target) -> Target {
    match target {
        Target::Node { id, .. } => Target::Node { id, provenance: Provenance::Inferred },
        Target::Key { key, name, .. } => Target::Key { key, name, inferred: true },
        name => name,
    }
}

/// Calls in the direct children of a macro's token tree: a path (`a::b`) or a dotted
/// chain (`x.y.m`) of plain names directly followed by a parenthesised group. Chains
/// after a complex receiver and `fn name(...)` definitions are left out.
fn macro_calls<'t>(tree: Node<'t>, src: &[u8], sites: &mut Vec<Site<'t>>) {
    let mut cursor = tree.walk();
    let kids: Vec<Node<'t>> = tree.children(&mut cursor).collect();
    for (i, kid) in kids.iter().enumerate() {
        if kid.kind() != "token_tree" || i == 0 || !walk::text(*kid, src).starts_with('(') {
            continue;
        }
        if kids[i - 1].kind() != "identifier" {
            continue;
        }
        let mut start = i - 1;
        let mut sep: Option<&str> = None;
        while start >= 2 {
            let s = kids[start - 1].kind();
            let name_like =
                matches!(kids[start - 2].kind(), "identifier" | "self" | "super" | "crate");
            if (s == "::" || s == ".") && sep.is_none_or(|x| x == s) && name_like {
                sep = Some(if s == "::" { "::" } else { "." });
                start -= 2;
            } else {
                break;
            }
        }
        if start >= 1 && matches!(kids[start - 1].kind(), "." | "::" | "fn") {
            continue;
        }
        let segs: Vec<String> =
            kids[start..i].iter().step_by(2).map(|n| walk::text(*n, src).into_owned()).collect();
        let (line, pos) = (walk::line(kids[i - 1]), kids[i - 1].start_byte());
        sites.push(Site::Macro { segs, dotted: sep == Some("."), line, pos });
    }
}

/// The segments of a path expression or type path (`a::b::C`, `Foo::<T>::new`); a
/// leading `::` is an empty first segment. `None` for `<T as Trait>::f` and the like.
fn path_segs(node: Node<'_>, src: &[u8]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut current = Some(node);
    while let Some(n) = current {
        match n.kind() {
            "scoped_identifier" | "scoped_type_identifier" => {
                out.push(walk::text(n.child_by_field_name("name")?, src).into_owned());
                current = n.child_by_field_name("path");
                if current.is_none() {
                    out.push(String::new());
                }
            }
            "generic_type" => current = n.child_by_field_name("type"),
            "identifier" | "type_identifier" | "crate" | "self" | "super" | "metavariable" => {
                out.push(walk::text(n, src).into_owned());
                current = None;
            }
            _ => return None,
        }
    }
    out.reverse();
    Some(out)
}

/// The name of an `impl` block's type without generics or references (`Foo` for
/// `impl<T> Trait for &Foo<T>`), and whether it is a plain name that may be defined
/// in the same scope (not `a::Foo`, `dyn Trait`, a tuple, ...).
fn type_name(ty: Node<'_>, src: &[u8]) -> (String, bool) {
    let mut t = ty;
    let mut simple = true;
    loop {
        let next = match t.kind() {
            "generic_type" | "reference_type" | "pointer_type" => t.child_by_field_name("type"),
            "dynamic_type" | "abstract_type" => {
                simple = false;
                t.child_by_field_name("trait")
            }
            "scoped_type_identifier" => {
                simple = false;
                t.child_by_field_name("name")
            }
            "type_identifier" | "primitive_type" => {
                return (walk::text(t, src).into_owned(), simple);
            }
            _ => None,
        };
        match next {
            Some(n) => t = n,
            None => {
                let text: String = walk::text(t, src).split_whitespace().collect();
                return (text, false);
            }
        }
    }
}

/// The doc comments, attributes and the first of either, out of what comes right
/// before an item (`before`: attributes and comments, in source order). Plain
/// comments between them are skipped.
fn leading<'t>(before: &[Node<'t>]) -> (Vec<Node<'t>>, Vec<Node<'t>>, Option<Node<'t>>) {
    let mut docs = Vec::new();
    let mut attrs = Vec::new();
    let mut first = None;
    for &s in before.iter().rev() {
        match s.kind() {
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
fn doc_marker(comment: Node<'_>) -> Option<bool> {
    if comment.child_by_field_name("outer").is_some() {
        Some(true)
    } else if comment.child_by_field_name("inner").is_some() {
        Some(false)
    } else {
        None
    }
}

/// The inner doc comments (`//!`, `/*! */`) at the start of a file or `mod` body.
fn inner_doc(container: Node<'_>, src: &[u8]) -> Option<String> {
    let mut docs = Vec::new();
    let mut cursor = container.walk();
    for child in container.children(&mut cursor) {
        match child.kind() {
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
fn doc_text(comments: &[Node<'_>], src: &[u8]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for comment in comments {
        let raw =
            comment.child_by_field_name("doc").map(|d| walk::text(d, src)).unwrap_or_default();
        if comment.kind() == "line_comment" {
            let line = raw.trim_end_matches(['\n', '\r']);
            lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_owned());
            continue;
        }
        let block: Vec<&str> = raw.lines().collect();
        let rest = || block.iter().skip(1).filter(|l| !l.trim().is_empty());
        let starred = rest().all(|l| l.trim_start().starts_with('*'));
        let margin = rest().map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
        for (i, line) in block.iter().enumerate() {
            let text = if i == 0 {
                line.strip_prefix(' ').unwrap_or(line)
            } else if starred {
                let t = line.trim_start();
                let t = t.strip_prefix('*').unwrap_or(t);
                t.strip_prefix(' ').unwrap_or(t)
            } else {
                line.get(margin..).unwrap_or_else(|| line.trim_start())
            };
            lines.push(text.trim_end().to_owned());
        }
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The declaration header of `item`: its text up to byte `end` (the body, the `=`),
/// without comments, whitespace collapsed and a trailing `;` dropped.
fn header(item: Node<'_>, end: usize, src: &[u8]) -> String {
    let start = item.start_byte();
    let end = end.clamp(start, item.end_byte());
    let mut comments = Vec::new();
    walk::preorder(item, |n| {
        if n.start_byte() >= end {
            return false;
        }
        if matches!(n.kind(), "line_comment" | "block_comment") {
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

/// McCabe cyclomatic complexity of a function body: 1 + each `if` (and `if let`,
/// `else if`), `while`, `for`, `loop`, match arm beyond the first, `&&`, `||` and `?`.
/// Closures count toward the function; nested items count for themselves.
fn complexity(body: Node<'_>) -> u32 {
    let mut n = 1;
    walk::preorder(body, |node| {
        let kind = node.kind();
        if node != body && is_item(kind) {
            return false;
        }
        match kind {
            "if_expression" | "while_expression" | "for_expression" | "loop_expression"
            | "try_expression" => n += 1,
            "match_block" => {
                let mut cursor = node.walk();
                let arms = node.named_children(&mut cursor).filter(|c| c.kind() == "match_arm");
                n += (arms.count() as u32).saturating_sub(1);
            }
            "binary_expression"
                if node
                    .child_by_field_name("operator")
                    .is_some_and(|o| matches!(o.kind(), "&&" | "||")) =>
            {
                n += 1;
            }
            "let_chain" => {
                let mut cursor = node.walk();
                n += node.children(&mut cursor).filter(|c| c.kind() == "&&").count() as u32;
            }
            "macro_invocation" | "attribute_item" | "inner_attribute_item" => return false,
            _ => {}
        }
        true
    });
    n
}

/// Caps an unresolvable callee's text at 80 characters.
fn short(text: &str) -> String {
    if text.chars().count() <= 80 {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(79).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(path: &str) -> (String, String) {
        let (dir, module) = module_location(path);
        (dir, module.join("."))
    }

    #[test]
    fn module_paths_follow_cargo_layout() {
        let loc = |d: &str, m: &str| (d.to_owned(), m.to_owned());
        assert_eq!(location("src/lib.rs"), loc("", "crate"));
        assert_eq!(location("src/main.rs"), loc("", "crate"));
        assert_eq!(location("src/a.rs"), loc("", "crate.a"));
        assert_eq!(location("src/a/mod.rs"), loc("", "crate.a"));
        assert_eq!(location("src/a/b.rs"), loc("", "crate.a.b"));
        assert_eq!(
            location("vendor/tokio/src/runtime/task.rs"),
            loc("vendor/tokio/", "crate.runtime.task")
        );
        assert_eq!(location("crates/x/src/src/y.rs"), loc("crates/x/src/", "crate.y"));
        assert_eq!(location("mysrc/a.rs"), loc("mysrc/", "crate.a"));
        assert_eq!(location("tests/cases.rs"), loc("tests/", "crate.cases"));
        assert_eq!(location("build/mod.rs"), loc("build/", "crate"));
        assert_eq!(location("lib.rs"), loc("", "crate"));
        assert_eq!(location("calls.rs"), loc("", "crate.calls"));
    }

    #[test]
    fn block_doc_comments_lose_their_margin() {
        let src = b"/**\n * One.\n *\n * Two.\n */\nfn f() {}\n/** Inline. */\nfn g() {}\n";
        let facts = extract("d.rs", src);
        assert_eq!(facts.nodes[1].docstring.as_deref(), Some("One.\n\nTwo."));
        assert_eq!(facts.nodes[2].docstring.as_deref(), Some("Inline."));
    }

    /// Every prefix of a file full of constructs (each one a syntax error somewhere)
    /// extracts without panicking, and every node id stays unique.
    #[test]
    fn truncated_files_never_panic() {
        let sample = r#"//! Doc.
use std::{fmt::{self, Display as D}, io::*};
use crate::a::{b, c as d};
use super::{self as s, *};
mod m { use super::*; pub fn f() -> u8 { g() } }
/// Doc
#[derive(Debug)]
pub struct S<T> where T: Clone { x: T }
impl<T: Clone> S<T> { pub fn new(x: T) -> Self { Self { x } } fn m(&self) { self.n(); Self::new(self.x.clone()); } }
impl<T> D for S<T> { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "{}", g()) } }
trait Tr: D + Clone { fn a(&self); fn b(&self) -> u8 { if true && false { 1 } else { match 1 { 1 => 2, _ => 3 } } } }
const C: u8 = g(); static mut V: [u8; 2] = [0; 2];
fn g() -> u8 { let c = |x: u8| x?; crate::m::f(); super::h(); loop { break 1 } }
enum E { A(u8), B { x: u8 } }
extern "C" { fn ext(x: i32); }
macro_rules! mac { ($x:expr) => { g() } }
"#;
        let mut ends: Vec<usize> = sample.char_indices().map(|(i, _)| i).collect();
        ends.push(sample.len());
        for end in ends {
            let facts = extract("src/fuzz.rs", &sample.as_bytes()[..end]);
            let mut ids = HashSet::new();
            for node in &facts.nodes {
                assert!(ids.insert(node.id.clone()), "duplicate id {} at {end}", node.id);
            }
        }
    }

    /// Adversarial nesting: 10,000 nested blocks, mods, fns, calls and `use` groups are
    /// indexed (down to `MAX_DEPTH` where items nest) without overflowing a default
    /// 2 MiB thread stack.
    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let worker = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
            let n = 10_000;
            let blocks = format!("fn f() {{ {}{} }}\n", "{".repeat(n), "}".repeat(n));
            let facts = extract("blocks.rs", blocks.as_bytes());
            assert_eq!(facts.nodes.len(), 2);
            assert!(facts.diagnostics.is_empty(), "{:?}", facts.diagnostics);

            let mods = format!("{}fn g() {{}}{}\n", "mod a { ".repeat(n), " }".repeat(n));
            let facts = extract("mods.rs", mods.as_bytes());
            assert_eq!(facts.nodes.len(), 1 + crate::MAX_DEPTH + 1);
            assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));

            let fns = format!("{}{}\n", "fn h() { ".repeat(n), " }".repeat(n));
            let facts = extract("fns.rs", fns.as_bytes());
            assert_eq!(facts.nodes.len(), 1 + crate::MAX_DEPTH + 1);

            let calls = format!("fn c() {{ {}{} }}\n", "c(".repeat(n), ")".repeat(n));
            let facts = extract("calls.rs", calls.as_bytes());
            assert_eq!(facts.nodes[1].complexity, 1);

            let uses = format!("use {}x{};\n", "a::{".repeat(n), "}".repeat(n));
            let facts = extract("uses.rs", uses.as_bytes());
            assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
        });
        worker.unwrap().join().unwrap();
    }
}

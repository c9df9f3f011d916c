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
use crate::common::eval::Depth;
use crate::common::text::{short, MAX_SHOWN_CHARS};
use crate::common::{complexity, docs, tests_edges};
use crate::walk::{Fields, Kinds};
use crate::{walk, FileFacts, Target};
use model::keys;
use model::{EdgeKind, Language, NodeKind, Provenance};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

mod emit;
mod infer;
mod lower;
mod scopes;

use emit::inferred;
use infer::{receiver_segs, type_name};
use lower::{inner_doc, is_item};
use scopes::{bind, key_path, path_segs};

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
    /// Nesting of type evaluations in progress.
    type_depth: Depth,
}

/// Extracts a Rust file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_rust::LANGUAGE.into(), src);
    let (crate_dir, module_path) = module_location(path);
    let module_key = format!("{}{crate_dir}:{}", keys::RUST, module_path.join("."));
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
        type_depth: Depth::default(),
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
        match node.kind_name() {
            "self" => Some(Recv::SelfValue),
            "identifier" => Some(Recv::Var(walk::text(node, src).into_owned())),
            "field_expression" => {
                let value = node.field("value")?;
                let field = node.field("field")?;
                let named = matches!(field.kind_name(), "field_identifier" | "integer_literal");
                (value.kind_name() == "self" && named)
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

/// McCabe cyclomatic complexity of a function body: 1 + each `if` (and `if let`,
/// `else if`), `while`, `for`, `loop`, match arm beyond the first, `&&`, `||` and `?`.
/// Closures count toward the function; nested items count for themselves.
fn complexity(body: Node<'_>) -> u32 {
    complexity::cyclomatic(body, |node| {
        let kind = node.kind_name();
        if node != body && is_item(kind) {
            return None;
        }
        match kind {
            "if_expression" | "while_expression" | "for_expression" | "loop_expression"
            | "try_expression" => Some(1),
            "match_block" => {
                let mut cursor = node.walk();
                let arms =
                    node.named_children(&mut cursor).filter(|c| c.kind_name() == "match_arm");
                Some((arms.count() as u32).saturating_sub(1))
            }
            "binary_expression"
                if node.field("operator").is_some_and(|o| matches!(o.kind_name(), "&&" | "||")) =>
            {
                Some(1)
            }
            "let_chain" => {
                let mut cursor = node.walk();
                Some(node.children(&mut cursor).filter(|c| c.kind_name() == "&&").count() as u32)
            }
            "macro_invocation" | "attribute_item" | "inner_attribute_item" => None,
            _ => Some(0),
        }
    })
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

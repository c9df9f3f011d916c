//! JavaScript and TypeScript (TS and TSX grammars): classes, interfaces, type
//! aliases, enums, namespaces, functions, methods, arrow functions bound to names,
//! object-literal methods and upper-case constants; ES module and CommonJS imports
//! and exports, calls (including JSX components), `extends`/`implements` edges.
//!
//! Symbol keys are `js:` + the file path without its extension and without a trailing
//! `/index` (`src/util/index.ts` is `js:src/util`) + `.` + the exported name; packages
//! imported by bare specifier live under `js:pkg:` (`js:pkg:lodash.map`). TypeScript and
//! JavaScript share the key space, so a `.ts` file can link against a `.js` one.
//!
//! Like the Python module this works in two passes: pass 1 walks the tree creating
//! nodes, scopes and bindings (definitions, imports, parameters); pass 2 scans each
//! owner's code for calls and resolves them through the scopes. Nothing recurses on
//! the syntax tree: pass 1 runs from an explicit work stack and pass 2 uses
//! [`walk::preorder`], so deeply nested input cannot overflow the stack; definitions
//! nested deeper than [`crate::MAX_DEPTH`] are skipped with a diagnostic.

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::{walk, FileFacts, Target};
use model::{EdgeKind, Language, NodeKind, Provenance};
use std::collections::{BTreeMap, HashMap, HashSet};
use tree_sitter::Node;

/// What a name is bound to in a scope.
#[derive(Clone, Debug)]
enum Binding {
    /// A definition of this file.
    Node(NodeIdx),
    /// An import.
    Import {
        /// The global key, `js:src/util.parse`.
        key: String,
        /// The imported name as listed in `imports`, `./util.parse`.
        name: String,
        /// A `require()` of a whole module, whose direct call means the module's
        /// default export (`module.exports = f`).
        whole: bool,
    },
    /// A parameter or local variable: shadows outer names, resolves to nothing.
    Local,
}

/// A lexical scope: the module, a definition's body, or an anonymous function's.
struct Scope {
    /// The enclosing scope; `None` for the module.
    parent: Option<usize>,
    /// Names bound directly in this scope.
    bindings: HashMap<String, Binding>,
}

/// How a declaration is exported from its module or namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Export {
    /// `export <declaration>`: under its own name.
    Named,
    /// `export default ...` / `module.exports = ...`: as `default`.
    Default,
}

/// An export, resolved to symbols once pass 1 has seen every definition.
enum ExportRef {
    /// `key` stands for the node (and its members).
    Node(String, NodeIdx),
    /// `key` stands for whatever the local `name` is bound to in `scope`.
    Local {
        /// The exported key.
        key: String,
        /// The local name.
        name: String,
        /// The scope the name is looked up in.
        scope: usize,
    },
    /// `key` re-exports another key.
    Alias(String, String),
}

/// A `const`/`let`/`var` statement, as its declarators need it.
struct Declaration<'t> {
    /// The declaration statement.
    decl: Node<'t>,
    /// `const`, `let` or `var`.
    keyword: String,
    /// Whether it has exactly one declarator.
    single: bool,
    /// The statement wrapping it (`export ...`), or itself.
    outer: Node<'t>,
    /// How it is exported, if it is.
    export: Option<Export>,
}

/// The statement wrapping a declaration (`export ...`, `declare ...`) and how the
/// declaration is exported (`None` for a plain `declare`).
type Wrap<'t> = (Node<'t>, Option<Export>);

/// Where pass 1 is: the scope to bind in, the node to nest under, the class or object
/// that `this` refers to, and the definition nesting depth.
#[derive(Clone, Copy)]
struct Ctx {
    /// Scope for bindings and lookups.
    scope: usize,
    /// The node new definitions are nested under.
    parent: NodeIdx,
    /// The class (or object literal) `this` refers to here.
    this: Option<NodeIdx>,
    /// Definitions enclosing this point, checked against [`crate::MAX_DEPTH`].
    depth: usize,
}

/// A node whose code pass 2 scans for calls.
struct Owner<'t> {
    /// The node that makes the calls.
    idx: NodeIdx,
    /// The scope of its body.
    scope: usize,
    /// The syntax to scan (nested definitions excluded).
    root: Node<'t>,
    /// The class (or object literal) `this` refers to.
    this: Option<NodeIdx>,
}

/// Pass-1 work, run from an explicit stack (see [`Js::run`]).
enum Work<'t> {
    /// A walk over the descendants of a syntax node.
    Walk(Walker<'t>),
    /// The members of a class body, from `next`.
    ClassBody {
        /// The class node.
        class: NodeIdx,
        /// The body's named children.
        members: Vec<Node<'t>>,
        /// Index of the next member to handle.
        next: usize,
        /// Decorators seen since the last member (TypeScript puts them before it).
        decorators: Vec<Node<'t>>,
        /// The class body's context.
        ctx: Ctx,
    },
    /// The members of an object literal, from `next`, that become nodes of `kind`.
    Members {
        /// The object's named children.
        members: Vec<Node<'t>>,
        /// Index of the next member to handle.
        next: usize,
        /// `Method` (object bound to a name) or `Function` (`module.exports = {}`).
        kind: NodeKind,
        /// How the members are exported.
        export: Option<Export>,
        /// What `this` means in the members' methods.
        object_this: Option<NodeIdx>,
        /// The members' context.
        ctx: Ctx,
    },
    /// The declarators of a `const`/`let`/`var` statement, from `next`.
    Declarators {
        /// The statement.
        info: Declaration<'t>,
        /// Its declarators.
        list: Vec<Node<'t>>,
        /// Index of the next declarator to handle.
        next: usize,
        /// The statement's context.
        ctx: Ctx,
    },
}

/// A resumable pre-order walk over the descendants of `root`.
struct Walker<'t> {
    /// Position of the walk.
    cursor: tree_sitter::TreeCursor<'t>,
    /// The node whose descendants are walked.
    root: Node<'t>,
    /// The context of the walked code.
    ctx: Ctx,
    /// Anonymous functions entered and not yet left: (end byte, scope of the body).
    anon: Vec<(usize, usize)>,
    /// Whether to descend into the node visited last.
    descend: bool,
}

impl<'t> Walker<'t> {
    /// The next node in pre-order (descending into the last one if `descend`),
    /// `None` when the walk is over. `root` itself is not returned.
    fn next(&mut self) -> Option<Node<'t>> {
        if self.descend && self.cursor.goto_first_child() {
            return Some(self.cursor.node());
        }
        loop {
            if self.cursor.node() == self.root {
                return None;
            }
            if self.cursor.goto_next_sibling() {
                return Some(self.cursor.node());
            }
            if !self.cursor.goto_parent() {
                return None;
            }
        }
    }
}

/// What pass 1's traversal does after visiting a syntax node.
enum Visit {
    /// Do not descend: the node was fully handled (or has nothing to offer).
    Skip,
    /// Descend into the children in the same scope.
    Descend,
    /// Descend into the children in the given (new) scope.
    Enter(usize),
}

/// A function-like definition about to become a node.
struct Callable<'t> {
    /// `Function` or `Method`.
    kind: NodeKind,
    /// The node's name.
    name: String,
    /// The syntax with the parameters and body (a declaration, an arrow function, a
    /// method definition, a signature).
    func: Node<'t>,
    /// The syntax the node spans (the `export` or `const` statement around `func`).
    span: Node<'t>,
    /// Byte where the signature starts.
    sig_start: usize,
    /// Text put before the signature (`const` for one of several declarators).
    sig_prefix: String,
    /// Byte before which a JSDoc comment is looked for.
    doc_start: usize,
    /// Decorators, in source order.
    decorators: Vec<Node<'t>>,
    /// How the definition is exported, if it is.
    export: Option<Export>,
    /// Whether the name is bound in the enclosing scope.
    bind: bool,
    /// What `this` refers to inside.
    this: Option<NodeIdx>,
    /// The variable holding the function has a type annotation (`const f: F = ...`).
    declared_type: bool,
}

/// A local variable, parameter or class field: its declared type and initial value,
/// evaluated in `scope`.
#[derive(Clone, Copy, Debug)]
struct Declared<'t> {
    ty: Option<Node<'t>>,
    value: Option<Node<'t>>,
    scope: usize,
}

/// What an expression evaluates to, as far as the file tells (see [`Js::eval`]).
#[derive(Clone, Debug, PartialEq)]
enum Value {
    /// A definition of this file: a class (the class itself), a function, a method, an
    /// object literal or a namespace.
    Def(NodeIdx),
    /// Something known by a global key only. `shown` is what users see; `None` when
    /// the key is made up (`f.__return__`) and the source text reads better.
    Key { key: String, shown: Option<String> },
    /// An instance of a class (or a value of an interface type).
    Instance(Class),
    /// One of a few values (`A | B`): a call may reach each.
    Union(Vec<Value>),
}

/// At most this many alternatives make a [`Value::Union`].
const MAX_UNION: usize = 4;

/// The union of `values` (flattened, without repeats); `None` when empty or too big.
fn union(values: Vec<Value>) -> Option<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in values {
        let parts = match v {
            Value::Union(parts) => parts,
            v => vec![v],
        };
        for part in parts {
            if !out.contains(&part) {
                out.push(part);
            }
        }
    }
    match out.len() {
        0 => None,
        1 => out.pop(),
        n if n <= MAX_UNION => Some(Value::Union(out)),
        _ => None,
    }
}

/// A class (or interface) an instance belongs to.
#[derive(Clone, Debug, PartialEq)]
enum Class {
    Def(NodeIdx),
    Key { key: String, shown: Option<String> },
}

/// A value, and whether finding it took a heuristic (a receiver's type).
#[derive(Clone, Debug, PartialEq)]
struct Eval {
    value: Value,
    inferred: bool,
}

/// Bound on nested evaluations (declaration chains, return types, fields).
const MAX_EVAL_DEPTH: usize = 24;

/// A call site found by pass 2: the callee, the line, the scope it is seen from, and
/// whether it is a `new` (a constructor call).
struct Site<'t> {
    callee: Node<'t>,
    /// The call, `new` or JSX element whose callee this is.
    call: Node<'t>,
    line: u32,
    scope: usize,
    new: bool,
    /// Inside an argument of a test-framework call (`it('...', () => f())`) in the
    /// owner's code; always false outside test files.
    in_test_block: bool,
}

/// The state of one JavaScript/TypeScript extraction.
struct Js<'s, 't> {
    /// The shared node/edge bookkeeping.
    b: FileBuilder<'s>,
    /// TypeScript (type hints are only reported for TypeScript).
    ts: bool,
    /// This module's key, `js:src/util`.
    module_key: String,
    /// Directory of the file (relative specifiers resolve against it), `` at the root.
    dir: String,
    /// Every scope; 0 is the module's.
    scopes: Vec<Scope>,
    /// Nodes whose code pass 2 scans, in creation order.
    owners: Vec<Owner<'t>>,
    /// Syntax nodes (by id) pass 1 has fully handled and pass 2 must not enter:
    /// definitions that are nodes of their own, `require()` calls.
    claimed: HashSet<usize>,
    /// Anonymous functions (by syntax id) and the scope of their bodies.
    anon_scopes: HashMap<usize, usize>,
    /// Declarations wrapped in `export` or `declare` (by syntax id).
    export_of: HashMap<usize, Wrap<'t>>,
    /// Named function or class expressions standing as statements (what tree-sitter
    /// makes of declarations in broken code): they become nodes.
    promote: HashSet<usize>,
    /// Node index by qualified name (first definition wins).
    by_qname: HashMap<String, NodeIdx>,
    /// Children of each node, in creation order.
    children: HashMap<NodeIdx, Vec<NodeIdx>>,
    /// Definitions marked `export` inside a namespace.
    exported_in_ns: HashSet<NodeIdx>,
    /// Exports in source order, resolved after pass 1.
    exports: Vec<ExportRef>,
    /// Classes and interfaces whose heritage still needs resolving, with the scope
    /// enclosing them.
    heads: Vec<(NodeIdx, usize, Node<'t>)>,
    /// The first `extends` target of each class.
    bases: HashMap<NodeIdx, Target>,
    /// Decorated nodes, the scope enclosing them and their decorators.
    decorated: Vec<(NodeIdx, usize, Vec<Node<'t>>)>,
    /// Every comment of the file in source order (for JSDoc lookup).
    comments: Vec<Node<'t>>,
    /// The scopes of the module and of namespace bodies: where upper-case constants
    /// are nodes.
    module_scopes: HashSet<usize>,
    /// Pass-1 work scheduled by the current step (see [`Js::run`]).
    pending: Vec<Work<'t>>,
    /// Locals and parameters with a type or an initial value, by (scope, name).
    locals: HashMap<(usize, String), Declared<'t>>,
    /// Fields of each class: declared (`x: T = v`), constructor parameter properties
    /// and `this.x = v` assignments.
    fields: HashMap<NodeIdx, Vec<(String, Declared<'t>)>>,
    /// Functions and methods: their syntax and the scope of their body.
    functions: HashMap<NodeIdx, (Node<'t>, usize)>,
    /// `return` expressions of each function (not of nested functions), with the
    /// scope they are in.
    returns: HashMap<NodeIdx, Vec<(Node<'t>, usize)>>,
    /// Return values already worked out (`None`: unknown or being computed).
    return_values: HashMap<NodeIdx, Option<Eval>>,
    /// The key each exported node has.
    keys: HashMap<NodeIdx, String>,
    /// Getter methods (`get x()`): reading them is calling them.
    getters: HashSet<NodeIdx>,
    /// For the overload signature being visited: its statement's id and the next
    /// statement (see [`Js::statement_after`]).
    next_statement: Option<(usize, Option<Node<'t>>)>,
    /// Nesting of evaluations in progress.
    depth: usize,
}

/// Extracts a JavaScript or TypeScript file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8], language: Language) -> FileFacts {
    let grammar: tree_sitter::Language = if language == Language::JavaScript {
        tree_sitter_javascript::LANGUAGE.into()
    } else if path.ends_with(".tsx") {
        tree_sitter_typescript::LANGUAGE_TSX.into()
    } else {
        tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()
    };
    let tree = builder::parse(&grammar, src);
    let root = tree.root_node();
    let module_key = format!("js:{}", module_path(path));
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let mut comments = Vec::new();
    walk::preorder(root, |node| {
        if node.kind() == "comment" {
            comments.push(node);
        }
        true
    });
    let mut js = Js {
        b: FileBuilder::new(path, src, language, &tree),
        ts: language == Language::TypeScript,
        module_key: module_key.clone(),
        dir,
        scopes: vec![Scope { parent: None, bindings: HashMap::new() }],
        owners: Vec::new(),
        claimed: HashSet::new(),
        anon_scopes: HashMap::new(),
        export_of: HashMap::new(),
        promote: HashSet::new(),
        by_qname: HashMap::new(),
        children: HashMap::new(),
        exported_in_ns: HashSet::new(),
        exports: Vec::new(),
        heads: Vec::new(),
        bases: HashMap::new(),
        decorated: Vec::new(),
        comments,
        module_scopes: HashSet::from([0]),
        pending: Vec::new(),
        locals: HashMap::new(),
        fields: HashMap::new(),
        functions: HashMap::new(),
        returns: HashMap::new(),
        return_values: HashMap::new(),
        keys: HashMap::new(),
        getters: HashSet::new(),
        next_statement: None,
        depth: 0,
    };
    js.b.export_node(module_key, 0);
    js.b.nodes[0].docstring = js.module_docstring(root);
    js.owners.push(Owner { idx: 0, scope: 0, root, this: None });
    js.walk(root, Ctx { scope: 0, parent: 0, this: None, depth: 0 });
    js.run();
    js.resolve_exports();
    js.resolve_heads();
    let owners = std::mem::take(&mut js.owners);
    // All owners' code is read before any call is resolved: `this.x = ...` in one
    // method types `this.x` in the others.
    let test_file = is_test_file(path);
    let sites: Vec<Vec<Site<'_>>> = owners.iter().map(|o| js.scan(o, test_file)).collect();
    let mut tests: BTreeMap<NodeIdx, Vec<(Target, u32)>> = BTreeMap::new();
    for (owner, sites) in owners.iter().zip(sites) {
        let roots = js.calls(owner, sites, test_file);
        if !roots.is_empty() {
            tests.entry(owner.idx).or_default().extend(roots);
        }
    }
    if test_file {
        // Tests are anonymous callbacks: their edges go from the node whose code holds
        // them (the module, or the function that declares the suite).
        let helpers: HashSet<String> =
            js.b.nodes.iter().filter(|n| n.kind.is_callable()).map(|n| n.id.clone()).collect();
        crate::python::add_tests_edges(&mut js.b, tests.into_iter().collect(), &helpers);
    }
    js.export_resolution_symbols();
    js.b.finish()
}

/// A test file: `*.test.*`, `*.spec.*`, or under a `__tests__/` directory.
fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let mut parts = file.split('.').skip(1);
    parts.any(|p| p == "test" || p == "spec")
        || path.split('/').rev().skip(1).any(|d| d == "__tests__")
}

/// When `callee` is a test-framework block (`describe`, `it`, `test`, with modifiers
/// such as `.only`, `.skip`, `.each(table)`), `describe` for suites or `it` for tests.
fn test_block(callee: Node<'_>, src: &[u8]) -> Option<&'static str> {
    let mut head = callee;
    loop {
        head = match head.kind() {
            "call_expression" => head.child_by_field_name("function")?,
            "member_expression" => head.child_by_field_name("object")?,
            "identifier" => break,
            _ => return None,
        };
    }
    match &*walk::text(head, src) {
        "describe" | "fdescribe" | "xdescribe" | "suite" => Some("describe"),
        "it" | "fit" | "xit" | "test" => Some("it"),
        _ => None,
    }
}

/// The module part of a path: without extension and trailing `/index`
/// (`src/util/index.ts` → `src/util`, `index.js` → `index`).
fn module_path(path: &str) -> String {
    let stem = strip_ext(path);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    if stem.is_empty() {
        "index".to_owned()
    } else {
        stem.to_owned()
    }
}

/// `path` without a JavaScript/TypeScript extension (`.d.ts` counts as one).
fn strip_ext(path: &str) -> &str {
    const EXTS: [&str; 11] =
        [".d.ts", ".d.mts", ".d.cts", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
    EXTS.iter().find_map(|ext| path.strip_suffix(ext)).unwrap_or(path)
}

/// The key of the module an import specifier names, seen from directory `dir`:
/// relative specifiers resolve to `js:{path}`, bare ones to `js:pkg:{specifier}`.
fn resolve_specifier(dir: &str, spec: &str) -> String {
    let relative = spec == "." || spec == ".." || spec.starts_with("./") || spec.starts_with("../");
    let absolute = spec.starts_with('/');
    if !relative && !absolute {
        return format!("js:pkg:{spec}");
    }
    let mut segments: Vec<&str> =
        if relative { dir.split('/').filter(|s| !s.is_empty()).collect() } else { Vec::new() };
    for seg in spec.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if segments.last().is_some_and(|s| *s != "..") {
                    segments.pop();
                } else {
                    segments.push("..");
                }
            }
            _ => segments.push(seg),
        }
    }
    let joined = segments.join("/");
    let stem = strip_ext(&joined);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    if stem.is_empty() || stem == "index" {
        "js:index".to_owned()
    } else {
        format!("js:{stem}")
    }
}

/// An import specifier as listed in `imports`: relative ones without the extension
/// and trailing `/index` (`./util.js` → `./util`), so that one module has one spelling;
/// bare ones as written.
fn listed_specifier(spec: &str) -> String {
    if !spec.starts_with('.') && !spec.starts_with('/') {
        return spec.to_owned();
    }
    let stem = strip_ext(spec);
    stem.strip_suffix("/index").unwrap_or(stem).to_owned()
}

/// What to show for a key nothing defines: the key without `js:pkg:` / `js:`.
fn shown(key: &str) -> String {
    key.strip_prefix("js:pkg:").or_else(|| key.strip_prefix("js:")).unwrap_or(key).to_owned()
}

/// `base` + `.part` for each part.
fn dotted(base: &str, parts: &[String]) -> String {
    let mut s = base.to_owned();
    for p in parts {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(p);
    }
    s
}

/// The whitespace-collapsed text of `src[start..end]`, capped at `limit` characters.
/// Reads only as much of the source as the result needs, so that capping the text of
/// huge expressions (a callee that is a whole nested function) stays cheap.
fn capped_text(src: &[u8], start: usize, end: usize, limit: usize) -> String {
    let end = end.min(src.len());
    let start = start.min(end);
    let mut window = 4 * limit + 16;
    loop {
        let stop = (start + window).min(end);
        let collapsed = walk::collapse_ws(&String::from_utf8_lossy(&src[start..stop]));
        if stop == end || collapsed.chars().count() > limit {
            return short(&collapsed, limit);
        }
        window *= 2;
    }
}

/// Caps a text at `limit` characters, marking the cut with `…`.
fn short(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(limit - 1).collect();
    s.push('…');
    s
}

/// An instance of what `value` names, when it names a class or interface.
fn instance_of(value: Value, nodes: &[model::facts::NodeFacts]) -> Option<Value> {
    match value {
        Value::Def(idx) if matches!(nodes[idx].kind, NodeKind::Class | NodeKind::Interface) => {
            Some(Value::Instance(Class::Def(idx)))
        }
        Value::Key { key, shown } => Some(Value::Instance(Class::Key { key, shown })),
        _ => None,
    }
}

/// The innermost object of a member chain (`a` in `a.b.c`).
fn unwrap_member_head(mut node: Node<'_>) -> Node<'_> {
    while node.kind() == "member_expression" {
        match node.child_by_field_name("object") {
            Some(o) => node = o,
            None => break,
        }
    }
    node
}

/// True when a qualified name ends in a `#N` duplicate suffix.
fn is_duplicate(qualified_name: &str) -> bool {
    qualified_name
        .rsplit_once('#')
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// True for module-level constant names: upper-case letters, digits and underscores,
/// with at least one letter.
fn is_upper(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// True for function-valued expressions.
fn is_function(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        "arrow_function" | "function_expression" | "function" | "generator_function"
    )
}

/// Strips wrappers that do not change what a value is: parentheses, `as T`,
/// `satisfies T`, `!`.
fn unwrap_expr(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind(),
        "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
    ) {
        match node.named_child(0) {
            Some(inner) if inner.kind() != "comment" => node = inner,
            _ => break,
        }
    }
    node
}

/// The contents of a string literal (without quotes).
fn unquote(text: &str) -> String {
    let t = text.trim();
    for q in ['"', '\'', '`'] {
        if let Some(inner) = t.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_owned();
        }
    }
    t.to_owned()
}

/// The start byte of `node` past its leading decorators (and comments).
fn after_decorators(node: Node<'_>) -> usize {
    let mut cursor = node.walk();
    let first = node.children(&mut cursor).find(|c| !matches!(c.kind(), "decorator" | "comment"));
    first.map_or(node.start_byte(), |c| c.start_byte())
}

/// The decorator children of `node`.
fn decorator_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).filter(|c| c.kind() == "decorator").collect()
}

/// A JSDoc comment's text without `/**`, `*/` and the leading ` * ` of each line;
/// `None` for other comments and empty ones.
fn clean_doc(text: &str) -> Option<String> {
    if text.starts_with("/**/") {
        return None;
    }
    let inner = text.strip_prefix("/**")?;
    let inner = inner.strip_suffix("*/").unwrap_or(inner);
    let mut lines: Vec<&str> = inner
        .lines()
        .map(|line| {
            let l = line.trim_start();
            let l = match l.strip_prefix('*') {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
                None => l,
            };
            l.trim_end()
        })
        .collect();
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Named parameters of a function-like node (plain identifiers only).
fn parameter_names<'s>(func: Node<'_>, src: &'s [u8]) -> Vec<std::borrow::Cow<'s, str>> {
    let mut out = Vec::new();
    if let Some(p) = func.child_by_field_name("parameter") {
        if p.kind() == "identifier" {
            out.push(walk::text(p, src));
        }
    }
    let Some(params) = func.child_by_field_name("parameters") else { return out };
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        let mut target = p;
        // TS wraps patterns in required/optional_parameter, defaults in
        // assignment_pattern, rest parameters in rest_pattern.
        for _ in 0..3 {
            target = match target.kind() {
                "required_parameter" | "optional_parameter" => {
                    match target.child_by_field_name("pattern") {
                        Some(p) => p,
                        None => break,
                    }
                }
                "assignment_pattern" => match target.child_by_field_name("left") {
                    Some(p) => p,
                    None => break,
                },
                "rest_pattern" => match target.named_child(0) {
                    Some(p) => p,
                    None => break,
                },
                _ => break,
            };
        }
        if target.kind() == "identifier" {
            out.push(walk::text(target, src));
        }
    }
    out
}

impl<'s, 't> Js<'s, 't> {
    // ---------------------------------------------------------------- pass 1

    /// Pass 1: schedules a walk of the code under `root` (not `root` itself) in
    /// `ctx`, which creates nodes for the definitions found and bindings for
    /// definitions, imports and locals. Definitions nested deeper than
    /// [`crate::MAX_DEPTH`] are skipped with a diagnostic.
    fn walk(&mut self, root: Node<'t>, ctx: Ctx) {
        if ctx.depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(root));
            return;
        }
        let walker = Walker { cursor: root.walk(), root, ctx, anon: Vec::new(), descend: true };
        self.pending.push(Work::Walk(walker));
    }

    /// Runs the scheduled pass-1 work to completion. Work is kept on an explicit
    /// stack rather than the call stack, so that nesting costs heap, not stack: each
    /// step handles one syntax node or one member, and the work it schedules runs
    /// before the step's own work resumes, which keeps nodes in source order.
    fn run(&mut self) {
        let mut stack: Vec<Work<'t>> = std::mem::take(&mut self.pending);
        stack.reverse();
        while let Some(top) = stack.last_mut() {
            let done = match top {
                Work::Walk(walker) => self.walk_step(walker),
                Work::ClassBody { class, members, next, decorators, ctx } => {
                    match members.get(*next) {
                        Some(&m) => {
                            *next += 1;
                            let rest = &members[*next..];
                            self.class_member(*class, m, rest, decorators, *ctx);
                            false
                        }
                        None => true,
                    }
                }
                Work::Members { members, next, kind, export, object_this, ctx } => {
                    match members.get(*next) {
                        Some(&m) => {
                            *next += 1;
                            self.object_member(m, *kind, *export, *object_this, *ctx);
                            false
                        }
                        None => true,
                    }
                }
                Work::Declarators { info, list, next, ctx } => match list.get(*next) {
                    Some(&d) => {
                        *next += 1;
                        self.declarator(d, info, *ctx);
                        false
                    }
                    None => true,
                },
            };
            if done {
                stack.pop();
            }
            let scheduled = std::mem::take(&mut self.pending);
            stack.extend(scheduled.into_iter().rev());
        }
    }

    /// Visits the next node of a walk; true when the walk is over.
    fn walk_step(&mut self, w: &mut Walker<'t>) -> bool {
        let Some(node) = w.next() else { return true };
        while w.anon.last().is_some_and(|&(end, _)| node.start_byte() >= end) {
            w.anon.pop();
        }
        let scope = w.anon.last().map_or(w.ctx.scope, |&(_, s)| s);
        if node.kind() == "function_signature" {
            self.next_statement = self.statement_after(node, &w.cursor);
        }
        match self.visit(node, Ctx { scope, ..w.ctx }) {
            Visit::Skip => w.descend = false,
            Visit::Descend => w.descend = true,
            Visit::Enter(s) => {
                w.anon.push((node.end_byte(), s));
                w.descend = true;
            }
        }
        false
    }

    /// Handles one syntax node met by a walk (see [`Self::walk`]).
    fn visit(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        if self.claimed.contains(&node.id()) {
            return Visit::Skip;
        }
        match node.kind() {
            "import_statement" => {
                self.import_statement(node, ctx.scope);
                Visit::Skip
            }
            "export_statement" => {
                self.export_statement(node, ctx);
                Visit::Descend
            }
            "ambient_declaration" => self.ambient(node),
            "function_declaration" | "generator_function_declaration" | "function_signature" => {
                self.function_declaration(node, ctx)
            }
            "class_declaration" | "abstract_class_declaration" => self.class_declaration(node, ctx),
            "interface_declaration" => {
                self.interface(node, ctx);
                Visit::Skip
            }
            "type_alias_declaration" | "enum_declaration" => {
                self.type_declaration(node, ctx);
                Visit::Skip
            }
            "internal_module" | "module" => {
                self.namespace(node, ctx);
                Visit::Skip
            }
            "lexical_declaration" | "variable_declaration" => {
                self.declarators(node, ctx);
                Visit::Descend
            }
            "expression_statement" | "ERROR" => self.statement(node, ctx),
            "call_expression" => {
                self.bare_require(node);
                Visit::Descend
            }
            "function_expression" | "generator_function" | "class"
                if self.promote.contains(&node.id()) =>
            {
                self.promoted(node, ctx);
                Visit::Skip
            }
            "arrow_function"
            | "function_expression"
            | "function"
            | "generator_function"
            | "method_definition" => Visit::Enter(self.function_scope(node, ctx.scope)),
            _ => Visit::Descend,
        }
    }

    /// The `export`/`declare` statement wrapping `node`, if any.
    fn wrap_of(&self, node: Node<'t>) -> Option<Wrap<'t>> {
        self.export_of.get(&node.id()).copied()
    }

    /// `declare ...`: the declarations inside span (and are documented before) the
    /// `declare`, or the `export declare`.
    fn ambient(&mut self, node: Node<'t>) -> Visit {
        let w = self.wrap_of(node).unwrap_or((node, None));
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.export_of.insert(child.id(), w);
        }
        Visit::Descend
    }

    /// `class A {}` / `abstract class A {}` (possibly exported, decorated).
    fn class_declaration(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        let Some(name) = node.child_by_field_name("name") else { return Visit::Descend };
        let name = self.b.text(name).into_owned();
        let wrap = self.wrap_of(node);
        let outer = wrap.map_or(node, |w| w.0);
        let mut decorators = if outer != node { decorator_children(outer) } else { vec![] };
        decorators.extend(decorator_children(node));
        let start = after_decorators(node);
        let export = wrap.and_then(|w| w.1);
        self.class(node, name, outer, start, String::new(), decorators, export, ctx);
        Visit::Skip
    }

    /// An expression statement (or an ERROR node): named function or class
    /// expressions standing as statements are declarations tree-sitter could not
    /// parse as such; assignments may define exports or methods.
    fn statement(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if matches!(child.kind(), "function_expression" | "generator_function" | "class")
                && child.child_by_field_name("name").is_some()
            {
                self.promote.insert(child.id());
            }
        }
        if node.kind() == "expression_statement" {
            self.assignment(node, ctx);
        }
        Visit::Descend
    }

    /// A new scope under `parent` binding the parameters of `func` as locals.
    fn function_scope(&mut self, func: Node<'t>, parent: usize) -> usize {
        let mut bindings = HashMap::new();
        for name in parameter_names(func, self.b.src) {
            bindings.insert(name.into_owned(), Binding::Local);
        }
        self.scopes.push(Scope { parent: Some(parent), bindings });
        let scope = self.scopes.len() - 1;
        self.anon_scopes.insert(func.id(), scope);
        // Typed parameters: `(repo: Repo) => repo.save()`.
        if let Some(params) = func.child_by_field_name("parameters") {
            let mut cursor = params.walk();
            for p in params.named_children(&mut cursor) {
                let (Some(pattern), Some(ty)) =
                    (p.child_by_field_name("pattern"), p.child_by_field_name("type"))
                else {
                    continue;
                };
                if pattern.kind() == "identifier" {
                    let name = self.b.text(pattern).into_owned();
                    let declared = Declared { ty: Some(ty), value: None, scope: parent };
                    self.locals.insert((scope, name), declared);
                }
            }
        }
        scope
    }

    /// Creates a node under `ctx.parent`, binding it in `ctx.scope` when `bind`, and
    /// records its export.
    fn new_node(
        &mut self,
        ctx: Ctx,
        kind: NodeKind,
        name: &str,
        span: Node<'t>,
        export: Option<Export>,
        bind: bool,
    ) -> NodeIdx {
        let idx = self.b.add_node(ctx.parent, kind, name, span);
        self.children.entry(ctx.parent).or_default().push(idx);
        let qname = self.b.nodes[idx].qualified_name.clone();
        self.by_qname.entry(qname).or_insert(idx);
        if bind {
            // Namespaces and interfaces merge into an earlier declaration of the same
            // name (`function f` + `namespace f`): the earlier one keeps the name.
            let merges = matches!(kind, NodeKind::Module | NodeKind::Interface);
            let bindings = &mut self.scopes[ctx.scope].bindings;
            if !(merges && matches!(bindings.get(name), Some(Binding::Node(_)))) {
                bindings.insert(name.to_owned(), Binding::Node(idx));
            }
        }
        if let Some(export) = export {
            if ctx.parent == 0 {
                let key = match export {
                    Export::Named => format!("{}.{name}", self.module_key),
                    Export::Default => format!("{}.default", self.module_key),
                };
                self.exports.push(ExportRef::Node(key, idx));
            } else if self.b.nodes[ctx.parent].kind == NodeKind::Module {
                self.exported_in_ns.insert(idx);
            }
        }
        idx
    }

    /// The JSDoc comment directly before byte `start` (only whitespace between).
    fn doc_before(&self, start: usize) -> Option<String> {
        let i = self.comments.partition_point(|c| c.end_byte() <= start);
        let comment = self.comments[..i].last()?;
        let gap = self.b.src.get(comment.end_byte()..start)?;
        if !gap.iter().all(|b| b.is_ascii_whitespace()) {
            return None;
        }
        clean_doc(&self.b.text(*comment))
    }

    /// A leading `/** ... */` that documents the file (`@file`, `@fileoverview`,
    /// `@module`, `@packageDocumentation`).
    fn module_docstring(&self, root: Node<'t>) -> Option<String> {
        let mut cursor = root.walk();
        let first = root.named_children(&mut cursor).find(|n| n.kind() != "hash_bang_line")?;
        if first.kind() != "comment" {
            return None;
        }
        let text = self.b.text(first);
        let tags = ["@file", "@fileoverview", "@module", "@packageDocumentation"];
        if !tags.iter().any(|t| text.contains(t)) {
            return None;
        }
        clean_doc(&text)
    }

    /// The collapsed text of `src[start..end]` after `prefix`, without a trailing `;`.
    fn header(&self, prefix: &str, start: usize, end: usize) -> String {
        let end = end.max(start).min(self.b.src.len());
        let raw = String::from_utf8_lossy(&self.b.src[start..end]);
        let mut sig = walk::collapse_ws(&raw);
        if !prefix.is_empty() {
            sig = format!("{prefix} {sig}");
        }
        let sig = sig.trim_end_matches([';', ',']).trim_end();
        sig.to_owned()
    }

    /// Creates a function or method node for `c`, its scope and owner, and walks its
    /// code for nested definitions.
    fn callable(&mut self, c: Callable<'t>, ctx: Ctx) -> NodeIdx {
        let idx = self.new_node(ctx, c.kind, &c.name, c.span, c.export, c.bind);
        let body = c.func.child_by_field_name("body");
        let end = body.map_or(c.func.end_byte(), |b| b.start_byte());
        let signature = self.header(&c.sig_prefix, c.sig_start, end);
        let docstring = self.doc_before(c.doc_start);
        let setter = {
            let mut cursor = c.func.walk();
            let found = c.func.children(&mut cursor).any(|ch| ch.kind() == "set");
            found
        };
        let getter = {
            let mut cursor = c.func.walk();
            let found = c.func.children(&mut cursor).any(|ch| ch.kind() == "get");
            found
        };
        if getter {
            self.getters.insert(idx);
        }
        let needs_return = !(c.kind == NodeKind::Method && (c.name == "constructor" || setter));
        let typed = self.type_hints(c.func, needs_return, c.declared_type);
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            node.signature = Some(signature);
            node.docstring = docstring;
            node.decorators =
                c.decorators.iter().map(|d| walk::collapse_ws(&walk::text(*d, src))).collect();
            node.complexity = 1;
            node.has_type_hints = typed;
        }
        if !c.decorators.is_empty() {
            self.decorated.push((idx, ctx.scope, c.decorators));
        }
        let scope = self.function_scope(c.func, ctx.scope);
        self.functions.insert(idx, (c.func, scope));
        if c.kind == NodeKind::Method && c.name == "constructor" {
            if let Some(class) = c.this {
                self.parameter_properties(class, c.func, ctx.scope);
            }
        }
        self.claimed.insert(c.func.id());
        if body.is_some() {
            self.owners.push(Owner { idx, scope, root: c.func, this: c.this });
            self.walk(c.func, Ctx { scope, parent: idx, this: c.this, depth: ctx.depth + 1 });
        }
        idx
    }

    /// True when TypeScript annotates every parameter of `func` and (when
    /// `needs_return`) its return type, or the variable holding it is typed.
    fn type_hints(&self, func: Node<'t>, needs_return: bool, declared_type: bool) -> bool {
        if !self.ts {
            return false;
        }
        if declared_type {
            return true;
        }
        if needs_return && func.child_by_field_name("return_type").is_none() {
            return false;
        }
        if func.child_by_field_name("parameter").is_some() {
            return false;
        }
        let Some(params) = func.child_by_field_name("parameters") else { return true };
        let mut cursor = params.walk();
        let typed = params.named_children(&mut cursor).all(|p| match p.kind() {
            "required_parameter" | "optional_parameter" => p.child_by_field_name("type").is_some(),
            "comment" => true,
            _ => false,
        });
        typed
    }

    /// `function f() {}`, `function* g() {}`, `declare function h(): void;`. Overload
    /// signatures followed by the implementation are not nodes of their own.
    fn function_declaration(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        let wrap = self.wrap_of(node);
        let export = wrap.and_then(|w| w.1);
        let name = match node.child_by_field_name("name") {
            Some(n) => self.b.text(n).into_owned(),
            None if export == Some(Export::Default) => "default".to_owned(),
            None => return Visit::Descend,
        };
        let outer = wrap.map_or(node, |w| w.0);
        if node.kind() == "function_signature" && self.is_overload(outer, &name) {
            return Visit::Skip;
        }
        let c = Callable {
            kind: NodeKind::Function,
            name,
            func: node,
            span: outer,
            sig_start: node.start_byte(),
            sig_prefix: String::new(),
            doc_start: outer.start_byte(),
            decorators: Vec::new(),
            export,
            bind: true,
            this: None,
            declared_type: false,
        };
        self.callable(c, ctx);
        Visit::Skip
    }

    /// The statement after the one holding the signature `node` (itself, or the
    /// `export` around it), comments skipped: `(statement id, next statement)`. Read
    /// from a copy of the walk's cursor, which knows its ancestors: tree-sitter's
    /// `next_named_sibling` looks for the parent from the root (quadratic on files of
    /// many overloads).
    fn statement_after(
        &self,
        node: Node<'t>,
        cursor: &tree_sitter::TreeCursor<'t>,
    ) -> Option<(usize, Option<Node<'t>>)> {
        let outer = self.wrap_of(node).map_or(node, |w| w.0);
        let mut cursor = cursor.clone();
        while cursor.node() != outer {
            if outer.start_byte() > cursor.node().start_byte() || !cursor.goto_parent() {
                return None;
            }
        }
        while cursor.goto_next_sibling() {
            let n = cursor.node();
            if n.is_named() && n.kind() != "comment" {
                return Some((outer.id(), Some(n)));
            }
        }
        Some((outer.id(), None))
    }

    /// True when the statement after `stmt` (an overload signature, possibly wrapped
    /// in `export`) declares the same function `name`.
    fn is_overload(&self, stmt: Node<'t>, name: &str) -> bool {
        let next = match self.next_statement {
            Some((id, next)) if id == stmt.id() => next,
            _ => None,
        };
        let Some(mut next) = next else { return false };
        if next.kind() == "export_statement" {
            match next.child_by_field_name("declaration") {
                Some(d) => next = d,
                None => return false,
            }
        }
        matches!(next.kind(), "function_declaration" | "function_signature")
            && next.child_by_field_name("name").is_some_and(|n| self.b.text(n) == name)
    }

    /// A class (declaration or expression) named `name` spanning `span`, with its
    /// signature from byte `sig_start`.
    #[allow(clippy::too_many_arguments)]
    fn class(
        &mut self,
        node: Node<'t>,
        name: String,
        span: Node<'t>,
        sig_start: usize,
        sig_prefix: String,
        decorators: Vec<Node<'t>>,
        export: Option<Export>,
        ctx: Ctx,
    ) -> NodeIdx {
        let idx = self.new_node(ctx, NodeKind::Class, &name, span, export, true);
        let body = node.child_by_field_name("body");
        let end = body.map_or(node.end_byte(), |b| b.start_byte());
        let signature = self.header(&sig_prefix, sig_start, end);
        let docstring = self.doc_before(span.start_byte());
        {
            let src = self.b.src;
            let n = &mut self.b.nodes[idx];
            n.signature = Some(signature);
            n.docstring = docstring;
            n.decorators =
                decorators.iter().map(|d| walk::collapse_ws(&walk::text(*d, src))).collect();
        }
        if !decorators.is_empty() {
            self.decorated.push((idx, ctx.scope, decorators));
        }
        self.heads.push((idx, ctx.scope, node));
        self.claimed.insert(node.id());
        self.scopes.push(Scope { parent: Some(ctx.scope), bindings: HashMap::new() });
        let scope = self.scopes.len() - 1;
        self.owners.push(Owner { idx, scope, root: node, this: Some(idx) });
        let inner = Ctx { scope, parent: idx, this: Some(idx), depth: ctx.depth + 1 };
        if let Some(body) = body {
            if inner.depth > crate::MAX_DEPTH {
                self.b.too_deep(walk::line(body));
            } else {
                let mut cursor = body.walk();
                let members = body.named_children(&mut cursor).collect();
                let decorators = Vec::new();
                self.pending.push(Work::ClassBody {
                    class: idx,
                    members,
                    next: 0,
                    decorators,
                    ctx: inner,
                });
            }
        }
        idx
    }

    /// One member `m` of a class body (`rest` are the members after it):
    /// methods (with constructors, accessors, private and abstract ones) and fields
    /// holding functions become methods. Decorators (siblings before their member in
    /// TypeScript) accumulate in `decorators` until the member they decorate.
    fn class_member(
        &mut self,
        class: NodeIdx,
        m: Node<'t>,
        rest: &[Node<'t>],
        decorators: &mut Vec<Node<'t>>,
        ctx: Ctx,
    ) {
        match m.kind() {
            "decorator" => {
                decorators.push(m);
                return;
            }
            "comment" => return,
            "method_definition" | "abstract_method_signature" | "method_signature" => {
                let Some(name) = self.member_name(m) else {
                    decorators.clear();
                    return;
                };
                if m.kind() == "method_signature" && self.overloaded_member(rest, &name) {
                    decorators.clear();
                    return;
                }
                let doc_start = decorators.first().map_or(m.start_byte(), |d| d.start_byte());
                let mut decs = std::mem::take(decorators);
                decs.extend(decorator_children(m));
                let c = Callable {
                    kind: NodeKind::Method,
                    name,
                    func: m,
                    span: m,
                    sig_start: after_decorators(m),
                    sig_prefix: String::new(),
                    doc_start,
                    decorators: decs,
                    export: None,
                    bind: false,
                    this: Some(class),
                    declared_type: false,
                };
                self.callable(c, ctx);
            }
            "public_field_definition" | "field_definition" => {
                let value = m.child_by_field_name("value").map(unwrap_expr);
                let name = self.member_name(m);
                match (value, name) {
                    (Some(v), Some(name)) if is_function(v) => {
                        let doc_start =
                            decorators.first().map_or(m.start_byte(), |d| d.start_byte());
                        let mut decs = std::mem::take(decorators);
                        decs.extend(decorator_children(m));
                        let c = Callable {
                            kind: NodeKind::Method,
                            name,
                            func: v,
                            span: m,
                            sig_start: after_decorators(m),
                            sig_prefix: String::new(),
                            doc_start,
                            decorators: decs,
                            export: None,
                            bind: false,
                            this: Some(class),
                            declared_type: m.child_by_field_name("type").is_some(),
                        };
                        self.callable(c, ctx);
                    }
                    _ => {
                        if let Some(name) = self.member_name(m) {
                            let declared = Declared {
                                ty: m.child_by_field_name("type"),
                                value,
                                scope: ctx.scope,
                            };
                            self.fields.entry(class).or_default().push((name, declared));
                        }
                        // A plain field: its decorators are calls made by the class.
                        let mut decs = std::mem::take(decorators);
                        decs.extend(decorator_children(m));
                        if !decs.is_empty() {
                            let scope = self.scopes[ctx.scope].parent.unwrap_or(0);
                            self.decorated.push((class, scope, decs));
                        }
                        self.walk(m, ctx);
                    }
                }
            }
            _ => self.walk(m, ctx),
        }
        decorators.clear();
    }

    /// True when the next member among `rest` (past decorators and comments) is a
    /// method named `name`: the current signature is one of its overloads.
    fn overloaded_member(&self, rest: &[Node<'t>], name: &str) -> bool {
        let next = rest.iter().find(|n| !matches!(n.kind(), "decorator" | "comment"));
        next.is_some_and(|&n| {
            matches!(n.kind(), "method_definition" | "method_signature")
                && self.member_name(n).is_some_and(|m| m == name)
        })
    }

    /// The name of a class member, object member or pair: identifiers as written,
    /// string keys unquoted, computed keys as written.
    fn member_name(&self, member: Node<'t>) -> Option<String> {
        let key = member
            .child_by_field_name("name")
            .or_else(|| member.child_by_field_name("property"))
            .or_else(|| member.child_by_field_name("key"))?;
        let text = self.b.text(key);
        Some(if key.kind() == "string" { unquote(&text) } else { walk::collapse_ws(&text) })
    }

    /// `interface I extends A { m(): void }`: the interface and its method signatures.
    fn interface(&mut self, node: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(node);
        let Some(name) = node.child_by_field_name("name") else { return };
        let name = self.b.text(name).into_owned();
        let outer = wrap.map_or(node, |w| w.0);
        let idx =
            self.new_node(ctx, NodeKind::Interface, &name, outer, wrap.and_then(|w| w.1), true);
        let body = node.child_by_field_name("body");
        let end = body.map_or(node.end_byte(), |b| b.start_byte());
        self.b.nodes[idx].signature = Some(self.header("", node.start_byte(), end));
        self.b.nodes[idx].docstring = self.doc_before(outer.start_byte());
        self.heads.push((idx, ctx.scope, node));
        self.claimed.insert(node.id());
        let Some(body) = body else { return };
        let inner = Ctx { scope: ctx.scope, parent: idx, this: None, depth: ctx.depth + 1 };
        let mut cursor = body.walk();
        let members: Vec<Node<'t>> = body.named_children(&mut cursor).collect();
        for m in members {
            if m.kind() != "method_signature" {
                continue;
            }
            let Some(name) = self.member_name(m) else { continue };
            let c = Callable {
                kind: NodeKind::Method,
                name,
                func: m,
                span: m,
                sig_start: m.start_byte(),
                sig_prefix: String::new(),
                doc_start: m.start_byte(),
                decorators: Vec::new(),
                export: None,
                bind: false,
                this: None,
                declared_type: false,
            };
            self.callable(c, inner);
        }
    }

    /// `type X = ...` and `enum E { ... }`: signature is the whole declaration.
    fn type_declaration(&mut self, node: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(node);
        let Some(name) = node.child_by_field_name("name") else { return };
        let name = self.b.text(name).into_owned();
        let kind =
            if node.kind() == "enum_declaration" { NodeKind::Enum } else { NodeKind::TypeAlias };
        let outer = wrap.map_or(node, |w| w.0);
        let idx = self.new_node(ctx, kind, &name, outer, wrap.and_then(|w| w.1), true);
        let sig = capped_text(self.b.src, node.start_byte(), node.end_byte(), 200);
        let sig = sig.strip_suffix(';').unwrap_or(&sig).trim_end().to_owned();
        self.b.nodes[idx].signature = Some(sig);
        self.b.nodes[idx].docstring = self.doc_before(outer.start_byte());
        self.claimed.insert(node.id());
    }

    /// `namespace A.B { ... }`, `module M { ... }`, `declare module "pkg" { ... }`.
    fn namespace(&mut self, node: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(node);
        let Some(name_node) = node.child_by_field_name("name") else { return };
        let name = match name_node.kind() {
            "string" => unquote(&self.b.text(name_node)),
            _ => walk::collapse_ws(&self.b.text(name_node)),
        };
        let outer = wrap.map_or(node, |w| w.0);
        let bind = name_node.kind() == "identifier";
        let idx = self.new_node(ctx, NodeKind::Module, &name, outer, wrap.and_then(|w| w.1), bind);
        let body = node.child_by_field_name("body");
        let end = body.map_or(node.end_byte(), |b| b.start_byte());
        self.b.nodes[idx].signature = Some(self.header("", node.start_byte(), end));
        self.b.nodes[idx].docstring = self.doc_before(outer.start_byte());
        self.claimed.insert(node.id());
        self.scopes.push(Scope { parent: Some(ctx.scope), bindings: HashMap::new() });
        let scope = self.scopes.len() - 1;
        self.module_scopes.insert(scope);
        self.owners.push(Owner { idx, scope, root: node, this: None });
        if let Some(body) = body {
            self.walk(body, Ctx { scope, parent: idx, this: None, depth: ctx.depth + 1 });
        }
    }

    /// `const`/`let`/`var` declarations: functions, classes and objects with methods
    /// bound to names, module-level upper-case constants, `require()` bindings, and
    /// locals (which shadow outer names).
    fn declarators(&mut self, decl: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(decl);
        let mut cursor = decl.walk();
        let list: Vec<Node<'t>> = decl
            .named_children(&mut cursor)
            .filter(|d| d.kind() == "variable_declarator")
            .collect();
        let info = Declaration {
            decl,
            keyword: decl.child(0).map(|k| self.b.text(k).into_owned()).unwrap_or_default(),
            single: list.len() == 1,
            outer: wrap.map_or(decl, |w| w.0),
            export: wrap.and_then(|w| w.1),
        };
        self.pending.push(Work::Declarators { info, list, next: 0, ctx });
    }

    /// One declarator `name = value` of the declaration `info`.
    fn declarator(&mut self, d: Node<'t>, info: &Declaration<'t>, ctx: Ctx) {
        let Some(name_node) = d.child_by_field_name("name") else { return };
        let value = d.child_by_field_name("value").map(unwrap_expr);
        if name_node.kind() == "object_pattern" {
            self.destructure(name_node, value, ctx);
            return;
        }
        if name_node.kind() != "identifier" {
            return;
        }
        let name = self.b.text(name_node).into_owned();
        // One declarator spans the whole statement; one of several spans itself and
        // repeats the keyword in its signature.
        let (span, sig_start, prefix) = if info.single {
            (info.outer, info.decl.start_byte(), String::new())
        } else {
            (d, d.start_byte(), info.keyword.clone())
        };
        let export = info.export;
        match value {
            Some(v) if is_function(v) => {
                let this = if v.kind() == "arrow_function" { ctx.this } else { None };
                let c = Callable {
                    kind: NodeKind::Function,
                    name,
                    func: v,
                    span,
                    sig_start,
                    sig_prefix: prefix,
                    doc_start: span.start_byte(),
                    decorators: Vec::new(),
                    export,
                    bind: true,
                    this,
                    declared_type: d.child_by_field_name("type").is_some(),
                };
                self.callable(c, ctx);
            }
            Some(v) if v.kind() == "class" => {
                let decorators = decorator_children(v);
                self.class(v, name, span, sig_start, prefix, decorators, export, ctx);
            }
            Some(v) if self.require_binding(v, &name, ctx.scope, walk::line(d)) => {}
            Some(v) if v.kind() == "object" && self.has_function_members(v) => {
                self.object(v, &name, span, export, ctx);
            }
            _ if self.module_scopes.contains(&ctx.scope)
                && info.keyword == "const"
                && is_upper(&name) =>
            {
                let idx = self.new_node(ctx, NodeKind::Constant, &name, span, export, true);
                self.b.nodes[idx].docstring = self.doc_before(span.start_byte());
                let declared =
                    Declared { ty: d.child_by_field_name("type"), value, scope: ctx.scope };
                self.locals.insert((ctx.scope, name), declared);
            }
            _ => {
                if ctx.scope != 0 {
                    self.scopes[ctx.scope].bindings.insert(name.clone(), Binding::Local);
                }
                let declared =
                    Declared { ty: d.child_by_field_name("type"), value, scope: ctx.scope };
                self.locals.insert((ctx.scope, name), declared);
            }
        }
    }

    /// `const { a, b: c } = require('./x')` binds `a` → `./x.a`, `c` → `./x.b`;
    /// other destructuring binds its plain names as locals.
    fn destructure(&mut self, pattern: Node<'t>, value: Option<Node<'t>>, ctx: Ctx) {
        let required = value.and_then(|v| self.require_source(v));
        let mut names: Vec<(String, String)> = Vec::new();
        let mut cursor = pattern.walk();
        for p in pattern.named_children(&mut cursor) {
            match p.kind() {
                "shorthand_property_identifier_pattern" => {
                    let n = self.b.text(p).into_owned();
                    names.push((n.clone(), n));
                }
                "pair_pattern" => {
                    let (Some(k), Some(v)) =
                        (p.child_by_field_name("key"), p.child_by_field_name("value"))
                    else {
                        continue;
                    };
                    if v.kind() == "identifier" {
                        names.push((self.b.text(v).into_owned(), unquote(&self.b.text(k))));
                    }
                }
                _ => {}
            }
        }
        match required {
            Some((call, spec, members)) => {
                self.claimed.insert(call.id());
                let key = dotted(&resolve_specifier(&self.dir, &spec), &members);
                let base_name = dotted(&spec, &members);
                let line = walk::line(pattern);
                for (local, member) in names {
                    let key = format!("{key}.{member}");
                    let name = format!("{base_name}.{member}");
                    self.import_edge(&key, &name, line);
                    self.scopes[ctx.scope]
                        .bindings
                        .insert(local, Binding::Import { key, name, whole: false });
                }
            }
            None if ctx.scope != 0 => {
                for (local, _) in names {
                    self.scopes[ctx.scope].bindings.insert(local, Binding::Local);
                }
            }
            None => {}
        }
    }

    /// `require('x')`, `require('x').a.b` or `await import('x')`: the call, the
    /// specifier and the member path.
    fn require_source(&self, value: Node<'t>) -> Option<(Node<'t>, String, Vec<String>)> {
        let mut v = value;
        let mut members = Vec::new();
        loop {
            match v.kind() {
                "member_expression" => {
                    let p = v.child_by_field_name("property")?;
                    members.push(self.b.text(p).into_owned());
                    v = v.child_by_field_name("object")?;
                }
                "await_expression" => v = v.named_child(0)?,
                "parenthesized_expression" => v = v.named_child(0)?,
                "call_expression" => break,
                _ => return None,
            }
        }
        members.reverse();
        let spec = self.import_call(v)?;
        Some((v, spec, members))
    }

    /// The specifier of `require('x')` / `import('x')`, `None` for other calls.
    fn import_call(&self, call: Node<'t>) -> Option<String> {
        let f = call.child_by_field_name("function")?;
        let is_import =
            f.kind() == "import" || (f.kind() == "identifier" && self.b.text(f) == "require");
        if !is_import {
            return None;
        }
        let args = call.child_by_field_name("arguments")?;
        let mut cursor = args.walk();
        let first = args.named_children(&mut cursor).find(|a| a.kind() != "comment")?;
        if first.kind() != "string" {
            return None;
        }
        Some(listed_specifier(&unquote(&self.b.text(first))))
    }

    /// Binds `name` when `value` is a `require()`/`import()`; true when it was.
    fn require_binding(&mut self, value: Node<'t>, name: &str, scope: usize, line: u32) -> bool {
        let Some((call, spec, members)) = self.require_source(value) else { return false };
        self.claimed.insert(call.id());
        let key = dotted(&resolve_specifier(&self.dir, &spec), &members);
        let whole = members.is_empty();
        let shown_name = if whole { format!("{spec}.*") } else { dotted(&spec, &members) };
        self.import_edge(&key, &shown_name, line);
        self.scopes[scope]
            .bindings
            .insert(name.to_owned(), Binding::Import { key, name: shown_name, whole });
        true
    }

    /// A `require('x')` or `import('x')` whose value is not bound: an import of the
    /// module for its side effects (or used in place).
    fn bare_require(&mut self, call: Node<'t>) {
        let Some(spec) = self.import_call(call) else { return };
        self.claimed.insert(call.id());
        let key = resolve_specifier(&self.dir, &spec);
        self.import_edge(&key, &spec, walk::line(call));
    }

    /// Records an import of `key` (listed as `name`) on the module: the `imports` edge
    /// and the module's imported names.
    fn import_edge(&mut self, key: &str, name: &str, line: u32) {
        self.b.nodes[0].imports.push(name.to_owned());
        let target = Target::Key { key: key.to_owned(), name: shown(key), inferred: false };
        self.b.edge(EdgeKind::Imports, 0, target, line);
    }

    /// True when an object literal has a method or a function-valued property.
    fn has_function_members(&self, object: Node<'t>) -> bool {
        let mut cursor = object.walk();
        let found = object.named_children(&mut cursor).any(|m| match m.kind() {
            "method_definition" => true,
            "pair" => m.child_by_field_name("value").is_some_and(|v| is_function(unwrap_expr(v))),
            _ => false,
        });
        found
    }

    /// An object literal bound to `name`: a constant node whose methods and
    /// function-valued properties are its methods.
    fn object(
        &mut self,
        object: Node<'t>,
        name: &str,
        span: Node<'t>,
        export: Option<Export>,
        ctx: Ctx,
    ) -> NodeIdx {
        let idx = self.new_node(ctx, NodeKind::Constant, name, span, export, true);
        self.b.nodes[idx].docstring = self.doc_before(span.start_byte());
        let inner = Ctx { parent: idx, depth: ctx.depth + 1, ..ctx };
        if inner.depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(object));
            return idx;
        }
        self.members_as(object, NodeKind::Method, None, Some(idx), inner);
        idx
    }

    /// Schedules the creation of a node of `kind` for each method and function-valued
    /// property of the object literal `object`, under `ctx.parent` (see
    /// [`Self::object_member`]).
    fn members_as(
        &mut self,
        object: Node<'t>,
        kind: NodeKind,
        export: Option<Export>,
        object_this: Option<NodeIdx>,
        ctx: Ctx,
    ) {
        let mut cursor = object.walk();
        let members = object.named_children(&mut cursor).collect();
        self.pending.push(Work::Members { members, next: 0, kind, export, object_this, ctx });
    }

    /// One member of an object literal: a method or a function-valued property
    /// becomes a node of `kind`. `this` in methods and function values is
    /// `object_this`; arrow functions see the enclosing `ctx.this`.
    fn object_member(
        &mut self,
        m: Node<'t>,
        kind: NodeKind,
        export: Option<Export>,
        object_this: Option<NodeIdx>,
        ctx: Ctx,
    ) {
        let (func, this) = match m.kind() {
            "method_definition" => (m, object_this),
            "pair" => match m.child_by_field_name("value").map(unwrap_expr) {
                Some(v) if v.kind() == "arrow_function" => (v, ctx.this),
                Some(v) if is_function(v) => (v, object_this),
                _ => return,
            },
            _ => return,
        };
        let Some(name) = self.member_name(m) else { return };
        let c = Callable {
            kind,
            name,
            func,
            span: m,
            sig_start: after_decorators(m),
            sig_prefix: String::new(),
            doc_start: m.start_byte(),
            decorators: Vec::new(),
            export,
            bind: false,
            this,
            declared_type: false,
        };
        self.callable(c, ctx);
    }

    /// A named function or class expression tree-sitter left as a statement (broken
    /// code): a declaration all the same.
    fn promoted(&mut self, node: Node<'t>, ctx: Ctx) {
        let Some(name) = node.child_by_field_name("name") else { return };
        let name = self.b.text(name).into_owned();
        if node.kind() == "class" {
            let start = after_decorators(node);
            self.class(node, name, node, start, String::new(), decorator_children(node), None, ctx);
            return;
        }
        let c = Callable {
            kind: NodeKind::Function,
            name,
            func: node,
            span: node,
            sig_start: node.start_byte(),
            sig_prefix: String::new(),
            doc_start: node.start_byte(),
            decorators: Vec::new(),
            export: None,
            bind: true,
            this: None,
            declared_type: false,
        };
        self.callable(c, ctx);
    }

    /// `import ... from 'x'` and TypeScript's `import x = require('x')`.
    fn import_statement(&mut self, stmt: Node<'t>, scope: usize) {
        let line = walk::line(stmt);
        let mut cursor = stmt.walk();
        let children: Vec<Node<'t>> = stmt.named_children(&mut cursor).collect();
        if let Some(req) = children.iter().find(|c| c.kind() == "import_require_clause") {
            let (Some(name), Some(source)) =
                (req.named_child(0), req.child_by_field_name("source"))
            else {
                return;
            };
            let spec = listed_specifier(&unquote(&self.b.text(source)));
            let key = resolve_specifier(&self.dir, &spec);
            let shown_name = format!("{spec}.*");
            self.import_edge(&key, &shown_name, line);
            let local = self.b.text(name).into_owned();
            self.scopes[scope]
                .bindings
                .insert(local, Binding::Import { key, name: shown_name, whole: true });
            return;
        }
        let Some(source) = stmt.child_by_field_name("source") else { return };
        let spec = listed_specifier(&unquote(&self.b.text(source)));
        let key = resolve_specifier(&self.dir, &spec);
        let Some(clause) = children.iter().find(|c| c.kind() == "import_clause") else {
            self.import_edge(&key, &spec, line);
            return;
        };
        // (local name, member key suffix or None for the whole module)
        let mut bound: Vec<(String, Option<String>)> = Vec::new();
        let mut cursor = clause.walk();
        for part in clause.named_children(&mut cursor) {
            match part.kind() {
                "identifier" => {
                    bound.push((self.b.text(part).into_owned(), Some("default".into())))
                }
                "namespace_import" => {
                    let mut c = part.walk();
                    let id = part.named_children(&mut c).find(|n| n.kind() == "identifier");
                    if let Some(id) = id {
                        bound.push((self.b.text(id).into_owned(), None));
                    }
                }
                "named_imports" => {
                    let mut c = part.walk();
                    for spec_node in part.named_children(&mut c) {
                        if spec_node.kind() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec_node.child_by_field_name("name") else { continue };
                        let alias = spec_node.child_by_field_name("alias").unwrap_or(name);
                        let member = unquote(&self.b.text(name));
                        bound.push((unquote(&self.b.text(alias)), Some(member)));
                    }
                }
                _ => {}
            }
        }
        for (local, member) in bound {
            let (key, name) = match member {
                Some(m) => (format!("{key}.{m}"), format!("{spec}.{m}")),
                None => (key.clone(), format!("{spec}.*")),
            };
            self.import_edge(&key, &name, line);
            self.scopes[scope].bindings.insert(local, Binding::Import { key, name, whole: false });
        }
    }

    /// `export` statements: marks wrapped declarations, creates default-exported
    /// functions, classes and objects, records `export { a as b }` and re-exports.
    fn export_statement(&mut self, stmt: Node<'t>, ctx: Ctx) {
        let mut cursor = stmt.walk();
        let is_default = stmt.children(&mut cursor).any(|c| c.kind() == "default");
        let how = if is_default { Export::Default } else { Export::Named };
        if let Some(decl) = stmt.child_by_field_name("declaration") {
            self.export_of.insert(decl.id(), (stmt, Some(how)));
            return;
        }
        let mk = self.module_key.clone();
        if let Some(value) = stmt.child_by_field_name("value") {
            let v = unwrap_expr(value);
            let own_name = v.child_by_field_name("name").map(|n| self.b.text(n).into_owned());
            match v.kind() {
                _ if is_function(v) => {
                    let arrow = v.kind() == "arrow_function";
                    let c = Callable {
                        kind: NodeKind::Function,
                        name: own_name.unwrap_or_else(|| "default".into()),
                        func: v,
                        span: stmt,
                        sig_start: if arrow { stmt.start_byte() } else { v.start_byte() },
                        sig_prefix: String::new(),
                        doc_start: stmt.start_byte(),
                        decorators: Vec::new(),
                        export: Some(Export::Default),
                        bind: false,
                        this: if arrow { ctx.this } else { None },
                        declared_type: false,
                    };
                    self.callable(c, ctx);
                }
                "class" => {
                    let name = own_name.unwrap_or_else(|| "default".into());
                    let mut decorators = decorator_children(stmt);
                    decorators.extend(decorator_children(v));
                    let start = after_decorators(v);
                    self.class(
                        v,
                        name,
                        stmt,
                        start,
                        String::new(),
                        decorators,
                        Some(Export::Default),
                        ctx,
                    );
                }
                "object" if self.has_function_members(v) => {
                    self.object(v, "default", stmt, Some(Export::Default), ctx);
                }
                "identifier" => {
                    let name = self.b.text(v).into_owned();
                    let key = format!("{mk}.default");
                    self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                }
                _ => {}
            }
            return;
        }
        let line = walk::line(stmt);
        let source =
            stmt.child_by_field_name("source").map(|s| listed_specifier(&unquote(&self.b.text(s))));
        let mut cursor = stmt.walk();
        let children: Vec<Node<'t>> = stmt.named_children(&mut cursor).collect();
        let clause = children.iter().find(|c| c.kind() == "export_clause");
        let Some(spec) = source else {
            if let Some(clause) = clause {
                // `export { a as b }`
                for (name, alias) in self.export_specifiers(*clause) {
                    let key = format!("{mk}.{alias}");
                    self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                }
            } else if let Some(id) = children.iter().find(|c| c.kind() == "identifier") {
                // TypeScript `export = x`
                let name = self.b.text(*id).into_owned();
                let key = format!("{mk}.default");
                self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
            }
            return;
        };
        let target = resolve_specifier(&self.dir, &spec);
        if let Some(clause) = clause {
            for (name, alias) in self.export_specifiers(*clause) {
                let key = format!("{target}.{name}");
                self.import_edge(&key, &format!("{spec}.{name}"), line);
                self.exports.push(ExportRef::Alias(format!("{mk}.{alias}"), key));
            }
        } else if let Some(ns) = children.iter().find(|c| c.kind() == "namespace_export") {
            // `export * as ns from 'x'`
            self.import_edge(&target, &format!("{spec}.*"), line);
            let mut c = ns.walk();
            let alias = ns.named_children(&mut c).last().map(|a| unquote(&self.b.text(a)));
            if let Some(alias) = alias {
                self.exports.push(ExportRef::Alias(format!("{mk}.{alias}"), target));
            }
        } else {
            // `export * from 'x'`
            self.import_edge(&target, &format!("{spec}.*"), line);
            self.exports.push(ExportRef::Alias(format!("{mk}.*"), target));
        }
    }

    /// The `(name, exported as)` pairs of an `export { ... }` clause.
    fn export_specifiers(&self, clause: Node<'t>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut cursor = clause.walk();
        for s in clause.named_children(&mut cursor) {
            if s.kind() != "export_specifier" {
                continue;
            }
            let Some(name) = s.child_by_field_name("name") else { continue };
            let alias = s.child_by_field_name("alias").unwrap_or(name);
            out.push((unquote(&self.b.text(name)), unquote(&self.b.text(alias))));
        }
        out
    }

    /// Assignments that define things: CommonJS exports at module level
    /// (`module.exports = { f, g() {} }`, `module.exports = f`, `exports.f = ...`,
    /// `module.exports.f = ...`) and functions assigned to members of a local function,
    /// class or object (`A.prototype.m = function () {}`, `A.m = () => {}`): methods.
    fn assignment(&mut self, stmt: Node<'t>, ctx: Ctx) {
        let Some(assign) = stmt.named_child(0) else { return };
        if assign.kind() != "assignment_expression" {
            return;
        }
        let (Some(left), Some(right)) =
            (assign.child_by_field_name("left"), assign.child_by_field_name("right"))
        else {
            return;
        };
        let mut path = Vec::new();
        let mut head = left;
        while head.kind() == "member_expression" && path.len() < 4 {
            let Some(p) = head.child_by_field_name("property") else { return };
            path.push(self.b.text(p).into_owned());
            let Some(o) = head.child_by_field_name("object") else { return };
            head = o;
        }
        if head.kind() != "identifier" {
            return;
        }
        path.push(self.b.text(head).into_owned());
        path.reverse();
        let member = match path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["module", "exports"] if ctx.parent == 0 => None,
            ["exports", m] | ["module", "exports", m] if ctx.parent == 0 => Some((*m).to_owned()),
            [owner, "prototype", m] | [owner, m] if *owner != "exports" && *owner != "module" => {
                let (owner, m) = ((*owner).to_owned(), (*m).to_owned());
                self.member_assignment(stmt, &owner, m, unwrap_expr(right), ctx);
                return;
            }
            _ => return,
        };
        let mk = self.module_key.clone();
        let value = unwrap_expr(right);
        match member {
            None if value.kind() == "object" => {
                let mut cursor = value.walk();
                for m in value.named_children(&mut cursor) {
                    match m.kind() {
                        "shorthand_property_identifier" => {
                            let name = self.b.text(m).into_owned();
                            let key = format!("{mk}.{name}");
                            self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                        }
                        "pair" => {
                            let (Some(k), Some(v)) =
                                (self.member_name(m), m.child_by_field_name("value"))
                            else {
                                continue;
                            };
                            if v.kind() == "identifier" {
                                let name = self.b.text(v).into_owned();
                                let key = format!("{mk}.{k}");
                                self.exports.push(ExportRef::Local { key, name, scope: ctx.scope });
                            }
                        }
                        _ => {}
                    }
                }
                self.members_as(value, NodeKind::Function, Some(Export::Named), None, ctx);
            }
            _ => {
                let how = if member.is_some() { Export::Named } else { Export::Default };
                let own = value.child_by_field_name("name").map(|n| self.b.text(n).into_owned());
                let name = member.clone().or(own).unwrap_or_else(|| "default".into());
                if is_function(value) {
                    let this = if value.kind() == "arrow_function" { ctx.this } else { None };
                    let c = Callable {
                        kind: NodeKind::Function,
                        name,
                        func: value,
                        span: stmt,
                        sig_start: stmt.start_byte(),
                        sig_prefix: String::new(),
                        doc_start: stmt.start_byte(),
                        decorators: Vec::new(),
                        export: Some(how),
                        bind: false,
                        this,
                        declared_type: false,
                    };
                    self.callable(c, ctx);
                } else if value.kind() == "class" {
                    let decorators = decorator_children(value);
                    let start = stmt.start_byte();
                    self.class(value, name, stmt, start, String::new(), decorators, Some(how), ctx);
                } else if value.kind() == "identifier" {
                    let local = self.b.text(value).into_owned();
                    let key = match &member {
                        Some(m) => format!("{mk}.{m}"),
                        None => format!("{mk}.default"),
                    };
                    self.exports.push(ExportRef::Local { key, name: local, scope: ctx.scope });
                }
            }
        }
    }

    /// `owner.prototype.name = function () {}` / `owner.name = () => {}` with `owner` a
    /// function, class or object of this file: a method of `owner`.
    fn member_assignment(
        &mut self,
        stmt: Node<'t>,
        owner: &str,
        name: String,
        value: Node<'t>,
        ctx: Ctx,
    ) {
        if !is_function(value) {
            return;
        }
        let Some(Binding::Node(idx)) = self.lookup(owner, ctx.scope) else { return };
        if !matches!(
            self.b.nodes[idx].kind,
            NodeKind::Function | NodeKind::Class | NodeKind::Constant
        ) {
            return;
        }
        let this = if value.kind() == "arrow_function" { ctx.this } else { Some(idx) };
        let c = Callable {
            kind: NodeKind::Method,
            name,
            func: value,
            span: stmt,
            sig_start: stmt.start_byte(),
            sig_prefix: String::new(),
            doc_start: stmt.start_byte(),
            decorators: Vec::new(),
            export: None,
            bind: false,
            this,
            declared_type: false,
        };
        self.callable(c, Ctx { parent: idx, depth: ctx.depth + 1, ..ctx });
    }

    // ------------------------------------------------------------- resolution

    /// Turns the recorded exports into symbols: nodes (with the members of exported
    /// classes, interfaces, objects and namespaces) and aliases.
    fn resolve_exports(&mut self) {
        for export in std::mem::take(&mut self.exports) {
            match export {
                ExportRef::Node(key, idx) => self.export_tree(key, idx),
                ExportRef::Local { key, name, scope } => match self.lookup(&name, scope) {
                    Some(Binding::Node(idx)) => self.export_tree(key, idx),
                    Some(Binding::Import { key: target, .. }) => self.b.export_alias(key, target),
                    _ => {}
                },
                ExportRef::Alias(key, target) => self.b.export_alias(key, target),
            }
        }
    }

    /// Exports `idx` as `key`, and its members as `key.member` for containers.
    fn export_tree(&mut self, key: String, idx: NodeIdx) {
        let root = idx;
        let mut stack = vec![(key, idx)];
        while let Some((key, idx)) = stack.pop() {
            // `#N` duplicates are not symbols, nor are `#private` members (no other
            // file can reach them).
            let node = &self.b.nodes[idx];
            if is_duplicate(&node.qualified_name) || (idx != root && node.name.starts_with('#')) {
                continue;
            }
            self.b.export_node(key.clone(), idx);
            self.keys.entry(idx).or_insert_with(|| key.clone());
            let kind = self.b.nodes[idx].kind;
            if !matches!(
                kind,
                NodeKind::Class
                    | NodeKind::Interface
                    | NodeKind::Constant
                    | NodeKind::Module
                    | NodeKind::Function
            ) {
                continue;
            }
            let Some(children) = self.children.get(&idx) else { continue };
            for &child in children.iter().rev() {
                if kind == NodeKind::Module && !self.exported_in_ns.contains(&child) {
                    continue;
                }
                // A function's members are its methods (`F.prototype.m = ...`), not the
                // functions nested in its body.
                if kind == NodeKind::Function && self.b.nodes[child].kind != NodeKind::Method {
                    continue;
                }
                let name = &self.b.nodes[child].name;
                stack.push((format!("{key}.{name}"), child));
            }
        }
    }

    /// Resolves heritage (`inherits` / `implements` edges) and decorators (`calls`
    /// edges from the decorated node), both seen from the enclosing scope.
    fn resolve_heads(&mut self) {
        for (idx, scope, node) in std::mem::take(&mut self.heads) {
            let mut extends: Vec<Node<'t>> = Vec::new();
            let mut implements: Vec<Node<'t>> = Vec::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                match child.kind() {
                    "class_heritage" => {
                        let mut c = child.walk();
                        for h in child.named_children(&mut c) {
                            match h.kind() {
                                "extends_clause" => {
                                    let mut c2 = h.walk();
                                    extends.extend(h.children_by_field_name("value", &mut c2));
                                }
                                "implements_clause" => {
                                    let mut c2 = h.walk();
                                    implements.extend(
                                        h.named_children(&mut c2).filter(|t| t.kind() != "comment"),
                                    );
                                }
                                "comment" => {}
                                _ => extends.push(h),
                            }
                        }
                    }
                    "extends_type_clause" => {
                        let mut c = child.walk();
                        extends.extend(child.children_by_field_name("type", &mut c));
                    }
                    _ => {}
                }
            }
            for (i, base) in extends.into_iter().enumerate() {
                let target = self.resolve_or_name(base, scope, idx, None);
                self.b.edge(EdgeKind::Inherits, idx, target.clone(), walk::line(base));
                if i == 0 && self.b.nodes[idx].kind == NodeKind::Class {
                    self.bases.insert(idx, target);
                }
            }
            for iface in implements {
                let target = self.resolve_or_name(iface, scope, idx, None);
                self.b.edge(EdgeKind::Implements, idx, target, walk::line(iface));
            }
        }
        for (idx, scope, decorators) in std::mem::take(&mut self.decorated) {
            for decorator in decorators {
                let mut cursor = decorator.walk();
                let Some(mut expr) =
                    decorator.named_children(&mut cursor).find(|n| n.kind() != "comment")
                else {
                    continue;
                };
                if expr.kind() == "call_expression" {
                    match expr.child_by_field_name("function") {
                        Some(f) => expr = f,
                        None => continue,
                    }
                }
                let target = self.resolve_or_name(expr, scope, idx, None);
                self.b.edge(EdgeKind::Calls, idx, target, walk::line(decorator));
            }
        }
    }

    /// Pass 2, reading: every call, `new` and JSX component in the owner's code
    /// (outside nested definitions) becomes a site; the same walk computes the
    /// complexity of functions and methods and records their `return`s and the
    /// `this.x = ...` assignments that type a class's fields.
    ///
    /// In a test file the walk also keeps the end bytes of the enclosing argument
    /// lists of test-framework calls (`describe`/`it`/`test`), so that each site knows
    /// whether it runs in a test without asking for its ancestors (tree-sitter finds
    /// a node's parent by walking down from the root: quadratic on long files).
    fn scan(&mut self, owner: &Owner<'t>, test_file: bool) -> Vec<Site<'t>> {
        let mut sites: Vec<Site<'t>> = Vec::new();
        let mut test_args: Vec<usize> = Vec::new();
        // The argument lists of the test calls seen, until the walk reaches them.
        let mut test_arg_lists: HashSet<usize> = HashSet::new();
        let mut complexity = 1;
        let root = owner.root;
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let mut returns: Vec<(Node<'t>, usize)> = Vec::new();
        let mut assigned: Vec<(String, Declared<'t>)> = Vec::new();
        let src = self.b.src;
        walk::preorder(root, |node| {
            let kind = node.kind();
            if node != root && (self.claimed.contains(&node.id()) || kind == "decorator") {
                return false;
            }
            while stack.last().is_some_and(|&(end, _)| node.start_byte() >= end) {
                stack.pop();
            }
            while test_args.last().is_some_and(|&end| node.start_byte() >= end) {
                test_args.pop();
            }
            if test_file && kind == "arguments" && test_arg_lists.remove(&node.id()) {
                test_args.push(node.end_byte());
            }
            if node != root {
                if let Some(&s) = self.anon_scopes.get(&node.id()) {
                    stack.push((node.end_byte(), s));
                }
            }
            let scope = stack.last().map_or(owner.scope, |&(_, s)| s);
            match kind {
                "call_expression" => {
                    if let Some(f) = node.child_by_field_name("function") {
                        if test_file && test_block(f, src).is_some() {
                            test_arg_lists
                                .extend(node.child_by_field_name("arguments").map(|a| a.id()));
                        }
                        if f.kind() != "import" {
                            let line = walk::line(node);
                            let in_test_block = !test_args.is_empty();
                            let (callee, call, new) = (f, node, false);
                            sites.push(Site { callee, call, line, scope, new, in_test_block });
                        }
                    }
                }
                "new_expression" => {
                    if let Some(c) = node.child_by_field_name("constructor") {
                        let (line, in_test_block) = (walk::line(node), !test_args.is_empty());
                        let (callee, call, new) = (c, node, true);
                        sites.push(Site { callee, call, line, scope, new, in_test_block });
                    }
                }
                "jsx_opening_element" | "jsx_self_closing_element" => {
                    if let Some(name) = node.child_by_field_name("name") {
                        let component = match name.kind() {
                            "identifier" => walk::text(name, src)
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_uppercase()),
                            "member_expression" | "nested_identifier" => true,
                            _ => false,
                        };
                        if component {
                            let line = walk::line(node);
                            let in_test_block = !test_args.is_empty();
                            let (callee, call, new) = (name, node, false);
                            sites.push(Site { callee, call, line, scope, new, in_test_block });
                        }
                    }
                }
                "return_statement" if scope == owner.scope => {
                    if let Some(value) = node.named_child(0) {
                        returns.push((value, scope));
                    }
                }
                "assignment_expression" => {
                    // `this.x = value` in a class's method types the field `x`.
                    let left = node.child_by_field_name("left");
                    let value = node.child_by_field_name("right");
                    if let (Some(left), Some(value)) = (left, value) {
                        let object = left.child_by_field_name("object");
                        let property = left.child_by_field_name("property");
                        if let (Some(object), Some(property)) = (object, property) {
                            if left.kind() == "member_expression" && object.kind() == "this" {
                                let name = walk::text(property, src).into_owned();
                                let declared = Declared { ty: None, value: Some(value), scope };
                                assigned.push((name, declared));
                            }
                        }
                    }
                }
                "if_statement" | "for_statement" | "for_in_statement" | "while_statement"
                | "do_statement" | "switch_case" | "catch_clause" | "ternary_expression" => {
                    complexity += 1
                }
                "binary_expression" => {
                    let op = node.child_by_field_name("operator").map(|o| o.kind());
                    if matches!(op, Some("&&" | "||" | "??")) {
                        complexity += 1;
                    }
                }
                _ => {}
            }
            true
        });
        if self.b.nodes[owner.idx].kind.is_callable() {
            self.b.nodes[owner.idx].complexity = complexity;
            self.returns.insert(owner.idx, returns);
        }
        if let Some(class) = owner.this.filter(|&c| self.b.nodes[c].kind == NodeKind::Class) {
            if !assigned.is_empty() {
                self.fields.entry(class).or_default().extend(assigned);
            }
        }
        sites
    }

    /// Pass 2, resolving: the `calls` edges of the owner's sites. In a test file,
    /// returns what the tests among them exercise: the targets of the calls inside
    /// `describe`/`it`/`test` callbacks, and `X` for a `describe('X', ...)` whose `X`
    /// names a function or class in scope.
    fn calls(
        &mut self,
        owner: &Owner<'t>,
        sites: Vec<Site<'t>>,
        test_file: bool,
    ) -> Vec<(Target, u32)> {
        let mut tested = Vec::new();
        for site in sites {
            let block = if test_file { test_block(site.callee, self.b.src) } else { None };
            let in_test = test_file && block.is_none() && site.in_test_block;
            if block == Some("describe") {
                tested.extend(self.described(&site).map(|t| (t, site.line)));
            }
            for target in self.call_targets(&site, owner) {
                if in_test {
                    tested.push((target.clone(), site.line));
                }
                self.b.edge(EdgeKind::Calls, owner.idx, target, site.line);
            }
        }
        tested
    }

    /// `X` in `describe('X', ...)`, when `X` is bound to a definition or an import.
    fn described(&self, site: &Site<'t>) -> Option<Target> {
        let call = Some(site.call).filter(|c| c.kind() == "call_expression")?;
        let first = call.child_by_field_name("arguments")?.named_child(0)?;
        if first.kind() != "string" {
            return None;
        }
        let text = walk::text(first, self.b.src);
        let name = text.get(1..text.len().saturating_sub(1))?;
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            return None;
        }
        match self.lookup(name, site.scope)? {
            Binding::Node(idx) => Some(Target::Node {
                id: self.b.nodes[idx].id.clone(),
                provenance: Provenance::Exact,
            }),
            Binding::Import { key, whole: false, .. } => {
                let name = shown(&key);
                Some(Target::Key { key, name, inferred: false })
            }
            Binding::Import { .. } | Binding::Local => None,
        }
    }

    /// The edges one call site makes: the function or method its callee evaluates to;
    /// for `new C()`, the class and the constructor that runs; for `super(...)`, the
    /// base class's constructor; else the callee's text, unresolved.
    fn call_targets(&mut self, site: &Site<'t>, owner: &Owner<'t>) -> Vec<Target> {
        let callee = site.callee;
        let text = || capped_text(self.b.src, callee.start_byte(), callee.end_byte(), 80);
        if callee.kind() == "super" {
            let Some(class) = owner.this else { return vec![Target::Name("super".into())] };
            return match self.constructor_of(class, true) {
                Some(t) => vec![t],
                None => vec![Target::Name("super".into())],
            };
        }
        if callee.kind() == "call_expression"
            || matches!(callee.kind(), "member_expression")
                && unwrap_member_head(callee).kind() == "call_expression"
        {
            // `require('x')(...)`, `require('x').f()`.
            if let Some(t) = self.resolve(callee, site.scope, owner.idx, owner.this) {
                if matches!(t, Target::Key { .. }) {
                    return vec![t];
                }
            }
        }
        if callee.kind() == "identifier" {
            // `const f = require('./f'); f()`: the module's default export.
            let name = self.b.text(callee).into_owned();
            if let Some(Binding::Import { key, name: imported, whole: true }) =
                self.lookup(&name, site.scope)
            {
                self.b.use_import(owner.idx, &imported);
                let key = format!("{key}.default");
                let name = shown(&key);
                return vec![Target::Key { key, name, inferred: false }];
            }
        }
        let Some(Eval { value, inferred }) = self.eval(callee, site.scope, owner.this, owner.idx)
        else {
            return vec![Target::Name(text())];
        };
        let provenance = if inferred { Provenance::Inferred } else { Provenance::Exact };
        match value {
            Value::Def(idx) => {
                let mut targets =
                    vec![Target::Node { id: self.b.nodes[idx].id.clone(), provenance }];
                if site.new && self.b.nodes[idx].kind == NodeKind::Class {
                    targets.extend(self.constructor_of(idx, false));
                }
                targets
            }
            Value::Key { key, shown: name } => {
                let name = name.unwrap_or_else(text);
                let mut targets = Vec::new();
                if site.new && !key.starts_with("js:pkg:") {
                    targets.push(Target::Key {
                        key: format!("{key}.constructor"),
                        name: format!("{name}.constructor"),
                        inferred,
                    });
                }
                targets.insert(0, Target::Key { key, name, inferred });
                targets
            }
            Value::Union(values) => {
                let mut targets = Vec::new();
                for value in values {
                    if let Value::Def(idx) = value {
                        let id = self.b.nodes[idx].id.clone();
                        targets.push(Target::Node { id, provenance: Provenance::Inferred });
                    } else if let Value::Key { key, shown } = value {
                        let name = shown.unwrap_or_else(text);
                        targets.push(Target::Key { key, name, inferred: true });
                    }
                }
                if targets.is_empty() {
                    targets.push(Target::Name(text()));
                }
                targets
            }
            Value::Instance(_) => vec![Target::Name(text())],
        }
    }

    /// The constructor that runs for `new C()` (`own`: C's, else the nearest base's),
    /// or for `super(...)` in C (`!own`: the base's).
    fn constructor_of(&self, class: NodeIdx, skip_own: bool) -> Option<Target> {
        let mut current = class;
        let mut first = true;
        for _ in 0..32 {
            if !(first && skip_own) {
                let qname = format!("{}.constructor", self.b.nodes[current].qualified_name);
                if let Some(&found) = self.by_qname.get(&qname) {
                    let id = self.b.nodes[found].id.clone();
                    return Some(Target::Node { id, provenance: Provenance::Exact });
                }
            }
            first = false;
            match self.bases.get(&current) {
                Some(Target::Node { id, .. }) => {
                    let base = *self.by_qname.get(model::split_node_id(id).1)?;
                    if base == current {
                        return None;
                    }
                    current = base;
                }
                Some(Target::Key { key, name, .. }) => {
                    // The store follows the base's own bases.
                    return Some(Target::Key {
                        key: format!("{key}.constructor"),
                        name: format!("{name}.constructor"),
                        inferred: false,
                    });
                }
                _ => return None,
            }
        }
        None
    }

    /// [`Self::resolve`], falling back to the expression's text (at most 80 chars).
    fn resolve_or_name(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        user: NodeIdx,
        this: Option<NodeIdx>,
    ) -> Target {
        match self.resolve(expr, scope, user, this) {
            Some(t) => t,
            None => Target::Name(capped_text(self.b.src, expr.start_byte(), expr.end_byte(), 80)),
        }
    }

    /// Resolves a dotted expression (`f`, `ns.f`, `this.m`, `super.m`, `A.B`) seen from
    /// `scope` by the node `user`. `None` for expressions that are not dotted names.
    fn resolve(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        user: NodeIdx,
        this: Option<NodeIdx>,
    ) -> Option<Target> {
        let mut parts = Vec::new();
        let mut head = expr;
        loop {
            match head.kind() {
                "member_expression" | "nested_identifier" => {
                    let p = head.child_by_field_name("property")?;
                    parts.push(self.b.text(p).into_owned());
                    head = head.child_by_field_name("object")?;
                }
                "nested_type_identifier" => {
                    let p = head.child_by_field_name("name")?;
                    parts.push(self.b.text(p).into_owned());
                    head = head.child_by_field_name("module")?;
                }
                "generic_type" => head = head.child_by_field_name("name")?,
                "non_null_expression" => head = head.named_child(0)?,
                _ => break,
            }
        }
        parts.reverse();
        if head.kind() == "call_expression" {
            // `require('x')(...)`, `require('x').f()`: the module's default export / `f`
            // (not `import('x')`, which is a promise).
            let f = head.child_by_field_name("function")?;
            if f.kind() != "identifier" {
                return None;
            }
            let spec = self.import_call(head)?;
            let key = resolve_specifier(&self.dir, &spec);
            let key =
                if parts.is_empty() { format!("{key}.default") } else { dotted(&key, &parts) };
            let name = shown(&key);
            return Some(Target::Key { key, name, inferred: false });
        }
        let name = self.b.text(head).into_owned();
        match head.kind() {
            "this" => {
                let Some(class) = this.filter(|_| !parts.is_empty()) else {
                    return Some(Target::Name(short(&dotted("this", &parts), 80)));
                };
                let qname = dotted(&self.b.nodes[class].qualified_name, &parts[..1]);
                if let Some(&idx) = self.by_qname.get(&qname) {
                    return Some(self.member(idx, &parts[1..], &dotted("this", &parts)));
                }
                Some(self.through_bases(class, &parts, "this"))
            }
            "super" => {
                let Some(class) = this else {
                    return Some(Target::Name(short(&dotted("super", &parts), 80)));
                };
                if parts.is_empty() {
                    return Some(
                        self.bases
                            .get(&class)
                            .cloned()
                            .unwrap_or_else(|| Target::Name("super".into())),
                    );
                }
                Some(self.through_bases(class, &parts, "super"))
            }
            "identifier" | "type_identifier" => {
                let shown_name = short(&dotted(&name, &parts), 80);
                Some(match self.lookup(&name, scope) {
                    Some(Binding::Node(idx)) => self.member(idx, &parts, &shown_name),
                    Some(Binding::Import { key, name: imported, whole }) => {
                        self.b.use_import(user, &imported);
                        // A package's default import is the package (CommonJS interop).
                        let (key, whole) = match key.strip_suffix(".default") {
                            Some(pkg) if pkg.starts_with("js:pkg:") => (pkg.to_owned(), true),
                            _ => (key, whole),
                        };
                        let key = if whole && parts.is_empty() {
                            format!("{key}.default")
                        } else {
                            dotted(&key, &parts)
                        };
                        let shown_key = shown(&key);
                        Target::Key { key, name: shown_key, inferred: false }
                    }
                    Some(Binding::Local) | None => Target::Name(shown_name),
                })
            }
            _ => None,
        }
    }

    /// `parts` looked up under the node `idx` of this file.
    fn member(&self, idx: NodeIdx, parts: &[String], shown_name: &str) -> Target {
        if parts.is_empty() {
            return Target::Node {
                id: self.b.nodes[idx].id.clone(),
                provenance: Provenance::Exact,
            };
        }
        let qname = dotted(&self.b.nodes[idx].qualified_name, parts);
        match self.by_qname.get(&qname) {
            Some(&found) => {
                Target::Node { id: self.b.nodes[found].id.clone(), provenance: Provenance::Exact }
            }
            None if self.b.nodes[idx].kind == NodeKind::Class => {
                let head = self.b.nodes[idx].name.clone();
                self.through_bases(idx, parts, &head)
            }
            None => Target::Name(shown_name.to_owned()),
        }
    }

    /// `parts` (one member) looked up through the `extends` chain of `class`
    /// (inferred: which override runs is a guess about the receiver).
    fn through_bases(&self, class: NodeIdx, parts: &[String], shown_head: &str) -> Target {
        let shown_name = short(&dotted(shown_head, parts), 80);
        if parts.len() != 1 {
            // `this.field.m()`: the field may be the class's own; no guess.
            return Target::Name(shown_name);
        }
        let mut current = class;
        for _ in 0..32 {
            match self.bases.get(&current) {
                Some(Target::Node { id, .. }) => {
                    let (_, qname) = model::split_node_id(id);
                    let Some(&base) = self.by_qname.get(qname) else { break };
                    if base == current {
                        break;
                    }
                    let member = dotted(&self.b.nodes[base].qualified_name, parts);
                    if let Some(&found) = self.by_qname.get(&member) {
                        return Target::Node {
                            id: self.b.nodes[found].id.clone(),
                            provenance: Provenance::Inferred,
                        };
                    }
                    current = base;
                }
                Some(Target::Key { key, .. }) => {
                    let key = dotted(key, parts);
                    let name = shown(&key);
                    return Target::Key { key, name, inferred: true };
                }
                _ => break,
            }
        }
        Target::Name(shown_name)
    }

    // ------------------------------------------------------- receiver types

    /// Evaluates a callee or receiver expression seen from `scope` (with `this` the
    /// class or object literal `this` refers to), for the node `user`: names through
    /// scopes and imports, members through classes, objects, namespaces and modules,
    /// and the types of receivers from what the file states: `new C()`, declared
    /// types of locals, parameters and fields, initial values, `this`, return types
    /// (declared, or what every `return` agrees on). `None` when the file does not say.
    fn eval(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        if self.depth >= MAX_EVAL_DEPTH {
            return None;
        }
        self.depth += 1;
        let out = self.eval_inner(expr, scope, this, user);
        self.depth -= 1;
        out
    }

    fn eval_inner(
        &mut self,
        expr: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        let exact = |value| Some(Eval { value, inferred: false });
        match expr.kind() {
            "identifier" | "type_identifier" | "shorthand_property_identifier" => {
                let name = self.b.text(expr).into_owned();
                self.eval_name(&name, scope, user)
            }
            "this" => {
                let this = this?;
                if self.b.nodes[this].kind == NodeKind::Class {
                    exact(Value::Instance(Class::Def(this)))
                } else {
                    exact(Value::Def(this))
                }
            }
            "member_expression" | "nested_identifier" | "nested_type_identifier" => {
                let (object, property) = if expr.kind() == "nested_type_identifier" {
                    (expr.child_by_field_name("module")?, expr.child_by_field_name("name")?)
                } else {
                    (expr.child_by_field_name("object")?, expr.child_by_field_name("property")?)
                };
                let name = self.b.text(property).into_owned();
                if object.kind() == "super" {
                    let class = this?;
                    return self.member_of_bases(class, &name);
                }
                let base = self.eval(object, scope, this, user)?;
                self.attribute(base, &name)
            }
            "call_expression" => {
                let f = expr.child_by_field_name("function")?;
                let callee = self.eval(f, scope, this, user)?;
                self.call_result(callee)
            }
            "new_expression" => {
                let c = expr.child_by_field_name("constructor")?;
                let class = self.eval(c, scope, this, user)?;
                let value = match class.value {
                    // A class, or a constructor function with prototype methods.
                    Value::Def(idx)
                        if matches!(
                            self.b.nodes[idx].kind,
                            NodeKind::Class | NodeKind::Function
                        ) =>
                    {
                        Value::Instance(Class::Def(idx))
                    }
                    Value::Key { key, shown } => Value::Instance(Class::Key { key, shown }),
                    _ => return None,
                };
                Some(Eval { value, inferred: class.inferred })
            }
            "as_expression" | "satisfies_expression" => {
                // `x as T`: what the code says it is.
                let ty = expr.named_child(1)?;
                let value = self.type_value(ty, scope, this, user)?;
                Some(Eval { value, inferred: true })
            }
            "parenthesized_expression" | "non_null_expression" | "await_expression" => {
                self.eval(expr.named_child(0)?, scope, this, user)
            }
            "generic_type" => self.eval(expr.child_by_field_name("name")?, scope, this, user),
            _ => None,
        }
    }

    /// A name seen from `scope`: a definition, an import, or a local with a known
    /// type or value.
    fn eval_name(&mut self, name: &str, scope: usize, user: NodeIdx) -> Option<Eval> {
        let mut current = Some(scope);
        while let Some(s) = current {
            let declared = self.locals.get(&(s, name.to_owned())).copied();
            match self.scopes[s].bindings.get(name).cloned() {
                Some(Binding::Node(idx)) => {
                    // An upper-case constant holding a value: the value.
                    if self.b.nodes[idx].kind == NodeKind::Constant {
                        if let Some(d) = declared {
                            if let Some(e) = self.eval_declared(d, None, user) {
                                return Some(e);
                            }
                        }
                    }
                    return Some(Eval { value: Value::Def(idx), inferred: false });
                }
                Some(Binding::Import { key, name: imported, whole }) => {
                    self.b.use_import(user, &imported);
                    // A package's default import is the package (CommonJS interop).
                    let key = match key.strip_suffix(".default") {
                        Some(pkg) if pkg.starts_with("js:pkg:") && !whole => pkg.to_owned(),
                        _ => key,
                    };
                    let shown = Some(shown(&key));
                    return Some(Eval { value: Value::Key { key, shown }, inferred: false });
                }
                Some(Binding::Local) => {
                    let d = declared?;
                    return self.eval_declared(d, None, user);
                }
                None => {
                    if let Some(d) = declared {
                        return self.eval_declared(d, None, user);
                    }
                }
            }
            current = self.scopes[s].parent;
        }
        None
    }

    /// The value of a declaration: its declared type, else its initial value.
    fn eval_declared(
        &mut self,
        d: Declared<'t>,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Eval> {
        if let Some(ty) = d.ty {
            let value = self.type_value(ty, d.scope, this, user)?;
            return Some(Eval { value, inferred: true });
        }
        let found = self.eval(d.value?, d.scope, this, user)?;
        Some(Eval { inferred: true, ..found })
    }

    /// What a type annotation says a value is: an instance of the class or interface
    /// it names (through `T | null`, `Promise<T>`, `Readonly<T>`), `this` for the
    /// current class.
    fn type_value(
        &mut self,
        ty: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Value> {
        if self.depth >= MAX_EVAL_DEPTH {
            return None;
        }
        self.depth += 1;
        let out = self.type_value_inner(ty, scope, this, user);
        self.depth -= 1;
        out
    }

    fn type_value_inner(
        &mut self,
        ty: Node<'t>,
        scope: usize,
        this: Option<NodeIdx>,
        user: NodeIdx,
    ) -> Option<Value> {
        match ty.kind() {
            "type_annotation" | "parenthesized_type" | "readonly_type" => {
                let inner = ty.named_children(&mut ty.walk()).last()?;
                self.type_value(inner, scope, this, user)
            }
            "this_type" => Some(Value::Instance(Class::Def(this?))),
            "type_identifier" | "identifier" | "nested_type_identifier" => {
                let found = self.eval(ty, scope, None, user)?;
                instance_of(found.value, &self.b.nodes)
            }
            "generic_type" => {
                let name = ty.child_by_field_name("name")?;
                let text = self.b.text(name).into_owned();
                if matches!(&*text, "Promise" | "PromiseLike" | "Readonly" | "Awaited") {
                    let args = ty.child_by_field_name("type_arguments")?;
                    let first = args.named_child(0)?;
                    return self.type_value(first, scope, this, user);
                }
                let found = self.eval(name, scope, None, user)?;
                instance_of(found.value, &self.b.nodes)
            }
            "union_type" => {
                // `T | null | undefined`: the one real member.
                let mut real = Vec::new();
                let mut cursor = ty.walk();
                for member in ty.named_children(&mut cursor) {
                    let text = self.b.text(member);
                    if !matches!(&*text, "null" | "undefined" | "void") {
                        real.push(member);
                    }
                }
                let mut values = Vec::new();
                for member in real {
                    values.push(self.type_value(member, scope, this, user)?);
                }
                union(values)
            }
            _ => None,
        }
    }

    /// `base.name`.
    fn attribute(&mut self, base: Eval, name: &str) -> Option<Eval> {
        let inferred = base.inferred;
        match base.value {
            Value::Union(values) => {
                let mut found = Vec::new();
                for value in values {
                    if let Some(e) = self.attribute(Eval { value, inferred: true }, name) {
                        found.push(e.value);
                    }
                }
                Some(Eval { value: union(found)?, inferred: true })
            }
            Value::Key { key, shown } => Some(Eval {
                value: Value::Key {
                    key: format!("{key}.{name}"),
                    shown: shown.map(|s| format!("{s}.{name}")),
                },
                inferred,
            }),
            Value::Def(idx) => {
                let qname = format!("{}.{name}", self.b.nodes[idx].qualified_name);
                if let Some(&found) = self.by_qname.get(&qname) {
                    return Some(Eval { value: Value::Def(found), inferred });
                }
                if self.b.nodes[idx].kind == NodeKind::Class {
                    // A static member inherited from a base.
                    return self.member_of_bases(idx, name);
                }
                None
            }
            Value::Instance(Class::Def(class)) => {
                let qname = format!("{}.{name}", self.b.nodes[class].qualified_name);
                if let Some(&found) = self.by_qname.get(&qname) {
                    if self.getters.contains(&found) {
                        // `get db(): Db`: reading it gives its value.
                        return self.return_value(found);
                    }
                    return Some(Eval { value: Value::Def(found), inferred });
                }
                if let Some(field) = self.field_value(class, name) {
                    return Some(field);
                }
                self.member_of_bases(class, name)
            }
            Value::Instance(Class::Key { key, shown }) => Some(Eval {
                value: Value::Key {
                    key: format!("{key}.{name}"),
                    shown: shown.map(|s| format!("{s}.{name}")),
                },
                inferred: true,
            }),
        }
    }

    /// Member `name` found through the `extends` chain of `class` (not the class
    /// itself): a definition of this file, or, at the first base known by key, the
    /// key (the store follows that base's own bases).
    fn member_of_bases(&mut self, class: NodeIdx, name: &str) -> Option<Eval> {
        let mut current = class;
        for _ in 0..32 {
            match self.bases.get(&current).cloned() {
                Some(Target::Node { id, .. }) => {
                    let base = *self.by_qname.get(model::split_node_id(&id).1)?;
                    if base == current {
                        return None;
                    }
                    let qname = format!("{}.{name}", self.b.nodes[base].qualified_name);
                    if let Some(&found) = self.by_qname.get(&qname) {
                        return Some(Eval { value: Value::Def(found), inferred: true });
                    }
                    if let Some(field) = self.field_value(base, name) {
                        return Some(field);
                    }
                    current = base;
                }
                Some(Target::Key { key, name: shown_base, .. }) => {
                    return Some(Eval {
                        value: Value::Key {
                            key: format!("{key}.{name}"),
                            shown: Some(format!("{shown_base}.{name}")),
                        },
                        inferred: true,
                    });
                }
                _ => return None,
            }
        }
        None
    }

    /// The value a field of `class` holds, when its declarations agree.
    fn field_value(&mut self, class: NodeIdx, name: &str) -> Option<Eval> {
        let declared: Vec<Declared<'t>> =
            self.fields.get(&class)?.iter().filter(|(n, _)| n == name).map(|(_, d)| *d).collect();
        let mut agreed: Option<Value> = None;
        for d in declared {
            if d.value.is_some_and(|v| matches!(v.kind(), "null" | "undefined")) && d.ty.is_none() {
                continue;
            }
            let value = self.eval_declared(d, Some(class), class)?.value;
            match &agreed {
                None => agreed = Some(value),
                Some(v) if *v == value => {}
                Some(_) => return None,
            }
        }
        Some(Eval { value: agreed?, inferred: true })
    }

    /// What calling `callee` returns.
    fn call_result(&mut self, callee: Eval) -> Option<Eval> {
        match callee.value {
            Value::Union(values) => {
                let mut found = Vec::new();
                for value in values {
                    if let Some(e) = self.call_result(Eval { value, inferred: true }) {
                        found.push(e.value);
                    }
                }
                Some(Eval { value: union(found)?, inferred: true })
            }
            Value::Def(idx) if self.b.nodes[idx].kind.is_callable() => {
                let returned = self.return_value(idx)?;
                Some(Eval { inferred: true, ..returned })
            }
            Value::Key { key, .. } if !key.starts_with("js:pkg:") => {
                // What the function returns, if its file says (`f.__return__`).
                let class = Class::Key { key: format!("{key}.__return__"), shown: None };
                Some(Eval { value: Value::Instance(class), inferred: true })
            }
            _ => None,
        }
    }

    /// What function `idx` returns: its declared return type, or else the one value
    /// all its `return` statements agree on.
    fn return_value(&mut self, idx: NodeIdx) -> Option<Eval> {
        if let Some(known) = self.return_values.get(&idx) {
            return known.clone();
        }
        self.return_values.insert(idx, None); // recursion guard
        let found = self.compute_return(idx);
        self.return_values.insert(idx, found.clone());
        found
    }

    fn compute_return(&mut self, idx: NodeIdx) -> Option<Eval> {
        let (func, scope) = *self.functions.get(&idx)?;
        let this = self.this_of(idx);
        if let Some(ty) = func.child_by_field_name("return_type") {
            // A declared class; a function type (`() => number`) says less than the body.
            if let Some(value) = self.type_value(ty, scope, this, idx) {
                return Some(Eval { value, inferred: true });
            }
        }
        // An arrow function with an expression body returns it.
        let body = func.child_by_field_name("body")?;
        let returns: Vec<(Node<'t>, usize)> = if body.kind() == "statement_block" {
            self.returns.get(&idx).cloned().unwrap_or_default()
        } else {
            vec![(body, scope)]
        };
        let mut agreed: Option<Value> = None;
        for (expr, scope) in returns {
            let value = self.eval(expr, scope, this, idx)?.value;
            match &agreed {
                None => agreed = Some(value),
                Some(v) if *v == value => {}
                Some(_) => return None,
            }
        }
        Some(Eval { value: agreed?, inferred: true })
    }

    /// What `this` is inside definition `idx` (the class or object it belongs to).
    fn this_of(&self, idx: NodeIdx) -> Option<NodeIdx> {
        let parent = self.b.nodes[idx].parent.as_ref()?;
        let (_, qname) = model::split_node_id(parent);
        let p = *self.by_qname.get(qname)?;
        matches!(self.b.nodes[p].kind, NodeKind::Class | NodeKind::Constant).then_some(p)
    }

    /// Records the parameter properties of a constructor (`constructor(private db:
    /// Db)`) as fields of `class`.
    fn parameter_properties(&mut self, class: NodeIdx, func: Node<'t>, scope: usize) {
        let Some(params) = func.child_by_field_name("parameters") else { return };
        let mut cursor = params.walk();
        for p in params.named_children(&mut cursor) {
            let mut c = p.walk();
            let is_property = p.children(&mut c).any(|ch| {
                matches!(ch.kind(), "accessibility_modifier" | "readonly" | "override_modifier")
            });
            if !is_property {
                continue;
            }
            let (Some(pattern), ty) =
                (p.child_by_field_name("pattern"), p.child_by_field_name("type"))
            else {
                continue;
            };
            if pattern.kind() == "identifier" {
                let name = self.b.text(pattern).into_owned();
                let declared = Declared { ty, value: None, scope };
                self.fields.entry(class).or_default().push((name, declared));
            }
        }
    }

    /// Exports what the store needs to resolve across files: each exported class's
    /// base (`js:m.C.*` → the base's key), return types (`js:m.f.__return__` → the
    /// class), and the types of fields (`js:m.C.x.*` → the class).
    fn export_resolution_symbols(&mut self) {
        let mut exported: Vec<(NodeIdx, String)> =
            self.keys.iter().map(|(i, k)| (*i, k.clone())).collect();
        exported.sort();
        for (idx, key) in exported {
            match self.b.nodes[idx].kind {
                NodeKind::Class => {
                    let base = match self.bases.get(&idx) {
                        Some(Target::Node { id, .. }) => self
                            .by_qname
                            .get(model::split_node_id(id).1)
                            .and_then(|b| self.keys.get(b))
                            .cloned(),
                        Some(Target::Key { key, .. }) => Some(key.clone()),
                        _ => None,
                    };
                    if let Some(base) = base {
                        self.b.export_alias(format!("{key}.*"), base);
                    }
                    let mut names: Vec<String> = self
                        .fields
                        .get(&idx)
                        .map(|f| f.iter().map(|(n, _)| n.clone()).collect())
                        .unwrap_or_default();
                    names.sort();
                    names.dedup();
                    for name in names {
                        let qname = format!("{}.{name}", self.b.nodes[idx].qualified_name);
                        if self.by_qname.contains_key(&qname) {
                            continue;
                        }
                        let Some(Eval { value: Value::Instance(class), .. }) =
                            self.field_value(idx, &name)
                        else {
                            continue;
                        };
                        if let Some(target) = self.class_key(&class) {
                            self.b.export_alias(format!("{key}.{name}.*"), target);
                        }
                    }
                }
                NodeKind::Function | NodeKind::Method => {
                    let Some(Eval { value: Value::Instance(class), .. }) = self.return_value(idx)
                    else {
                        continue;
                    };
                    if let Some(target) = self.class_key(&class) {
                        self.b.export_alias(format!("{key}.__return__"), target);
                    }
                }
                _ => {}
            }
        }
    }

    /// The key of a class, when it has one worth a symbol (not a guess).
    fn class_key(&self, class: &Class) -> Option<String> {
        match class {
            Class::Def(c) => self.keys.get(c).cloned(),
            Class::Key { key, .. } if !key.contains(".__return__") => Some(key.clone()),
            Class::Key { .. } => None,
        }
    }

    /// Looks `name` up from `scope` outwards.
    fn lookup(&self, name: &str, scope: usize) -> Option<Binding> {
        let mut current = Some(scope);
        while let Some(s) = current {
            if let Some(b) = self.scopes[s].bindings.get(name) {
                return Some(b.clone());
            }
            current = self.scopes[s].parent;
        }
        None
    }
}

/// Whether `path` is a TypeScript/JavaScript project file whose path mappings
/// (`compilerOptions.baseUrl` and `paths`) codehub reads: `tsconfig.json` or
/// `jsconfig.json`, in any directory.
pub(crate) fn is_config(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file == "tsconfig.json" || file == "jsconfig.json"
}

/// Extracts a `tsconfig.json`/`jsconfig.json`: a module node and, for its path
/// mappings, alias symbols from the bare-specifier space to the root's files. With
/// `baseUrl` B and `paths` `{"@/*": ["src/*"], "utils": ["src/lib/utils"]}` (targets
/// relative to B, B relative to the file's directory) it exports `js:pkg:@` →
/// `js:{B}/src` and `js:pkg:utils` → `js:{B}/src/lib/utils`; a `*` pattern, or
/// `baseUrl` alone, exports the empty prefix `js:pkg:` → `js:{B}`. The linker looks
/// a bare key's longest `/`-prefix up among such aliases (`js:pkg:@/lib/money.cents`
/// → `js:src/lib/money.cents`). Comments and trailing commas are allowed, as `tsc`
/// allows them; `extends` is not followed.
pub(crate) fn extract_config(path: &str, src: &[u8]) -> FileFacts {
    let empty = builder::parse(&tree_sitter_javascript::LANGUAGE.into(), b"");
    let mut b = FileBuilder::new(path, src, Language::TypeScript, &empty);
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let text = String::from_utf8_lossy(src);
    let json: serde_json::Value = match serde_json::from_str(&strip_jsonc(&text)) {
        Ok(v) => v,
        Err(e) => {
            b.diagnostic(e.line() as u32, format!("invalid JSON: {e}"));
            return b.finish();
        }
    };
    let options = json.get("compilerOptions");
    let base_url = options.and_then(|o| o.get("baseUrl")).and_then(|v| v.as_str());
    let paths = options.and_then(|o| o.get("paths")).and_then(|v| v.as_object());
    // `paths` targets are relative to `baseUrl`, or to the file's directory without one.
    let base = join_path(dir, base_url.unwrap_or("."));
    let mut wildcard = false;
    for (pattern, targets) in paths.into_iter().flatten() {
        let targets = targets.as_array().map(Vec::as_slice).unwrap_or_default();
        let key = if pattern == "*" {
            wildcard = true;
            "js:pkg:".to_owned()
        } else if let Some(prefix) = pattern.strip_suffix("/*") {
            if prefix.contains('*') || prefix.is_empty() {
                continue;
            }
            format!("js:pkg:{prefix}")
        } else if !pattern.contains('*') {
            format!("js:pkg:{pattern}")
        } else {
            continue;
        };
        for target in targets.iter().filter_map(|t| t.as_str()) {
            let target = if pattern.contains('*') {
                let Some(dir) = target.strip_suffix("/*").or(target.strip_suffix('*')) else {
                    continue;
                };
                if dir.contains('*') {
                    continue;
                }
                format!("js:{}", join_path(&base, dir))
            } else if target.contains('*') {
                continue;
            } else {
                let joined = join_path(&base, target);
                let stem = strip_ext(&joined);
                let stem = stem.strip_suffix("/index").unwrap_or(stem);
                if stem.is_empty() || stem == "index" {
                    "js:index".to_owned()
                } else {
                    format!("js:{stem}")
                }
            };
            b.export_alias(key.clone(), target);
        }
    }
    if base_url.is_some() && !wildcard {
        b.export_alias("js:pkg:".to_owned(), format!("js:{base}"));
    }
    b.finish()
}

/// `rel` (`./src`, `../lib`, `src/`) joined to the root-relative directory `dir` and
/// normalised: no `.`, `..` only leading, no empty segments (`""` for the root).
fn join_path(dir: &str, rel: &str) -> String {
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if segments.last().is_some_and(|s| *s != "..") {
                    segments.pop();
                } else {
                    segments.push("..");
                }
            }
            _ => segments.push(seg),
        }
    }
    segments.join("/")
}

/// JSON with comments (`//`, `/* */`) and trailing commas, as `tsc` reads it, turned
/// into strict JSON. Strings are copied as they are; comments become spaces so that
/// line numbers of errors stay right.
fn strip_jsonc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push(c);
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                out.push(' ');
            }
            ']' | '}' => {
                // A trailing comma: the last non-space character written is a comma.
                let kept = out.trim_end_matches(char::is_whitespace).len();
                if out[..kept].ends_with(',') {
                    out.replace_range(kept - 1..kept, " ");
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
/// Unit tests of the helpers, and of robustness against deep nesting.
mod tests {
    use super::*;

    /// Module keys drop the extension and a trailing `/index`.
    #[test]
    fn module_keys_drop_extension_and_index() {
        assert_eq!(module_path("src/util/index.ts"), "src/util");
        assert_eq!(module_path("src/a.ts"), "src/a");
        assert_eq!(module_path("types/a.d.ts"), "types/a");
        assert_eq!(module_path("index.js"), "index");
    }

    /// Relative specifiers resolve against the importing file's directory; bare ones
    /// name packages.
    #[test]
    fn specifiers_resolve_against_the_directory() {
        assert_eq!(resolve_specifier("src", "./util.js"), "js:src/util");
        assert_eq!(resolve_specifier("src", "./util/index"), "js:src/util");
        assert_eq!(resolve_specifier("src/a", "../b/c.tsx"), "js:src/b/c");
        assert_eq!(resolve_specifier("", "../x"), "js:../x");
        assert_eq!(resolve_specifier("", "."), "js:index");
        assert_eq!(resolve_specifier("src", "lodash"), "js:pkg:lodash");
        assert_eq!(resolve_specifier("src", "@scope/pkg"), "js:pkg:@scope/pkg");
        assert_eq!(resolve_specifier("src", "node:fs"), "js:pkg:node:fs");
        assert_eq!(shown("js:pkg:lodash.map"), "lodash.map");
        assert_eq!(shown("js:src/util.parse"), "src/util.parse");
    }

    /// JSDoc markers are stripped; other comments are not docstrings.
    #[test]
    fn jsdoc_is_cleaned() {
        assert_eq!(clean_doc("/** One line. */").as_deref(), Some("One line."));
        assert_eq!(
            clean_doc("/**\n   * Summary.\n   *\n   *     code\n   */").as_deref(),
            Some("Summary.\n\n    code")
        );
        assert_eq!(clean_doc("/* plain */"), None);
        assert_eq!(clean_doc("/**/"), None);
        assert_eq!(clean_doc("/** */"), None);
    }

    /// Runs `f` on a thread with the default 2 MiB stack.
    fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap();
    }

    /// 10,000 nested blocks, arrow functions, object literals, functions, classes
    /// and namespaces extract on a 2 MiB stack; definitions past `MAX_DEPTH` are cut
    /// with a diagnostic.
    #[test]
    fn deep_nesting_does_not_overflow() {
        on_small_stack(|| {
            let n = 10_000;
            // Nested blocks and arrow functions.
            let mut src = String::from("const f = () => ");
            for _ in 0..n {
                src.push_str("{ (() => ");
            }
            src.push_str("{ g(); }");
            for _ in 0..n {
                src.push_str(")() }");
            }
            src.push('\n');
            // Nested object literals.
            src.push_str("const API = ");
            for _ in 0..n {
                src.push_str("{ a: ");
            }
            src.push('1');
            for _ in 0..n {
                src.push_str(" }");
            }
            src.push('\n');
            // Nested named functions: cut at MAX_DEPTH with a diagnostic.
            for i in 0..n {
                src.push_str(&format!("function f{i}() {{ "));
            }
            for _ in 0..n {
                src.push_str("} ");
            }
            src.push('\n');
            // Nested functions bound to constants.
            for _ in 0..n {
                src.push_str("const f = () => { ");
            }
            for _ in 0..n {
                src.push_str("}; ");
            }
            src.push('\n');
            // Nested classes with methods, objects with methods, namespaces.
            for i in 0..n {
                src.push_str(&format!("class C{i} {{ m() {{ const o = {{ f() {{ "));
            }
            for _ in 0..n {
                src.push_str("} } } } ");
            }
            src.push('\n');
            let mut ts = src.clone();
            for i in 0..n {
                ts.push_str(&format!("namespace N{i} {{ "));
            }
            for _ in 0..n {
                ts.push_str("} ");
            }
            ts.push('\n');
            for (path, src) in [("deep.js", &src), ("deep.ts", &ts)] {
                let facts = crate::extract(path, src.as_bytes()).unwrap();
                assert!(facts.nodes.iter().any(|n| n.name == "f"));
                assert!(facts.nodes.iter().any(|n| n.name == "API"));
                assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
                assert!(facts.nodes.len() < n);
            }
        });
    }

    fn config_aliases(path: &str, src: &str) -> Vec<(String, String)> {
        let facts = crate::extract(path, src.as_bytes()).expect("a project file is extracted");
        assert_eq!(facts.nodes.len(), 1, "only the module node");
        let mut out: Vec<(String, String)> = facts
            .symbols
            .into_iter()
            .map(|s| match s.target {
                crate::SymbolTarget::Alias(t) => (s.key, t),
                crate::SymbolTarget::Node(n) => panic!("{} is no alias of {n}", s.key),
            })
            .collect();
        out.sort();
        out
    }

    fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
        rows.iter().map(|(k, t)| ((*k).to_owned(), (*t).to_owned())).collect()
    }

    #[test]
    fn tsconfig_paths_become_bare_specifier_aliases() {
        let src = r#"{
          // comments and trailing commas, as tsc allows
          "compilerOptions": {
            "baseUrl": "./web", /* relative to this file */
            "paths": {
              "@/*": ["src/*", "gen/*",],
              "utils": ["src/lib/utils.ts"],
              "~x*": ["odd/*"],
            },
          },
        }"#;
        assert_eq!(
            config_aliases("app/tsconfig.json", src),
            pairs(&[
                ("js:pkg:", "js:app/web"),
                ("js:pkg:@", "js:app/web/gen"),
                ("js:pkg:@", "js:app/web/src"),
                ("js:pkg:utils", "js:app/web/src/lib/utils"),
            ])
        );
        let wildcard = r#"{"compilerOptions": {"paths": {"*": ["./*"]}}}"#;
        assert_eq!(config_aliases("jsconfig.json", wildcard), pairs(&[("js:pkg:", "js:")]));
        assert!(config_aliases("tsconfig.json", "{}").is_empty());
        let broken = crate::extract("tsconfig.json", b"{ nope").unwrap();
        assert!(broken.symbols.is_empty() && !broken.diagnostics.is_empty());
        assert!(crate::extract("tsconfig.base.json", b"{}").is_none());
    }

    #[test]
    fn jsonc_keeps_strings_and_drops_comments_and_trailing_commas() {
        let text = "{\"a//b\": \"/*x*/\", // c\n \"l\": [1, 2,] /* d */ ,}";
        let json: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(json, serde_json::json!({"a//b": "/*x*/", "l": [1, 2]}));
    }
}

//! JavaScript and TypeScript (TS and TSX grammars): classes, interfaces, type
//! aliases, enums, namespaces, functions, methods, arrow functions bound to names,
//! object-literal methods and upper-case constants; ES module and CommonJS imports
//! and exports, calls (including JSX components), `extends`/`implements` edges. In a
//! test file, each `describe`/`it`/`test` block with a literal description is a
//! function node named by it in double quotes (`"adds numbers"`, nested under its
//! `describe`), and is the source of the `tests` edges its code makes.
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
use crate::common::eval::{union, Class, Depth, Eval, Memo, Value, MAX_EVAL_DEPTH};
use crate::common::text::{short, MAX_SHOWN_CHARS};
use crate::common::{docs, tests_edges};
use crate::walk::{Fields, Kinds};
use crate::{walk, FileFacts, Target};
use model::keys;
use model::{EdgeKind, Language, NodeKind, Provenance};
use std::collections::{BTreeMap, HashMap, HashSet};
use tree_sitter::Node;

mod config;
mod emit;
mod infer;
mod lower;
mod modules;
mod scopes;

pub(crate) use config::{extract_config, is_config};
use emit::is_test_file;
use lower::{after_decorators, decorator_children};
use modules::{module_path, resolve_specifier, shown, strip_ext};

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

/// How many parts of a condition [`Js::narrow`] looks at.
const MAX_CONJUNCTS: usize = 32;

/// How many earlier narrowings of a name [`Js::narrowed`] looks through for one
/// holding where the name is used.
const MAX_NARROWING_LOOK_BACK: usize = 64;

/// Where a condition narrows a name: the byte range of the code it guards (the
/// `if`'s consequence, the right side of `&&`, a ternary's consequence), and why.
#[derive(Clone, Copy, Debug)]
struct Narrowing<'t> {
    start: usize,
    end: usize,
    by: NarrowedBy<'t>,
    /// The scope the condition is in (where `by` is evaluated).
    scope: usize,
}

/// What a condition says a name is.
#[derive(Clone, Copy, Debug)]
enum NarrowedBy<'t> {
    /// `x instanceof C`: an instance of `C` (the expression).
    InstanceOf(Node<'t>),
    /// `isC(x)` with `function isC(v): v is C`: what the guard's predicate says
    /// (the callee expression).
    Guard(Node<'t>),
}

/// The parameters of a callback type looked at for classes to export
/// (`Js::export_callback_params`).
const MAX_CALLBACK_PARAMS: usize = 8;

/// A type parameter of a generic class or interface (`T extends Base`).
#[derive(Clone, Copy, Debug)]
struct TypeParam<'t> {
    /// `T`'s syntax (its text is the name).
    name: Node<'t>,
    /// The `extends` type, evaluated when no argument is known.
    constraint: Option<Node<'t>>,
    /// The scope the generic declaration is in.
    scope: usize,
}

/// A local variable, parameter or class field: its declared type and initial value,
/// evaluated in `scope`.
#[derive(Clone, Copy, Debug)]
struct Declared<'t> {
    ty: Option<Node<'t>>,
    value: Option<Node<'t>>,
    scope: usize,
    /// Where the value comes from when it is not `value` itself.
    origin: Option<Origin<'t>>,
}

/// Where a declared name's value comes from when it is not its initial value.
#[derive(Clone, Copy, Debug)]
enum Origin<'t> {
    /// An untyped parameter of a function passed as an argument: what the callee
    /// says it is.
    Callback(Callback<'t>),
    /// `for (const x of value)`: an element of the value.
    Element,
    /// `const { x } = value` (or `{ key: x }`): the member the syntax names.
    Member(Node<'t>),
}

/// An untyped parameter of a function passed as an argument (`operate((source,
/// subscriber) => ...)`): typed by the callee's declaration of that argument, when
/// it is a function type (TypeScript's contextual typing).
#[derive(Clone, Copy, Debug)]
struct Callback<'t> {
    /// The callee of the call the function is an argument of.
    callee: Node<'t>,
    /// The argument's position, from 0.
    arg: usize,
    /// The parameter's position in the function, from 0.
    param: usize,
    /// The call is a `new`: the callee is a class, its constructor declares the
    /// argument.
    new: bool,
    /// What `this` is at the call.
    this: Option<NodeIdx>,
}

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
    /// Non-call uses found by `scan`: the owner, the name, the scope it is read in,
    /// and how it is used (resolved to `references` edges after the calls).
    refs: Vec<(NodeIdx, Node<'t>, usize, model::ReferenceKind)>,
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
    return_values: Memo<NodeIdx>,
    /// The key each exported node has.
    keys: HashMap<NodeIdx, String>,
    /// Getter methods (`get x()`): reading them is calling them.
    getters: HashSet<NodeIdx>,
    /// Narrowings of local names by a condition (`if (x instanceof C)`, `isC(x) &&
    /// ...`), by name: where each holds and what it says.
    narrowings: HashMap<String, Vec<Narrowing<'t>>>,
    /// Every interface an interface extends, in order (`bases` has the first).
    interface_bases: HashMap<NodeIdx, Vec<Target>>,
    /// Functions passed as arguments, by their syntax node's id: the callee, the
    /// argument's position and what `this` is at the call.
    callbacks: HashMap<usize, (Node<'t>, usize, Option<NodeIdx>, bool)>,
    /// TypeScript type parameters of each generic class and interface, in order:
    /// name, `extends` constraint, and the scope the declaration is in.
    type_params: HashMap<NodeIdx, Vec<TypeParam<'t>>>,
    /// The type arguments in force while a member of a generic class is evaluated
    /// for a receiver that states them (`Box<Apple>`): the class and its arguments.
    type_args: Option<(NodeIdx, Vec<Option<Value>>)>,
    /// For the overload signature being visited: its statement's id and the next
    /// statement (see [`Js::statement_after`]).
    next_statement: Option<(usize, Option<Node<'t>>)>,
    /// Nesting of evaluations in progress.
    depth: Depth,
    /// The file is a test file (`*.test.js`, `*.spec.ts`, under `__tests__/`).
    test_file: bool,
    /// The `describe`/`it`/`test` blocks made nodes, by the id of their call
    /// expression: each is a test, named by its description.
    test_blocks: HashMap<usize, NodeIdx>,
}

/// Extracts a JavaScript or TypeScript file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8], language: Language) -> FileFacts {
    let grammar: tree_sitter::Language = match crate::grammar(path) {
        Some(g) => g,
        // Called for JavaScript and TypeScript paths only.
        None if language == Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        None => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
    };
    let tree = builder::parse(&grammar, src);
    let root = tree.root_node();
    let module_key = format!("{}{}", keys::JS, module_path(path));
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let mut comments = Vec::new();
    walk::preorder(root, |node| {
        if node.kind_name() == "comment" {
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
        refs: Vec::new(),
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
        return_values: Memo::new(),
        keys: HashMap::new(),
        getters: HashSet::new(),
        callbacks: HashMap::new(),
        interface_bases: HashMap::new(),
        narrowings: HashMap::new(),
        type_params: HashMap::new(),
        type_args: None,
        next_statement: None,
        depth: Depth::default(),
        test_file: is_test_file(path),
        test_blocks: HashMap::new(),
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
    let test_file = js.test_file;
    let sites: Vec<Vec<Site<'_>>> = owners.iter().map(|o| js.scan(o, test_file)).collect();
    let mut tests: BTreeMap<NodeIdx, Vec<(Target, u32)>> = BTreeMap::new();
    for (owner, sites) in owners.iter().zip(sites) {
        for (test, root) in js.calls(owner, sites, test_file) {
            tests.entry(test).or_default().push(root);
        }
    }
    js.references();
    if test_file {
        // Each `describe`/`it`/`test` block with a description is a node, the tests
        // edges' source; a callback without one runs in the node whose code holds it
        // (the module, or the function that declares the suite).
        let helpers: HashSet<String> =
            js.b.nodes.iter().filter(|n| n.kind.is_callable()).map(|n| n.id.clone()).collect();
        tests_edges::add_tests_edges(&mut js.b, tests.into_iter().collect(), &helpers);
    }
    js.export_resolution_symbols();
    js.b.finish()
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

/// The innermost object of a member chain (`a` in `a.b.c`).
fn unwrap_member_head(mut node: Node<'_>) -> Node<'_> {
    while node.kind_name() == "member_expression" {
        match node.field("object") {
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
        node.kind_name(),
        "arrow_function" | "function_expression" | "function" | "generator_function"
    )
}

/// Strips wrappers that do not change what a value is: parentheses, `as T`,
/// `satisfies T`, `!`.
fn unwrap_expr(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind_name(),
        "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
    ) {
        match node.named_child(0) {
            Some(inner) if inner.kind_name() != "comment" => node = inner,
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

#[cfg(test)]
/// Unit tests of the helpers, and of robustness against deep nesting.
mod tests {
    use super::lower::clean_doc;
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
}

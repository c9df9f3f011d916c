//! Python: modules, classes, functions, methods, constants and type aliases; imports
//! (absolute, relative, aliased, star), calls and base classes resolved through
//! Python's scope rules (LEGB, with class scopes invisible to their methods).
//!
//! Callees are resolved by a small abstract evaluation of the callee expression: names
//! through scopes and imports, attributes through modules and classes, and the classes
//! of receivers from what the file states: `self` and `cls`, constructor calls, local
//! assignments in source order (`x = C(); x.m()`), annotations (`x: C`, parameters),
//! return annotations or, lacking one, the class every `return` of the function
//! agrees on, and `self.attr = C()` assignments in a class's methods. Edges found
//! through a receiver's class are `inferred`; names, modules and constructors give
//! `exact` ones. Nothing else is guessed: a callee that does not evaluate is kept by
//! its text, unresolved.
//!
//! Symbol keys are `py:` + the dotted module path derived from the file path
//! (`django/db/models/__init__.py` is `py:django.db.models`) + the qualified name.
//! Besides its definitions and import re-exports, a file exports:
//! - `py:m.C.*` → each base of class `C` (with an order row when there are several),
//!   so that the store finds inherited members in MRO order across files;
//! - `py:m.f.__return__` → the class `f` returns, so that `m.f().g()` links elsewhere
//!   (for a property, `py:m.C.p.*` → that class, so that `obj.p.g()` does);
//! - `py:m.C.a.*` → the class of instance attribute `a` (`self.a = A()`);
//! - `py:m.*` → `py:s.__all__` for each `from s import *` (latest first), and what a
//!   star import of this module binds: `py:m.__all__.n` → `py:m.n` for each name of a
//!   literal `__all__`, or else `py:m.__all__.*` → `py:m` (public names);
//! - `py:m.__fixtures__.*` → the `conftest` module of each directory from the file's
//!   up to the root, nearest first, when a test or fixture takes a fixture the module
//!   does not define: a fixture parameter `client` links as `py:m.__fixtures__.client`,
//!   and `client.get()` as `py:m.__fixtures__.client.__return__.get` (a fixture's
//!   `__return__` is what it returns or yields).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::common::eval::{union, Class, Depth, Eval, Memo, Value, MAX_EVAL_DEPTH};
use crate::common::text::{short, MAX_SHOWN_CHARS};
use crate::common::{complexity, docs, tests_edges};
use crate::walk::Kinds;
use crate::{walk, FileFacts, Target};
use model::keys;
use model::{EdgeKind, Language, NodeKind, Provenance};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

mod emit;
mod fixtures;
mod infer;
mod lower;
mod scopes;

use lower::{docstring, identifiers, string_literal};

/// What a name is bound to in a scope by a definition or an import.
#[derive(Clone, Debug)]
enum Binding {
    /// A definition in this file.
    Node(NodeIdx),
    /// An import: the global key and the dotted name shown to users.
    Import { key: String, name: String },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function,
}

struct Scope {
    kind: ScopeKind,
    parent: Option<usize>,
    /// The node that owns the scope (module, class or function).
    owner: NodeIdx,
    bindings: HashMap<String, Binding>,
}

/// A body whose calls pass 2 reads: the module, a class body or a function body.
struct Owner<'t> {
    idx: NodeIdx,
    scope: usize,
    /// Statements to scan: a body block, or the whole module.
    body: Node<'t>,
    /// The enclosing class of a method (for `super()`).
    class: Option<NodeIdx>,
    /// Local variables: every binding of each name in this body, in source order.
    vars: HashMap<String, Vec<Assign<'t>>>,
    /// Call sites in this body: the callee, the line, the byte the call starts at,
    /// and the number of arguments (`None` with `*`/`**` unpacking).
    sites: Vec<(Node<'t>, u32, usize, Option<u16>)>,
    /// Implicit calls of this body (see [`Protocol`]): the expression, what calls
    /// it makes, its line and the byte it starts at.
    protocol_sites: Vec<(Node<'t>, Protocol, u32, usize)>,
    /// Non-call uses of names in this body and, for a function, in its signature
    /// (see [`RefSite`]).
    refs: Vec<RefSite<'t>>,
    /// `return` statements in this body, and whether it yields (a generator).
    returns: Vec<Node<'t>>,
    generator: bool,
    /// The `yield` expressions of this body (what a yield fixture gives its tests).
    yields: Vec<Node<'t>>,
}

impl<'t> Owner<'t> {
    fn new(idx: NodeIdx, scope: usize, body: Node<'t>, class: Option<NodeIdx>) -> Self {
        Owner {
            idx,
            scope,
            body,
            class,
            vars: HashMap::new(),
            sites: Vec::new(),
            protocol_sites: Vec::new(),
            refs: Vec::new(),
            returns: Vec::new(),
            generator: false,
            yields: Vec::new(),
        }
    }
}

/// A name used other than by calling it (a `references` edge if it evaluates to a
/// definition or a key): the expression, how it is used, and the body it is
/// evaluated in (a parameter's annotation and default are evaluated where the `def`
/// is, not in the function's own body).
#[derive(Clone, Copy, Debug)]
struct RefSite<'t> {
    expr: Node<'t>,
    role: model::ReferenceKind,
    /// The owner whose scope the expression is evaluated in.
    scope_owner: usize,
    /// The byte position it is evaluated at.
    pos: usize,
}

/// One binding of a local variable, effective from byte `end` on.
#[derive(Clone, Debug)]
struct Assign<'t> {
    end: usize,
    /// The binding stops applying here (the end of an `isinstance` block).
    until: usize,
    /// The innermost conditional block (`if`, loop, `except` body) the binding is
    /// in, if any: seen from outside it, the earlier value may remain.
    branch: Option<Branch>,
    how: Assigned<'t>,
}

/// A statement that calls methods of a value without naming them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    /// `with expr:`: `__enter__` and `__exit__` of `expr`'s class.
    With,
    /// `async with expr:`: `__aenter__` and `__aexit__`.
    AsyncWith,
    /// `for x in expr:`: `__iter__` of `expr`'s class (and its `__next__` when it
    /// defines one: an iterator of its own).
    For,
    /// `raise C` (a class, not an instance or a call): constructs a `C`.
    Raise,
}

impl Protocol {
    /// The methods the statement calls on the value, in order.
    fn members(self) -> &'static [&'static str] {
        match self {
            Protocol::With => &["__enter__", "__exit__"],
            Protocol::AsyncWith => &["__aenter__", "__aexit__"],
            Protocol::For => &["__iter__", "__next__"],
            Protocol::Raise => &[],
        }
    }
}

/// A conditional block: its byte range, and where it is one arm of an exhaustive
/// `if`/`elif`/`else` chain, which arm.
#[derive(Clone, Copy, Debug)]
struct Branch {
    start: usize,
    end: usize,
    arm: Option<Arm>,
}

impl Branch {
    fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

/// One arm of an `if` chain that ends in `else`, so that one arm always runs: a name
/// bound in every arm (or bound in some, the others leaving by `return`, `raise`,
/// `continue` or `break`) is bound after the chain to the union of the arms' values,
/// as a flow-sensitive checker such as pyright narrows it.
#[derive(Clone, Copy, Debug)]
struct Arm {
    /// The byte range of the `if_statement`.
    chain: (usize, usize),
    /// The byte range of the conditional block around the whole chain, if any:
    /// outside it the chain may not have run.
    outer: Option<(usize, usize)>,
    /// This arm's place in the chain, and the chain's number of arms (at most 32).
    index: u8,
    count: u8,
    /// Bit `i` set: arm `i` leaves the chain by `return`, `raise`, `continue` or
    /// `break`, so no value flows out of it.
    exits: u32,
}

impl Arm {
    /// All arms seen (bits in `bound`) or leaving: the chain binds the name.
    fn covered(&self, bound: u32) -> bool {
        let all = if self.count >= 32 { u32::MAX } else { (1u32 << self.count) - 1 };
        (bound | self.exits) & all == all
    }
}

impl Assign<'_> {
    fn applies_at(&self, pos: usize) -> bool {
        self.end <= pos && (pos < self.until || self.until == usize::MAX)
    }
}

#[derive(Clone, Debug)]
enum Assigned<'t> {
    /// `x = expr`, evaluated where the statement starts.
    Expr { expr: Node<'t>, at: usize },
    /// `x: T`, a parameter annotation: an instance of `T`.
    Annotation(Node<'t>),
    /// A value known without evaluation (`self`, `cls`).
    Known(Value),
    /// `for x in expr`: an element of `expr`, when its annotation says
    /// (`items: list[C]`).
    Element { expr: Node<'t>, at: usize },
    /// `for k, v in mapping.items()`, `for v in mapping.values()`: a value of
    /// `mapping`, when its annotation says (`by_name: dict[str, C]`).
    MappingValue { mapping: Node<'t>, at: usize },
    /// `with expr as x`: what `expr.__enter__()` returns.
    Enter { expr: Node<'t>, at: usize },
    /// An unannotated parameter's default value (not `None`), evaluated where the
    /// `def` is, in the body of owner `owner`: the parameter's type unless a caller
    /// passes something else (what pyright infers for it too).
    Default { expr: Node<'t>, owner: usize, at: usize },
    /// A parameter of a pytest test or fixture without annotation or default: the
    /// fixture of that name, as the module or the `conftest.py` files above it
    /// define it (see [`Py::fixture_param`]).
    Fixture(String),
    /// An unannotated parameter without a default (or defaulting to `None`) of
    /// function `def`, `index`-th in its list (`self` counted): what the calls of
    /// `def` in this module pass it, positionally or by `name` (see
    /// [`Py::param_from_calls`]).
    CallSites { def: NodeIdx, index: usize, name: String },
    /// Bound to something this module cannot know (a loop variable, a parameter).
    Opaque,
}

/// Where an expression is evaluated: in the body of owner `owner`, at byte `pos`.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    owner: usize,
    pos: usize,
    /// The node whose `imports` record the imported names this evaluation uses.
    user: Option<NodeIdx>,
}

struct Py<'s, 't> {
    b: FileBuilder<'s>,
    module_key: String,
    package: String,
    scopes: Vec<Scope>,
    owners: Vec<Owner<'t>>,
    /// The owner whose body is each scope.
    scope_owner: HashMap<usize, usize>,
    /// Functions and classes: their syntax and the scope they are defined in.
    defs: HashMap<NodeIdx, (Node<'t>, usize)>,
    /// Lambdas bound to a name (`key = lambda x: ...`), which are nodes: by the id of
    /// their syntax node.
    lambdas: HashMap<usize, NodeIdx>,
    /// The id of the syntax node (block) each definition is a statement of.
    def_blocks: HashMap<NodeIdx, usize>,
    /// The owner of each function's and class's body.
    body_owner: HashMap<NodeIdx, usize>,
    /// Base classes per class node, in declaration order.
    bases: HashMap<NodeIdx, Vec<Class>>,
    /// Node index by qualified name (first definition wins), for dotted lookups.
    by_qname: HashMap<String, NodeIdx>,
    /// Classes whose bases still need resolving: (class, enclosing scope, syntax).
    class_heads: Vec<(NodeIdx, usize, Node<'t>)>,
    /// The module and the classes reachable from it by attribute access: the
    /// containers whose members are exported as symbols.
    exportable: HashSet<NodeIdx>,
    /// The key each exported definition has.
    keys: HashMap<NodeIdx, String>,
    /// Definitions whose decorators still need resolving: (node, enclosing scope).
    decorated: Vec<(NodeIdx, usize, Vec<Node<'t>>)>,
    /// What runs when a decorated function is called: the functions its decorators
    /// (of this file) define and return in its place (`def logged(fn): ... return
    /// wrapper`), by the decorated node.
    wrappers: HashMap<NodeIdx, Vec<NodeIdx>>,
    /// The definitions each decorator of this file is applied to (`@logged` on
    /// `f`: `logged` → `f`), what its first parameter receives.
    decorations: HashMap<NodeIdx, Vec<NodeIdx>>,
    /// The caller whose call is being resolved, if any: a wrapper calling the
    /// function it wraps does not call itself.
    caller: Option<NodeIdx>,
    /// Functions defined more than once in one scope in different branches (`if`/
    /// `else`, `try`/`except`): the earlier definitions a call may reach instead.
    alternatives: HashMap<NodeIdx, Vec<NodeIdx>>,
    /// Instance attributes per class: `self.name = ...` in its methods and annotated
    /// names in its body, with the owner whose body binds them.
    attributes: HashMap<NodeIdx, Vec<(String, usize, Assign<'t>)>>,
    /// Modules star-imported at module level, dotted, in source order.
    star_imports: Vec<String>,
    /// The names of a literal module-level `__all__`; `None` without one (or when it
    /// is computed, which counts as "public names").
    all_names: Option<Vec<String>>,
    all_computed: bool,
    /// Return values already worked out (`None` inside: unknown or being computed).
    returns: Memo<NodeIdx>,
    /// Instance attribute values already worked out.
    attribute_values: Memo<(NodeIdx, String)>,
    /// Nesting of evaluations in progress.
    depth: Depth,
    /// The calls of the file by the name they call (`f(...)`, `x.f(...)`): the
    /// call, the owner whose body holds it, and the byte it starts at.
    calls_by_name: HashMap<String, Vec<(Node<'t>, usize, usize)>>,
    /// Values of parameters worked out from the calls of their function
    /// (`Assigned::CallSites`), by (function, parameter index); `None` inside:
    /// unknown, or being worked out.
    param_values: HashMap<(NodeIdx, usize), Option<Eval>>,
    /// The file is test code: a test file or a `conftest.py`.
    test_code: bool,
}

/// Extracts a Python file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_python::LANGUAGE.into(), src);
    let module_key = format!("{}{}", keys::PYTHON, dotted_module(path));
    let package = if path.ends_with("/__init__.py") || path.ends_with("/__init__.pyi") {
        module_key[keys::PYTHON.len()..].to_owned()
    } else {
        match module_key[keys::PYTHON.len()..].rsplit_once('.') {
            Some((pkg, _)) => pkg.to_owned(),
            None => String::new(),
        }
    };
    let mut py = Py {
        b: FileBuilder::new(path, src, Language::Python, &tree),
        module_key: module_key.clone(),
        package,
        scopes: vec![Scope {
            kind: ScopeKind::Module,
            parent: None,
            owner: 0,
            bindings: HashMap::new(),
        }],
        owners: Vec::new(),
        scope_owner: HashMap::from([(0, 0)]),
        defs: HashMap::new(),
        lambdas: HashMap::new(),
        def_blocks: HashMap::new(),
        body_owner: HashMap::new(),
        bases: HashMap::new(),
        by_qname: HashMap::new(),
        class_heads: Vec::new(),
        exportable: HashSet::from([0]),
        keys: HashMap::new(),
        decorated: Vec::new(),
        wrappers: HashMap::new(),
        decorations: HashMap::new(),
        caller: None,
        alternatives: HashMap::new(),
        attributes: HashMap::new(),
        star_imports: Vec::new(),
        all_names: None,
        all_computed: false,
        returns: Memo::new(),
        attribute_values: Memo::new(),
        depth: Depth::default(),
        calls_by_name: HashMap::new(),
        param_values: HashMap::new(),
        test_code: emit::is_test_file(path)
            || path.rsplit('/').next().is_some_and(|f| f == "conftest.py"),
    };
    let root = tree.root_node();
    py.b.export_node(module_key, 0);
    py.b.nodes[0].docstring = docstring(root, src);
    py.owners.push(Owner::new(0, 0, root, None));
    py.definitions(root, 0, 0, 0, false);
    for owner in 0..py.owners.len() {
        py.collect_vars(owner);
    }
    py.resolve_heads();
    for owner in 0..py.owners.len() {
        py.calls(owner);
    }
    py.tests();
    py.export_resolution_symbols();
    py.b.finish()
}

/// `a/b/c.py` → `a.b.c`; `a/b/__init__.py` → `a.b`.
fn dotted_module(path: &str) -> String {
    let stem = path.strip_suffix(".pyi").or_else(|| path.strip_suffix(".py")).unwrap_or(path);
    let stem = stem.strip_suffix("/__init__").unwrap_or(stem);
    stem.replace('/', ".")
}

/// What [`Py::local_value`] finds.
enum Local {
    /// The name is not a local variable of the body.
    Outside,
    /// It is, but bound only after the position asked about.
    Later,
    /// Its value there (`None`: unknown).
    Value(Option<Eval>),
}

/// A member of a class, as [`Py::class_member`] finds it.
#[derive(Clone, Debug)]
enum Member {
    /// A definition of this file; `true` when found through a base class.
    Def(NodeIdx, bool),
    /// Found through a base known only by key: the key to link, the name to show.
    Key { key: String, shown: String },
    /// An instance attribute's value.
    Value(Eval),
}

/// Does the key's last name look like a class (`Foo` or `Q`, not `foo` or `FOO`)? Calls of
/// imported names that do are taken as constructor calls.
fn looks_like_class(key: &str) -> bool {
    let last = key.rsplit(['.', ':']).next().unwrap_or(key);
    // `Query`, and one capital letter (Django's `Q` and `F`); not `MAX_SIZE`.
    last.starts_with(|c: char| c.is_ascii_uppercase())
        && (last.chars().any(|c| c.is_ascii_lowercase()) || last.len() == 1)
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Python's builtin names: never looked up through star imports.
fn is_builtin(name: &str) -> bool {
    const BUILTINS: &[&str] = &[
        "abs",
        "aiter",
        "all",
        "anext",
        "any",
        "ascii",
        "bin",
        "bool",
        "breakpoint",
        "bytearray",
        "bytes",
        "callable",
        "chr",
        "classmethod",
        "compile",
        "complex",
        "delattr",
        "dict",
        "dir",
        "divmod",
        "enumerate",
        "eval",
        "exec",
        "filter",
        "float",
        "format",
        "frozenset",
        "getattr",
        "globals",
        "hasattr",
        "hash",
        "help",
        "hex",
        "id",
        "input",
        "int",
        "isinstance",
        "issubclass",
        "iter",
        "len",
        "list",
        "locals",
        "map",
        "max",
        "memoryview",
        "min",
        "next",
        "object",
        "oct",
        "open",
        "ord",
        "pow",
        "print",
        "property",
        "range",
        "repr",
        "reversed",
        "round",
        "set",
        "setattr",
        "slice",
        "sorted",
        "staticmethod",
        "str",
        "sum",
        "super",
        "tuple",
        "type",
        "vars",
        "zip",
        "__import__",
        "NotImplemented",
        "Ellipsis",
        "BaseException",
        "Exception",
        "ArithmeticError",
        "AssertionError",
        "AttributeError",
        "BufferError",
        "EOFError",
        "ImportError",
        "IndexError",
        "KeyError",
        "KeyboardInterrupt",
        "LookupError",
        "MemoryError",
        "ModuleNotFoundError",
        "NameError",
        "NotImplementedError",
        "OSError",
        "OverflowError",
        "RecursionError",
        "ReferenceError",
        "RuntimeError",
        "StopIteration",
        "StopAsyncIteration",
        "SyntaxError",
        "SystemError",
        "SystemExit",
        "TypeError",
        "UnboundLocalError",
        "UnicodeError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "ValueError",
        "ZeroDivisionError",
        "FileNotFoundError",
        "FileExistsError",
        "PermissionError",
        "TimeoutError",
        "ConnectionError",
        "DeprecationWarning",
        "UserWarning",
        "Warning",
        "RuntimeWarning",
        "PendingDeprecationWarning",
        "FutureWarning",
        "ResourceWarning",
    ];
    BUILTINS.contains(&name)
}

fn join(base: &str, name: &str) -> String {
    match (base.is_empty(), name.is_empty()) {
        (true, _) => name.to_owned(),
        (_, true) => base.to_owned(),
        _ => format!("{base}.{name}"),
    }
}

/// Python's `inspect.cleandoc`: strip the first line's leading blanks, remove the
/// common indentation of the other lines, drop leading and trailing blank lines.
fn cleandoc(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let margin = docs::margin(&lines);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push(line.trim_start());
        } else {
            out.push(line.get(margin..).unwrap_or("").trim_end());
        }
    }
    docs::trim_blank_edges(&mut out);
    out.join("\n")
}

/// McCabe cyclomatic complexity of a function body: 1 + each `if`/`elif`, loop,
/// `except`, `case`, conditional expression, boolean operator and comprehension
/// clause. Nested definitions count for themselves, not here. (Decision points as in
/// McCabe 1976 and radon's Python rules.)
fn complexity(body: Node<'_>) -> u32 {
    complexity::cyclomatic(body, |node| match node.kind_name() {
        "function_definition" | "class_definition" | "lambda" if node != body => None,
        "if_statement"
        | "elif_clause"
        | "for_statement"
        | "while_statement"
        | "except_clause"
        | "case_clause"
        | "conditional_expression"
        | "boolean_operator"
        | "for_in_clause"
        | "if_clause" => Some(1),
        _ => Some(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths_are_dotted() {
        assert_eq!(dotted_module("django/db/models/__init__.py"), "django.db.models");
        assert_eq!(dotted_module("a/b.py"), "a.b");
        assert_eq!(dotted_module("stubs/c.pyi"), "stubs.c");
    }

    #[test]
    fn cleandoc_matches_python() {
        assert_eq!(cleandoc("Summary.\n\n    More.\n    "), "Summary.\n\nMore.");
        assert_eq!(cleandoc("\n    Indented.\n      Deeper.\n"), "Indented.\n  Deeper.");
    }
}

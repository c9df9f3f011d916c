//! PHP: namespaces, classes, interfaces, traits, enums (with their cases),
//! functions, methods, constructors and constants become nodes; `use` declarations
//! and literal `require`/`include` paths become imports; calls are resolved within
//! the file and, through keys, across the files of the root.
//!
//! Node kinds: the file is the `module` (named by its stem); each namespace
//! declaration (`namespace App\Http;`, or braced `namespace App\Http { }`) is a
//! `module` node too, named and qualified by its dotted name (`App.Http`), and what
//! it declares is its child (`App.Http.Kernel.handle`), as C# namespaces are. A
//! `class` is a `class`, an `interface` an `interface`, a `trait` a `trait`, an
//! `enum` an `enum`; a function is a `function`, a method (static or not, the
//! constructor `__construct` included) a `method`; a class constant, an interface
//! constant, an enum `case` and a namespace `const` are `constant`s. Properties
//! (declared, and promoted constructor parameters) are not nodes (SPEC has no
//! variable kind), but their declared types, and the class of a `new` assigned to
//! them, type the calls made through them. An anonymous class (`new class { }`) is a
//! `class` named `class@anonymous` (PHP's own name for it) under the definition it
//! is written in; closures and arrow functions are not nodes: their calls are the
//! enclosing definition's.
//!
//! Symbol keys (see `docs/store.md`): `php:` + the fully qualified name, each
//! namespace segment after a `.`: `\App\Http\Kernel` is `php:.app.http.kernel`, its
//! method `handle` `php:.app.http.kernel.handle`, a function `php:.app.helper`, a
//! global function `php:.strlen`, lowercased as PHP compares namespace, class,
//! function and method names (constants and properties keep their case). A class's traits, its parent
//! and its interfaces are star rows (`{class}.*`, in that order, with an `order:`
//! row), so a method inherited or used from a trait links where PHP finds it; a
//! property's type is the star row `{class}.${prop}.*`, a method's declared return
//! class `{method}.__return__` (`self` and `static` the receiver itself,
//! [`keys::RECEIVER`]). Class names are resolved as PHP resolves them at compile
//! time: a fully qualified `\A\B`, else the first segment through the `use`
//! aliases of the namespace block, else under the current namespace. An
//! unqualified function (or constant) the block does not import is looked up as
//! PHP does at run time, in the current namespace and then the global one: it is
//! keyed under the file's scope, `php:@{path, dots as %2E}@{namespace}`, whose star
//! rows lead to the namespace and to `php:`.
//!
//! Calls: `f()`, `A\f()`, `new C(...)` (the class and the constructor that runs,
//! possibly inherited; the class alone when nothing defines one), `$this->m()`,
//! `self::m()`, `static::m()`, `parent::m()` (the parent's method), `C::m()`, and
//! `$x->m()` where `$x` is `$this`, a typed parameter, a local assigned `new T` (or
//! the result of a call whose declared return type is a class), a `catch` variable,
//! a local stated by `/** @var T $x */`, a variable inside `if ($x instanceof T)` or
//! after a guard that exits (`if (!$x instanceof T) { return; }`,
//! `assert($x instanceof T)`), a property of a declared type or assigned `new T` in
//! any method of its class, an enum case (`Suit::Hearts->label()`), or a chain of
//! such calls; `$x()` of an object of a known class is its `__invoke`. Where no type
//! is declared, PHPDoc's `@param T $x`, `@var T` (a property) and `@return T` stand
//! in for one, and `foreach` over an array PHPDoc types (`@param User[] $us`,
//! `@var array<int, User> $us`) gives its value variable the element class. A receiver of no known class leaves the call unresolved, kept by its text
//! (`$user->save`). Calls outside the root stay unresolved by fully qualified name:
//! `strlen`, `PDO::prepare`, `DateTime::__construct` for `new \DateTime()`.
//! `parent::__construct()` is the parent's constructor.
//!
//! Imports: every `use` (class, `use function`, `use const`, each member of a group
//! `use A\{B, C as D}`) is an `imports` edge to the key of what it names, the
//! module's `imports` its fully qualified names; `require`, `require_once`,
//! `include` and `include_once` of a literal path (also `__DIR__ . '/x.php'` and
//! `dirname(__FILE__) . '/x.php'`) are `imports` edges to `php:file:` + the path
//! from the file's directory, which every file exports for its root-relative path.
//!
//! Doc comments are the PHPDoc block (`/** ... */`) directly above a declaration;
//! attributes (`#[Route('/x')]`) are its decorators. A function or method has type
//! hints when every parameter and its return (not a constructor's) declare a type.
//!
//! Tests (PHPUnit): in a class whose parent is named `TestCase` or `*TestCase`
//! (`PHPUnit\Framework\TestCase`), or extends such a class of the same file, a
//! method named `test*`, with `@test` in its PHPDoc, or with the attribute
//! `#[Test]`, is a test; tests get `tests` edges to what they call, directly or
//! through the file's other definitions, and to what the `setUp` of their class (or
//! of a parent of the same file) calls, which PHPUnit runs before each test.
//!
//! The phases: [`lower`] (declarations in source order, namespaces and `use`
//! aliases, PHPDoc, attributes, signatures, declared types, requires), [`scopes`]
//! (name resolution, a body's local variables and the classes of receivers),
//! [`emit`] (call, inheritance and tests edges, the resolution symbols).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::walk::{Fields, Kinds};
use crate::FileFacts;
use model::{keys, Language};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

mod emit;
mod lower;
mod scopes;

/// What kind of type declaration a [`TypeInfo`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TypeKind {
    Class,
    Interface,
    Trait,
    Enum,
}

/// A class, interface, trait or enum declared in this file.
struct TypeInfo {
    /// Its node.
    node: NodeIdx,
    /// Its fully qualified name without the leading `\` (`App\Http\Kernel`); empty
    /// for an anonymous class.
    fqn: String,
    /// Its key (`php:.app.http.kernel`); for an anonymous class one no other file
    /// can name.
    key: String,
    kind: TypeKind,
    /// Where its syntax starts (how a `new class` finds its anonymous class).
    start: usize,
    /// The parent class (`extends`), fully qualified, and its line.
    parent: Option<(String, u32)>,
    /// Implemented interfaces (an interface's `extends`), and their lines.
    interfaces: Vec<(String, u32)>,
    /// Traits it uses, and their lines.
    traits: Vec<(String, u32)>,
}

/// What a function or method is declared to return, when that is a class.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ret {
    /// A class by its fully qualified name.
    Class(String),
    /// `self` or `static`: the class it is called on.
    Receiver,
}

/// A method of a type of this file.
#[derive(Clone)]
struct MethodInfo {
    node: NodeIdx,
    /// Its declared return class.
    ret: Option<Ret>,
}

/// The `use` aliases of one namespace block, by alias (PHP compares them without
/// case, so lowercased) to the fully qualified name.
#[derive(Default, Clone)]
struct Imports {
    classes: HashMap<String, String>,
    functions: HashMap<String, String>,
    constants: HashMap<String, String>,
}

/// Where a name is written: its namespace and the `use` aliases in force.
#[derive(Clone)]
struct Ctx {
    /// The namespace, `\`-separated, empty for the global one.
    ns: String,
    /// An index into `Px::imports`.
    imports: usize,
}

/// A body whose calls are emitted: a function's or method's, or the file's
/// top-level statements.
struct Body<'t> {
    /// The node the calls come from.
    node: NodeIdx,
    /// The declaration (its parameters included), or the top-level statements of
    /// one namespace block.
    syntax: Vec<Node<'t>>,
    /// The type whose method this is.
    class: Option<usize>,
    /// Whether it is a static method (`$this` is no instance).
    is_static: bool,
    ctx: Ctx,
}

/// The state of one PHP file's extraction.
struct Px<'s, 't> {
    b: FileBuilder<'s>,
    /// Types declared in this file, in source order.
    types: Vec<TypeInfo>,
    /// Types of this file by lowercased fully qualified name (the first declaration).
    type_by_fqn: HashMap<String, usize>,
    /// Methods by (type index, lowercased name).
    methods: HashMap<(usize, String), MethodInfo>,
    /// Functions of this file by lowercased fully qualified name, with their return
    /// classes.
    functions: HashMap<String, (NodeIdx, Option<Ret>)>,
    /// Constants of this file (namespace and class constants, enum cases) by key.
    constants: Vec<(String, NodeIdx)>,
    /// Properties by (type index, name without `$`): the class of their declared
    /// type, or of the `new` assigned to them, and whether that was inferred;
    /// `None` when untyped or assigned different classes.
    props: HashMap<(usize, String), Option<(String, bool)>>,
    /// The element classes of array properties PHPDoc types (`@var Item[]`), by
    /// (type index, name without `$`).
    prop_elements: HashMap<(usize, String), String>,
    /// The cases of the enums of this file, by (type index, name).
    enum_cases: HashSet<(usize, String)>,
    /// The `use` aliases of each namespace block.
    imports: Vec<Imports>,
    /// Bodies whose calls are emitted, in source order.
    bodies: Vec<Body<'t>>,
    /// Test methods, with the type they are methods of.
    tests: Vec<(NodeIdx, usize)>,
    /// The namespaces whose function scope keys calls used, in first-use order.
    scopes: Vec<String>,
    /// The namespaces in `scopes`.
    scope_set: HashSet<String>,
    /// Each type's supertypes of this file in lookup order, and whether some
    /// supertype is outside the file: computed once, before the calls.
    ancestry: Vec<(Vec<usize>, bool)>,
    /// How many anonymous classes were declared so far.
    anonymous: usize,
}

/// Extracts a PHP file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_php::LANGUAGE_PHP.into(), src);
    let root = tree.root_node();
    let mut px = Px {
        b: FileBuilder::new(path, src, Language::Php, &tree),
        types: Vec::new(),
        type_by_fqn: HashMap::new(),
        methods: HashMap::new(),
        functions: HashMap::new(),
        constants: Vec::new(),
        props: HashMap::new(),
        enum_cases: HashSet::new(),
        prop_elements: HashMap::new(),
        imports: vec![Imports::default()],
        bodies: Vec::new(),
        tests: Vec::new(),
        scopes: Vec::new(),
        scope_set: HashSet::new(),
        ancestry: Vec::new(),
        anonymous: 0,
    };
    px.items(root);
    px.collect_property_news();
    px.mark_tests();
    px.calls();
    px.tests();
    px.export_resolution_symbols();
    px.b.finish()
}

/// The key space's prefix: `php:` is also the global namespace's key.
const PREFIX: &str = keys::PHP;

/// The key of the fully qualified name `fqn` (`A\B`, without a leading `\`) of a
/// class or function, lowercased as PHP compares such names: `php:.a.b`, `php:`
/// for the global namespace itself.
fn fqn_key(fqn: &str) -> String {
    let mut key = PREFIX.to_owned();
    for segment in fqn.split('\\').filter(|s| !s.is_empty()) {
        key.push('.');
        key.push_str(&segment.to_lowercase());
    }
    key
}

/// `ns\name`, or `name` in the global namespace.
fn join(ns: &str, name: &str) -> String {
    if ns.is_empty() {
        name.to_owned()
    } else {
        format!("{ns}\\{name}")
    }
}

/// A root-relative path as a key segment: dots as `%2E` (a key's members are
/// split at dots).
fn path_segment(path: &str) -> String {
    path.replace('%', "%25").replace('.', "%2E")
}

/// The function scope key of the file at `path` for namespace `ns`:
/// `php:@src/a%2Ephp@App\Http` (the namespace keeps its backslashes, so that the
/// key has no dots of its own).
fn scope_key(path: &str, ns: &str) -> String {
    format!("{}{}@{}", keys::PHP_SCOPE, path_segment(path), ns.to_lowercase())
}

/// The root-relative path a `require` of `target` names from the file at `path`,
/// or `None` when it climbs above the root.
fn relative_target(path: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    if target.starts_with('/') {
        parts.clear();
    }
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Type names that are no class: PHP's scalar, pseudo and special types.
const BUILTIN_TYPES: &[&str] = &[
    "array", "bool", "boolean", "callable", "double", "false", "float", "int", "integer",
    "iterable", "mixed", "never", "null", "object", "resource", "string", "true", "void",
];

/// Whether the class named `name` (its last segment) is a PHPUnit test case base:
/// `TestCase` or `*TestCase`.
fn is_test_case_name(name: &str) -> bool {
    name.rsplit('\\').next().is_some_and(|last| last.ends_with("TestCase"))
}

/// McCabe cyclomatic complexity of a body: 1 + each `if`, `elseif`, `for`,
/// `foreach`, `while`, `do`, `case` (not `default`), `catch`, `?:` (and its short
/// form), `&&`, `||`, `and`, `or`, `??` and `match` arm (not `default`), as the other
/// extractors count (McCabe 1976); nested definitions count for themselves, closures
/// for the function they are written in.
fn complexity(body: Node<'_>) -> u32 {
    crate::common::complexity::cyclomatic(body, |node| match node.kind_name() {
        _ if !node.is_named() => Some(0),
        "if_statement"
        | "else_if_clause"
        | "for_statement"
        | "foreach_statement"
        | "while_statement"
        | "do_statement"
        | "case_statement"
        | "catch_clause"
        | "conditional_expression"
        | "match_conditional_expression" => Some(1),
        "binary_expression" => Some(u32::from(node.field("operator").is_some_and(|o| {
            matches!(o.kind_name(), "&&" | "||" | "and" | "or" | "??" | "AND" | "OR")
        }))),
        "function_definition"
        | "method_declaration"
        | "class_declaration"
        | "interface_declaration"
        | "trait_declaration"
        | "enum_declaration"
        | "anonymous_class"
            if node != body =>
        {
            None
        }
        _ => Some(0),
    })
}

use crate::common::text::shown as short;

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(path: &str, src: &str) -> FileFacts {
        crate::checked(extract(path, src.as_bytes()), src)
    }

    #[test]
    fn keys_are_fully_qualified_names() {
        assert_eq!(fqn_key(""), "php:");
        assert_eq!(fqn_key("App\\Http\\Kernel"), "php:.app.http.kernel");
        assert_eq!(scope_key("src/A.php", "App\\Http"), "php:@src/A%2Ephp@app\\http");
        assert_eq!(join("", "f"), "f");
        assert_eq!(join("A\\B", "f"), "A\\B\\f");
    }

    #[test]
    fn require_paths_are_relative_to_the_file() {
        assert_eq!(relative_target("src/a.php", "../lib/b.php").as_deref(), Some("lib/b.php"));
        assert_eq!(relative_target("a.php", "./b.php").as_deref(), Some("b.php"));
        assert_eq!(relative_target("a.php", "../b.php"), None);
    }

    #[test]
    fn test_case_bases_are_told_by_name() {
        assert!(is_test_case_name("PHPUnit\\Framework\\TestCase"));
        assert!(is_test_case_name("WebTestCase"));
        assert!(!is_test_case_name("Tester"));
    }

    #[test]
    fn complexity_counts_decisions_but_not_nested_definitions() {
        let src = "<?php\nfunction f($x) {\n  if ($x && $y) { return 1; } elseif ($z ?? 0) {}\n  \
                   $m = match ($x) { 1 => 'a', 2 => 'b', default => 'c' };\n  \
                   $o = new class { function g() { if (1) {} } };\n}\n";
        let facts = checked("a.php", src);
        let f = facts.nodes.iter().find(|n| n.name == "f").expect("f");
        assert_eq!(f.complexity, 7);
        let g = facts.nodes.iter().find(|n| n.name == "g").expect("g");
        assert_eq!(g.complexity, 2);
    }

    #[test]
    fn every_prefix_of_a_file_keeps_the_invariants() {
        let src = "<?php\nnamespace App;\nuse A\\{B, C as D};\nrequire __DIR__ . '/x.php';\n\
                   /** Doc. */\n#[Attr]\nclass K extends B implements D {\n  use T;\n  \
                   const X = 1;\n  public function __construct(private B $b) { $this->c = new D(); }\n  \
                   public function run(): static { $this->b->go(); parent::run(); return $this; }\n}\n\
                   enum E: string { case A = 'a'; public function f() { return self::A; } }\n\
                   function g(K $k) { $k->run()->run(); strlen('x'); }\n?>\n<p><?= g() ?></p>\n";
        for end in 0..=src.len() {
            if src.is_char_boundary(end) {
                checked("src/a.php", &src[..end]);
            }
        }
    }
}

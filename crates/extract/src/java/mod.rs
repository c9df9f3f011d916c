//! Java: classes, interfaces, enums, records, annotation types, methods,
//! constructors, constants, nested, local and anonymous classes become nodes;
//! imports become imports; calls are resolved within the file, across the files of
//! a package, and into imported classes through keys.
//!
//! Node kinds: the file is the `module`, named by its package and file stem
//! (`com.example.App`, its signature the `package` line). A class or record is a
//! `class` (a record's signature says `record`), an interface or `@interface` an
//! `interface`, an enum an `enum`; each nested one is its outer type's child
//! (`Outer.Inner`). A method is a `method`; a constructor is a `method` named after
//! its class (`Point.Point`, overloads `Point.Point#2` as SPEC's duplicates rule
//! says). A `static final` field and an enum constant are `constant`s; other fields
//! are not nodes (SPEC has no variable kind), but their types are kept for the calls
//! made through them. A class declared in a method body is that method's child
//! (`App.run.Local`); an anonymous class (`new Runnable() { ... }`) is a `class`
//! named `$N`, the N-th anonymous class directly inside the same declaration in
//! source order (`App.run.$1`, its methods `App.run.$1.run`), as javac numbers them
//! but counted per enclosing declaration, so an edit in another method never renames
//! it. Lambdas are not nodes: their calls are the enclosing method's.
//!
//! Symbol keys (see `docs/store.md`): `java:` + the source-level qualified name, so
//! keys need no file paths: `java:com.example.App`, `java:com.example.Outer.Inner`.
//! A method's key holds the number of arguments it is called with before its name,
//! `java:com.example.App.2args.run`, so that a call in another file reaches the
//! overload of its arity (a varargs method is keyed for each arity from its fixed
//! parameters to [`VARARGS_SPREAD`] more). Constructors are `{class}.{N}args.<init>`
//! (a class without one exports its own node as `0args`: the default constructor;
//! a record's implicit canonical constructor likewise), a module
//! `java:{package}.package` (`2args`, `<init>` and `package` are words no Java
//! identifier can be). A simple type
//! name is, in Java's order: a type of this file, a single-type import, a well-known
//! `java.lang` class, and otherwise a class of the file's own package
//! (`java:{package}.Name`). A file with on-demand imports (`import a.b.*;`) cannot
//! tell its package from those: it keys such names under its own scope,
//! `java:{package}.{stem}.import.Name`, and exports star rows from that scope to its
//! package, each imported package and `java.lang`, in that order, so the linker finds
//! the class where Java would. Calls into the JDK or any class outside the root stay
//! unresolved under their qualified name, without the arity (`java.util.List.add`,
//! `java.util.ArrayList.<init>`, `java.lang.System.out.println`).
//!
//! Types of values, for calls `x.m()`: parameters, locals (`T x`, `var x = new T()`),
//! fields of the enclosing classes, `this`, `super`, casts, `new T()`, string
//! literals, and a call's declared return type (a method of this file directly;
//! another file's through `{key}.__return__`, which makes the call `inferred`). A
//! class's supertypes are star rows (`{class}.*`, with an `order:` row), so an
//! inherited method or an interface's default method links in the class that
//! declares it; `extends` gives `inherits` edges, `implements` `implements` edges.
//! Overloads are told apart by argument count, in the file and across files (not by
//! argument types: two overloads of one arity both claim the key, so the store links
//! such a call `inferred`). Method references (`Foo::bar`) are not calls.
//!
//! Tests: a method annotated `@Test`, `@ParameterizedTest`, `@RepeatedTest`,
//! `@TestFactory` or `@TestTemplate` (JUnit 4 and 5, TestNG), and in a test class
//! (named `*Test`, `*Tests`, `*TestCase` or `*IT`, or in a `test` directory) a
//! method named `test*` (JUnit 3), gets `tests` edges to what it calls, directly or
//! through the file's other methods (the shared helper every language uses).
//!
//! The phases: [`lower`] (declarations, imports, signatures, Javadoc, annotations,
//! declared field, parameter and return types), [`scopes`] (a body's names and the
//! types of expressions: Java states types where it declares names, so typing is part
//! of scoping), [`emit`] (call, inheritance and tests edges, the resolution symbols).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::walk::{Fields, Kinds};
use crate::FileFacts;
use model::{keys, Language};
use std::collections::HashMap;
use tree_sitter::Node;

mod emit;
mod lower;
mod scopes;

/// A value's type as a key: `java:a.b.C` (a class), `java:a.b.C.0args.m.__return__`
/// (whatever `m` returns). `inferred` when the type was not stated where the value
/// was declared.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Ty {
    key: String,
    inferred: bool,
}

/// A type (class, interface, enum, record, annotation type, local or anonymous
/// class) declared in this file.
struct TypeInfo {
    /// Its node.
    node: NodeIdx,
    /// Its key (`java:a.b.Outer.Inner`); for a local or anonymous class a key no
    /// other file can name.
    key: String,
    /// Whether other files can name it (not local, anonymous or a `#N` duplicate).
    exported: bool,
    /// The type it is declared in, if any.
    outer: Option<usize>,
    /// Its supertypes (`extends` first), the line of each, and whether it is an
    /// implemented interface (an `implements` edge rather than `inherits`).
    supers: Vec<(Ty, u32, bool)>,
    /// Its type parameters' names, which name no class.
    type_params: Vec<String>,
    /// Whether it is an interface (its fields are constants).
    is_interface: bool,
    /// Whether it is a record, whose canonical constructor may be implicit.
    is_record: bool,
    /// For a record: how many components it declares (its canonical arity).
    components: usize,
}

/// A method or constructor of this file.
#[derive(Clone)]
struct MethodInfo {
    node: NodeIdx,
    /// Number of parameters (a varargs parameter counts as one).
    arity: usize,
    /// Whether its last parameter is varargs (`T... xs`).
    varargs: bool,
    /// Its declared return type, when it is a class.
    result: Option<Ty>,
}

/// A body whose calls are emitted: a method's or constructor's, or a class's field
/// initializers and initializer blocks (whose calls are the class's).
struct Body<'t> {
    /// The node the calls come from.
    node: NodeIdx,
    /// The declaration (a method or constructor) or the initializer syntax.
    syntax: Node<'t>,
    /// The type index of the class the body belongs to.
    class: usize,
    /// The method's own type parameters.
    type_params: Vec<String>,
    /// The body this one is nested in (an anonymous or local class's methods see the
    /// enclosing method's locals), as an index into `Jx::bodies`.
    outer: Option<usize>,
    /// Whether this is a method declaration (its parameters are locals) rather than
    /// an initializer.
    is_method: bool,
}

/// The state of one Java file's extraction.
struct Jx<'s, 't> {
    b: FileBuilder<'s>,
    /// The package, dotted (`com.example`), empty for the default package.
    pkg: String,
    /// The file's scope key for names on-demand imports may bring in, when it has
    /// such imports (`java:com.example.App.import`).
    scope: Option<String>,
    /// Single-type imports: simple name → qualified name.
    imports: HashMap<String, String>,
    /// On-demand imports (`import a.b.*;`): the package or class names.
    wildcards: Vec<String>,
    /// Single static imports: member name → the class's qualified name.
    static_imports: HashMap<String, String>,
    /// Static on-demand imports (`import static a.b.C.*;`): class names.
    static_wildcards: Vec<String>,
    /// Types declared in this file, in lowering order.
    types: Vec<TypeInfo>,
    /// Types of this file by simple name.
    type_names: HashMap<String, Vec<usize>>,
    /// Types of this file by key.
    type_keys: HashMap<String, usize>,
    /// Methods by (type index, name), overloads in source order.
    methods: HashMap<(usize, String), Vec<MethodInfo>>,
    /// Constructors by type index.
    ctors: HashMap<usize, Vec<MethodInfo>>,
    /// Fields by (type index, name), with their types when they are classes.
    fields: HashMap<(usize, String), Option<Ty>>,
    /// Bodies whose calls are emitted, outer ones before the ones nested in them.
    bodies: Vec<Body<'t>>,
    /// How many anonymous classes each node holds so far (their `$N` names).
    anonymous: HashMap<NodeIdx, u32>,
}

/// Extracts a Java file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_java::LANGUAGE.into(), src);
    let root = tree.root_node();
    let mut jx = Jx {
        b: FileBuilder::new(path, src, Language::Java, &tree),
        pkg: String::new(),
        scope: None,
        imports: HashMap::new(),
        wildcards: Vec::new(),
        static_imports: HashMap::new(),
        static_wildcards: Vec::new(),
        types: Vec::new(),
        type_names: HashMap::new(),
        type_keys: HashMap::new(),
        methods: HashMap::new(),
        ctors: HashMap::new(),
        fields: HashMap::new(),
        bodies: Vec::new(),
        anonymous: HashMap::new(),
    };
    jx.header(root);
    jx.items(root);
    jx.calls();
    jx.tests();
    jx.export_resolution_symbols();
    jx.b.finish()
}

/// The key of `name` (dotted) in package `pkg`: `java:pkg.name`, `java:name` in the
/// default package.
fn qualify(pkg: &str, name: &str) -> String {
    if pkg.is_empty() {
        format!("{}{name}", keys::JAVA)
    } else {
        format!("{}{pkg}.{name}", keys::JAVA)
    }
}

/// The key space's prefix.
const PREFIX: &str = keys::JAVA;

/// The member name constructors are keyed by (`java:a.B.0args.<init>`).
const CONSTRUCTOR: &str = "<init>";

/// How many arguments past its fixed parameters a varargs method is keyed for.
const VARARGS_SPREAD: usize = 8;

/// The key of method (or constructor) `name` of the class keyed `base`, called
/// with `arity` arguments: `{base}.{arity}args.{name}` (a segment no Java name can
/// be, before the name, so that the key's last segment stays the method's name).
fn member_key(base: &str, arity: usize, name: &str) -> String {
    format!("{base}.{arity}args.{name}")
}

/// The argument counts a method of `arity` parameters is called with: that one, or
/// for a varargs method from `arity - 1` up to [`VARARGS_SPREAD`] more.
fn call_arities(arity: usize, varargs: bool) -> std::ops::RangeInclusive<usize> {
    if varargs {
        arity.saturating_sub(1)..=arity.saturating_sub(1) + VARARGS_SPREAD
    } else {
        arity..=arity
    }
}

/// `java.lang` classes every file sees without an import: a simple name among them
/// that the file neither declares nor imports is keyed `java:java.lang.Name`.
const JAVA_LANG: &[&str] = &[
    "AutoCloseable",
    "Appendable",
    "ArithmeticException",
    "ArrayIndexOutOfBoundsException",
    "AssertionError",
    "Boolean",
    "Byte",
    "CharSequence",
    "Character",
    "Class",
    "ClassCastException",
    "ClassNotFoundException",
    "CloneNotSupportedException",
    "Cloneable",
    "Comparable",
    "Double",
    "Enum",
    "Error",
    "Exception",
    "Float",
    "IllegalArgumentException",
    "IllegalStateException",
    "IndexOutOfBoundsException",
    "Integer",
    "InterruptedException",
    "Iterable",
    "Long",
    "Math",
    "NullPointerException",
    "Number",
    "NumberFormatException",
    "Object",
    "Process",
    "ProcessBuilder",
    "Readable",
    "Record",
    "ReflectiveOperationException",
    "Runnable",
    "Runtime",
    "RuntimeException",
    "SecurityException",
    "Short",
    "StackOverflowError",
    "StrictMath",
    "String",
    "StringBuffer",
    "StringBuilder",
    "System",
    "Thread",
    "ThreadLocal",
    "Throwable",
    "UnsupportedOperationException",
    "Void",
];

/// Annotations that make a method a test (their last name segment).
const TEST_ANNOTATIONS: &[&str] =
    &["Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate"];

/// Whether a class named `name` in the file at `path` is a test class by convention:
/// named `*Test`, `*Tests`, `*TestCase` or `*IT`, or under a `test` directory.
fn is_test_class(path: &str, name: &str) -> bool {
    ["Test", "Tests", "TestCase", "IT"].iter().any(|s| name.ends_with(s) && name.len() > s.len())
        || crate::common::tests_edges::in_dir(path, "test")
}

/// McCabe cyclomatic complexity of a body: 1 + each `if`, `for`, enhanced `for`,
/// `while`, `do`, `case` label (not `default`), `catch`, `?:`, `&&` and `||`, as the
/// other extractors count (McCabe 1976); nested class bodies count for themselves.
fn complexity(body: Node<'_>) -> u32 {
    crate::common::complexity::cyclomatic(body, |node| match node.kind_name() {
        "if_statement"
        | "for_statement"
        | "enhanced_for_statement"
        | "while_statement"
        | "do_statement"
        | "catch_clause"
        | "ternary_expression" => Some(1),
        "switch_label" => Some(u32::from(node.named_child_count() > 0)),
        "binary_expression" => Some(u32::from(
            node.field("operator").is_some_and(|o| matches!(o.kind_name(), "&&" | "||")),
        )),
        "class_body"
        | "class_declaration"
        | "interface_declaration"
        | "enum_declaration"
        | "record_declaration"
        | "annotation_type_declaration" => None,
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
    fn test_classes_are_named_or_placed_as_test_runners_expect() {
        assert!(is_test_class("src/main/java/a/B.java", "BTest"));
        assert!(is_test_class("src/test/java/a/B.java", "Helper"));
        assert!(!is_test_class("src/main/java/a/B.java", "Test"));
        assert!(!is_test_class("src/main/java/a/B.java", "Contest"));
    }

    #[test]
    fn keys_in_the_default_package_have_no_leading_dot() {
        assert_eq!(qualify("", "A.m"), "java:A.m");
        assert_eq!(qualify("a.b", "A.m"), "java:a.b.A.m");
    }

    #[test]
    fn complexity_counts_decisions_but_not_nested_classes() {
        let src = "class A { int f(int x) { if (x > 0 && x < 9) { return 1; } \
                   switch (x) { case 1: return 2; default: return 3; } } \
                   void g() { new Runnable() { public void run() { if (true) {} } }; } }";
        let facts = checked("A.java", src);
        let f = facts.nodes.iter().find(|n| n.name == "f").expect("f");
        assert_eq!(f.complexity, 4);
        let g = facts.nodes.iter().find(|n| n.name == "g").expect("g");
        assert_eq!(g.complexity, 1);
    }

    #[test]
    fn methods_are_keyed_by_the_arities_they_take() {
        let facts =
            checked("a/P.java", "package a; class P { void f(int x) {} void g(String... s) {} }");
        let keys: Vec<&str> = facts.symbols.iter().map(|s| s.key.as_str()).collect();
        assert!(keys.contains(&"java:a.P.1args.f"), "{keys:?}");
        assert!(!keys.contains(&"java:a.P.0args.f"), "{keys:?}");
        assert!(keys.contains(&"java:a.P.0args.g") && keys.contains(&"java:a.P.8args.g"));
        assert!(keys.contains(&"java:a.P.0args.<init>"), "{keys:?}");
    }

    #[test]
    fn every_prefix_of_a_file_keeps_the_invariants() {
        let src = "package a.b;\n\nimport java.util.*;\nimport static x.Y.z;\n\n/** Doc. */\n@Deprecated\npublic class A<T> extends B implements C {\n  private final D d = new D();\n  A(int x) { this(); }\n  /** m. */\n  @Override public <U> U m(T t, String... s) throws E {\n    Runnable r = new Runnable() { public void run() { d.go(); } };\n    return t == null ? null : z(s.length);\n  }\n  enum K { X, Y; void k() {} }\n  record P(int x) {}\n}\n";
        for end in 0..=src.len() {
            if src.is_char_boundary(end) {
                checked("a/b/A.java", &src[..end]);
            }
        }
    }
}

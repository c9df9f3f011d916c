//! C++: namespaces, classes, structs, unions, enums, methods (in the class body or
//! out of line as `A::f`), constructors, destructors, free functions, templates,
//! type aliases and macros become nodes; `#include`s become imports; calls are
//! resolved within the file through scopes and declared types, and across files
//! through keys that C++'s name lookup order finds.
//!
//! Which files: `.cpp`, `.cc`, `.cxx`, `.c++` and the headers `.hpp`, `.hh`, `.hxx`,
//! `.h++`; a `.h` when a line of it starts with a word only C++ has
//! (`model::Language::of`).
//!
//! Node kinds: a namespace is a `module` (its blocks in one file are one node, the
//! first block's span; an anonymous namespace is no node: its contents belong to the
//! enclosing scope, and are not exported); a `class` is a `class`, a `struct` or
//! `union` a `struct`, an `enum` (scoped or not) an `enum`; a function is a
//! `function`, a function of a class a `method`: one defined in the class body, a
//! pure virtual one (`= 0`, which has no other definition), or one defined out of
//! line (`void A::f() {}`), which is the child of `A` when `A` is a class of this
//! file, and otherwise still named `A.f` (`ns.A.f` for `ns::A::f`, or when written
//! inside `namespace ns`) under the module or namespace it is written in (a scope
//! that is a namespace of this file makes it a free `function` of that namespace;
//! any other scope is taken as a class, its last segment the class). A
//! constructor is the method named after its class (`A.A`), a destructor `A.~A`, an
//! operator `A.operator==`; overloads are `#2`, `#3` as SPEC's duplicates rule says.
//! A template is the node of what it declares, its signature starting with
//! `template <...>`; its parameters name no type. `using X = T;` and `typedef` are
//! `type_alias`es. Macros are C's: a function-like `#define` is a `function`, an
//! object-like one a `constant` (but for include guards). What is not a node: a
//! declaration without a body (a prototype, a method declared in its class), as in
//! C: the node is the definition, wherever it is.
//!
//! Symbol keys (`docs/store.md`): `cpp:` + the name from the global namespace, each
//! segment after a `.` (`cpp:.ns.A.f`, `cpp:.main`), for every class, function and
//! method defined in the file (not a `static` function of a source file, nor
//! anything in an anonymous namespace); a header's function-like macros as
//! `cpp:.NAME`; a function in an `extern "C"` block also as C's `c:NAME`. Overloads
//! share one key (the store links a call of it `inferred`). A class exports star rows
//! to its bases (`cpp:.B.*` → `cpp:.A`), its fields' types (`cpp:.B.field.*`), what
//! its methods return (`cpp:.B.get.__return__`) and, when it declares no
//! constructor, its default constructor `cpp:.B.B` as itself. Headers are included
//! by C's keys: every file exports `c:include:P` for each suffix `P` of its path.
//!
//! Names: a name is looked up as C++ does, innermost first: locals and parameters,
//! the members of the enclosing class and its bases, the enclosing namespaces, the
//! `using namespace`s of the file (all of them, wherever written) and `using`
//! declarations, then the global namespace. What this file defines is found here
//! (`exact`; a call that several overloads of its arity accept is `inferred` to
//! each, or, past eight of them, to the key the store links to one). Anything else
//! becomes a key: `cpp:.NAME` at file scope, and under a
//! namespace, a class or `using namespace` a key of the file's scope
//! (`cpp:@{path}@{scope}.NAME`, [`model::keys::CPP_SCOPE`]) whose star rows list
//! those places in that order, so the store finds `ns::g` before `::g` and an
//! inherited member before either. A name outside the root stays unresolved by its
//! qualified name as written (`std::sort`, `std::vector::push_back`); an unqualified
//! type of a file whose only `using namespace` is `X` is shown as `X`'s (`vector`
//! after `using namespace std` as `std::vector`).
//!
//! Receivers: `a.f()`, `p->f()` and `this->f()` call the method of the receiver's
//! type: declared for a parameter, a local (`A a;`, `A* p;`, `const A& r`, `auto p =
//! new A()`, `auto a = A(...)`, `auto p = std::make_unique<A>()`), a field of the
//! class or a file-scope variable; `std::unique_ptr<A>`, `shared_ptr`, `weak_ptr`
//! and `optional` are `A` through `->`; the element of a container (a template's
//! first argument, but for maps, pairs, tuples, functions and variants) through a
//! range `for` of `auto`, `v[i]`, `front()`, `back()`, `at()`; a call's declared
//! return type (a function of this file, or
//! through `__return__` another file's, `inferred`). `A::f()` and `ns::g()` are
//! qualified lookups; a call of a class (`A(1)`, `new A(1)`, `A a(1);`, a base in a
//! constructor's initializer list) calls its constructor of that arity, or the class
//! when it declares none. A `A a;` without arguments is not counted as a call, nor
//! are operators, destructors, conversions and casts (`static_cast<T>(x)`).
//! Template arguments are otherwise ignored.
//!
//! Tests: GoogleTest's `TEST(Suite, Name)`, `TEST_F`, `TEST_P`, `TYPED_TEST` and
//! `TYPED_TEST_P` are `function`s named `Name` in `Suite` (`Suite.Name`; a fixture's
//! members are in scope in `TEST_F`), Catch2's `TEST_CASE("name", ...)`,
//! `SCENARIO` and `TEST_CASE_METHOD(Fixture, "name")` `function`s named by their
//! string; each gets `tests` edges to what it calls, directly or through the file's
//! other functions (the helper every language shares). Assertion macros
//! (`EXPECT_EQ`) are calls outside the root.
//!
//! The phases: [`lower`] (definitions, namespaces, classes and their members,
//! includes, macros, signatures, Doxygen comments, attributes, declared types),
//! [`scopes`] (names and types: what a written name means in a scope, locals, the
//! types of expressions), [`emit`] (call, inheritance and tests edges, the symbols
//! other files resolve through).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::walk::{Fields, Kinds};
use crate::FileFacts;
use model::{keys, Language};
use std::collections::{BTreeMap, HashMap, HashSet};
use tree_sitter::Node;

mod emit;
mod lower;
mod scopes;

/// A type as the source writes it: `std::unique_ptr<A>` is `std`, `unique_ptr` with
/// the pointee `A`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Written {
    /// The name's segments (`["std", "vector"]`), template arguments dropped.
    segs: Vec<String>,
    /// Written with a leading `::`: looked up from the global namespace only.
    global: bool,
    /// A smart pointer's (`unique_ptr`, `shared_ptr`, `weak_ptr`) first template
    /// argument: what `->` reaches.
    pointee: Option<Box<Written>>,
    /// Any other template's first argument (`T` of `std::vector<T>`): the element a
    /// range `for` or `v[i]` reaches.
    element: Option<Box<Written>>,
}

/// Where a name is written: the namespaces around it and the class it is a member
/// of (or defines a member of), which is where C++ looks names up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Ctx {
    /// The enclosing namespaces from the global one (`["ns", "inner"]`).
    ns: Vec<String>,
    /// The class whose members are in scope.
    class: Option<ClassRef>,
    /// Template parameters in scope, which name no type of the program.
    tparams: Vec<String>,
    /// Inside an anonymous namespace: nothing is exported.
    local: bool,
    /// Inside `extern "C"`: functions are also C's.
    extern_c: bool,
}

/// A class whose members are in scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ClassRef {
    /// A class of this file, by index into `Px::classes`.
    Here(usize),
    /// A class defined elsewhere, by its name from the global namespace (the `A` of
    /// an out-of-line `void ns::A::f() {}` whose class is in a header).
    Elsewhere(Vec<String>),
}

/// A class, struct or union of this file.
struct ClassInfo {
    node: NodeIdx,
    /// Its name from the global namespace (`["ns", "A"]`).
    path: Vec<String>,
    /// Where it is declared (its bases are looked up there).
    ctx: Ctx,
    /// Its bases as written, with the line of each.
    bases: Vec<(Written, u32)>,
    /// Whether it declares a constructor (else its default one is the class).
    has_ctor: bool,
    /// The class's own name.
    name: String,
}

/// A function, method or function-like macro of this file, defined or (a method in
/// its class) only declared.
#[derive(Clone)]
struct FnInfo {
    /// Its node, `None` for a declaration whose definition is elsewhere.
    node: Option<NodeIdx>,
    /// Fewest arguments a call may pass (parameters without defaults).
    min_args: usize,
    /// Most arguments, `None` for a variadic one (`...`) or a macro.
    max_args: Option<usize>,
    /// Its declared return type, with the scope it is written in.
    result: Option<(Written, Ctx)>,
}

/// A body whose calls are emitted: a function's or method's, or the syntax outside
/// functions whose calls belong to a class, namespace or the module.
struct Body<'t> {
    node: NodeIdx,
    syntax: Node<'t>,
    ctx: Ctx,
    /// A function definition (its parameters are locals, its initializer list calls
    /// base constructors) rather than other syntax.
    is_function: bool,
}

/// The state of one C++ file's extraction.
struct Px<'s, 't> {
    b: FileBuilder<'s>,
    /// A header: its `static` functions and macros are seen by every includer.
    header: bool,
    /// Namespaces of this file by path, merged across blocks.
    namespaces: HashMap<Vec<String>, NodeIdx>,
    classes: Vec<ClassInfo>,
    /// Classes by path.
    class_paths: HashMap<Vec<String>, usize>,
    /// Type aliases (`using X = T;`, `typedef`) by path, with where they are written.
    aliases: HashMap<Vec<String>, (Written, Ctx)>,
    /// Free functions and function-like macros by path.
    functions: HashMap<Vec<String>, Vec<FnInfo>>,
    /// Methods by (class, name), overloads and declarations in source order.
    methods: HashMap<(usize, String), Vec<FnInfo>>,
    /// Fields by (class, name) with their declared types.
    fields: HashMap<(usize, String), Written>,
    /// File-scope and namespace-scope variables by name, with their types.
    globals: HashMap<String, Option<(Written, Ctx)>>,
    /// Object-like macros: calling one is unresolved.
    object_macros: HashSet<String>,
    /// Function-like macros: the node and its syntax, whose body is scanned for calls.
    macros: Vec<(NodeIdx, Node<'t>)>,
    /// `using namespace X;` anywhere in the file, as paths.
    usings: Vec<Vec<String>>,
    /// `using ns::g;` and namespace aliases (`namespace fs = std::filesystem;`): a
    /// first segment and what it stands for.
    renames: HashMap<String, Vec<String>>,
    /// Bodies whose calls are emitted, in source order.
    bodies: Vec<Body<'t>>,
    /// Tests (GoogleTest, Catch2): their nodes.
    tests: Vec<NodeIdx>,
    /// A function's or method's node → its declared return type and scope.
    node_results: HashMap<NodeIdx, (Written, Ctx)>,
    /// The scope keys names were keyed under, with the targets of their star rows
    /// (exported at the end).
    scopes_used: BTreeMap<String, Vec<String>>,
    /// Class node → its index in `classes`.
    class_nodes: HashMap<NodeIdx, usize>,
    /// Constructor node → its class's index.
    ctor_nodes: HashMap<NodeIdx, usize>,
    /// Overload choices made, by the key of the overloads and the argument count.
    picked: HashMap<(String, usize), scopes::Callee>,
}

/// Extracts a C++ file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_cpp::LANGUAGE.into(), src);
    let mut px = Px {
        b: FileBuilder::new(path, src, Language::Cpp, &tree),
        header: is_header(path),
        namespaces: HashMap::new(),
        classes: Vec::new(),
        class_paths: HashMap::new(),
        aliases: HashMap::new(),
        functions: HashMap::new(),
        methods: HashMap::new(),
        fields: HashMap::new(),
        globals: HashMap::new(),
        object_macros: HashSet::new(),
        macros: Vec::new(),
        usings: Vec::new(),
        renames: HashMap::new(),
        bodies: Vec::new(),
        tests: Vec::new(),
        node_results: HashMap::new(),
        scopes_used: BTreeMap::new(),
        class_nodes: HashMap::new(),
        ctor_nodes: HashMap::new(),
        picked: HashMap::new(),
    };
    for suffix in crate::c::path_suffixes(path) {
        px.b.export_node(format!("{}{suffix}", crate::c::INCLUDE_PREFIX), 0);
    }
    let root = tree.root_node();
    px.items(root, &Ctx::default(), 0, 0, None);
    px.calls();
    px.tests();
    px.export_symbols();
    px.b.finish()
}

/// A header by its extension: what it defines is compiled into every includer.
fn is_header(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(ext, "h" | "hpp" | "hh" | "hxx" | "h++")
}

/// The key of the name `path` from the global namespace: `cpp:.ns.A.f`.
fn key(path: &[String]) -> String {
    let mut out = String::from(keys::CPP);
    for seg in path {
        out.push('.');
        out.push_str(seg);
    }
    out
}

/// The key of a file's lookup scope ([`keys::CPP_SCOPE`]): the file's path (its dots
/// escaped: a key's dots separate names), the enclosing namespaces and, after `#`,
/// the class whose members are in scope: `cpp:@src/a%2Ecpp@ns::inner#ns::inner::B`.
fn scope_key(path: &str, ns: &[String], class: Option<&[String]>) -> String {
    let mut out = format!("{}{}@{}", keys::CPP_SCOPE, path.replace('.', "%2E"), ns.join("::"));
    if let Some(class) = class {
        out.push('#');
        out.push_str(&class.join("::"));
    }
    out
}

/// Test macros of GoogleTest whose two arguments are a suite (or fixture) and a name.
const GTEST_MACROS: &[&str] = &["TEST", "TEST_F", "TEST_P", "TYPED_TEST", "TYPED_TEST_P"];

/// Catch2's test-case macros, followed by the test's body.
const CATCH_MACROS: &[&str] =
    &["TEST_CASE", "SCENARIO", "TEST_CASE_METHOD", "TEMPLATE_TEST_CASE", "TEMPLATE_TEST_CASE_SIG"];

/// McCabe cyclomatic complexity of a function body: 1 + each `if`, loop (`for`,
/// range `for`, `while`, `do`), `case` with a value, `catch`, conditional expression
/// and `&&`/`||` (spelled `and`/`or` too), as C's (and radon's and lizard's) count.
fn complexity(body: Node<'_>) -> u32 {
    crate::common::complexity::cyclomatic(body, |node| {
        Some(match node.kind_name() {
            "if_statement"
            | "for_statement"
            | "for_range_loop"
            | "while_statement"
            | "do_statement"
            | "catch_clause"
            | "conditional_expression" => 1,
            "case_statement" if node.field("value").is_some() => 1,
            "binary_expression"
                if node
                    .field("operator")
                    .is_some_and(|o| matches!(o.kind_name(), "&&" | "||" | "and" | "or")) =>
            {
                1
            }
            _ => 0,
        })
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
    fn keys_start_at_the_global_namespace() {
        assert_eq!(key(&["ns".into(), "A".into(), "f".into()]), "cpp:.ns.A.f");
        let ns = ["a".to_owned(), "b".to_owned()];
        assert_eq!(scope_key("src/x.cpp", &ns, None), "cpp:@src/x%2Ecpp@a::b");
        assert_eq!(scope_key("x.h", &[], Some(&ns)), "cpp:@x%2Eh@#a::b");
    }

    #[test]
    fn an_out_of_line_method_is_the_child_of_its_class_in_the_same_file() {
        let facts = checked(
            "a.cpp",
            "namespace ns {\nclass A {\n  void f();\n};\n}\nvoid ns::A::f() {}\nvoid B::g() {}\n",
        );
        let f = facts.nodes.iter().find(|n| n.name == "f").unwrap();
        assert_eq!(f.qualified_name, "ns.A.f");
        assert_eq!(f.parent.as_deref(), Some("a.cpp::ns.A"));
        let g = facts.nodes.iter().find(|n| n.name == "g").unwrap();
        assert_eq!(g.qualified_name, "B.g");
        assert_eq!(g.parent.as_deref(), Some("a.cpp"));
    }

    #[test]
    fn a_catch2_test_spans_its_macro_and_its_body() {
        let facts = checked("t.cpp", "int f();\nTEST_CASE(\"adds\", \"[x]\") {\n  f();\n}\n");
        let t = facts.nodes.iter().find(|n| n.name == "adds").unwrap();
        assert_eq!((t.span.start_line, t.span.end_line), (2, 4));
    }
}

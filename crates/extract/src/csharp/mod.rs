//! C#: namespaces, classes, structs, interfaces, enums, records, delegates,
//! methods, constructors, properties, constants and local functions become nodes;
//! `using` directives become imports; calls are resolved within the file through
//! declared types, and across files through keys that C#'s name lookup finds.
//!
//! Node kinds: the file is the `module`. A namespace (`namespace A.B { }` or the
//! file-scoped `namespace A.B;`) is a `module` named by its dotted name (`A.B`; a
//! namespace nested in it is its child; several blocks of one namespace in a file
//! are one node, the first block's span), so a type's qualified name is its C#
//! name: `A.B.Widget`, `A.B.Widget.Inner`. A class or `record` is a `class`, a
//! `struct` or `record struct` a `struct`, an interface an `interface`, an enum an
//! `enum`, a delegate a `type_alias`. A method is a `method`; a constructor is a
//! `method` named after its class (`Point.Point`, overloads `Point.Point#2` as
//! SPEC's duplicates rule says), a destructor `~Point`, an operator `operator +`,
//! an indexer `this[]`; a property (or event with accessors) is a `method` too: its
//! accessors are code, their calls are the property's. `const` fields, `static
//! readonly` fields and enum members are `constant`s; other fields are not nodes,
//! but their types are kept for the calls made through them. A local function is a
//! `function`, the child of the method it is declared in (`C.Run.Helper`). Lambdas
//! and anonymous methods are not nodes: their calls are the enclosing member's.
//! Signatures are the declaration headers without attributes (generics and
//! constraints kept); `///` XML doc comments give the docstring (the `<summary>`
//! text, then `<param>`, `<returns>` and `<remarks>` as lines); attributes are
//! decorators (`[Fact]`, `[TestCase(1, 2)]`).
//!
//! Symbol keys (see `docs/store.md`): `cs:` + the name from the global namespace,
//! each segment after a `.` as in C++'s keys (`cs:.Acme.Core.Widget`; a type of the
//! global namespace is `cs:.Widget`), so keys need no file paths and the parts of a
//! `partial` class in several files export one key. A method's key holds the
//! number of arguments it is called with before its name,
//! `cs:.Acme.Core.Widget.2args.Draw`, so a call in another file reaches the overload
//! of its arity (a method with optional parameters is keyed for each arity from its
//! required parameters to all of them, a `params` one up to [`VARARGS_SPREAD`]
//! more). Constructors are `{type}.{N}args.<ctor>` (a class without one exports
//! itself as `0args.<ctor>`, a record or a class with a primary constructor as that
//! constructor's arity; a struct always as `0args`). `<ctor>` and `2args` are words
//! no C# identifier can be.
//!
//! Names: a simple type name is looked up as C# does, innermost first: a type
//! parameter (which names no type), the enclosing types and their nested types,
//! then for each enclosing namespace from the innermost out the types this file
//! declares there and the `using` aliases (`using X = A.B;`) written there. A name
//! found nowhere in the file is a well-known .NET type when a `using` brings in its
//! namespace (`Console` after `using System;` is `cs:.System.Console`, `List` after
//! `using System.Collections.Generic;`), and otherwise the key of the file's lookup
//! scope (`cs:@{path}@{namespace}.Name`, [`model::keys::CS_SCOPE`]) whose star rows
//! list, in C#'s order, each enclosing namespace followed by the namespaces its
//! `using` directives import, out to the global namespace and the file's
//! top-level `using`s: the store links the name where C# would find it, in any file.
//! `using static A.B;` makes `A.B`'s static members callable unqualified. Names of
//! `using` directives are read as fully qualified; `global using` counts only in its
//! own file. `string`, `int`, `object` and the other keywords are their `System`
//! types.
//!
//! Types of values, for calls `x.M()`: parameters, locals (`T x`, `var x = new T()`,
//! `var x = M()`), `foreach`, `catch`, `using` and pattern (`x is T t`) variables,
//! fields and properties of the enclosing types (inherited ones through star rows),
//! `this`, `base`, casts, `as`, `new T()`, string literals, and a call's declared
//! return type (a method of this file directly; another file's through
//! `{key}.__return__`, which makes the call `inferred`). `a?.M()` is `a.M()`. A
//! PascalCase name that no declaration of the file has is a type (or namespace)
//! of another file, `inferred` in a type with bases outside the file, where it may
//! be an inherited property; a camelCase one there is the inherited field's.
//! A type's bases are star rows (`{type}.*`, with an `order:` row), so an inherited
//! method links in the type that declares it. A base list does not say which base
//! is the class and which are interfaces: a base declared in this file is what its
//! declaration says; one outside it is an interface when its name follows the
//! `I` + capital convention (`IDisposable`; an `implements` edge marked `inferred`,
//! as is the `inherits` edge of a first base outside the file not so named); a
//! struct's and an interface's bases are interfaces (an interface's give
//! `inherits` edges, as Java's do). Overloads are told apart by argument count, not
//! by argument types. An extension method (`static R M(this T x, ...)`) of this
//! file is found for a call `x.M()` on a value whose type has no method `M` in this
//! file, or of exactly the extended type outside it (`inferred`). Another `new()`
//! (an argument's, a return's) is not counted as a call, nor are delegates invoked through a variable; a `new()` whose
//! type a declaration states (`Options o = new();`, a field's) calls that type's
//! constructor.
//! Calls into .NET or any code outside the root stay unresolved under their
//! qualified name as far as the file says it, without the arity
//! (`System.Console.WriteLine`, `System.Text.StringBuilder.<ctor>`).
//!
//! Tests: a method with an xUnit (`[Fact]`, `[Theory]`), NUnit (`[Test]`,
//! `[TestCase]`, `[TestCaseSource]`) or MSTest (`[TestMethod]`,
//! `[DataTestMethod]`) attribute gets `tests` edges to what it calls, directly or
//! through the file's other methods (the helper every language shares).
//! `[TestFixture]` and `[TestClass]` mark classes, which the frameworks require
//! beside a test attribute on each method, so they add no tests.
//!
//! The phases: [`lower`] (namespaces, `using`s, types and their members,
//! signatures, XML docs, attributes, declared field, property, parameter and return
//! types), [`scopes`] (what a type name means where it is written, a body's names,
//! the types of expressions, overloads by arity, which method a call names),
//! [`emit`] (call, inheritance and tests edges, the symbols other files link
//! through).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::walk::{Fields, Kinds};
use crate::FileFacts;
use model::{keys, Language};
use std::collections::HashMap;
use tree_sitter::Node;

mod emit;
mod lower;
mod scopes;

/// A value's type as a key: `cs:.A.C` (a type), `cs:.A.C.0args.M.__return__`
/// (whatever `M` returns). `inferred` when the type was not stated where the value
/// was declared.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Ty {
    key: String,
    inferred: bool,
}

/// One namespace declaration's lookup context (or the file's top level): the
/// namespace it declares and the `using` directives written directly in it.
struct Scope {
    /// The namespace, dotted from the global one (`A.B`), empty at the top level.
    ns: String,
    /// The scope it is written in (`None` for the top level).
    outer: Option<usize>,
    /// Namespaces imported by `using A.B;`, in source order.
    usings: Vec<String>,
    /// `using X = A.B;`: alias → qualified name.
    aliases: HashMap<String, String>,
    /// Types whose static members `using static A.B;` brings in.
    statics: Vec<String>,
    /// The key its unresolved names are looked up under, when it needs one.
    key: Option<String>,
}

/// A type (class, struct, interface, enum, record, delegate) declared in this file.
struct TypeInfo {
    /// Its node.
    node: NodeIdx,
    /// Its key (`cs:.A.Outer.Inner`).
    key: String,
    /// Whether other files can name it (not a `#N` duplicate).
    exported: bool,
    /// The type it is declared in, if any.
    outer: Option<usize>,
    /// The lookup scope it is declared in.
    scope: usize,
    /// Its bases, the line of each, whether it is an implemented interface (an
    /// `implements` edge rather than `inherits`) and whether that was a guess.
    supers: Vec<(Ty, u32, bool, bool)>,
    /// Its type parameters' names, which name no type.
    type_params: Vec<String>,
    /// `class`, `struct`, `interface`, `enum`, `record` or `delegate`.
    what: &'static str,
    /// Declared `partial`: other files may hold more of its members.
    partial: bool,
    /// The arity of its primary constructor (a record's or a class's
    /// `class P(int x)`), if it has one.
    primary: Option<usize>,
}

/// A method or constructor of this file.
#[derive(Clone)]
struct MethodInfo {
    node: NodeIdx,
    /// Number of parameters without a default value.
    required: usize,
    /// Number of parameters (a `params` one counts as one).
    arity: usize,
    /// Whether its last parameter is `params`.
    varargs: bool,
    /// Its declared return type, when it is a type with members.
    result: Option<Ty>,
}

impl MethodInfo {
    /// Whether a call with `n` arguments fits its parameters.
    fn fits(&self, n: usize) -> bool {
        if self.varargs {
            n + 1 >= self.arity && n >= self.required.min(self.arity.saturating_sub(1))
        } else {
            (self.required..=self.arity).contains(&n)
        }
    }
}

/// A body whose calls are emitted: a member's (method, constructor, property,
/// operator, local function), or a type's field initializers (whose calls are the
/// type's).
struct Body<'t> {
    /// The node the calls come from.
    node: NodeIdx,
    /// The declaration, or the initializer expression.
    syntax: Node<'t>,
    /// The type index of the type the body belongs to.
    class: usize,
    /// The member's own type parameters.
    type_params: Vec<String>,
    /// The body this one is nested in (a local function sees its method's
    /// locals), as an index into `Cx::bodies`.
    outer: Option<usize>,
    /// Whether the declaration has parameters that are locals (not an
    /// initializer).
    is_member: bool,
}

/// The state of one C# file's extraction.
struct Cx<'s, 't> {
    b: FileBuilder<'s>,
    /// Lookup scopes: the top level first, then each namespace declaration.
    scopes: Vec<Scope>,
    /// Lookup scopes by key.
    scope_index: HashMap<String, usize>,
    /// Namespace nodes by dotted name.
    namespaces: HashMap<String, NodeIdx>,
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
    /// Fields and properties by (type index, name), with their types when known.
    fields: HashMap<(usize, String), Option<Ty>>,
    /// Extension methods by name: (node, the extended type's syntax resolved,
    /// arity without the `this` parameter).
    extensions: HashMap<String, Vec<(NodeIdx, Option<Ty>, usize)>>,
    /// Local functions by (body index, name).
    local_functions: HashMap<(usize, String), NodeIdx>,
    /// Bodies whose calls are emitted, outer ones before the ones nested in them.
    bodies: Vec<Body<'t>>,
    /// The type a field's target-typed `new()` creates, by the `new()`'s node id.
    new_types: HashMap<usize, Node<'t>>,
}

/// Extracts a C# file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_c_sharp::LANGUAGE.into(), src);
    let root = tree.root_node();
    let mut cx = Cx {
        b: FileBuilder::new(path, src, Language::CSharp, &tree),
        scopes: Vec::new(),
        scope_index: HashMap::new(),
        namespaces: HashMap::new(),
        types: Vec::new(),
        type_names: HashMap::new(),
        type_keys: HashMap::new(),
        methods: HashMap::new(),
        ctors: HashMap::new(),
        fields: HashMap::new(),
        extensions: HashMap::new(),
        local_functions: HashMap::new(),
        bodies: Vec::new(),
        new_types: HashMap::new(),
    };
    cx.items(root);
    cx.calls();
    cx.tests();
    cx.export_resolution_symbols();
    cx.b.finish()
}

/// The key space's prefix.
const PREFIX: &str = keys::CSHARP;

/// The key of the dotted name `name` from the global namespace: `cs:.A.B`
/// (`cs:` itself for the empty name, the global namespace).
fn qualify(name: &str) -> String {
    if name.is_empty() {
        PREFIX.to_owned()
    } else {
        format!("{PREFIX}.{name}")
    }
}

/// The member name constructors are keyed by (`cs:.A.B.0args.<ctor>`).
const CONSTRUCTOR: &str = "<ctor>";

/// The member name a namespace node is exported under (`cs:.A.B.<namespace>`),
/// which `using A.B;` imports.
const NAMESPACE: &str = "<namespace>";

/// How many arguments past its fixed parameters a `params` method is keyed for.
const VARARGS_SPREAD: usize = 8;

/// The key of method (or constructor) `name` of the type keyed `base`, called with
/// `arity` arguments: `{base}.{arity}args.{name}` (a segment no C# name can be,
/// before the name, so that the key's last segment stays the method's name).
fn member_key(base: &str, arity: usize, name: &str) -> String {
    format!("{base}.{arity}args.{name}")
}

/// The argument counts a method is called with: from its required parameters to
/// all of them, or for a `params` method up to [`VARARGS_SPREAD`] more.
fn call_arities(m: &MethodInfo) -> std::ops::RangeInclusive<usize> {
    if m.varargs {
        let fixed = m.arity.saturating_sub(1);
        m.required.min(fixed)..=fixed + VARARGS_SPREAD
    } else {
        m.required.min(m.arity)..=m.arity
    }
}

/// The key of a lookup scope ([`keys::CS_SCOPE`]): the file's path and the
/// namespace, their dots escaped (a key's dots separate names), and `#N` for the
/// N-th declaration of one namespace in the file: `cs:@src/a%2Ecs@Acme%2ECore`.
fn scope_key(path: &str, ns: &str, n: usize) -> String {
    let mut out =
        format!("{}{}@{}", keys::CS_SCOPE, path.replace('.', "%2E"), ns.replace('.', "%2E"));
    if n > 1 {
        out.push_str(&format!("#{n}"));
    }
    out
}

/// Well-known .NET types by simple name and namespace: a name the file does not
/// declare, in a file with a `using` of its namespace, is keyed in it
/// (`Console` → `cs:.System.Console`), so that a call into .NET is shown by its
/// qualified name.
const WELL_KNOWN: &[(&str, &str)] = &[
    ("Action", "System"),
    ("Activator", "System"),
    ("ArgumentException", "System"),
    ("ArgumentNullException", "System"),
    ("ArgumentOutOfRangeException", "System"),
    ("Array", "System"),
    ("Convert", "System"),
    ("DateTime", "System"),
    ("DateTimeOffset", "System"),
    ("Environment", "System"),
    ("Exception", "System"),
    ("Func", "System"),
    ("GC", "System"),
    ("IComparable", "System"),
    ("IDisposable", "System"),
    ("IEquatable", "System"),
    ("Int32", "System"),
    ("Object", "System"),
    ("String", "System"),
    ("Guid", "System"),
    ("InvalidOperationException", "System"),
    ("Lazy", "System"),
    ("Math", "System"),
    ("NotImplementedException", "System"),
    ("NotSupportedException", "System"),
    ("Nullable", "System"),
    ("Random", "System"),
    ("StringComparer", "System"),
    ("TimeSpan", "System"),
    ("Tuple", "System"),
    ("Type", "System"),
    ("Uri", "System"),
    ("Console", "System"),
    ("Dictionary", "System.Collections.Generic"),
    ("HashSet", "System.Collections.Generic"),
    ("ICollection", "System.Collections.Generic"),
    ("IDictionary", "System.Collections.Generic"),
    ("IEnumerable", "System.Collections.Generic"),
    ("IList", "System.Collections.Generic"),
    ("KeyValuePair", "System.Collections.Generic"),
    ("LinkedList", "System.Collections.Generic"),
    ("List", "System.Collections.Generic"),
    ("Queue", "System.Collections.Generic"),
    ("SortedDictionary", "System.Collections.Generic"),
    ("Stack", "System.Collections.Generic"),
    ("Debug", "System.Diagnostics"),
    ("Process", "System.Diagnostics"),
    ("Stopwatch", "System.Diagnostics"),
    ("Trace", "System.Diagnostics"),
    ("Directory", "System.IO"),
    ("File", "System.IO"),
    ("FileStream", "System.IO"),
    ("MemoryStream", "System.IO"),
    ("Path", "System.IO"),
    ("Stream", "System.IO"),
    ("StreamReader", "System.IO"),
    ("StreamWriter", "System.IO"),
    ("TextReader", "System.IO"),
    ("TextWriter", "System.IO"),
    ("Enumerable", "System.Linq"),
    ("Encoding", "System.Text"),
    ("StringBuilder", "System.Text"),
    ("Regex", "System.Text.RegularExpressions"),
    ("Interlocked", "System.Threading"),
    ("Monitor", "System.Threading"),
    ("Thread", "System.Threading"),
    ("CancellationToken", "System.Threading"),
    ("Task", "System.Threading.Tasks"),
    ("Parallel", "System.Threading.Tasks"),
    ("Assert", "Xunit"),
];

/// The `System` type a predefined type keyword stands for (`string` → `String`).
fn predefined(word: &str) -> Option<&'static str> {
    Some(match word {
        "string" => "String",
        "object" => "Object",
        "int" => "Int32",
        "long" => "Int64",
        "short" => "Int16",
        "byte" => "Byte",
        "sbyte" => "SByte",
        "uint" => "UInt32",
        "ulong" => "UInt64",
        "ushort" => "UInt16",
        "bool" => "Boolean",
        "char" => "Char",
        "double" => "Double",
        "float" => "Single",
        "decimal" => "Decimal",
        _ => return None,
    })
}

/// Attributes that make a method a test (their name without `Attribute` and
/// namespace): xUnit, NUnit and MSTest.
const TEST_ATTRIBUTES: &[&str] =
    &["Fact", "Theory", "Test", "TestCase", "TestCaseSource", "TestMethod", "DataTestMethod"];

/// Whether an attribute as written (`[Xunit.Fact]`, `[TestCase(1)]`, `[Test,
/// Category("x")]`) names a test attribute.
fn is_test_attribute(written: &str) -> bool {
    let inner = written.trim_start_matches('[').trim_end_matches(']');
    inner.split(',').any(|part| {
        let name = part.split('(').next().unwrap_or(part).trim();
        let name = name.rsplit(['.', ':']).next().unwrap_or(name);
        let name = name.strip_suffix("Attribute").unwrap_or(name);
        TEST_ATTRIBUTES.contains(&name)
    })
}

/// McCabe cyclomatic complexity of a body: 1 + each `if`, `for`, `foreach`,
/// `while`, `do`, `case` label (not `default`), switch expression arm (not `_`),
/// `catch`, `?:`, `&&`, `||` and `??`, as the other extractors count (McCabe 1976).
/// Local functions and nested types count for themselves; lambdas are no nodes, so
/// their decisions are the enclosing member's.
fn complexity(body: Node<'_>) -> u32 {
    crate::common::complexity::cyclomatic(body, |node| match node.kind_name() {
        "if_statement"
        | "for_statement"
        | "foreach_statement"
        | "while_statement"
        | "do_statement"
        | "catch_clause"
        | "conditional_expression" => Some(1),
        "switch_section" => {
            let mut cursor = node.walk();
            let labels = node
                .named_children(&mut cursor)
                .filter(|c| {
                    let k = c.kind_name();
                    !(k.ends_with("_statement")
                        || k == "block"
                        || k == "when_clause"
                        || k == "comment"
                        || c.is_extra())
                })
                .count();
            Some(labels as u32)
        }
        "switch_expression_arm" => {
            let mut cursor = node.walk();
            let discard =
                node.named_children(&mut cursor).next().is_some_and(|p| p.kind_name() == "discard");
            Some(u32::from(!discard))
        }
        "binary_expression" => Some(u32::from(
            node.field("operator").is_some_and(|o| matches!(o.kind_name(), "&&" | "||" | "??")),
        )),
        "local_function_statement" => None,
        k if lower::is_type_declaration(k) => None,
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
    fn keys_start_at_the_global_namespace() {
        assert_eq!(qualify(""), "cs:");
        assert_eq!(qualify("A.B"), "cs:.A.B");
        assert_eq!(scope_key("src/a.cs", "A.B", 1), "cs:@src/a%2Ecs@A%2EB");
        assert_eq!(scope_key("a.cs", "", 2), "cs:@a%2Ecs@#2");
    }

    #[test]
    fn test_attributes_are_recognised_however_written() {
        assert!(is_test_attribute("[Fact]"));
        assert!(is_test_attribute("[Xunit.FactAttribute]"));
        assert!(is_test_attribute("[TestCase(1, 2)]"));
        assert!(is_test_attribute("[Category(\"x\"), Test]"));
        assert!(!is_test_attribute("[TestFixture]"));
        assert!(!is_test_attribute("[Obsolete]"));
    }

    #[test]
    fn complexity_counts_decisions_but_not_local_functions() {
        let src = "class A { int F(int x) { if (x > 0 && x < 9) { return 1; } \
                   switch (x) { case 1: case 2: return 2; default: return 3; } } \
                   int G(int x) { int L() { if (x > 1) return 1; return 0; } return x switch { 1 => 2, _ => L() }; } }";
        let facts = checked("A.cs", src);
        let f = facts.nodes.iter().find(|n| n.name == "F").expect("F");
        assert_eq!(f.complexity, 5);
        let g = facts.nodes.iter().find(|n| n.name == "G").expect("G");
        assert_eq!(g.complexity, 2);
        let l = facts.nodes.iter().find(|n| n.name == "L").expect("L");
        assert_eq!(l.complexity, 2);
    }

    #[test]
    fn methods_are_keyed_by_the_arities_they_take() {
        let facts = checked(
            "a/P.cs",
            "namespace A { class P { void F(int x, int y = 0) {} void G(params string[] s) {} } }",
        );
        let keys: Vec<&str> = facts.symbols.iter().map(|s| s.key.as_str()).collect();
        assert!(keys.contains(&"cs:.A.P.1args.F") && keys.contains(&"cs:.A.P.2args.F"), "{keys:?}");
        assert!(!keys.contains(&"cs:.A.P.0args.F"), "{keys:?}");
        assert!(keys.contains(&"cs:.A.P.0args.G") && keys.contains(&"cs:.A.P.8args.G"));
        assert!(keys.contains(&"cs:.A.P.0args.<ctor>"), "{keys:?}");
    }

    #[test]
    fn every_prefix_of_a_file_keeps_the_invariants() {
        let src = "using System;\nusing static System.Math;\nusing L = System.Collections.Generic.List<int>;\n\nnamespace A.B;\n\n/// <summary>Doc.</summary>\n[Serializable]\npublic partial class C<T> : Base, IThing where T : class\n{\n  private readonly D d = new D();\n  public C(int x) : base(x) { }\n  /// <summary>m.</summary>\n  public U M<U>(T t, params string[] s) where U : new()\n  {\n    var r = new Runnable(() => d.Go());\n    int Local(int y) => y > 0 ? Abs(y) : 0;\n    return t == null ? default : this.M<U>(t, s[0]);\n  }\n  public int P { get => d.Size(); set { d.Set(value); } }\n  enum K { X, Y = 2 }\n  record R(int X);\n}\n";
        for end in 0..=src.len() {
            if src.is_char_boundary(end) {
                checked("a/b/C.cs", &src[..end]);
            }
        }
    }
}

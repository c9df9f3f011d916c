//! Go: funcs, methods, structs, interfaces, defined types and aliases, and consts
//! become nodes; imports become imports; calls are resolved within the file, across
//! the files of a package (a directory), and into imported packages through keys.
//!
//! Node kinds: the file is the `module` (a package is every `.go` file of one
//! directory; each file keeps its own module node). A func is a `function`; a
//! method is a `method` with the qualified name `Type.Method`, so its id is
//! `file.go::Server.Run` whichever file of the package declares `Server`. When the
//! receiver's type is declared in the same file, the method is that type's child
//! (its `contains` edge comes from the type); otherwise it is the module's child
//! with the same qualified name. Types are lowered before funcs so that a method
//! written above its type still finds it. `type T struct {...}` is a `struct`,
//! `type I interface {...}` an `interface`, any other `type T U` (a defined type)
//! or `type T = U` (an alias) a `type_alias`. Package-level `const`s are
//! `constant`s; package-level `var`s are not nodes (SPEC has no variable kind), but
//! their types are exported for the calls made on them.
//!
//! Symbol keys (see `docs/store.md`): a package's key is `go:` + its directory
//! (`go:pkg/util`; `go:` for the root; an external test package, `package x_test`,
//! is `go:pkg/util_test`). Members are `.`-separated under it: `go:pkg/util.Parse`,
//! `go:pkg/util.Server.Run`. Every file exports what it defines, and
//! `go:{dir}.package` for its module node (what an import links to; a word no Go
//! identifier can be). An import path is a key in the module key space:
//! `import "example.com/m/pkg/util"` makes `util.Parse()` a call of
//! `go:mod:example.com/m/pkg/util.Parse`. A `go.mod` is extracted for the one
//! alias it contributes ([`extract_go_mod`]): `module example.com/m` in `svc/go.mod`
//! exports `go:mod:example.com/m` → `go:svc`, and the linker rewrites the longest
//! `/`-prefix of an import key that is such an alias (as it does for tsconfig
//! `paths`), so the key above links to `go:svc/pkg/util.Parse`. Imports of the
//! standard library or of modules outside the root stay unresolved, by their
//! qualified name (`fmt.Println`, `net/http.Get`).
//!
//! Types of values, for method calls `x.M()`: a receiver and parameters by their
//! declared types, `var x T`, `x := T{}`, `x := &T{}`, `new(T)`, and a call's result
//! (a func of this file by its declared result; another file's or package's through
//! the `{key}.__return__` alias its file exports, which makes such a call
//! `inferred`). `x.f.M()` goes through the field's type, exported as the star row
//! `{type}.f.*`. Embedding a type exports `{T}.*` → the embedded type, so a method
//! promoted from it links through the star rows (`inferred` when this file declares
//! the type and no such method of its own); it is an `inherits` edge too, for
//! structs and for interfaces.
//!
//! Tests: in a `_test.go` file, `TestX`, `BenchmarkX`, `FuzzX` and `ExampleX`
//! funcs are tests, with `tests` edges to what they call, directly or through the
//! file's other funcs (the shared helper Python and C use).
//!
//! The phases: [`lower`] (declarations, imports, signatures, doc comments, the
//! declared types of fields, results and package variables), [`scopes`] (the
//! names of a function's body and the types of values: Go states types where it
//! declares names, so typing expressions is part of scoping, not a phase of its
//! own), [`emit`] (call and tests edges, the resolution symbols).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::walk::{Fields, Kinds};
use crate::{walk, FileFacts};
use model::keys;
use model::Language;
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

mod emit;
mod lower;
mod scopes;

/// A value's type as a key: `go:pkg.T` (a type of this package), `go:mod:p.T` (an
/// imported one), `go:pkg.F.__return__` (whatever `F` returns). `inferred` when the
/// type was not stated where the value was declared.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Ty {
    key: String,
    inferred: bool,
}

/// The state of one Go file's extraction.
struct Gx<'s, 't> {
    b: FileBuilder<'s>,
    /// The package's key (`go:pkg/util`), see the module docs.
    pkg: String,
    /// Import name → import path (`util` → `example.com/m/pkg/util`).
    imports: HashMap<String, String>,
    /// Types declared in this file by name.
    types: HashMap<String, NodeIdx>,
    /// Funcs of this file by name.
    funcs: HashMap<String, NodeIdx>,
    /// Methods of this file by `(type, method)`.
    methods: HashMap<(String, String), NodeIdx>,
    /// Declared result types of this file's funcs and methods, by node.
    results: HashMap<NodeIdx, Ty>,
    /// Named fields of this file's structs with a type: `(struct, field)` → type.
    fields: HashMap<(String, String), Ty>,
    /// Fields of this file's structs whose type is unnamed (a func type, a map): a
    /// call through one is dynamic.
    func_fields: HashSet<(String, String)>,
    /// Embedded types of this file's structs and interfaces, by type name, with the
    /// line of each embedding.
    embedded: HashMap<String, Vec<(Ty, u32)>>,
    /// Package-level variables of this file, with their types when known.
    globals: HashMap<String, Option<Ty>>,
    /// Funcs and methods: the node, the declaration, the receiver's type name.
    bodies: Vec<(NodeIdx, Node<'t>, Option<String>)>,
    /// Syntax outside funcs (package-level var and const values) whose calls are the
    /// module's.
    module_items: Vec<Node<'t>>,
}

/// Extracts a Go file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_go::LANGUAGE.into(), src);
    let root = tree.root_node();
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let external_test = package_name(root, src).is_some_and(|p| p.ends_with("_test"));
    let pkg = if external_test {
        format!("{}{dir}_test", keys::GO)
    } else {
        format!("{}{dir}", keys::GO)
    };
    let mut gx = Gx {
        b: FileBuilder::new(path, src, Language::Go, &tree),
        pkg,
        imports: HashMap::new(),
        types: HashMap::new(),
        funcs: HashMap::new(),
        methods: HashMap::new(),
        results: HashMap::new(),
        fields: HashMap::new(),
        func_fields: HashSet::new(),
        embedded: HashMap::new(),
        globals: HashMap::new(),
        bodies: Vec::new(),
        module_items: Vec::new(),
    };
    let package_key = format!("{}.package", gx.pkg);
    gx.b.export_node(package_key, 0);
    gx.items(root);
    gx.calls();
    gx.tests();
    gx.export_resolution_symbols();
    gx.b.finish()
}

/// Whether `path` is a `go.mod`, extracted for its module path only.
pub(crate) fn is_go_mod(path: &str) -> bool {
    path.rsplit('/').next() == Some("go.mod")
}

/// The key space of import paths: `go:mod:` + an import path.
const MODULE_PREFIX: &str = keys::GO_MODULE;

/// Extracts a `go.mod`: a module node and, when it names its module
/// (`module example.com/m`), the alias `go:mod:example.com/m` → `go:{dir}` (`go:` for
/// a `go.mod` at the root), which is how import paths reach the root's packages (see
/// the module docs). A file without a `module` line gets a diagnostic.
pub(crate) fn extract_go_mod(path: &str, src: &[u8]) -> FileFacts {
    let empty = builder::parse(&tree_sitter_go::LANGUAGE.into(), b"");
    let mut b = FileBuilder::new(path, src, Language::Go, &empty);
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let text = String::from_utf8_lossy(src);
    let module = text.lines().find_map(|line| {
        let line = line.split("//").next().unwrap_or("").trim();
        let rest = line.strip_prefix("module")?;
        if !rest.starts_with([' ', '\t', '"']) {
            return None;
        }
        let name = rest.trim().trim_matches('"').trim();
        (!name.is_empty()).then(|| name.to_owned())
    });
    match module {
        Some(module) => {
            b.nodes[0].imports.push(module.clone());
            b.export_alias(format!("{}{module}", keys::GO_MODULE), format!("{}{dir}", keys::GO));
        }
        None => b.diagnostic(0, "go.mod names no module: imports are not mapped to this tree"),
    }
    b.finish()
}

/// The name in the file's `package` clause.
fn package_name(root: Node<'_>, src: &[u8]) -> Option<String> {
    let mut cursor = root.walk();
    let clause = root.named_children(&mut cursor).find(|c| c.kind_name() == "package_clause")?;
    let mut cursor = clause.walk();
    let name =
        clause.named_children(&mut cursor).find(|c| c.kind_name() == "package_identifier")?;
    Some(walk::text(name, src).into_owned())
}

/// Go's predeclared functions: calls of them stay unresolved, by name.
const BUILTIN_FUNCS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
    "min", "new", "panic", "print", "println", "real", "recover",
];

/// Go's predeclared types: a call of one is a conversion, not a call.
const BUILTIN_TYPES: &[&str] = &[
    "any",
    "bool",
    "byte",
    "comparable",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
];

/// A `_test.go` file, whose `Test*` (and benchmark, fuzz and example) funcs are tests.
fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.go")
}

/// Whether a func named `name` is one `go test` runs: `Test`, `Benchmark`, `Fuzz` or
/// `Example`, alone or followed by a character that is not a lower-case letter.
fn is_test_name(name: &str) -> bool {
    ["Test", "Benchmark", "Fuzz", "Example"].iter().any(|prefix| {
        name.strip_prefix(prefix).is_some_and(|rest| !rest.starts_with(|c: char| c.is_lowercase()))
    })
}

/// McCabe cyclomatic complexity of a body: 1 + each `if`, `for`, `case` of a switch,
/// type switch or select (not `default`), and `&&`/`||` (as the C and Python
/// extractors count, after McCabe 1976 and gocyclo).
fn complexity(body: Node<'_>) -> u32 {
    crate::common::complexity::cyclomatic(body, |node| {
        Some(match node.kind_name() {
            "if_statement" | "for_statement" | "expression_case" | "type_case"
            | "communication_case" => 1,
            "binary_expression"
                if node.field("operator").is_some_and(|o| matches!(o.kind_name(), "&&" | "||")) =>
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
    fn test_names_are_those_go_test_runs() {
        assert!(is_test_name("TestParse"));
        assert!(is_test_name("Test"));
        assert!(is_test_name("Test_parse"));
        assert!(is_test_name("BenchmarkParse"));
        assert!(!is_test_name("Testify"));
        assert!(!is_test_name("helper"));
    }

    #[test]
    fn go_mod_maps_its_module_path_to_its_directory() {
        let facts = extract_go_mod("svc/go.mod", b"// c\nmodule example.com/m // x\n\ngo 1.22\n");
        assert_eq!(facts.symbols.len(), 1);
        assert_eq!(facts.symbols[0].key, "go:mod:example.com/m");
        assert_eq!(facts.symbols[0].target, crate::SymbolTarget::Alias("go:svc".into()));
        let root = extract_go_mod("go.mod", b"module \"m\"\n");
        assert_eq!(root.symbols[0].target, crate::SymbolTarget::Alias("go:".into()));
        assert!(!extract_go_mod("go.mod", b"go 1.22\n").diagnostics.is_empty());
    }

    #[test]
    fn a_method_is_a_member_of_its_type_in_any_file() {
        let facts = checked("a.go", "package a\nfunc (s *Server) Run() {}\n");
        assert_eq!(facts.nodes[1].id, "a.go::Server.Run");
        assert_eq!(facts.nodes[1].name, "Run");
        let facts = checked("a.go", "package a\nfunc (s Server) Run() {}\ntype Server struct{}\n");
        let run = facts.nodes.iter().find(|n| n.name == "Run").expect("the method");
        assert_eq!(run.parent.as_deref(), Some("a.go::Server"));
    }

    #[test]
    fn every_prefix_of_a_file_keeps_the_invariants() {
        let src = "package a\n\nimport (\n\t\"fmt\"\n\tu \"x/util\"\n)\n\n// T is.\ntype T struct {\n\tE\n\tf *u.F\n}\n\nfunc (t *T) M(x int) (int, error) {\n\tif x > 0 && t != nil {\n\t\treturn t.f.N(), nil\n\t}\n\tfmt.Println(u.G())\n\treturn 0, nil\n}\n";
        for end in 0..=src.len() {
            if src.is_char_boundary(end) {
                checked("a.go", &src[..end]);
            }
        }
    }
}

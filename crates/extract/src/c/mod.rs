//! C: functions, structs, unions, enums, typedefs and macros become nodes; `#include`s
//! become imports; calls are resolved within the file, and across files through the
//! one global namespace C functions live in.
//!
//! Node kinds: a function definition is a `function`; `struct` and `union` are
//! `struct`s (the signature says which); `enum` is an `enum` (its enumerators are not
//! nodes, as Rust's and TypeScript's variants are not); a `typedef` is a `type_alias`,
//! except that `typedef struct { ... } T;` (an anonymous body) is the struct `T`;
//! a function-like `#define` is a `function` (complexity 1, no type hints) and an
//! object-like one a `constant`, but for include guards (`#ifndef X` `#define X`).
//! Named structs, unions and enums defined inside a struct are its children.
//!
//! What is not a node: a function *declaration* (a prototype such as `int f(int);`,
//! in a header or not). A program has one definition of a non-`static` function and
//! any number of declarations of it; making the declarations nodes would give every
//! call two candidates. Declarations export nothing, so a call that reaches a
//! function through a header's prototype links to the definition in a `.c` file.
//!
//! Symbol keys: `c:NAME` for every function defined in the file, unless it is
//! `static` in a `.c` file (file-local: a `static` function in a header is compiled
//! into every file that includes it, so a header exports it), and `c:NAME` for the
//! function-like macros of a header (a `.c` file's macros are its own). Two files
//! defining one name both export it; the store then links to one of them as
//! `inferred`. Every file also exports `c:include:P` for each suffix `P` of its path
//! (`include/net/ip.h` as `ip.h`, `net/ip.h` and `include/net/ip.h`), which is what an
//! `#include` links to: `#include <net/ip.h>` is an `imports` edge to the key
//! `c:include:net/ip.h`; a quoted path starting with `./` or `../` is resolved
//! against the including file's directory first.
//!
//! Calls: a callee that is a name is, in turn, a local variable or parameter, or a
//! file-scope variable (a function pointer: unresolved, by its text); a function or
//! function-like macro of this file (`exact`; `inferred` to each when the name is
//! defined more than once, e.g. in `#ifdef` branches); an object-like macro of this
//! file (unresolved, but for one whose value is a single name, `#define my_open
//! real_open`: the call is of that name, and a header exports `c:my_open` as an
//! alias of `c:real_open`); otherwise the key `c:NAME`, which the store links to the
//! definition in another file, or keeps unresolved by name (`printf`). Any other
//! callee (`ops->open`, `(*fp)`, `table[i]`) is dynamic: unresolved by its text.
//! The body of a function-like macro is not C syntax until it is expanded; the
//! macro's calls are read from its tokens: a name followed by `(` that is not a
//! parameter, a keyword or a definition (`f(...) {`).
//! Calls outside functions (initializers, top-level macro invocations such as
//! `EXPORT_SYMBOL(f);`) are the module's.
//!
//! Tests: in a test file (under a `test`/`tests` directory, or named `test_*.c`,
//! `*_test.c`, `*_tests.c`), functions named `test_*` are tests, with `tests` edges
//! to what they call (through the file's other functions, as Python's tests are) and
//! to `X` when the test is `test_X` and the file defines a function `X`.
//!
//! The phases: [`lower`] (definitions, includes, macros, signatures, doc comments),
//! [`scopes`] (the names a call cannot mean a function by: locals, parameters,
//! file-scope variables), [`emit`] (call and tests edges, symbols). C states every
//! callee's name and has no receivers to type, so there is no inference phase.

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

// What C++ shares with C: doc comments, `#include`s and macro bodies read the same.
pub(crate) use emit::macro_body_calls;
pub(crate) use lower::{end_row, include_written, is_identifier, Pending};

/// The state of one C file's extraction.
struct Cx<'s, 't> {
    b: FileBuilder<'s>,
    /// A header (`.h`): its `static` functions and macros are seen by every file that
    /// includes it, so they are exported.
    header: bool,
    /// Functions and function-like macros of this file by name, in source order.
    callables: HashMap<String, Vec<NodeIdx>>,
    /// Object-like macros of this file, with the name their value is when it is one
    /// identifier (`#define my_open real_open`): a call of the macro calls that name;
    /// a call of any other object-like macro is unresolved.
    object_macros: HashMap<String, Option<String>>,
    /// Function-like macros: the node and its syntax, whose body is scanned for calls.
    macros: Vec<(NodeIdx, Node<'t>)>,
    /// File-scope variables (`int (*hook)(void);`, `struct ops table = {...}`).
    globals: HashSet<String>,
    /// Function definitions: the node and its syntax.
    functions: Vec<(NodeIdx, Node<'t>)>,
    /// Syntax outside functions whose calls are the module's.
    module_items: Vec<Node<'t>>,
}

/// Extracts a C file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_c::LANGUAGE.into(), src);
    let mut cx = Cx {
        b: FileBuilder::new(path, src, Language::C, &tree),
        header: path.ends_with(".h"),
        callables: HashMap::new(),
        object_macros: HashMap::new(),
        macros: Vec::new(),
        globals: HashSet::new(),
        functions: Vec::new(),
        module_items: Vec::new(),
    };
    for suffix in path_suffixes(path) {
        cx.b.export_node(format!("{INCLUDE_PREFIX}{suffix}"), 0);
    }
    let root = tree.root_node();
    cx.items(root, 0, None);
    cx.calls();
    cx.tests();
    cx.b.finish()
}

/// The key space of included files: `c:include:` + a path as an `#include` names it.
pub(crate) const INCLUDE_PREFIX: &str = keys::C_INCLUDE;

/// The key of a C function or function-like macro named `name`.
fn function_key(name: &str) -> String {
    format!("{}{name}", keys::C)
}

/// Every suffix of `path` that starts at a directory boundary, shortest first:
/// `a/b/c.h` → `c.h`, `b/c.h`, `a/b/c.h`.
pub(crate) fn path_suffixes(path: &str) -> Vec<&str> {
    let mut out = vec![path.rsplit('/').next().unwrap_or(path)];
    let mut cuts: Vec<usize> = path.match_indices('/').map(|(i, _)| i + 1).collect();
    cuts.pop();
    for &cut in cuts.iter().rev() {
        out.push(&path[cut..]);
    }
    if out.last() != Some(&path) {
        out.push(path);
    }
    out
}

/// The path an `#include` names, as a key body: `written` with `.` and empty segments
/// dropped; one that starts with `./` or `../` is joined to the directory of the file
/// at `path` (and `..` applied) first. `None` for a path that climbs out of the root.
pub(crate) fn include_target(path: &str, written: &str) -> Option<String> {
    let relative = written.starts_with("./") || written.starts_with("../");
    let mut parts: Vec<&str> = Vec::new();
    if relative {
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        parts.extend(dir.split('/').filter(|s| !s.is_empty()));
    }
    for segment in written.split('/') {
        match segment {
            "" | "." => {}
            ".." if relative => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A file whose `test_*` functions are tests: under a `test` or `tests` directory, or
/// named `test_*.c`, `*_test.c` or `*_tests.c`.
fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || path.split('/').rev().skip(1).any(|d| d == "tests" || d == "test")
}

/// McCabe cyclomatic complexity of a function body: 1 + each `if`, loop (`for`,
/// `while`, `do`), `case` with a value (not `default`), conditional expression
/// (`?:`) and `&&`/`||` (McCabe 1976, with boolean operators counted as most tools,
/// radon and lizard among them, do).
fn complexity(body: Node<'_>) -> u32 {
    crate::common::complexity::cyclomatic(body, |node| {
        Some(match node.kind_name() {
            "if_statement"
            | "for_statement"
            | "while_statement"
            | "do_statement"
            | "conditional_expression" => 1,
            "case_statement" if node.field("value").is_some() => 1,
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

    #[test]
    fn every_path_suffix_is_an_include_key() {
        assert_eq!(path_suffixes("a/b/c.h"), ["c.h", "b/c.h", "a/b/c.h"]);
        assert_eq!(path_suffixes("c.h"), ["c.h"]);
    }

    #[test]
    fn relative_includes_are_joined_to_the_directory() {
        assert_eq!(include_target("src/x/a.c", "../util.h").as_deref(), Some("src/util.h"));
        assert_eq!(include_target("src/a.c", "./b.h").as_deref(), Some("src/b.h"));
        assert_eq!(include_target("src/a.c", "net/ip.h").as_deref(), Some("net/ip.h"));
        assert_eq!(include_target("a.c", "../../up.h"), None);
    }

    fn checked(path: &str, src: &str) -> FileFacts {
        crate::checked(extract(path, src.as_bytes()), src)
    }

    /// Found by mutating the cases: tree-sitter closes an unterminated body at the
    /// end of the file, after its last newline, one line past the file's last.
    #[test]
    fn a_body_left_open_at_the_end_of_the_file_ends_on_its_last_line() {
        let facts = checked("a.c", "int one(void) {\n    return 1;\n#define LIMIT 10\n");
        assert_eq!(facts.nodes[1].span.end_line, 3);
    }

    /// Found by mutating the cases: a name tree-sitter made up (MISSING) is empty and
    /// would give a node the module's id.
    #[test]
    fn names_tree_sitter_made_up_make_no_nodes() {
        for src in
            ["typedef enum mode { READ, WRI { A, B };\n", "typedef enum { READ, WRI { A };\n"]
        {
            let facts = checked("a.c", src);
            assert!(facts.nodes.iter().skip(1).all(|n| !n.name.is_empty()), "{src:?}");
        }
    }

    #[test]
    fn test_files_by_name_and_directory() {
        assert!(is_test_file("tests/parse.c"));
        assert!(is_test_file("test_parse.c"));
        assert!(is_test_file("src/parse_test.c"));
        assert!(!is_test_file("src/parse.c"));
        assert!(!is_test_file("src/testing.c"));
    }
}

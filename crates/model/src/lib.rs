//! Plain data shared by every codehub crate: node and edge kinds, spans, languages,
//! the rules for node ids (SPEC §2) and the state directory's file names. No IO, no
//! parsing, no database.

#![warn(missing_docs)]

pub mod facts;
pub mod keys;
mod state;
pub mod state_dir;

pub use state::{
    summary, Change, ChangeKind, DaemonStatus, Edge, EdgeEnd, IndexStatus, IndexingProgress,
    Member, NodeState, NodeSummary, PossibleEdge, Reached, Reference, Related, ScriptStats,
    TestReach, MAX_FIELD_BYTES, MAX_TEST_DEPTH,
};

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable wire and database spelling, e.g. `"type_alias"`.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the spelling produced by [`Self::as_str`]; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// What a node is (SPEC §1). Each language maps its constructs onto these.
    NodeKind {
        /// A source file; its id is its path.
        Module = "module",
        /// A class (Python, JavaScript/TypeScript, Java).
        Class = "class",
        /// A struct or record type.
        Struct = "struct",
        /// An enumeration.
        Enum = "enum",
        /// A Rust trait.
        Trait = "trait",
        /// An interface (TypeScript, Go, Java).
        Interface = "interface",
        /// A named alias of another type.
        TypeAlias = "type_alias",
        /// A function that is not a method.
        Function = "function",
        /// A function attached to a type: in a class, an impl, or with a Go receiver.
        Method = "method",
        /// A named constant.
        Constant = "constant",
    }
}

impl NodeKind {
    /// True for kinds that have a body of statements (functions and methods), the
    /// only kinds that carry a cyclomatic complexity above zero.
    pub fn is_callable(self) -> bool {
        matches!(self, NodeKind::Function | NodeKind::Method)
    }
}

string_enum! {
    /// A directed relation between two nodes (SPEC §1).
    EdgeKind {
        /// From a node to each node defined directly in it.
        Contains = "contains",
        /// From a node to what it imports.
        Imports = "imports",
        /// From a function or method to what it calls.
        Calls = "calls",
        /// From a class or type to a base it extends.
        Inherits = "inherits",
        /// From a type to an interface or trait it implements.
        Implements = "implements",
        /// From a test to the code it exercises.
        Tests = "tests",
        /// From a node to a node it uses other than by calling it: as a value (passed,
        /// assigned, returned, stored), in a type annotation, or as a decorator. How it
        /// is used is the edge's [`ReferenceKind`].
        References = "references",
    }
}

string_enum! {
    /// How a node is used where it is not called (`graph.references`). `value`,
    /// `annotation` and `decorator` are the uses a [`EdgeKind::References`] edge
    /// records; `import` and `base` are the `imports` and `inherits`/`implements`
    /// edges seen as uses.
    ReferenceKind {
        /// Used as a value: passed as an argument, assigned, returned, stored in a
        /// container, compared (`register(handler)`, `x = Model`).
        Value = "value",
        /// Named in a type annotation (`def f(r: HttpRequest) -> Response`).
        Annotation = "annotation",
        /// Applied as a decorator (`@cached_property`); the application is also a
        /// `calls` edge.
        Decorator = "decorator",
        /// Imported (`from .models import Model`).
        Import = "import",
        /// Named as a base class or implemented interface.
        Base = "base",
    }
}

string_enum! {
    /// How sure codehub is of an edge's destination (SPEC §3).
    Provenance {
        /// Same scope, or reached through an explicit import.
        Exact = "exact",
        /// A heuristic: a receiver type guessed, one of several same-named candidates.
        Inferred = "inferred",
        /// Never stored: a test that reaches the node through production code, not by
        /// its own calls (`test → helper → f`), found at read time from the stored
        /// `tests` and `calls` edges to a bounded path length ([`TestReach`]).
        Indirect = "indirect",
        /// Never stored: a call site whose callee name matches a node but which was not
        /// resolved to it, reported beside an answer ([`PossibleEdge`]), never as an edge.
        Possible = "possible",
        /// The destination is outside the root and known by its qualified name
        /// (`builtins.len`, `os.path.join`): the call is resolved, to code the index
        /// does not hold, so it is no possible edge of any node. Stored unresolved
        /// (`resolved = 0`, `dst` the name), as there is no node to point to.
        External = "external",
        /// The destination is kept by name only: outside the root, dynamic, or unknown.
        Unresolved = "unresolved",
    }
}

string_enum! {
    /// Why a [`PossibleEdge`] may be real: what ranks it among the call sites that
    /// only match by name. Each adds [`Evidence::weight`] to the edge's score.
    Evidence {
        /// The call site is in the file that defines the node (its module).
        SameModule = "same_module",
        /// The call site's file imports something from the file that defines the node.
        ImportsModule = "imports_module",
        /// The receiver is named like the node's class or module, compared by words
        /// without regard to case or `_` (`request.get_host` → `HttpRequest`).
        ReceiverName = "receiver_name",
        /// The call passes as many arguments as the node's signature accepts.
        Arity = "arity",
        /// (Callees) some node of the index has the called name: the call may reach
        /// one of them.
        NameInIndex = "name_in_index",
    }
}

impl Evidence {
    /// What this evidence adds to a possible edge's score: a receiver named like the
    /// class says most, the module relation next, arity and a known name least.
    pub fn weight(self) -> u32 {
        match self {
            Evidence::ReceiverName => 4,
            Evidence::SameModule | Evidence::ImportsModule => 2,
            Evidence::Arity | Evidence::NameInIndex => 1,
        }
    }
}

string_enum! {
    /// The source languages codehub parses (SPEC §4).
    Language {
        /// `.py`, `.pyi`.
        Python = "python",
        /// `.rs`.
        Rust = "rust",
        /// `.js`, `.mjs`, `.cjs`, `.jsx`.
        JavaScript = "javascript",
        /// `.ts`, `.tsx`, `.mts`, `.cts`.
        TypeScript = "typescript",
        /// `.c`, and `.h` unless it holds C++ ([`Language::of`]).
        C = "c",
        /// `.cpp`, `.cc`, `.cxx`, `.c++`, `.hpp`, `.hh`, `.hxx`, `.h++`, and a `.h`
        /// that holds C++ ([`Language::of`]).
        Cpp = "cpp",
        /// `.go`.
        Go = "go",
        /// `.java`.
        Java = "java",
        /// `.cs`.
        CSharp = "csharp",
        /// `.rb`, `.rake`, `.gemspec`, and files named `Rakefile` or `Gemfile`.
        Ruby = "ruby",
        /// `.php`, `.phtml`.
        Php = "php",
    }
}

impl Language {
    /// The language of a path by its extension (SPEC §4), `None` when codehub does not
    /// parse it. `.tsx` is TypeScript (parsed with the TSX grammar).
    ///
    /// `.c` and `.h` are C; `.cpp`, `.cc`, `.cxx`, `.c++` and the headers `.hpp`,
    /// `.hh`, `.hxx`, `.h++` are C++. A `.h` is C by its name alone: whether it is a
    /// C++ header depends on its content, which [`Language::of`] reads.
    ///
    /// `.go` is Go (`_test.go` files too: their tests are told apart by the extractor).
    /// `.java` is Java. `.cs` is C#.
    ///
    /// `.rb`, `.rake` and `.gemspec` are Ruby, and so are files named exactly
    /// `Rakefile` or `Gemfile` (Ruby by convention, with no extension to tell it):
    /// the name must match whole and case included, so `Gemfile.lock` (not Ruby) and
    /// `rakefile` stay unparsed.
    ///
    /// `.php` and `.phtml` (templates: PHP between `<?php` and `?>`) are PHP; `.phpt`
    /// (PHP's own test format, sections of which are not PHP) is not parsed.
    pub fn from_path(path: &str) -> Option<Language> {
        let file = path.rsplit('/').next().unwrap_or(path);
        if matches!(file, "Rakefile" | "Gemfile") {
            return Some(Language::Ruby);
        }
        let ext = file.rsplit_once('.')?.1;
        Some(match ext {
            "py" | "pyi" => Language::Python,
            "rs" => Language::Rust,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "tsx" | "mts" | "cts" => Language::TypeScript,
            "c" | "h" => Language::C,
            "cpp" | "cc" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "h++" => Language::Cpp,
            "go" => Language::Go,
            "java" => Language::Java,
            "cs" => Language::CSharp,
            "rb" | "rake" | "gemspec" => Language::Ruby,
            "php" | "phtml" => Language::Php,
            _ => return None,
        })
    }
}

/// How many bytes of a `.h` file [`Language::of`] reads for C++ syntax.
pub const HEADER_SNIFF_BYTES: usize = 64 * 1024;

impl Language {
    /// The language of the file at `path` whose content is `source`: as
    /// [`Language::from_path`], except that a `.h` file is C++ when its first
    /// [`HEADER_SNIFF_BYTES`] show C++ (and C otherwise): a line starting (after
    /// blanks) with a word only C++ has (`class`, `namespace`, `template`, `using`,
    /// `virtual`, `explicit`, `friend`, `constexpr`, or an access label `public:`,
    /// `private:`, `protected:`), a const member function (`) const {` or
    /// `) const;`), or an `#include` of a standard C++ header (`<vector>`: a name
    /// without an extension). Comments are not told apart. `#ifdef __cplusplus` and
    /// `extern "C"` do not count: C headers use them to be included from C++. The
    /// rule reads only the file, so the choice is a pure function of `(path,
    /// bytes)` like the rest of extraction.
    pub fn of(path: &str, source: &[u8]) -> Option<Language> {
        let language = Language::from_path(path)?;
        if language == Language::C && path.ends_with(".h") && header_is_cpp(source) {
            return Some(Language::Cpp);
        }
        Some(language)
    }
}

/// Whether a header's first [`HEADER_SNIFF_BYTES`] show C++ (see [`Language::of`]).
fn header_is_cpp(source: &[u8]) -> bool {
    let head = &source[..source.len().min(HEADER_SNIFF_BYTES)];
    head.split(|&b| b == b'\n').any(|line| {
        let start = line.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(line.len());
        let line = &line[start..];
        let word_end = line
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(line.len());
        let (word, rest) = line.split_at(word_end);
        let keyword = match word {
            b"class" | b"namespace" | b"template" | b"using" | b"virtual" | b"explicit"
            | b"friend" | b"constexpr" => {
                rest.first().is_some_and(|b| b.is_ascii_whitespace() || *b == b'<')
            }
            b"public" | b"private" | b"protected" => rest.trim_ascii_start().starts_with(b":"),
            _ => false,
        };
        keyword || const_member(line) || includes_cpp_header(line)
    })
}

/// A line with a const member function: `) const {` or `) const;`.
fn const_member(line: &[u8]) -> bool {
    line.windows(7).enumerate().any(|(i, w)| {
        w == b") const"
            && line[i + 7..].trim_ascii_start().first().is_some_and(|b| matches!(b, b'{' | b';'))
    })
}

/// `#include <vector>`: a standard C++ header, named without an extension.
fn includes_cpp_header(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"#") else { return false };
    let Some(rest) = rest.trim_ascii_start().strip_prefix(b"include") else { return false };
    let Some(rest) = rest.trim_ascii_start().strip_prefix(b"<") else { return false };
    let Some(end) = rest.iter().position(|&b| b == b'>') else { return false };
    let name = &rest[..end];
    !name.is_empty() && !name.contains(&b'.')
}

string_enum! {
    /// Why a node was last written (SPEC §3).
    UpdateSource {
        /// Written by a cold index: of an empty store, or finishing one a run left incomplete.
        ColdStart = "cold_start",
        /// Written because its own file changed, appeared or was renamed (any run but a cold one).
        FileChange = "file_change",
        /// Its edges were re-linked because another file changed.
        DependencyChange = "dependency_change",
        /// Reserved for writes made by hand: this build never writes it, and reads a stored
        /// value it does not know as it.
        Manual = "manual",
    }
}

/// Where a node sits in its file. Lines are 1-based and inclusive; bytes are 0-based
/// and half-open (`start_byte..end_byte`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Span {
    /// First line of the node, 1-based.
    pub start_line: u32,
    /// Last line of the node, 1-based inclusive.
    pub end_line: u32,
    /// Offset of the node's first byte in the file, 0-based.
    pub start_byte: u32,
    /// Offset one past the node's last byte (exclusive).
    pub end_byte: u32,
}

/// What separates a node id's path from its qualified name (SPEC §2).
pub const ID_SEPARATOR: &str = "::";

/// Whether the nodes of the file at `path` can have ids: its path must not contain
/// [`ID_SEPARATOR`], or `{path}::{qualified_name}` could not be split back (the
/// first `::` is the separator). Files whose path fails this are not indexed; the
/// indexer reports them as skipped. Refusing them keeps every id's prefix the
/// file's path verbatim, which users and clients rely on; escaping would not.
pub fn path_is_addressable(path: &str) -> bool {
    !path.contains(ID_SEPARATOR)
}

/// The id of the node `qualified_name` in the file `path` (SPEC §2):
/// `{path}::{qualified_name}`, or just `{path}` for the module itself (an empty
/// `qualified_name`). `path` is root-relative with `/` separators.
pub fn node_id(path: &str, qualified_name: &str) -> String {
    if qualified_name.is_empty() {
        path.to_owned()
    } else {
        format!("{path}::{qualified_name}")
    }
}

/// Splits a node id into `(path, qualified_name)` at the first `::`; the qualified
/// name is empty for a module. Inverse of [`node_id`] for every path that
/// [`path_is_addressable`] accepts.
pub fn split_node_id(id: &str) -> (&str, &str) {
    match id.find("::") {
        Some(i) => (&id[..i], &id[i + 2..]),
        None => (id, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_cpp_when_a_line_starts_with_a_word_only_cpp_has() {
        let of = |src: &str| Language::of("a.h", src.as_bytes());
        assert_eq!(of("int f(void);\n"), Some(Language::C));
        assert_eq!(of("#ifdef __cplusplus\nextern \"C\" {\n#endif\n"), Some(Language::C));
        assert_eq!(of("int classify(int);\nstruct template_s;\n"), Some(Language::C));
        assert_eq!(of("namespace a {\n}\n"), Some(Language::Cpp));
        assert_eq!(of("  class A;\n"), Some(Language::Cpp));
        assert_eq!(of("template<typename T> T id(T);\n"), Some(Language::Cpp));
        assert_eq!(of("struct A {\n public:\n int x;\n};\n"), Some(Language::Cpp));
        assert_eq!(of("using std::string;\n"), Some(Language::Cpp));
        assert_eq!(of("struct A {\n  int f() const { return 1; }\n};\n"), Some(Language::Cpp));
        assert_eq!(of("#include <vector>\n"), Some(Language::Cpp));
        assert_eq!(of("#include <stdio.h>\n#define F(x) const int x\n"), Some(Language::C));
        assert_eq!(of("asm volatile(\"\" ::: \"memory\");\n"), Some(Language::C));
        assert_eq!(Language::of("a.c", b"class A {};"), Some(Language::C));
        assert_eq!(Language::of("a.hpp", b"int f(void);"), Some(Language::Cpp));
    }

    #[test]
    fn ids_round_trip() {
        assert_eq!(node_id("a/b.py", ""), "a/b.py");
        assert_eq!(node_id("a/b.py", "C.m"), "a/b.py::C.m");
        assert_eq!(split_node_id("a/b.py::C.m"), ("a/b.py", "C.m"));
        assert_eq!(split_node_id("a/b.py"), ("a/b.py", ""));
    }

    #[test]
    fn paths_with_the_id_separator_are_not_addressable() {
        assert!(path_is_addressable("plain/ab.js"));
        assert!(path_is_addressable("c:/x.py"));
        assert!(!path_is_addressable("weird/a::b.js"));
        // Why: the id of such a file's node splits at the path's own `::`.
        assert_ne!(
            split_node_id(&node_id("weird/a::b.js", "A.hello")),
            ("weird/a::b.js", "A.hello")
        );
    }

    #[test]
    fn languages_by_extension() {
        assert_eq!(Language::from_path("x/y.pyi"), Some(Language::Python));
        assert_eq!(Language::from_path("y.tsx"), Some(Language::TypeScript));
        assert_eq!(Language::from_path("y.cjs"), Some(Language::JavaScript));
        assert_eq!(Language::from_path("src/main.c"), Some(Language::C));
        assert_eq!(Language::from_path("include/a.h"), Some(Language::C));
        assert_eq!(Language::from_path("src/a.cc"), Some(Language::Cpp));
        assert_eq!(Language::from_path("include/a.hpp"), Some(Language::Cpp));
        assert_eq!(Language::from_path("a.c++"), Some(Language::Cpp));
        assert_eq!(Language::from_path("cmd/main_test.go"), Some(Language::Go));
        assert_eq!(Language::from_path("go.mod"), None);
        assert_eq!(Language::from_path("src/main/java/a/App.java"), Some(Language::Java));
        assert_eq!(Language::from_path("src/App/Program.cs"), Some(Language::CSharp));
        assert_eq!(Language::from_path("App.class"), None);
        assert_eq!(Language::from_path("lib/rack/request.rb"), Some(Language::Ruby));
        assert_eq!(Language::from_path("lib/tasks/db.rake"), Some(Language::Ruby));
        assert_eq!(Language::from_path("rack.gemspec"), Some(Language::Ruby));
        assert_eq!(Language::from_path("Rakefile"), Some(Language::Ruby));
        assert_eq!(Language::from_path("sub/Gemfile"), Some(Language::Ruby));
        assert_eq!(Language::from_path("Gemfile.lock"), None);
        assert_eq!(Language::from_path("src/Http/Request.php"), Some(Language::Php));
        assert_eq!(Language::from_path("views/page.phtml"), Some(Language::Php));
        assert_eq!(Language::from_path("tests/a.phpt"), None);
        assert_eq!(Language::from_path("a.dir/Makefile"), None);
        assert_eq!(Language::from_path("Makefile"), None);
        assert_eq!(Language::from_path("a.txt"), None);
    }

    #[test]
    fn kinds_parse_their_spelling() {
        for kind in NodeKind::ALL {
            assert_eq!(NodeKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(NodeKind::parse("banana"), None);
    }
}

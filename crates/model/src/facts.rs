//! What an extractor produces for one file: the plain data handed from the parsing
//! workers to the single writer. Immutable once built; no IO, no tree-sitter.

use crate::{EdgeKind, Language, NodeKind, Provenance, Span};

/// Everything extracted from one file. `nodes[0]` is always the module node.
#[derive(Clone, Debug, PartialEq)]
pub struct FileFacts {
    /// Root-relative path with `/` separators.
    pub path: String,
    pub language: Language,
    /// BLAKE3 of the file's bytes, hex.
    pub file_hash: String,
    /// Number of lines in the file (a trailing newline does not start a new line).
    pub line_count: u32,
    /// Nodes in source order; parents come before their children.
    pub nodes: Vec<NodeFacts>,
    pub edges: Vec<EdgeFacts>,
    /// Names other files can link against (see [`Symbol`]).
    pub symbols: Vec<Symbol>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One node's extracted state (SPEC §3, minus the fields the store derives: callers,
/// callees, related tests, version, timestamps).
#[derive(Clone, Debug, PartialEq)]
pub struct NodeFacts {
    /// `{path}::{qualified_name}`, or `{path}` for the module (SPEC §2).
    pub id: String,
    pub kind: NodeKind,
    pub name: String,
    /// Dotted path inside the file, with `#N` for the N-th duplicate; empty for the module.
    pub qualified_name: String,
    /// Id of the containing node; `None` only for the module.
    pub parent: Option<String>,
    pub span: Span,
    /// Declaration header with whitespace runs collapsed, e.g. `def f(self, x: int) -> str`.
    pub signature: Option<String>,
    /// Full docstring / doc comment text, cleaned of comment markers and indentation.
    pub docstring: Option<String>,
    /// Decorators or attributes as written, e.g. `@staticmethod`, `#[test]`.
    pub decorators: Vec<String>,
    /// Modules: every imported name; other nodes: the imported names they use.
    pub imports: Vec<String>,
    /// BLAKE3 over the node's exact source text, hex.
    pub source_hash: String,
    pub line_count: u32,
    /// McCabe cyclomatic complexity: 1 + decision points (functions and methods), else 0.
    pub complexity: u32,
    /// All parameters and the return are annotated (languages with optional types);
    /// always true for Rust, whose signatures are fully typed.
    pub has_type_hints: bool,
}

/// An edge as the extractor sees it: the source is a node of this file, the
/// destination is resolved here, or left as a key for the store to link globally.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeFacts {
    pub kind: EdgeKind,
    /// Id of the source node (always in this file).
    pub src: String,
    pub target: Target,
    /// 1-based line of the site (the call, the import, the base class).
    pub line: u32,
    /// Arguments passed at a call site, when the extractor counted them (Python
    /// calls without `*`/`**` unpacking); `None` for other edges and languages.
    /// Ranks possible edges by arity (see `model::Evidence::Arity`).
    pub arity: Option<u16>,
}

/// Where an edge points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A node of this same file, resolved by scope.
    Node { id: String, provenance: Provenance },
    /// A global symbol key (see [`Symbol`]), linked by the store against every file's
    /// symbols. `name` is what to show when nothing defines the key (e.g. `os.path.join`).
    /// `inferred` marks keys built from a heuristic (a guessed receiver type).
    Key { key: String, name: String, inferred: bool },
    /// Known by name only (a builtin, a dynamic call): always unresolved.
    Name(String),
}

/// A name this file defines for other files, in a language-specific key space:
/// `py:django.db.models.Q`, `rs:{crate dir}:crate.a.Foo`, `js:src/util.parse`.
/// Members are always separated by `.` so that a key's members share its prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub key: String,
    pub target: SymbolTarget,
}

/// What a [`Symbol`] stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SymbolTarget {
    /// A node of this file.
    Node(String),
    /// Another key: a re-export (`from .query import QuerySet` in a package `__init__`).
    Alias(String),
}

/// Something the user should know about a file: a syntax error tree-sitter recovered
/// from, invalid UTF-8, nesting past the extractor's depth limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line, 0 when the diagnostic is about the whole file.
    pub line: u32,
    pub message: String,
}

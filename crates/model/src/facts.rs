//! What an extractor produces for one file: the plain data handed from the parsing
//! workers to the single writer. Immutable once built; no IO, no tree-sitter.

use crate::{EdgeKind, Language, NodeKind, Provenance, Span};

/// Everything extracted from one file. `nodes[0]` is always the module node.
#[derive(Clone, Debug, PartialEq)]
pub struct FileFacts {
    /// Root-relative path with `/` separators.
    pub path: String,
    /// The language the file was parsed as (from its extension and, for a `.h`, its
    /// content: [`Language::of`]).
    pub language: Language,
    /// BLAKE3 of the file's bytes, hex.
    pub file_hash: String,
    /// Number of lines in the file (a trailing newline does not start a new line).
    pub line_count: u32,
    /// Nodes in source order; parents come before their children.
    pub nodes: Vec<NodeFacts>,
    /// Every edge whose source is a node of this file, `contains` edges included.
    pub edges: Vec<EdgeFacts>,
    /// Names other files can link against (see [`Symbol`]).
    pub symbols: Vec<Symbol>,
    /// Syntax errors tree-sitter recovered from, invalid UTF-8, nesting past the depth
    /// limit; empty for a clean parse.
    pub diagnostics: Vec<Diagnostic>,
}

/// One node's extracted state (SPEC §3, minus the fields the store derives: callers,
/// callees, related tests, version, timestamps).
#[derive(Clone, Debug, PartialEq)]
pub struct NodeFacts {
    /// `{path}::{qualified_name}`, or `{path}` for the module (SPEC §2).
    pub id: String,
    /// What the node is; `nodes[0]` is always a `module`.
    pub kind: NodeKind,
    /// The node's own name as the source wrote it; for the module, the file's stem, or
    /// its directory's name for `__init__.*`, `mod.*` and `index.*`; `<anonymous>` for a
    /// definition whose name broken syntax left empty.
    pub name: String,
    /// Dotted path inside the file, with `#N` for the N-th duplicate; empty for the module.
    pub qualified_name: String,
    /// Id of the containing node; `None` only for the module.
    pub parent: Option<String>,
    /// Where the node sits: lines 1-based inclusive, bytes 0-based half-open; the
    /// module spans the whole file.
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
    /// Lines the node spans (`end_line - start_line + 1`); for the module, the file's
    /// line count.
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
    /// The relation; a `contains` edge goes from a node to each node defined directly in it.
    pub kind: EdgeKind,
    /// Id of the source node (always in this file).
    pub src: String,
    /// Where the edge points.
    pub target: Target,
    /// 1-based line of the site (the call, the import, the base class).
    pub line: u32,
    /// Arguments passed at a call site, when the extractor counted them (Python
    /// calls without `*`/`**` unpacking); `None` for other edges and languages.
    /// Ranks possible edges by arity (see `model::Evidence::Arity`).
    pub arity: Option<u16>,
    /// How a [`EdgeKind::References`] edge uses its target (`value`, `annotation`,
    /// `decorator`); `None` for every other kind.
    pub role: Option<crate::ReferenceKind>,
}

/// Where an edge points.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A node of this same file, resolved by scope.
    Node {
        /// Id of the destination node.
        id: String,
        /// `exact` when scope resolves it, `inferred` when a heuristic chose it.
        provenance: Provenance,
    },
    /// A global symbol key (see [`Symbol`]), linked by the store against every file's
    /// symbols. `name` is what to show when nothing defines the key (e.g. `os.path.join`).
    /// `inferred` marks keys built from a heuristic (a guessed receiver type).
    Key {
        /// The symbol key to link against, e.g. `py:os.path.join`.
        key: String,
        /// What to show when no file defines the key, e.g. `os.path.join`.
        name: String,
        /// The key comes from a heuristic: an edge linked through it is `inferred`.
        inferred: bool,
    },
    /// Known by name only (a builtin, a dynamic call): always unresolved.
    Name(String),
}

/// A name this file defines for other files, in a language-specific key space:
/// `py:django.db.models.Q`, `rs:{crate dir}:crate.a.Foo`, `js:src/util.parse`.
/// Members are always separated by `.` so that a key's members share its prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// The key, in its language's key space (`py:django.db.models.Q`).
    pub key: String,
    /// The node or key it stands for.
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
    /// What happened, for a person, e.g. `invalid UTF-8: undecodable bytes shown as U+FFFD`.
    pub message: String,
}

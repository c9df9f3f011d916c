//! What users see of the graph: a node's full state (SPEC §3), short node summaries
//! for lists, and edges. These are the shapes the CLI prints with `--json` and the
//! servers put on the wire.

use crate::{EdgeKind, Evidence, Language, NodeKind, Provenance, Span, UpdateSource};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything stored about one node (SPEC §3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NodeState {
    /// `{path}::{qualified_name}`, or `{path}` for a module (SPEC §2).
    pub id: String,
    /// What the node is (`function`, `method`, `class`, ...).
    pub kind: NodeKind,
    /// The node's own name as the source wrote it (`filter`); for a module, the file's
    /// stem, or its directory's name for `__init__.*`, `mod.*` and `index.*`.
    pub name: String,
    /// Dotted path of the node inside its file (`QuerySet.filter`), suffixed `#2`, `#3`,
    /// ... for later duplicates; empty for a module.
    pub qualified_name: String,
    /// Root-relative path of the node's file, with `/` separators.
    pub path: String,
    /// The language of the node's file.
    pub language: Language,
    /// Id of the containing node; `None` for a module.
    pub parent: Option<String>,
    /// Where the node sits in its file: lines 1-based inclusive, bytes 0-based half-open.
    pub span: Span,
    /// The declaration header with whitespace runs collapsed, e.g.
    /// `def filter(self, *args, **kwargs)`; `None` for a module.
    pub signature: Option<String>,
    /// Full docstring or doc comment, cleaned of comment markers and indentation;
    /// `None` when the node has none.
    pub docstring: Option<String>,
    /// First line of the docstring.
    pub summary: Option<String>,
    /// Decorators or attributes as written, e.g. `@staticmethod`, `#[test]`.
    pub decorators: Vec<String>,
    /// For a module, every name it imports; for other nodes, the imported names they use.
    pub imports: Vec<String>,
    /// BLAKE3 of the node's source text, hex.
    pub source_hash: String,
    /// BLAKE3 of the file's bytes, hex.
    pub file_hash: String,
    /// Lines the node spans (`end_line - start_line + 1`); for a module, the file's
    /// line count (a trailing newline does not start a new line).
    pub line_count: u32,
    /// McCabe cyclomatic complexity (0 for non-callables).
    pub complexity: u32,
    /// All parameters and the return are annotated (languages with optional types);
    /// always true for Rust functions, whose signatures are fully typed.
    pub has_type_hints: bool,
    /// The signature changed in an update while the docstring stayed the same; cleared
    /// when the docstring changes.
    pub docstring_outdated: bool,
    /// Call sites that call this node.
    pub callers: Vec<EdgeEnd>,
    /// What this node calls; unresolved targets are kept by name.
    pub callees: Vec<EdgeEnd>,
    /// Ids of tests that exercise this node.
    pub related_tests: Vec<String>,
    /// UUIDv7; changes exactly when `source_hash` changes.
    pub version: String,
    /// RFC 3339 UTC time of the last change to this node.
    pub last_updated: String,
    /// Why the node was last written (SPEC §3).
    pub update_source: UpdateSource,
    /// The graph clock at which this node last changed.
    pub clock: u64,
    /// The node's id before its file was renamed with unchanged content.
    pub renamed_from: Option<String>,
    /// Custom fields computed by update scripts (issue 14): field name → JSON value,
    /// each under [`MAX_FIELD_BYTES`] serialised. Absent when no script set any.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, serde_json::Value>,
    /// Notes update scripts left on the node (`note(text)`), as `{script}: {text}`, and
    /// their failures on it, as `{script}: error: {message}`. Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The largest serialised JSON value an update script may store in one custom field.
pub const MAX_FIELD_BYTES: usize = 4096;

/// The far end of an edge as seen from one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdgeEnd {
    /// A node id when `resolved`, else the name the source used (`os.path.join`).
    pub id: String,
    /// True when `id` is a node of the root; false when the far end is kept by name.
    pub resolved: bool,
    /// How sure codehub is of the far end: `exact`, `inferred`, or `unresolved`.
    pub provenance: Provenance,
    /// 1-based line of the site, in the source node's file.
    pub line: u32,
}

/// A node in one line: what lists (find, search, callers) show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NodeSummary {
    /// The node's id (SPEC §2).
    pub id: String,
    /// What the node is.
    pub kind: NodeKind,
    /// Root-relative path of the node's file.
    pub path: String,
    /// First line of the node, 1-based.
    pub start_line: u32,
    /// Last line of the node, 1-based inclusive.
    pub end_line: u32,
    /// The declaration header, as in [`NodeState::signature`].
    pub signature: Option<String>,
    /// First non-blank line of the docstring, trimmed; `None` without one.
    pub summary: Option<String>,
}

/// A directed edge (SPEC §3): `dst` is a node id, or a name when unresolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Edge {
    /// The relation.
    pub kind: EdgeKind,
    /// Id of the source node.
    pub src: String,
    /// Id of the destination node, or the name the source used when unresolved.
    pub dst: String,
    /// How sure codehub is of `dst`.
    pub provenance: Provenance,
    /// 1-based line of the site in `src`'s file.
    pub line: u32,
}

/// One step of a caller/callee traversal: `node` reached at `depth` (1 = direct) from
/// `via`, the node one step closer to the start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reached {
    /// Steps from the start node: 1 for a direct caller or callee.
    pub depth: u32,
    /// Id of the node one step closer to the start (the start node itself at depth 1).
    pub via: String,
    /// The call edge between `via` and the node reached, seen from `via`: `edge.id` is
    /// the node reached (a name when unresolved; the traversal does not go past it).
    pub edge: EdgeEnd,
}

/// The longest path, in edges, from a test to a node it reaches indirectly
/// ([`TestReach`]): the test's own `tests` edge and then at most two `calls` edges
/// (`test → helper → f → node`). Direct tests (depth 1) already follow the helpers
/// of the test's own file to depth 3 when they are extracted.
pub const MAX_TEST_DEPTH: u32 = 3;

/// How a test reaches the node a `tests` answer is about. Shape on the wire:
/// `{"test": "tests/test_api.py::test_login", "provenance": "indirect", "depth": 2,
/// "via": "tests/helpers.py::make_client"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TestReach {
    /// The test's id.
    pub test: String,
    /// `exact` or `inferred` for a stored `tests` edge to the node (the test calls it,
    /// directly or through helpers of its own file, or uses it as a fixture);
    /// `indirect` when the test reaches it only through calls of other code
    /// (shared helpers, production code).
    pub provenance: Provenance,
    /// Edges on the path from the test to the node: 1 for a stored `tests` edge; for
    /// an indirect one, 1 plus the `calls` edges after it (at most [`MAX_TEST_DEPTH`]).
    pub depth: u32,
    /// For an indirect test, the node its own `tests` edge reaches, where the chain
    /// of calls to the node starts; `null` for a direct one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// A member of a module or class (`graph.members`): a node defined directly in it, or
/// with `inherited_from` set, one its class inherits from a base in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Member {
    /// The member's name (its qualified name's last part, `#N` suffix kept).
    pub name: String,
    /// The member node.
    pub node: NodeSummary,
    /// Id of the base class that defines it when it is inherited; `null` for the
    /// node's own members.
    pub inherited_from: Option<String>,
}

/// One step of a type hierarchy (`graph.hierarchy`): a base reached going up, or a
/// subclass or implementation reached going down, at `depth` (1 = direct) from `via`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Related {
    /// Steps from the start node: 1 for a direct base or subtype.
    pub depth: u32,
    /// Id of the node one step closer to the start (the start node itself at depth 1).
    pub via: String,
    /// `inherits` (a base class, or a subclass going down) or `implements` (an
    /// interface or trait implemented, or an implementation going down).
    pub relation: EdgeKind,
    /// The node reached: `edge.id` is its id, or when unresolved the base's name as
    /// written (`Exception`, `models.Model` outside the root); it is not followed.
    pub edge: EdgeEnd,
}

/// A non-call use of a node (`graph.references`): where it is imported, used as a
/// value, named in a type annotation, applied as a decorator or named as a base.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reference {
    /// Id of the node whose code holds the use (a module for module-level code).
    pub src: String,
    /// Root-relative path of that node's file.
    pub path: String,
    /// 1-based line of the use in that file.
    pub line: u32,
    /// How it is used.
    pub kind: crate::ReferenceKind,
    /// `exact` when scope or an import resolves the use, `inferred` when a receiver's
    /// type was guessed.
    pub provenance: Provenance,
}

/// A call site that may be an edge the graph could not resolve (provenance
/// [`Provenance::Possible`], below `inferred`): for callers and tests, an unresolved
/// call whose callee's last name segment is the node's name; for callees, an
/// unresolved call the node makes. Shape on the wire:
/// `{"src": "django/middleware/common.py::CommonMiddleware.process_request",
/// "dst": "django/http/request.py::HttpRequest.get_host", "name": "request.get_host",
/// "line": 48, "kind": "calls", "provenance": "possible",
/// "evidence": ["imports_module", "receiver_name"], "score": 6}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PossibleEdge {
    /// The node that holds the call site (the possible caller or test).
    pub src: String,
    /// The node it may reach (the start node, or with depth > 1 a node reached on the
    /// way); for callees, the callee as the code names it (= `name`).
    pub dst: String,
    /// The callee as the code wrote it, e.g. `request.get_host` (at most 80 characters).
    pub name: String,
    /// 1-based line of the call site, in `src`'s file.
    pub line: u32,
    /// `calls`, or `tests` for a test's unresolved direct call.
    pub kind: EdgeKind,
    /// Always [`Provenance::Possible`].
    pub provenance: Provenance,
    /// What ranks it, strongest first; empty when only the name matches.
    pub evidence: Vec<Evidence>,
    /// The sum of the evidence's weights ([`Evidence::weight`]); lists are sorted by
    /// it, highest first.
    pub score: u32,
}

/// First line of a docstring, trimmed; `None` when it is blank.
pub fn summary(docstring: Option<&str>) -> Option<String> {
    let first = docstring?.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(first.to_owned())
}

/// What happened to a node at a clock (the change log behind `changes.since`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The node is new: its file is new, or the file now defines it.
    Added,
    /// The node's source text changed (a new `source_hash` and `version`), or its
    /// edges were re-linked because another file changed (`update_source` =
    /// `dependency_change`).
    Changed,
    /// The id is gone: its definition or its file was removed, or its file was renamed
    /// and the node did not survive under the new path.
    Removed,
}

/// One entry of the change log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Change {
    /// The clock of the commit that made the change.
    pub clock: u64,
    /// Id of the node (the id it had, for `removed`).
    pub node_id: String,
    /// What happened to it.
    pub change: ChangeKind,
    /// The file the node is (or was) in.
    pub path: String,
    /// The node's custom fields after the commit ([`NodeState::fields`]), for `added`
    /// and `changed`; absent when it has none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, serde_json::Value>,
}

/// Counts that describe an index: what `status` reports (the store computes it, the
/// wire carries it as is).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndexStatus {
    /// Indexed source files.
    pub files: u64,
    /// Nodes of every kind.
    pub nodes: u64,
    /// All edges but `contains`.
    pub edges: u64,
    /// Of those, edges whose destination is a node of the root.
    pub resolved_edges: u64,
    /// Files with at least one diagnostic.
    pub files_with_diagnostics: u64,
    /// The clock when the counts were taken.
    pub clock: u64,
    /// The store schema version.
    pub schema_version: u32,
    /// `[language, files]` pairs, by language name.
    pub languages: Vec<(String, u64)>,
    /// Nodes per language and kind: `kinds["python"]["method"]`.
    pub kinds: std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>>,
    /// The update scripts' audit trail, one entry per script that ever ran, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scripts: Vec<ScriptStats>,
}

/// What one update script did since the index was created (`status`, `/metrics`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScriptStats {
    /// The script's name (`risk` for `.codehub/scripts/risk.py`).
    pub script: String,
    /// Runs, one per node it was run for.
    pub runs: u64,
    /// Runs that raised, broke a rule of the host API or hit a limit.
    pub failures: u64,
    /// Of the failures, runs stopped by a limit (time, memory, recursion, host calls).
    pub limit_hits: u64,
    /// Time spent in the script's runs, in microseconds.
    pub micros: u64,
    /// Runs not repeated although something they read changed: every call they made
    /// answered as before (early cut-off).
    #[serde(default)]
    pub skipped: u64,
    /// The last failure: `{node id}: {message}`.
    pub last_error: Option<String>,
}

/// Facts about a running daemon, for `status`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DaemonStatus {
    /// The daemon's process id.
    pub pid: u32,
    /// Seconds since the daemon started.
    pub uptime_s: f64,
    /// File changes waiting to be applied.
    pub queue_depth: u64,
    /// File changes applied since the daemon started.
    pub changes_applied: u64,
    /// Full rescans run (at start, and after the OS dropped watch events).
    pub rescans: u64,
    /// The last error the daemon hit, if any (it kept running).
    pub last_error: Option<String>,
    /// `"inotify"` (or the platform's native watcher) or `"polling"`.
    pub watch_mode: String,
    /// Present while the daemon's start-up index (the reconcile of the tree with the
    /// store) runs: until it ends, answers may miss files and call edges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indexing: Option<IndexingProgress>,
    /// The process's metrics (what `GET /metrics` serves), as Prometheus series
    /// `name{labels}` → value: counters and gauges, and each histogram's `_count` and
    /// `_sum` (seconds). Empty when the daemon records no metrics.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub metrics: std::collections::BTreeMap<String, f64>,
}

/// How far the daemon's start-up index has come (see [`DaemonStatus::indexing`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndexingProgress {
    /// Files found by the walk and handled so far (parsed, unchanged or skipped).
    /// The walk streams, so the total is not known before it ends.
    pub files_done: u64,
    /// Seconds since the start-up index began.
    pub elapsed_s: f64,
}

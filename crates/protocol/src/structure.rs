//! Params and results of the structural methods (SPEC §8): `graph.members`,
//! `graph.hierarchy`, `graph.references`, and `impact` (a git diff's changed nodes,
//! their callers and the tests to run).

use crate::{is_false, Source};
use model::{Member, Reference, Related};
use serde::{Deserialize, Serialize};

/// Most steps a `graph.hierarchy` answer lists; a walk cut short says `truncated`.
pub const MAX_HIERARCHY: usize = 1000;

/// Params of `graph.members`: a module's or class's members in source order. Paged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MembersParams {
    /// An id, a qualified name or a bare name (ambiguous names are an error listing candidates).
    pub node: String,
    /// Also list what a class inherits from its bases in the index, after its own
    /// members: base by base (depth-first, left to right), each name once, the nearest
    /// definition winning. Default false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inherited: bool,
    /// Page size: at least 1; default 100 (the MCP tools `find_symbol` and `search`:
    /// 20); more than 1000 is clamped to 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page; absent for the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Result of `graph.members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MembersResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The id the `node` param resolved to.
    pub node: String,
    /// This page of members: own members in source order, then inherited ones.
    pub members: Vec<Member>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Which way `graph.hierarchy` walks.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum HierarchyDirection {
    /// Bases and implemented interfaces or traits only.
    Up,
    /// Subclasses and implementations only.
    Down,
    /// Both (the default).
    #[default]
    Both,
}

/// Params of `graph.hierarchy`: a type's bases, subclasses and implementations,
/// transitively.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HierarchyParams {
    /// An id, a qualified name or a bare name (ambiguous names are an error listing candidates).
    pub node: String,
    /// `up` (bases), `down` (subclasses and implementations) or `both` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<HierarchyDirection>,
    /// Levels to follow each way: 1 = direct bases and subtypes; default and at most 32.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = crate::MAX_DEPTH))]
    pub depth: Option<u32>,
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Result of `graph.hierarchy`: breadth-first each way, shallowest first, each node
/// once. At most 1000 steps each way; `truncated` says when that cut the walk short.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HierarchyResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The id the `node` param resolved to.
    pub node: String,
    /// Bases and implemented interfaces or traits (empty with `direction: down`).
    /// Bases outside the root are listed by name (`edge.resolved == false`).
    pub bases: Vec<Related>,
    /// Subclasses and implementations (empty with `direction: up`).
    pub subtypes: Vec<Related>,
    /// True when a list stopped at 1000 steps: the hierarchy goes on.
    pub truncated: bool,
}

/// Params of `graph.references`: a node's non-call uses. Paged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferencesParams {
    /// An id, a qualified name or a bare name (ambiguous names are an error listing candidates).
    pub node: String,
    /// Page size: at least 1; default 100 (the MCP tools `find_symbol` and `search`:
    /// 20); more than 1000 is clamped to 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page; absent for the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Result of `graph.references`: where the node is imported, used as a value, named
/// in an annotation, applied as a decorator or named as a base, by file and line.
/// Calls are not listed (`graph.callers` has them). Only uses resolved to the node
/// are listed; a use written through a variable (`f = g; use(f)`) is the use of `g`
/// at `f = g`. Imports and bases are found in every language; value and annotation
/// uses in Python, JavaScript and TypeScript (by bare name in JavaScript and
/// TypeScript: `a.b` passed as a value is not a use of `b`); decorator uses in Python.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReferencesResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The id the `node` param resolved to.
    pub node: String,
    /// This page of uses.
    pub references: Vec<Reference>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Params of `impact`: what a git diff changes, who calls it and which tests to run.
/// The diff is taken in the indexed root with the git CLI. Without `rev`, `staged`
/// or `worktree`: every change not committed (`git diff HEAD`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactParams {
    /// Compare the working tree with this revision (a commit, branch or tag, e.g.
    /// `main` or `HEAD~3`): the commits since it and the changes not committed. At
    /// most 200 bytes of letters, digits and `._/~^@{}-`, not starting with `-`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
    /// Only the staged changes (`git diff --cached`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub staged: bool,
    /// Only the changes not staged (`git diff`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub worktree: bool,
    /// Levels of callers to follow from the changed nodes: default 2, at most 32.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = crate::MAX_DEPTH))]
    pub depth: Option<u32>,
    /// Also list the possible callers of the changed nodes (calls of their names that
    /// could not be resolved), best first; default false: they are only counted.
    #[serde(default, skip_serializing_if = "is_false")]
    pub possible: bool,
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// How a file is changed in an `impact` diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileChangeKind {
    /// Changed in place.
    Modified,
    /// New in the diff.
    Added,
    /// Deleted in the diff: its nodes are gone from the index once it is current.
    Deleted,
}

/// Whether the index describes a changed file as it is on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndexedAs {
    /// The index holds the file as it is on disk: its changed nodes are exact.
    Current,
    /// The file changed since it was indexed: line numbers may not match; run
    /// `sync` (or pass `sync: true`) and ask again.
    Stale,
    /// Not in the index (not a language codehub parses, ignored, or deleted).
    NotIndexed,
}

/// One file of an `impact` diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ImpactFile {
    /// Root-relative path (the new path; the old one for a deleted file).
    pub path: String,
    /// Modified, added or deleted.
    pub change: FileChangeKind,
    /// Whether the index describes the file as it is on disk.
    pub indexed: IndexedAs,
    /// The changed line ranges of the new file, `[first, last]` 1-based inclusive (a
    /// deletion is the line after it).
    pub lines: Vec<[u32; 2]>,
}

/// Result of `impact`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ImpactResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The diff taken, as a git command line, e.g. `git diff HEAD`.
    pub diff: String,
    /// The files of the diff, in path order.
    pub files: Vec<ImpactFile>,
    /// The nodes the diff changes: the innermost functions and methods around each
    /// changed line range (else the innermost class or constant, else the module).
    pub changed: Vec<model::NodeSummary>,
    /// Their callers, breadth-first to `depth`, each once at its shallowest depth,
    /// changed nodes left out; `via` is the node one step closer to a changed one.
    pub callers: Vec<model::Reached>,
    /// How many possible callers the changed nodes have (calls of their names that
    /// could not be resolved); 0 = every call site resolved.
    pub possible_count: u64,
    /// With `possible: true`: the possible callers, best first; else empty.
    pub possible: Vec<model::PossibleEdge>,
    /// The tests to run: those exercising a changed node or one of its callers, and
    /// changed tests themselves, in id order.
    pub tests: Vec<model::NodeSummary>,
    /// True when a list stopped at 1000 entries.
    pub truncated: bool,
}

//! The wire types of codehub's JSON-RPC 2.0 interface (SPEC §6): requests, responses,
//! errors with their stable `data.kind`, daemon facts, and the typed params and
//! results of every method. Only these types (and the `model` types they embed) are
//! serialised on the wire; every transport (socket, HTTP, WebSocket, MCP) uses them.
//!
//! This crate is data only: no IO, and no table from [`ErrorKind`] to numeric codes —
//! that mapping lives in `server` (`server::errors`), next to the HTTP one.
//!
//! # Methods
//!
//! Params are a JSON object (or absent). Unknown fields are refused with
//! `invalid_params`, so a misspelt field never silently changes an answer. Every
//! method also accepts `"sync": true`, which runs the sync barrier before reading.
//! Every result carries `clock` (the store clock the answer was read at) and `source`
//! (`"daemon"` when a daemon answered, `"store"` when the index was read directly).
//!
//! | method | params | result |
//! |---|---|---|
//! | `health` | [`NoParams`] | [`HealthResult`] |
//! | `status` | [`NoParams`] | [`StatusResult`] |
//! | `sync` | [`SyncParams`] | [`SyncResult`] |
//! | `nodes.get` | [`NodeGetParams`] | [`NodeResult`] |
//! | `nodes.find` | [`FindParams`] | [`NodesPage`] |
//! | `graph.callers`, `graph.callees` | [`TraverseParams`] | [`TraverseResult`] |
//! | `graph.neighbors` | [`NodeParams`] | [`NeighborsResult`] |
//! | `graph.tests` | [`TestsParams`] | [`TestsResult`] |
//! | `graph.members` | [`MembersParams`] | [`MembersResult`] |
//! | `graph.hierarchy` | [`HierarchyParams`] | [`HierarchyResult`] |
//! | `graph.references` | [`ReferencesParams`] | [`ReferencesResult`] |
//! | `impact` | [`ImpactParams`] | [`ImpactResult`] |
//! | `search.text` | [`SearchParams`] | [`SearchResult`] |
//! | `changes.since` | [`ChangesParams`] | [`ChangesResult`] |
//! | `context.pack` | [`ContextParams`] | [`ContextResult`] |
//! | `changes.subscribe` | [`SubscribeParams`] | [`SubscribeResult`], then [`ChangesNotification`]s |
//! | `shutdown` | [`NoParams`] | [`ShutdownResult`] |
//!
//! # Paging
//!
//! Lists take `limit` (default [`DEFAULT_LIMIT`]; larger values are clamped to
//! [`MAX_LIMIT`]; 0 is `invalid_params`) and `cursor`, an opaque string taken from a
//! previous result's `next_cursor` (pass it back unchanged, with the same other
//! params). `next_cursor` is `null` on the last page. Pages are read at their own
//! clocks: when the graph changes between pages, compare the pages' `clock`s.

#![warn(missing_docs)]

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::fmt;

pub mod methods;
pub mod strict;
mod structure;

pub use structure::*;

pub use model::{
    Change, ChangeKind, DaemonStatus, EdgeEnd, EdgeKind, Evidence, IndexStatus, IndexingProgress,
    Member, NodeState, NodeSummary, PossibleEdge, Provenance, Reached, Reference, ReferenceKind,
    Related, TestReach, MAX_TEST_DEPTH,
};

/// The only JSON-RPC version spoken: the value of every message's `jsonrpc` field.
pub const JSONRPC_VERSION: &str = "2.0";
/// Page size when a request gives no `limit`.
pub const DEFAULT_LIMIT: u32 = 100;
/// Largest page size; larger `limit`s are clamped to it.
pub const MAX_LIMIT: u32 = 1000;
/// Traversal depth when `graph.callers`/`graph.callees` get no `depth` (direct calls).
pub const DEFAULT_DEPTH: u32 = 1;
/// Deepest traversal accepted; deeper requests are `invalid_params`.
pub const MAX_DEPTH: u32 = 32;
/// Most words a search query (`search.text`, `context.pack`'s `query`) may hold; more
/// are `too_large`. Full-text ranking costs grow with the square of the word count
/// (1,000 words took 3.8 s): 64 words answer in milliseconds.
pub const MAX_QUERY_WORDS: usize = 64;
/// Longest search query in bytes; longer ones are `too_large`.
pub const MAX_QUERY_BYTES: usize = 4096;
/// How long `sync` waits for the barrier when the params give no `timeout_ms`.
pub const DEFAULT_SYNC_TIMEOUT_MS: u64 = 9_000;
/// Longest `timeout_ms` `sync` accepts (10 minutes); more is `invalid_params`.
pub const MAX_SYNC_TIMEOUT_MS: u64 = 600_000;

/// The words of a search query, as the store matches them: maximal runs of letters,
/// digits and `_`. Bound a query with [`MAX_QUERY_WORDS`] on this count.
pub fn query_words(query: &str) -> impl Iterator<Item = &str> {
    query.split(|c: char| !c.is_alphanumeric() && c != '_').filter(|w| !w.is_empty())
}

/// Which answer a [`possible_note`] ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PossibleAbout {
    /// `graph.callers`: unresolved calls of the node's name.
    Callers,
    /// `graph.callees`: unresolved calls the node makes.
    Callees,
    /// `graph.tests`: tests whose call of the node's name is unresolved.
    Tests,
}

/// The line that ends every human and agent answer about callers, callees and tests
/// (the CLI, MCP and context packs share this wording): how many possible edges there
/// are and how to list them, or that the answer is definite. `node` is the start
/// node's id, `count` the result's `possible_count`, `listed` how many of them the
/// answer lists, `hint` how to ask for them (`--possible`, `possible: true`).
///
/// `"+10 possible call sites by name (unresolved receivers): --possible to list"`,
/// `"all call sites named get_host are resolved (definite)"`.
pub fn possible_note(
    about: PossibleAbout,
    node: &str,
    count: u64,
    listed: usize,
    hint: &str,
) -> String {
    let (_, qualified) = model::split_node_id(node);
    let last = qualified.rsplit('.').next().unwrap_or(qualified);
    let name = last.split('#').next().unwrap_or(last);
    let name = if name.is_empty() { node } else { name };
    let s = if count == 1 { "" } else { "s" };
    if count == 0 {
        return match about {
            PossibleAbout::Callers => {
                format!("all call sites named {name} are resolved (definite)")
            }
            PossibleAbout::Callees => "all calls resolved (definite)".to_owned(),
            PossibleAbout::Tests => {
                format!("no other test calls {name} by name (definite)")
            }
        };
    }
    let what = match about {
        PossibleAbout::Callers => {
            format!("+{count} possible call site{s} by name (unresolved receivers)")
        }
        PossibleAbout::Callees => {
            format!("+{count} call{s} not resolved (callee known by name only)")
        }
        PossibleAbout::Tests => format!("+{count} possible test{s} by name (unresolved calls)"),
    };
    match listed {
        0 => format!("{what}: {hint} to list"),
        n if n as u64 >= count => format!("{what}, listed above"),
        n => format!("{what}, the best {n} listed above"),
    }
}

/// How a test of a `graph.tests` answer reaches the node, as the CLI, MCP and
/// context packs say it: nothing for an `exact` direct test; `"inferred"`;
/// `"indirect: 2 edges, via tests/helpers.py::check_page"`.
pub fn test_reach_note(reach: &TestReach) -> Option<String> {
    match reach.provenance {
        Provenance::Exact if reach.depth <= 1 => None,
        Provenance::Indirect => {
            let via = reach.via.as_deref().map(|v| format!(", via {v}")).unwrap_or_default();
            Some(format!("indirect: {} edges{via}", reach.depth))
        }
        other => Some(other.to_string()),
    }
}

/// Method names, as they appear in a request's `method` field: the names of the
/// [`methods`] table, for matching on a request's method.
pub mod method {
    use super::methods::{self, Method};

    /// Liveness: answers at once with the clock.
    pub const HEALTH: &str = <methods::Health as Method>::NAME;
    /// Index counts, plus daemon facts when a daemon answers.
    pub const STATUS: &str = <methods::Status as Method>::NAME;
    /// The sync barrier (SPEC §1): returns once earlier file changes are visible.
    pub const SYNC: &str = <methods::Sync as Method>::NAME;
    /// One node's full state.
    pub const NODES_GET: &str = <methods::NodesGet as Method>::NAME;
    /// Nodes by id, qualified name or name (then name prefix).
    pub const NODES_FIND: &str = <methods::NodesFind as Method>::NAME;
    /// Who calls a node, breadth-first to a depth.
    pub const GRAPH_CALLERS: &str = <methods::GraphCallers as Method>::NAME;
    /// What a node calls, breadth-first to a depth.
    pub const GRAPH_CALLEES: &str = <methods::GraphCallees as Method>::NAME;
    /// A node's parent, direct callers, direct callees and tests.
    pub const GRAPH_NEIGHBORS: &str = <methods::GraphNeighbors as Method>::NAME;
    /// The tests that exercise a node.
    pub const GRAPH_TESTS: &str = <methods::GraphTests as Method>::NAME;
    /// A module's or class's members in source order.
    pub const GRAPH_MEMBERS: &str = <methods::GraphMembers as Method>::NAME;
    /// A type's bases, subclasses and implementations.
    pub const GRAPH_HIERARCHY: &str = <methods::GraphHierarchy as Method>::NAME;
    /// A node's non-call uses.
    pub const GRAPH_REFERENCES: &str = <methods::GraphReferences as Method>::NAME;
    /// A git diff's changed nodes, their callers and the tests to run.
    pub const IMPACT: &str = <methods::Impact as Method>::NAME;
    /// Full-text search (BM25).
    pub const SEARCH_TEXT: &str = <methods::SearchText as Method>::NAME;
    /// The change log after a clock.
    pub const CHANGES_SINCE: &str = <methods::ChangesSince as Method>::NAME;
    /// Asks the daemon to stop (`codehub stop`).
    pub const SHUTDOWN: &str = <methods::Shutdown as Method>::NAME;
    /// A token-budgeted context pack around seed nodes or a text query.
    pub const CONTEXT_PACK: &str = <methods::ContextPack as Method>::NAME;
    /// Subscribes a streaming connection (WebSocket) to change notifications.
    pub const CHANGES_SUBSCRIBE: &str = <methods::ChangesSubscribe as Method>::NAME;
    /// The server-to-client notification a subscription receives after each commit
    /// (a JSON-RPC notification: no id, params are a [`super::ChangesNotification`]).
    pub const CHANGES_NOTIFICATION: &str = "changes";

    /// Every method a codehub server answers, in the order above.
    pub const ALL: &[&str] = methods::ALL;
}

// ---------------------------------------------------------------------------------
// Envelope

/// A JSON-RPC request id: a number, a string, or `null`. A request *without* an id is
/// a notification (see [`Request::id`]); `null` is an id, answered with `"id": null`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Id {
    /// A number (integers are kept exactly).
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// `null`: a valid id, answered with `"id": null`.
    Null,
}

impl From<u64> for Id {
    fn from(n: u64) -> Id {
        Id::Number(n.into())
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id::String(s.to_owned())
    }
}

/// One JSON-RPC 2.0 request: `{"jsonrpc": "2.0", "id": 1, "method": "nodes.get",
/// "params": {"node": "QuerySet.filter"}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Request {
    /// Always [`JSONRPC_VERSION`]; servers refuse anything else.
    pub jsonrpc: String,
    /// `None` when the message has no `id` member: a notification, which gets no
    /// response. `Some(Id::Null)` when the member is present and `null`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present_id")]
    pub id: Option<Id>,
    /// The method name, e.g. `nodes.get` (see [`method`]).
    pub method: String,
    /// A JSON object, or `null` when absent.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub params: Value,
}

/// Keeps `"id": null` apart from a missing id (plain `Option` would merge them).
fn present_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Id>, D::Error> {
    Id::deserialize(deserializer).map(Some)
}

impl Request {
    /// A request that expects a response.
    pub fn new(id: impl Into<Id>, method: &str, params: Value) -> Request {
        Request {
            jsonrpc: JSONRPC_VERSION.to_owned(),
            id: Some(id.into()),
            method: method.to_owned(),
            params,
        }
    }

    /// A notification: the method runs, nothing is answered (not even errors).
    pub fn notification(method: &str, params: Value) -> Request {
        Request { jsonrpc: JSONRPC_VERSION.to_owned(), id: None, method: method.to_owned(), params }
    }

    /// True when the request has no id and so gets no response.
    pub fn is_notification(&self) -> bool {
        self.id.is_none()
    }
}

/// One JSON-RPC 2.0 response: exactly one of `result` and `error` is present. Errors
/// about a request whose id could not be read (parse errors, oversized lines) carry
/// `"id": null`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Response {
    /// Always [`JSONRPC_VERSION`].
    pub jsonrpc: String,
    /// The request's id, or [`Id::Null`] when it could not be determined.
    pub id: Id,
    /// Present when the request succeeded: the method's result object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// Present when the request failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RpcError>,
}

impl Response {
    /// A successful response.
    pub fn ok(id: Id, result: Value) -> Response {
        Response { jsonrpc: JSONRPC_VERSION.to_owned(), id, result: Some(result), error: None }
    }

    /// A failed response.
    pub fn err(id: Id, error: RpcError) -> Response {
        Response { jsonrpc: JSONRPC_VERSION.to_owned(), id, result: None, error: Some(error) }
    }

    /// The error when there is one, else the result (`null` when absent).
    pub fn into_result(self) -> Result<Value, RpcError> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.result.unwrap_or(Value::Null)),
        }
    }
}

// ---------------------------------------------------------------------------------
// Errors

/// A JSON-RPC error object: `{"code": -32001, "message": "no node named x",
/// "data": {"kind": "not_found"}}`. `code` is JSON-RPC's (standard codes for parse
/// errors, invalid requests, unknown methods, invalid params and internal errors;
/// codehub's own in -32000..-32099); programs should branch on `data.kind`, which is
/// stable. The table lives in `server::errors`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RpcError {
    /// The JSON-RPC error code (see `server::errors` for the table).
    pub code: i64,
    /// A sentence for humans; not stable.
    pub message: String,
    /// Absent only in errors from servers that are not codehub; then `internal`.
    #[serde(default)]
    pub data: ErrorData,
}

impl RpcError {
    /// The stable kind of the error.
    pub fn kind(&self) -> ErrorKind {
        self.data.kind
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.data.kind)
    }
}

impl std::error::Error for RpcError {}

/// The `data` member of an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorData {
    /// The stable kind: what programs branch on.
    pub kind: ErrorKind,
    /// For `ambiguous`: the nodes the name could mean, in id order (at most 50).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<NodeSummary>,
}

/// The stable error kinds (SPEC §6), spelt in `snake_case` on the wire.
///
/// JSON-RPC's own protocol errors use its standard codes and these kinds: a parse
/// error (-32700), an invalid request such as a batch or a wrong `jsonrpc` (-32600)
/// and an unknown method (-32601) are all `invalid_params`, since the caller sent
/// something the server cannot act on; internal errors (-32603) are `internal`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No node (or nothing else) by that name or id.
    NotFound,
    /// A name matches several nodes; `data.candidates` lists them.
    Ambiguous,
    /// Params (or the request itself) are malformed, or the method is unknown.
    InvalidParams,
    /// The request line is over the server's limit (1 MiB by default); the server
    /// answers and closes the connection.
    TooLarge,
    /// The request (or the sync barrier) ran past its deadline.
    Timeout,
    /// The peer is not the user who runs the daemon; the connection is closed.
    Unauthorized,
    /// Anything else: a store failure, a caught panic, too many connections, a lost
    /// connection to the daemon.
    #[default]
    Internal,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::NotFound,
        ErrorKind::Ambiguous,
        ErrorKind::InvalidParams,
        ErrorKind::TooLarge,
        ErrorKind::Timeout,
        ErrorKind::Unauthorized,
        ErrorKind::Internal,
    ];

    /// The wire spelling, e.g. `"not_found"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::InvalidParams => "invalid_params",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------------
// Shared result parts

/// Who answered: a running daemon (fresh up to its queue; `sync` makes it exact) or
/// the index read directly because no daemon answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A running daemon answered (fresh up to its queue; `sync` makes it exact).
    Daemon,
    /// No daemon answered; the index was read directly (as of its last index run).
    Store,
}

// ---------------------------------------------------------------------------------
// Params

fn is_false(b: &bool) -> bool {
    !*b
}

/// Params of `health`, `status`, `sync` and `shutdown`: nothing but the common `sync`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoParams {
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Params of `sync`: the barrier waits up to `timeout_ms`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SyncParams {
    /// Milliseconds to wait for the barrier: default 9000, 1 to 600000. The request's
    /// deadline is stretched to fit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = MAX_SYNC_TIMEOUT_MS))]
    pub timeout_ms: Option<u64>,
    /// Accepted for uniformity with every method (the barrier runs either way).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Params of `nodes.get`: exactly one of `id` (an exact node id) and `node` (an id, a
/// qualified name or a bare name, resolved as the CLI's `NODE`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeGetParams {
    /// An exact node id, e.g. `pkg/core.py::Engine.run`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// An id, a qualified name or a bare name (ambiguous names are an error listing candidates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Also read the node's source text from disk (`text` in the result). It is given
    /// only while the file still hashes as it did when indexed; else `text.text` is
    /// null and `text.unavailable` says why. Default false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub source: bool,
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Params of `nodes.find`: nodes whose id, qualified name or name equals `name`; when
/// none does, nodes whose name starts with it. Paged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindParams {
    /// An id, a qualified name, a bare name or a name prefix; may be empty only with
    /// `where`.
    #[serde(default)]
    pub name: String,
    /// A condition on the nodes' custom fields (set by update scripts): `risk>3`,
    /// `owner=@core`, `untested` (`FIELD`, or `FIELD OP VALUE` with OP one of `>`,
    /// `>=`, `<`, `<=`, `=`, `!=`). With it, `name` matches exactly (id, qualified
    /// name or name), not as a prefix.
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub where_: Option<String>,
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

/// Params of `graph.callers` and `graph.callees`: the start `node` (id, qualified or
/// bare name), `depth` 1..=[`MAX_DEPTH`] (default 1 = direct calls), `possible` to
/// list the possible edges too (they are always counted). Paged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraverseParams {
    /// The start node: an id, a qualified name or a bare name.
    pub node: String,
    /// Levels to follow: 1 (the default) = direct calls only; at most 32.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = MAX_DEPTH))]
    pub depth: Option<u32>,
    /// Also list the possible edges on the first page: for callers, calls of the
    /// node's name that could not be resolved (ranked by evidence); for callees, the
    /// node's calls that could not be resolved. Default false: they are only counted
    /// (`possible_count`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub possible: bool,
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

/// Params of `graph.neighbors`: a node (id, qualified or bare name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeParams {
    /// An id, a qualified name or a bare name (ambiguous names are an error listing candidates).
    pub node: String,
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Params of `graph.tests`: a node (id, qualified or bare name), the page of its
/// tests, and `possible` to list the possible tests too (always counted). Paged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestsParams {
    /// An id, a qualified name or a bare name (ambiguous names are an error listing candidates).
    pub node: String,
    /// Also list the possible tests on the first page: tests whose call of the
    /// node's name could not be resolved (ranked by evidence). Default false: they
    /// are only counted (`possible_count`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub possible: bool,
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

/// Params of `search.text`: words matched against names, qualified names, signatures
/// and docstrings (stemmed; identifiers also by their camelCase and snake_case parts;
/// the last word also as a prefix), BM25-ranked over any of the words, with nodes
/// named exactly by the query first. Paged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Words to search for in names, qualified names, signatures and docstrings: at
    /// least one letter, digit or `_`; at most 64 words and 4096 bytes (`too_large`).
    pub query: String,
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

/// Params of `changes.since`: change-log entries with a clock greater than `clock`
/// (default 0), oldest first. Paged; with a `cursor`, `clock` is ignored. To follow
/// the graph, call again with the last page's result `clock`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangesParams {
    /// Entries after this clock (default 0: the whole log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<u64>,
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

/// Default token budget of `context.pack`.
pub const DEFAULT_BUDGET: u32 = 4000;
/// Largest token budget `context.pack` accepts; larger budgets are `invalid_params`.
pub const MAX_BUDGET: u32 = 200_000;

/// The BPE vocabulary tokens are counted with (the `tiktoken` encodings of OpenAI's
/// models; Claude's tokenizer is not public, and these are within a few percent of it
/// on code).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum Encoding {
    /// `o200k_base` (GPT-4o and later): the default.
    #[default]
    #[serde(rename = "o200k_base")]
    O200kBase,
    /// `cl100k_base` (GPT-4, GPT-3.5).
    #[serde(rename = "cl100k_base")]
    Cl100kBase,
}

/// Params of `context.pack`: seeds (`nodes`, each an id, qualified or bare name) or a
/// text `query` whose best search hits become the seeds (at least one of the two),
/// and a token `budget` the pack never exceeds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextParams {
    /// Seed nodes: ids, qualified names or bare names (ambiguous names are an error).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<String>,
    /// Words to search for; the best hits become seeds (with or after `nodes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Most tokens the pack's `text` may take, never exceeded:
    /// default 4000, at most 200000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = MAX_BUDGET))]
    pub budget: Option<u32>,
    /// The tokenizer to count with (default `o200k_base`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    /// A client-chosen session id (1..=128 bytes): later packs in the same session
    /// leave out what was already sent and has not changed since (by node `version`).
    /// Only a running daemon remembers sessions (bounded: least recently used and
    /// idle sessions are forgotten); read directly from the index, every pack is whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 128))]
    pub session: Option<String>,
    /// Wait until every file change made so far is in the graph before answering (the
    /// sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

/// Params of `changes.subscribe` (streaming transports only: WebSocket). Filters are
/// ANDed; an absent filter matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscribeParams {
    /// Only changes to nodes in files under this root-relative path prefix
    /// (`django/db/` or one file, `django/db/models/query.py`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Only changes to nodes of these kinds. A removed node's kind is gone with it:
    /// removals are filtered by `path` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<model::NodeKind>>,
    /// Wait until every file change made so far is in the graph before subscribing
    /// (the sync barrier; default false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sync: bool,
}

// ---------------------------------------------------------------------------------
// Results

/// Result of `health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HealthResult {
    /// Always true (a failing server answers with an error instead).
    pub ok: bool,
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
}

/// Result of `status`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StatusResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// Counts of the index.
    pub index: IndexStatus,
    /// Present when a daemon answered.
    pub daemon: Option<DaemonStatus>,
}

/// Result of `sync`: the clock at which every change made before the call is visible.
/// Without a daemon the index is current by definition and this is its clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SyncResult {
    /// The clock at which every change made before the call is visible.
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
}

/// Result of `nodes.get`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodeResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The node's full state (SPEC §3).
    pub node: NodeState,
    /// With `source: true`: the node's source as indexed; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<NodeText>,
}

/// A node's source text read from disk for `nodes.get` with `source: true`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodeText {
    /// The node's bytes (its span, the first line's indentation put back), decoded as
    /// UTF-8 with invalid bytes as U+FFFD; `null` when they could not be read as indexed.
    pub text: Option<String>,
    /// Why `text` is null: the file changed on disk since it was indexed (run `sync`,
    /// or wait for the daemon, and ask again), is unreadable, or the index does not
    /// know its root. `null` when `text` is given.
    pub unavailable: Option<String>,
}

/// Result of `nodes.find`: one page of node summaries, in id order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodesPage {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// This page of nodes.
    pub nodes: Vec<NodeSummary>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Result of `graph.callers` / `graph.callees`: one page of the breadth-first
/// traversal, shallowest first; each node once, at its shallowest depth. Unresolved
/// callees appear by name (`edge.resolved == false`) and are not followed.
///
/// Beside the traversal, the possible edges ([`PossibleEdge`], provenance
/// `possible`), never mixed into `reached`: for callers, unresolved calls whose
/// callee's last name segment is the name of the start node (or, with `depth` > 1,
/// of a node reached before the last level); for callees, the unresolved calls of
/// the start node and of the nodes reached before the last level. `possible_count`
/// is 0 exactly when the answer is definite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TraverseResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The id the `node` param resolved to.
    pub node: String,
    /// This page of the traversal: each step's depth, the node it came from (`via`) and the edge.
    pub reached: Vec<Reached>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
    /// How many possible edges there are (listed or not); 0 = every call site resolved.
    #[serde(default)]
    pub possible_count: u64,
    /// With `possible: true`, on the first page: the possible edges, best first (by
    /// `score`), at most `limit` of them; else empty.
    #[serde(default)]
    pub possible: Vec<PossibleEdge>,
}

/// Result of `graph.neighbors`: a node and what is one step away from it.
/// (Children are not listed yet: the store has no query for them.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NeighborsResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The node itself.
    pub node: NodeSummary,
    /// The containing node; `null` for a module.
    pub parent: Option<NodeSummary>,
    /// Call sites that call the node.
    pub callers: Vec<EdgeEnd>,
    /// What the node calls; unresolved targets by name.
    pub callees: Vec<EdgeEnd>,
    /// Ids of tests that exercise the node.
    pub tests: Vec<String>,
}

/// Result of `graph.tests`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TestsResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The id the `node` param resolved to.
    pub node: String,
    /// This page of the tests that exercise the node: first those with a `tests`
    /// edge to it (they call it, directly or through helpers of their own file, or
    /// take it as a fixture), by id; then those that reach it only through calls of
    /// other code (provenance `indirect`), shortest path first, up to a path of
    /// [`MAX_TEST_DEPTH`] edges.
    pub tests: Vec<NodeSummary>,
    /// How each test of `tests` reaches the node, one per test in the same order:
    /// provenance (`exact`, `inferred`, `indirect`), path length (`depth`, 1 for a
    /// direct test) and, for an indirect one, `via`, the node its own edge reaches.
    #[serde(default)]
    pub reach: Vec<TestReach>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// How many possible tests there are (listed or not): tests, not among the tests
    /// found (on any page), whose direct call of the node's name is unresolved.
    /// 0 = none by name.
    #[serde(default)]
    pub possible_count: u64,
    /// With `possible: true`, on the first page: one possible edge per possible test
    /// (its best call site, kind `tests`), best first, at most `limit`; else empty.
    #[serde(default)]
    pub possible: Vec<PossibleEdge>,
}

/// One search hit: the node's summary fields plus its BM25 `score` (lower is better).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SearchHit {
    /// The node's summary (its fields appear at the top level of the hit).
    #[serde(flatten)]
    pub node: NodeSummary,
    /// BM25 score from FTS5: lower is better.
    pub score: f64,
}

/// Result of `search.text`: one page of hits, best first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SearchResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// This page of hits, best first.
    pub hits: Vec<SearchHit>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Result of `changes.since`: one page of the change log, oldest first. `clock` is
/// at least the clock of every change listed: on the last page (`next_cursor` null)
/// it is the `clock` to pass to the next `changes.since`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChangesResult {
    /// At least the clock of every change listed; on the last page, the `clock` to
    /// pass to the next `changes.since` to follow the graph.
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// Change-log entries, oldest first (by clock, then commit order).
    pub changes: Vec<Change>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Result of `shutdown`: the daemon has been asked to stop and will close the socket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShutdownResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// Always true: the stop was requested.
    pub stopping: bool,
}

/// Why a node is in a context pack: its relation to the seeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PackRole {
    /// A seed (given, or found by the query): rendered with its source.
    Seed,
    /// Calls a seed (directly or further out).
    Caller,
    /// Called by a seed (directly or further out).
    Callee,
    /// A test that exercises a seed.
    Test,
    /// Contains a seed.
    Parent,
    /// Shares a parent with a seed.
    Sibling,
    /// Reached through the graph some other way (imports, inheritance, ...).
    Related,
}

/// One node a context pack considered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PackItem {
    /// The node's id.
    pub id: String,
    /// The node's kind.
    pub kind: model::NodeKind,
    /// Root-relative path of its file.
    pub path: String,
    /// First line (1-based).
    pub start_line: u32,
    /// Last line (1-based).
    pub end_line: u32,
    /// Its relation to the seeds.
    pub role: PackRole,
    /// Personalized PageRank score (seeds' restart distribution); higher is more useful.
    pub score: f64,
    /// Tokens its rendering takes (0 when it was not rendered: `unchanged`).
    pub tokens: u32,
    /// True when it is rendered with its source (seeds), false for signature +
    /// docstring summary + location.
    pub source: bool,
}

/// Result of `context.pack`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContextResult {
    /// The store clock the answer was read at (read before the data: a lower bound).
    pub clock: u64,
    /// Who answered: `daemon` or `store`.
    pub source: Source,
    /// The encoding tokens were counted with.
    pub encoding: Encoding,
    /// The budget asked for.
    pub budget: u32,
    /// Tokens `text` takes: never more than `budget`.
    pub tokens: u32,
    /// The pack, ready to paste into a prompt: the items of `included`, in order.
    pub text: String,
    /// What the pack holds, in the order of `text`.
    pub included: Vec<PackItem>,
    /// What was ranked but left out for lack of budget, best first.
    pub omitted: Vec<PackItem>,
    /// Ids left out because this session already has them at their current version.
    pub unchanged: Vec<String>,
    /// The session, when one was given.
    pub session: Option<String>,
    /// Per seed, in seed order: how many possible edges its `callers`, `callees` and
    /// `tests` answers have (also said in the seed's text). List them with
    /// `graph.callers`/`graph.callees`/`graph.tests` and `possible: true`.
    #[serde(default)]
    pub possible: Vec<PossibleCounts>,
    /// Per seed, in seed order: the tests that exercise it (`graph.tests`' first
    /// tests, with how each reaches it; also said in the seed's text).
    #[serde(default)]
    pub tests: Vec<SeedTests>,
}

/// The tests of one seed of a context pack.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SeedTests {
    /// The seed's id.
    pub id: String,
    /// Its first tests, as `graph.tests` orders them (direct first), at most
    /// [`MAX_SEED_TESTS`].
    pub tests: Vec<TestReach>,
    /// How many tests `graph.tests` finds for it in all (listed or not).
    pub total: u64,
}

/// How many tests of each seed a context pack names ([`SeedTests`]).
pub const MAX_SEED_TESTS: usize = 10;

/// How many possible edges one node's answers have (see [`PossibleEdge`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PossibleCounts {
    /// The node's id.
    pub id: String,
    /// Unresolved calls of the node's name (`graph.callers`' `possible_count`).
    pub callers: u64,
    /// Unresolved calls the node makes (`graph.callees`' `possible_count`).
    pub callees: u64,
    /// Tests that may exercise it by name (`graph.tests`' `possible_count`).
    pub tests: u64,
}

/// Result of `changes.subscribe`: notifications follow for every commit after `clock`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SubscribeResult {
    /// The subscription's id, repeated in each of its notifications.
    pub subscription: String,
    /// The clock at subscription: notifications cover commits after it.
    pub clock: u64,
    /// Who answered: always `daemon` (subscriptions need a running daemon).
    pub source: Source,
}

/// Params of a `changes` notification: what one commit changed, filtered by the
/// subscription. Commits that change nothing the filter matches send nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChangesNotification {
    /// The subscription this notification belongs to.
    pub subscription: String,
    /// The clock of the commit.
    pub clock: u64,
    /// Ids of nodes added or changed by the commit.
    pub changed: Vec<String>,
    /// Ids of nodes removed by the commit.
    pub removed: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_missing_id_is_a_notification_and_a_null_id_is_not() {
        let notification: Request =
            serde_json::from_value(json!({"jsonrpc": "2.0", "method": "health"})).unwrap();
        assert!(notification.is_notification());
        let null_id: Request =
            serde_json::from_value(json!({"jsonrpc": "2.0", "id": null, "method": "health"}))
                .unwrap();
        assert_eq!(null_id.id, Some(Id::Null));
        let string_id: Request =
            serde_json::from_value(json!({"jsonrpc": "2.0", "id": "a", "method": "health"}))
                .unwrap();
        assert_eq!(string_id.id, Some(Id::from("a")));
        assert_eq!(
            serde_json::to_value(Request::new(7, "health", Value::Null)).unwrap(),
            json!({"jsonrpc": "2.0", "id": 7, "method": "health"})
        );
    }

    #[test]
    fn responses_carry_result_or_error() {
        let ok = Response::ok(Id::from(1), json!({"clock": 3}));
        assert_eq!(
            serde_json::to_value(&ok).unwrap(),
            json!({"jsonrpc": "2.0", "id": 1, "result": {"clock": 3}})
        );
        let error = RpcError {
            code: -32001,
            message: "no node named x".into(),
            data: ErrorData { kind: ErrorKind::NotFound, candidates: vec![] },
        };
        let err = Response::err(Id::Null, error.clone());
        let text = serde_json::to_string(&err).unwrap();
        assert_eq!(
            text,
            r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"no node named x","data":{"kind":"not_found"}}}"#
        );
        let back: Response = serde_json::from_str(&text).unwrap();
        assert_eq!(back.into_result(), Err(error));
    }

    #[test]
    fn kinds_are_spelt_as_on_the_wire() {
        for kind in ErrorKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        }
    }

    #[test]
    fn params_refuse_unknown_fields() {
        let err = serde_json::from_value::<FindParams>(json!({"nmae": "x"})).unwrap_err();
        assert!(err.to_string().contains("nmae"), "{err}");
    }
}

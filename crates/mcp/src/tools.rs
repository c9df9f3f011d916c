//! The MCP tools: one per method of the daemon, each with a schemars-derived input
//! schema whose field docs are what the agent reads, answering with text from
//! [`crate::render`] plus the `protocol` result as structured content.

use crate::daemon::{CallError, Daemon};
use crate::render;
use protocol::{method, RpcError};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{tool, tool_handler, tool_router, ErrorData, ServerHandler};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

/// The tools `codehub mcp` offers, in the order `tools/list` gives them.
pub const TOOL_NAMES: &[&str] = &[
    "find_symbol",
    "get_node",
    "callers",
    "callees",
    "related_tests",
    "search",
    "context_pack",
    "changes_since",
    "sync",
    "status",
];

/// What the server tells the agent at initialisation.
const INSTRUCTIONS: &str = "codehub is a live code graph of this repository: every module, \
class, function and method (nodes) and who calls, contains, imports and tests what (edges), \
kept current while files change. Use it instead of grepping: `find_symbol` or `search` to \
locate code, `get_node` for a node's signature, docstring, callers, callees and tests, \
`callers`/`callees` to follow the call graph (with depth), `related_tests` to pick the tests \
to run, and `context_pack` to get the most useful context around nodes or a question within \
a token budget. Node ids look like `path/to/file.py::Class.method`; tools also accept a \
qualified or bare name (an ambiguous name answers with the candidate ids). After editing \
files, call `sync` (or pass `sync: true`) before reading, so answers include your edits. \
`changes_since` lists what changed in the graph after a clock. `callers`, `callees` and \
`related_tests` end by saying how many call sites match by name only and could not be \
resolved (possible edges, listed with `possible: true`): check those before trusting a \
list as complete.";

/// Params of `find_symbol`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindInput {
    /// A bare name (`filter`), a qualified name (`QuerySet.filter`), a node id
    /// (`django/db/models/query.py::QuerySet.filter`), or the start of a name.
    pub name: String,
    /// Most nodes to list (default 20, at most 1000).
    #[serde(default)]
    #[schemars(range(min = 1, max = 1000))]
    pub limit: Option<u32>,
    /// The `cursor` given by a previous answer, for the next page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Wait until every file change made so far is in the graph before answering.
    #[serde(default)]
    pub sync: bool,
}

/// Params of `get_node`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeInput {
    /// A node id (`pkg/mod.py::Class.method`), a qualified name (`Class.method`) or a
    /// bare name (`method`; when several nodes have it, the answer lists their ids).
    pub node: String,
    /// Wait until every file change made so far is in the graph before answering.
    #[serde(default)]
    pub sync: bool,
}

/// Params of `callers` and `callees`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraverseInput {
    /// A node id, a qualified name or a bare name.
    pub node: String,
    /// Levels to follow: 1 (default) lists direct calls only; at most 32.
    #[serde(default)]
    #[schemars(range(min = 1, max = 32))]
    pub depth: Option<u32>,
    /// Most nodes to list (default 100, at most 1000).
    #[serde(default)]
    #[schemars(range(min = 1, max = 1000))]
    pub limit: Option<u32>,
    /// The `cursor` given by a previous answer, for the next page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Also list the possible edges: for `callers`, calls of the node's name that
    /// could not be resolved (ranked by evidence); for `callees`, the node's calls
    /// that could not be resolved. They are always counted.
    #[serde(default)]
    pub possible: bool,
    /// Wait until every file change made so far is in the graph before answering.
    #[serde(default)]
    pub sync: bool,
}

/// Params of `related_tests`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestsInput {
    /// A node id (`pkg/mod.py::Class.method`), a qualified name (`Class.method`) or a
    /// bare name (`method`; when several nodes have it, the answer lists their ids).
    pub node: String,
    /// Also list the possible tests: tests whose call of the node's name could not be
    /// resolved (ranked by evidence). They are always counted.
    #[serde(default)]
    pub possible: bool,
    /// Wait until every file change made so far is in the graph before answering.
    #[serde(default)]
    pub sync: bool,
}

/// Params of `search`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchInput {
    /// Words to look for in names, qualified names, signatures and docstrings
    /// (prefix matches, BM25-ranked; nodes with all the words first).
    pub query: String,
    /// Most hits to list (default 20, at most 1000).
    #[serde(default)]
    #[schemars(range(min = 1, max = 1000))]
    pub limit: Option<u32>,
    /// The `cursor` given by a previous answer, for the next page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Wait until every file change made so far is in the graph before answering.
    #[serde(default)]
    pub sync: bool,
}

/// The tokenizer a context pack counts with.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema)]
pub enum Tokenizer {
    /// OpenAI's `o200k_base` (GPT-4o and later); the default.
    #[serde(rename = "o200k_base")]
    O200kBase,
    /// OpenAI's `cl100k_base` (GPT-4).
    #[serde(rename = "cl100k_base")]
    Cl100kBase,
}

/// Params of `context_pack`: seed `nodes`, a `query`, or both.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextInput {
    /// Seed nodes: ids, qualified names or bare names. Their source is included,
    /// then their callers, callees, tests, parents and siblings as space allows.
    #[serde(default)]
    pub nodes: Vec<String>,
    /// Words describing what you need; the best search hits become seeds.
    #[serde(default)]
    pub query: Option<String>,
    /// Most tokens the pack may take (default 4000, at most 200000). Never exceeded.
    #[serde(default)]
    #[schemars(range(min = 1, max = 200_000))]
    pub budget: Option<u32>,
    /// The tokenizer to count with (default `o200k_base`).
    #[serde(default)]
    pub encoding: Option<Tokenizer>,
    /// A session id of your choice: later packs with the same session leave out
    /// what was already sent and has not changed since.
    #[serde(default)]
    #[schemars(length(min = 1, max = 128))]
    pub session: Option<String>,
    /// Wait until every file change made so far is in the graph before answering.
    #[serde(default)]
    pub sync: bool,
}

/// Params of `changes_since`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangesInput {
    /// List changes committed after this clock (default 0: from the start). Every
    /// answer gives the clock to pass next time.
    #[serde(default)]
    pub clock: Option<u64>,
    /// Most changes to list (default 100, at most 1000).
    #[serde(default)]
    #[schemars(range(min = 1, max = 1000))]
    pub limit: Option<u32>,
    /// The `cursor` given by a previous answer, for the next page.
    #[serde(default)]
    pub cursor: Option<String>,
}

/// The MCP server: the tool router over one root's [`Daemon`].
#[derive(Clone)]
pub struct CodehubMcp {
    daemon: Arc<Daemon>,
    tool_router: ToolRouter<CodehubMcp>,
}

impl std::fmt::Debug for CodehubMcp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodehubMcp").field("daemon", &self.daemon).finish()
    }
}

fn params(value: impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A tool error: readable text for the agent, and `{"error": {kind, message,
/// candidates}}` as structured content.
fn tool_error(text: String, kind: &str, message: &str, candidates: Value) -> CallToolResult {
    let mut result = CallToolResult::error(vec![ContentBlock::text(text)]);
    result.structured_content =
        Some(json!({ "error": { "kind": kind, "message": message, "candidates": candidates } }));
    result
}

impl CodehubMcp {
    /// Calls `method` with `params` on the daemon (off the async runtime) and renders
    /// its result of type `R` with `render`; errors become tool errors. `query` is
    /// what the agent asked for, quoted in not-found and ambiguity errors.
    async fn run<R: DeserializeOwned>(
        &self,
        method: &'static str,
        params: Value,
        query: Option<String>,
        render: impl FnOnce(&R) -> String,
    ) -> Result<CallToolResult, ErrorData> {
        let daemon = self.daemon.clone();
        let answer = tokio::task::spawn_blocking(move || daemon.call(method, &params)).await;
        let answer = match answer {
            Ok(Ok(answer)) => answer,
            Ok(Err(CallError::Rpc(e))) => return Ok(rpc_error(query.as_deref(), &e)),
            Ok(Err(e @ CallError::Starting { .. })) => {
                let text = format!(
                    "codehub is starting (its daemon is not answering yet); try again in a \
                     few seconds. ({e})"
                );
                return Ok(tool_error(text, "starting", &e.to_string(), json!([])));
            }
            Ok(Err(e)) => {
                let text = format!("codehub is not available: {e}");
                return Ok(tool_error(text, "unavailable", &e.to_string(), json!([])));
            }
            Err(join) => {
                let text = format!("codehub failed answering {method}: {join}");
                return Ok(tool_error(text, "internal", &join.to_string(), json!([])));
            }
        };
        let typed: R = match serde_json::from_value(answer.result.clone()) {
            Ok(typed) => typed,
            Err(e) => {
                let text = format!("codehub answered {method} with an unexpected shape: {e}");
                return Ok(tool_error(text, "internal", &e.to_string(), json!([])));
            }
        };
        let mut text = answer.indexing.as_ref().map(render::indexing_note).unwrap_or_default();
        text.push_str(&render(&typed));
        let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
        result.structured_content = Some(answer.result);
        Ok(result)
    }
}

fn rpc_error(query: Option<&str>, e: &RpcError) -> CallToolResult {
    let candidates = serde_json::to_value(&e.data.candidates).unwrap_or_else(|_| json!([]));
    tool_error(render::rpc_error(query, e), e.kind().as_str(), &e.message, candidates)
}

#[tool_router]
impl CodehubMcp {
    /// An MCP server over `daemon`.
    pub fn new(daemon: Arc<Daemon>) -> CodehubMcp {
        CodehubMcp { daemon, tool_router: Self::tool_router() }
    }

    /// Find code by name: nodes (modules, classes, functions, methods...) whose id,
    /// qualified name or name equals `name`, else whose name starts with it. Answers
    /// each node's id, kind, `path:line` span, signature and docstring summary.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn find_symbol(
        &self,
        Parameters(input): Parameters<FindInput>,
    ) -> Result<CallToolResult, ErrorData> {
        let p = protocol::FindParams {
            name: input.name.clone(),
            limit: Some(input.limit.unwrap_or(20)),
            cursor: input.cursor,
            sync: input.sync,
        };
        let name = input.name;
        self.run(method::NODES_FIND, params(p), Some(name.clone()), |r| render::find(&name, r))
            .await
    }

    /// Everything known about one node: kind, `path:line` span, signature, full
    /// docstring, decorators, complexity, and the ids of its callers, callees and
    /// tests (with call-site lines).
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn get_node(
        &self,
        Parameters(input): Parameters<NodeInput>,
    ) -> Result<CallToolResult, ErrorData> {
        let p =
            protocol::NodeGetParams { id: None, node: Some(input.node.clone()), sync: input.sync };
        self.run(method::NODES_GET, params(p), Some(input.node), render::node).await
    }

    /// Who calls this node: the calling functions with the `path:line` of each call
    /// site and how sure the edge is (`exact`, `inferred`); with `depth` > 1, their
    /// callers too (breadth-first, indented by level). Ends with how many calls of
    /// the node's name could not be resolved (possible callers; `possible: true`
    /// lists them, ranked by evidence), or says the answer is definite.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn callers(
        &self,
        Parameters(input): Parameters<TraverseInput>,
    ) -> Result<CallToolResult, ErrorData> {
        self.traverse(true, input).await
    }

    /// What this node calls: the called functions with the `path:line` of each call
    /// site; calls the graph could not resolve are listed by name. With `depth` > 1,
    /// what those call too. Ends with how many calls could not be resolved.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn callees(
        &self,
        Parameters(input): Parameters<TraverseInput>,
    ) -> Result<CallToolResult, ErrorData> {
        self.traverse(false, input).await
    }

    /// The test functions that exercise this node (calling it directly or through
    /// helpers of their own file): the tests to run after changing it. Ends with how
    /// many other tests call its name without being resolved to it (`possible: true`
    /// lists them).
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn related_tests(
        &self,
        Parameters(input): Parameters<TestsInput>,
    ) -> Result<CallToolResult, ErrorData> {
        let p = protocol::TestsParams {
            node: input.node.clone(),
            possible: input.possible,
            limit: None,
            cursor: None,
            sync: input.sync,
        };
        self.run(method::GRAPH_TESTS, params(p), Some(input.node), render::tests).await
    }

    /// Full-text search over names, qualified names, signatures and docstrings,
    /// best first: for finding code by what it does when you do not know its name.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn search(
        &self,
        Parameters(input): Parameters<SearchInput>,
    ) -> Result<CallToolResult, ErrorData> {
        let p = protocol::SearchParams {
            query: input.query.clone(),
            limit: Some(input.limit.unwrap_or(20)),
            cursor: input.cursor,
            sync: input.sync,
        };
        let query = input.query;
        self.run(method::SEARCH_TEXT, params(p), Some(query.clone()), |r| render::search(&query, r))
            .await
    }

    /// The most useful context for a task within a token budget: the seed nodes'
    /// source, then their callers, callees, tests, parents and siblings (ranked by
    /// personalized PageRank) as signature + docstring summary + location, filled up
    /// to the budget. Lists what was left out. Give `nodes`, a `query`, or both.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn context_pack(
        &self,
        Parameters(input): Parameters<ContextInput>,
    ) -> Result<CallToolResult, ErrorData> {
        let query =
            if input.nodes.is_empty() { input.query.clone() } else { Some(input.nodes.join(", ")) };
        let p = protocol::ContextParams {
            nodes: input.nodes,
            query: input.query,
            budget: input.budget,
            encoding: input.encoding.and_then(|e| serde_json::from_value(params(e)).ok()),
            session: input.session,
            sync: input.sync,
        };
        self.run(method::CONTEXT_PACK, params(p), query, render::context).await
    }

    /// What changed in the graph after a clock: nodes added, changed or removed,
    /// oldest first, with the clock to pass next time to follow later changes.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn changes_since(
        &self,
        Parameters(input): Parameters<ChangesInput>,
    ) -> Result<CallToolResult, ErrorData> {
        let after = input.clock.unwrap_or(0);
        let p = protocol::ChangesParams {
            clock: input.clock,
            limit: input.limit,
            cursor: input.cursor,
            sync: false,
        };
        self.run(method::CHANGES_SINCE, params(p), None, |r| render::changes(after, r)).await
    }

    /// Wait until every file change made before this call is in the graph (a
    /// barrier): call it after editing files and before asking about them.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn sync(&self) -> Result<CallToolResult, ErrorData> {
        self.run(method::SYNC, json!({}), None, render::sync).await
    }

    /// The state of codehub for this repository: whether the daemon runs and its first
    /// index is done, files per language, nodes, edges, and the graph clock.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn status(&self) -> Result<CallToolResult, ErrorData> {
        let root = self.daemon.launch().root.clone();
        self.run(method::STATUS, json!({}), None, |r| render::status(&root, r)).await
    }
}

impl CodehubMcp {
    async fn traverse(
        &self,
        callers: bool,
        input: TraverseInput,
    ) -> Result<CallToolResult, ErrorData> {
        let depth = input.depth.unwrap_or(1);
        let p = protocol::TraverseParams {
            node: input.node.clone(),
            depth: input.depth,
            possible: input.possible,
            limit: input.limit,
            cursor: input.cursor,
            sync: input.sync,
        };
        let method = if callers { method::GRAPH_CALLERS } else { method::GRAPH_CALLEES };
        self.run(method, params(p), Some(input.node), |r| render::reached(callers, depth, r)).await
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for CodehubMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("codehub", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }
}

//! The MCP tools: one per method of the daemon. A tool's input is the method's own
//! params type from the method table ([`protocol::methods`]), so its input schema is
//! derived (schemars) from the same type and field docs the socket and HTTP serve;
//! it answers with text from [`crate::render`] plus the `protocol` result as
//! structured content.

use crate::daemon::{CallError, Daemon};
use crate::render;
use protocol::methods::{self as m, Method};
use protocol::RpcError;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{tool, tool_handler, tool_router, ErrorData, ServerHandler};
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

/// How many entries `find_symbol` and `search` list when the agent gives no `limit`:
/// fewer than the method's own default, since every entry becomes text to read.
const TOOL_LIMIT: u32 = 20;

/// A tool error: readable text for the agent, and `{"error": {kind, message,
/// candidates}}` as structured content.
fn tool_error(text: String, kind: &str, message: &str, candidates: Value) -> CallToolResult {
    let mut result = CallToolResult::error(vec![ContentBlock::text(text)]);
    result.structured_content =
        Some(json!({ "error": { "kind": kind, "message": message, "candidates": candidates } }));
    result
}

impl CodehubMcp {
    /// Calls the method `M` with `params` on the daemon (off the async runtime) and
    /// renders its result with `render`; errors become tool errors. `query` is what
    /// the agent asked for, quoted in not-found and ambiguity errors.
    async fn run<M: Method>(
        &self,
        params: M::Params,
        query: Option<String>,
        render: impl FnOnce(&M::Result) -> String,
    ) -> Result<CallToolResult, ErrorData> {
        let method = M::NAME;
        let daemon = self.daemon.clone();
        let answer = tokio::task::spawn_blocking(move || daemon.request::<M>(&params)).await;
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
        let typed: M::Result = match serde_json::from_value(answer.result.clone()) {
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
    /// qualified name or name equals `name`, else whose name starts with it; or, with
    /// `where` (`risk>3`, `owners=@core`), the nodes whose custom fields (computed by
    /// the project's update scripts) satisfy it. Answers each node's id, kind,
    /// `path:line` span, signature and docstring summary.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn find_symbol(
        &self,
        Parameters(mut p): Parameters<protocol::FindParams>,
    ) -> Result<CallToolResult, ErrorData> {
        p.limit = p.limit.or(Some(TOOL_LIMIT));
        let name = p.name.clone();
        match p.where_.clone() {
            Some(condition) => {
                self.run::<m::NodesFind>(p, None, |r| render::find_where(&name, &condition, r))
                    .await
            }
            None => {
                self.run::<m::NodesFind>(p, Some(name.clone()), |r| render::find(&name, r)).await
            }
        }
    }

    /// Everything known about one node: kind, `path:line` span, signature, full
    /// docstring, decorators, complexity, the ids of its callers, callees and tests
    /// (with call-site lines), and the custom fields the project's update scripts
    /// computed for it. With `source: true`, also its source code, given
    /// only while the file is unchanged since it was indexed.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn get_node(
        &self,
        Parameters(p): Parameters<protocol::NodeGetParams>,
    ) -> Result<CallToolResult, ErrorData> {
        let query = p.node.clone().or_else(|| p.id.clone());
        self.run::<m::NodesGet>(p, query, render::node).await
    }

    /// Who calls this node: the calling functions with the `path:line` of each call
    /// site and how sure the edge is (`exact`, `inferred`); with `depth` > 1, their
    /// callers too (breadth-first, indented by level). Ends with how many calls of
    /// the node's name could not be resolved (possible callers; `possible: true`
    /// lists them, ranked by evidence), or says the answer is definite.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn callers(
        &self,
        Parameters(input): Parameters<protocol::TraverseParams>,
    ) -> Result<CallToolResult, ErrorData> {
        self.traverse(true, input).await
    }

    /// What this node calls: the called functions with the `path:line` of each call
    /// site; calls the graph could not resolve are listed by name. With `depth` > 1,
    /// what those call too. Ends with how many calls could not be resolved.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn callees(
        &self,
        Parameters(input): Parameters<protocol::TraverseParams>,
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
        Parameters(p): Parameters<protocol::TestsParams>,
    ) -> Result<CallToolResult, ErrorData> {
        let node = p.node.clone();
        self.run::<m::GraphTests>(p, Some(node), render::tests).await
    }

    /// The members of a module or class in source order: its methods, nested
    /// classes, functions and constants, each with kind, `path:line` and signature.
    /// With `inherited: true`, then what a class inherits from its bases in the index.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn members(
        &self,
        Parameters(mut p): Parameters<protocol::MembersParams>,
    ) -> Result<CallToolResult, ErrorData> {
        p.limit = p.limit.or(Some(protocol::DEFAULT_LIMIT));
        let node = p.node.clone();
        self.run::<m::GraphMembers>(p, Some(node), render::members).await
    }

    /// The type hierarchy of a class, interface or trait: its bases (transitively),
    /// and its subclasses and implementations (transitively); `direction` `up` or
    /// `down` for one side only. Bases outside the indexed code are named, not followed.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn hierarchy(
        &self,
        Parameters(p): Parameters<protocol::HierarchyParams>,
    ) -> Result<CallToolResult, ErrorData> {
        let node = p.node.clone();
        self.run::<m::GraphHierarchy>(p, Some(node), render::hierarchy).await
    }

    /// Where a node is used other than by a call: imported, passed or stored as a
    /// value (a callback, a registry entry), named in a type annotation, applied as a
    /// decorator, named as a base class. Use with `callers` before renaming or
    /// removing something.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn references(
        &self,
        Parameters(p): Parameters<protocol::ReferencesParams>,
    ) -> Result<CallToolResult, ErrorData> {
        let node = p.node.clone();
        self.run::<m::GraphReferences>(p, Some(node), render::references).await
    }

    /// What a change affects, from a git diff of the indexed repository: the changed
    /// functions and classes, their callers (to `depth`, default 2; possible callers
    /// counted), and the tests to run. Default: every change not committed; `rev`
    /// compares with a revision, `staged` or `worktree` take one side only.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn impact(
        &self,
        Parameters(mut p): Parameters<protocol::ImpactParams>,
    ) -> Result<CallToolResult, ErrorData> {
        // The diff is of the files as they are now: the daemon catches up first.
        p.sync = true;
        self.run::<m::Impact>(p, None, render::impact).await
    }

    /// Full-text search over names, qualified names, signatures and docstrings,
    /// best first: for finding code by what it does when you do not know its name.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn search(
        &self,
        Parameters(mut p): Parameters<protocol::SearchParams>,
    ) -> Result<CallToolResult, ErrorData> {
        p.limit = p.limit.or(Some(TOOL_LIMIT));
        let query = p.query.clone();
        self.run::<m::SearchText>(p, Some(query.clone()), |r| render::search(&query, r)).await
    }

    /// The most useful context for a task within a token budget: the seed nodes'
    /// source, then their callers, callees, tests, parents and siblings (ranked by
    /// personalized PageRank) as signature + docstring summary + location, filled up
    /// to the budget. Lists what was left out. Give `nodes`, a `query`, or both.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn context_pack(
        &self,
        Parameters(p): Parameters<protocol::ContextParams>,
    ) -> Result<CallToolResult, ErrorData> {
        let query = if p.nodes.is_empty() { p.query.clone() } else { Some(p.nodes.join(", ")) };
        self.run::<m::ContextPack>(p, query, render::context).await
    }

    /// What changed in the graph after a clock: nodes added, changed or removed,
    /// oldest first, with the clock to pass next time to follow later changes.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn changes_since(
        &self,
        Parameters(p): Parameters<protocol::ChangesParams>,
    ) -> Result<CallToolResult, ErrorData> {
        let after = p.clock.unwrap_or(0);
        self.run::<m::ChangesSince>(p, None, |r| render::changes(after, r)).await
    }

    /// Wait until every file change made before this call is in the graph (a
    /// barrier): call it after editing files and before asking about them.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn sync(&self) -> Result<CallToolResult, ErrorData> {
        self.run::<m::Sync>(Default::default(), None, render::sync).await
    }

    /// The state of codehub for this repository: whether the daemon runs and its first
    /// index is done, files per language, nodes, edges, and the graph clock.
    #[tool(annotations(read_only_hint = true, open_world_hint = false))]
    async fn status(&self) -> Result<CallToolResult, ErrorData> {
        let root = self.daemon.launch().root.clone();
        self.run::<m::Status>(Default::default(), None, |r| render::status(&root, r)).await
    }
}

impl CodehubMcp {
    async fn traverse(
        &self,
        callers: bool,
        p: protocol::TraverseParams,
    ) -> Result<CallToolResult, ErrorData> {
        let depth = p.depth.unwrap_or(protocol::DEFAULT_DEPTH);
        let node = Some(p.node.clone());
        let render = move |r: &protocol::TraverseResult| render::reached(callers, depth, r);
        if callers {
            self.run::<m::GraphCallers>(p, node, render).await
        } else {
            self.run::<m::GraphCallees>(p, node, render).await
        }
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

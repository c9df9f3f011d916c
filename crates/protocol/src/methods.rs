//! The method table: one type per JSON-RPC method, naming its params and result types
//! (the shape of `lsp_types::request::Request` for LSP). It is what the server's
//! dispatch, the typed client calls ([`Method`] drives `server::Client::request`) and
//! the generated interface documents (MCP input schemas, `openapi.json`) are written
//! against, so a method's wire shape is declared once.
//!
//! The types are uninhabited markers: `Codehub::request::<GraphCallers>(&params)`.

use crate::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One method of the interface (SPEC §6).
pub trait Method: 'static {
    /// The name in a request's `method` field, e.g. `"graph.callers"`.
    const NAME: &'static str;
    /// What `params` holds: a JSON object with named fields (unknown fields are
    /// refused), or absent when every field has a default.
    type Params: Serialize + DeserializeOwned + schemars::JsonSchema + Send + 'static;
    /// What a successful response's `result` holds.
    type Result: Serialize + DeserializeOwned + schemars::JsonSchema + Send + 'static;
}

macro_rules! methods {
    ($($(#[$doc:meta])* $ty:ident = $name:literal, $params:ty => $result:ty;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug)]
            pub enum $ty {}

            impl Method for $ty {
                const NAME: &'static str = $name;
                type Params = $params;
                type Result = $result;
            }
        )*

        /// Every method's name, in the order of the table.
        pub const ALL: &[&str] = &[$($name),*];

        /// Calls `visit` once per method of the table, in its order, with the
        /// method's type (for code generated over all methods: schemas, docs).
        pub fn for_each(visit: &mut impl Visit) {
            $(visit.visit::<$ty>();)*
        }
    };
}

/// A visitor over the method table ([`for_each`]).
pub trait Visit {
    /// Called with each method's type.
    fn visit<M: Method>(&mut self);
}

methods! {
    /// `health`: liveness, answered at once with the clock.
    Health = "health", NoParams => HealthResult;
    /// `status`: index counts, plus daemon facts when a daemon answers.
    Status = "status", NoParams => StatusResult;
    /// `sync`: the barrier (SPEC §1), returning once earlier file changes are visible.
    Sync = "sync", SyncParams => SyncResult;
    /// `nodes.get`: one node's full state.
    NodesGet = "nodes.get", NodeGetParams => NodeResult;
    /// `nodes.find`: nodes by id, qualified name or name (then name prefix).
    NodesFind = "nodes.find", FindParams => NodesPage;
    /// `graph.callers`: who calls a node, breadth-first to a depth.
    GraphCallers = "graph.callers", TraverseParams => TraverseResult;
    /// `graph.callees`: what a node calls, breadth-first to a depth.
    GraphCallees = "graph.callees", TraverseParams => TraverseResult;
    /// `graph.neighbors`: a node's parent, direct callers, direct callees and tests.
    GraphNeighbors = "graph.neighbors", NodeParams => NeighborsResult;
    /// `graph.tests`: the tests that exercise a node.
    GraphTests = "graph.tests", TestsParams => TestsResult;
    /// `graph.members`: a module's or class's members in source order (and inherited).
    GraphMembers = "graph.members", MembersParams => MembersResult;
    /// `graph.hierarchy`: a type's bases, subclasses and implementations, transitively.
    GraphHierarchy = "graph.hierarchy", HierarchyParams => HierarchyResult;
    /// `graph.references`: a node's non-call uses (imports, values, annotations,
    /// decorators, bases).
    GraphReferences = "graph.references", ReferencesParams => ReferencesResult;
    /// `impact`: a git diff's changed nodes, their callers and the tests to run.
    Impact = "impact", ImpactParams => ImpactResult;
    /// `search.text`: full-text search (BM25).
    SearchText = "search.text", SearchParams => SearchResult;
    /// `changes.since`: the change log after a clock.
    ChangesSince = "changes.since", ChangesParams => ChangesResult;
    /// `shutdown`: asks the daemon to stop (`codehub stop`).
    Shutdown = "shutdown", NoParams => ShutdownResult;
    /// `context.pack`: a token-budgeted context pack around seed nodes or a query.
    ContextPack = "context.pack", ContextParams => ContextResult;
    /// `changes.subscribe`: subscribes a streaming connection (WebSocket) to change
    /// notifications ([`ChangesNotification`]s follow the result).
    ChangesSubscribe = "changes.subscribe", SubscribeParams => SubscribeResult;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_each_method_once() {
        let mut seen = std::collections::HashSet::new();
        for name in ALL {
            assert!(seen.insert(name), "{name} twice in the method table");
        }
        assert_eq!(ALL, crate::method::ALL);
    }

    /// The params' docs are the descriptions agents read in the MCP input schemas, so
    /// they spell the limits out as numbers: they must be the limits enforced.
    #[test]
    fn param_docs_give_the_enforced_limits() {
        let description = |schema: &schemars::Schema, field: &str| -> String {
            schema.as_value()["properties"][field]["description"]
                .as_str()
                .unwrap_or_else(|| panic!("{field} has no description"))
                .to_owned()
        };
        let find = schemars::schema_for!(FindParams);
        let limit = description(&find, "limit");
        assert!(limit.contains(&format!("default {}", DEFAULT_LIMIT)), "{limit}");
        assert!(limit.contains(&format!("clamped to {}", MAX_LIMIT)), "{limit}");
        let traverse = schemars::schema_for!(TraverseParams);
        assert!(description(&traverse, "depth").contains(&format!("at most {MAX_DEPTH}")));
        let search = schemars::schema_for!(SearchParams);
        let query = description(&search, "query");
        assert!(query.contains(&format!("{MAX_QUERY_WORDS} words and {MAX_QUERY_BYTES} bytes")));
        let pack = schemars::schema_for!(ContextParams);
        let budget = description(&pack, "budget");
        assert!(budget.contains(&format!("default {DEFAULT_BUDGET}, at most {MAX_BUDGET}")));
        let sync = schemars::schema_for!(SyncParams);
        let timeout = description(&sync, "timeout_ms");
        assert!(timeout
            .contains(&format!("default {DEFAULT_SYNC_TIMEOUT_MS}, 1 to {MAX_SYNC_TIMEOUT_MS}")));
    }
}

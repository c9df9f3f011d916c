//! The method set (SPEC §6) over one read-only store: params in, result or error out,
//! the same for every transport and for direct reads without a daemon.
//!
//! Each answer reads the store clock *before* its data, so `clock` is a lower bound of
//! what the answer reflects: replaying `changes.since(clock)` may repeat a change the
//! answer already showed, never miss one. (A read transaction pinning one snapshot
//! per answer needs a store API that does not exist yet.)

use crate::errors;
use crate::Live;
use protocol::{
    method, ChangesParams, ChangesResult, FindParams, HealthResult, HierarchyDirection,
    HierarchyParams, HierarchyResult, MembersParams, MembersResult, NeighborsResult, NoParams,
    NodeGetParams, NodeParams, NodeResult, NodeSummary, NodeText, NodesPage, ReferencesParams,
    ReferencesResult, RpcError, SearchHit, SearchParams, SearchResult, ShutdownResult, Source,
    StatusResult, SyncParams, SyncResult, TestsParams, TestsResult, TraverseParams, TraverseResult,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashSet;
use std::time::Duration;
use store::{Resolution, Store, StoreError};

/// How long `sync` (the method, or `"sync": true` on any method) waits for the
/// daemon's barrier when called through [`dispatch`].
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(10);

/// Answers one request: runs `method` with `params` (a JSON object, or `null`) on
/// `store`, with `live` the running daemon (`None` when reading the index directly;
/// the answers then say `source: "store"`). With `"sync": true` in the params the
/// sync barrier runs first (waiting up to [`SYNC_TIMEOUT`]).
///
/// Errors: `invalid_params` (unknown method — code -32601 —, params not an object,
/// unknown or mistyped fields, bad cursor, limit or depth), `not_found`, `ambiguous`
/// (with candidates), `timeout` (the barrier failed), `internal` (store failures).
pub fn dispatch(
    store: &Store,
    live: Option<&dyn Live>,
    method: &str,
    params: Value,
) -> Result<Value, RpcError> {
    dispatch_with(store, live, method, params, SYNC_TIMEOUT)
}

/// [`dispatch`] with the barrier's timeout given (the socket server keeps it inside
/// its request deadline, so the daemon's own message reaches the caller).
pub(crate) fn dispatch_with(
    store: &Store,
    live: Option<&dyn Live>,
    method: &str,
    params: Value,
    sync_timeout: Duration,
) -> Result<Value, RpcError> {
    use protocol::methods::*;
    // One arm per method of the table: its params are parsed into the method's
    // `Params` type and its answer is its `Result` type.
    let run: fn(&Cx<'_>, Value) -> Result<Value, RpcError> = match method {
        method::HEALTH => |cx, p| answer::<Health>(cx, p, health),
        method::STATUS => |cx, p| answer::<Status>(cx, p, status),
        method::SYNC => |cx, p| answer::<Sync>(cx, p, sync),
        method::NODES_GET => |cx, p| answer::<NodesGet>(cx, p, nodes_get),
        method::NODES_FIND => |cx, p| answer::<NodesFind>(cx, p, nodes_find),
        method::GRAPH_CALLERS => |cx, p| answer::<GraphCallers>(cx, p, graph_callers),
        method::GRAPH_CALLEES => |cx, p| answer::<GraphCallees>(cx, p, graph_callees),
        method::GRAPH_NEIGHBORS => |cx, p| answer::<GraphNeighbors>(cx, p, graph_neighbors),
        method::GRAPH_TESTS => |cx, p| answer::<GraphTests>(cx, p, graph_tests),
        method::GRAPH_MEMBERS => |cx, p| answer::<GraphMembers>(cx, p, graph_members),
        method::GRAPH_HIERARCHY => |cx, p| answer::<GraphHierarchy>(cx, p, graph_hierarchy),
        method::GRAPH_REFERENCES => |cx, p| answer::<GraphReferences>(cx, p, graph_references),
        method::IMPACT => |cx, p| answer::<Impact>(cx, p, impact),
        method::SEARCH_TEXT => |cx, p| answer::<SearchText>(cx, p, search_text),
        method::CHANGES_SINCE => |cx, p| answer::<ChangesSince>(cx, p, changes_since),
        method::SHUTDOWN => |cx, p| answer::<Shutdown>(cx, p, shutdown),
        method::CHANGES_SUBSCRIBE => |cx, p| answer::<ChangesSubscribe>(cx, p, changes_subscribe),
        method::CONTEXT_PACK => |cx, p| answer::<ContextPack>(cx, p, context_pack),
        _ => return Err(errors::method_not_found(method)),
    };
    let params = match params {
        Value::Null => Value::Object(Default::default()),
        Value::Object(map) => Value::Object(map),
        other => {
            return Err(errors::invalid_params(format!(
                "params must be an object (named params), not {}",
                json_type(&other)
            )))
        }
    };
    let cx = Cx { store, live, sync_timeout };
    match params.get("sync") {
        None | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => {
            cx.barrier()?;
        }
        Some(other) => {
            return Err(errors::invalid_params(format!(
                "sync must be true or false, not {}",
                json_type(other)
            )))
        }
    }
    run(&cx, params)
}

/// Runs one method: `params` read as `M::Params` (`invalid_params` naming the field
/// when they do not fit), the answer encoded from `M::Result`.
fn answer<M: protocol::methods::Method>(
    cx: &Cx<'_>,
    params: Value,
    run: fn(&Cx<'_>, M::Params) -> Result<M::Result, RpcError>,
) -> Result<Value, RpcError> {
    reply(run(cx, parse(params)?)?)
}

#[derive(Clone, Copy)]
struct Cx<'a> {
    store: &'a Store,
    live: Option<&'a dyn Live>,
    sync_timeout: Duration,
}

impl Cx<'_> {
    fn source(&self) -> Source {
        if self.live.is_some() {
            Source::Daemon
        } else {
            Source::Store
        }
    }

    fn clock(&self) -> Result<u64, RpcError> {
        self.store.clock().map_err(store_error)
    }

    /// The sync barrier; without a daemon the store is current by definition.
    fn barrier(&self) -> Result<u64, RpcError> {
        match self.live {
            Some(live) => live
                .sync(self.sync_timeout)
                .map_err(|message| errors::error(protocol::ErrorKind::Timeout, message)),
            None => self.clock(),
        }
    }

    /// The id a user's `NODE` (id, qualified name or bare name) names.
    fn resolve(&self, query: &str) -> Result<String, RpcError> {
        if query.is_empty() {
            return Err(errors::invalid_params("node must not be empty"));
        }
        match self.store.resolve(query).map_err(store_error)? {
            Resolution::Found(id) => Ok(id),
            Resolution::Ambiguous(candidates) => Err(errors::ambiguous(query, candidates)),
            Resolution::NotFound => Err(errors::not_found(format!("no node named {query:?}"))),
        }
    }

    fn node(&self, id: &str) -> Result<protocol::NodeState, RpcError> {
        self.store
            .node(id)
            .map_err(store_error)?
            .ok_or_else(|| errors::not_found(format!("no node with id {id:?}")))
    }
}

fn store_error(err: StoreError) -> RpcError {
    errors::internal(format!("store: {err}"))
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, RpcError> {
    serde_json::from_value(params).map_err(|e| errors::invalid_params(format!("params: {e}")))
}

fn reply<T: Serialize>(result: T) -> Result<Value, RpcError> {
    serde_json::to_value(result).map_err(|e| errors::internal(format!("encoding the result: {e}")))
}

// ---------------------------------------------------------------------------------
// Paging

/// One page of an offset-paged list.
struct Page {
    offset: usize,
    limit: usize,
}

impl Page {
    fn new(limit: Option<u32>, cursor: Option<&str>) -> Result<Page, RpcError> {
        let limit = limit_of(limit)?;
        let offset = match cursor {
            None => 0,
            Some(c) => c.parse().map_err(|_| bad_cursor(c))?,
        };
        Ok(Page { offset, limit })
    }

    /// How many items to fetch from the start to fill this page and know if more exist.
    fn fetch(&self) -> usize {
        self.offset.saturating_add(self.limit).saturating_add(1)
    }

    /// This page of `items` (fetched with [`Page::fetch`]) and the next cursor.
    fn cut<T>(&self, items: Vec<T>) -> (Vec<T>, Option<String>) {
        let mut page: Vec<T> = items.into_iter().skip(self.offset).collect();
        let more = page.len() > self.limit;
        page.truncate(self.limit);
        (page, more.then(|| (self.offset + self.limit).to_string()))
    }
}

fn limit_of(limit: Option<u32>) -> Result<usize, RpcError> {
    match limit.unwrap_or(protocol::DEFAULT_LIMIT) {
        0 => Err(errors::invalid_params("limit must be at least 1")),
        n => Ok(n.min(protocol::MAX_LIMIT) as usize),
    }
}

fn bad_cursor(cursor: &str) -> RpcError {
    errors::invalid_params(format!(
        "cursor {cursor:?} is not one this server gave out (pass next_cursor back unchanged)"
    ))
}

// ---------------------------------------------------------------------------------
// Methods

fn health(cx: &Cx<'_>, _: NoParams) -> Result<HealthResult, RpcError> {
    Ok(HealthResult { ok: true, clock: cx.clock()?, source: cx.source() })
}

fn status(cx: &Cx<'_>, _: NoParams) -> Result<StatusResult, RpcError> {
    let clock = cx.clock()?;
    let index = cx.store.status().map_err(store_error)?;
    let daemon = cx.live.map(|live| live.daemon_status());
    Ok(StatusResult { clock, source: cx.source(), index, daemon })
}

fn sync(cx: &Cx<'_>, SyncParams { timeout_ms, sync }: SyncParams) -> Result<SyncResult, RpcError> {
    let timeout = match timeout_ms {
        None => cx.sync_timeout,
        Some(ms @ 1..=protocol::MAX_SYNC_TIMEOUT_MS) => Duration::from_millis(ms),
        Some(ms) => {
            return Err(errors::invalid_params(format!(
                "timeout_ms must be between 1 and {}, not {ms}",
                protocol::MAX_SYNC_TIMEOUT_MS
            )))
        }
    };
    // With `"sync": true` the barrier already ran; its clock is still current enough.
    let clock = if sync { cx.clock()? } else { Cx { sync_timeout: timeout, ..*cx }.barrier()? };
    Ok(SyncResult { clock, source: cx.source() })
}

fn nodes_get(cx: &Cx<'_>, p: NodeGetParams) -> Result<NodeResult, RpcError> {
    let clock = cx.clock()?;
    let id = match (p.id, p.node) {
        (Some(id), None) => id,
        (None, Some(node)) => cx.resolve(&node)?,
        _ => return Err(errors::invalid_params("give exactly one of id and node")),
    };
    let node = cx.node(&id)?;
    let text = if p.source {
        let read = context::node_text(cx.store, &id).map_err(store_error)?;
        Some(match read {
            Some(Ok(text)) => NodeText { text: Some(text), unavailable: None },
            Some(Err(why)) => NodeText { text: None, unavailable: Some(why.to_owned()) },
            None => NodeText { text: None, unavailable: Some("node no longer indexed".into()) },
        })
    } else {
        None
    };
    Ok(NodeResult { clock, source: cx.source(), node, text })
}

fn graph_members(cx: &Cx<'_>, p: MembersParams) -> Result<MembersResult, RpcError> {
    let page = Page::new(p.limit, p.cursor.as_deref())?;
    let clock = cx.clock()?;
    let id = cx.resolve(&p.node)?;
    let members = cx.store.members(&id, p.inherited).map_err(store_error)?;
    let (members, next_cursor) = page.cut(members);
    Ok(MembersResult { clock, source: cx.source(), node: id, members, next_cursor })
}

fn graph_hierarchy(cx: &Cx<'_>, p: HierarchyParams) -> Result<HierarchyResult, RpcError> {
    let depth = p.depth.unwrap_or(protocol::MAX_DEPTH);
    if !(1..=protocol::MAX_DEPTH).contains(&depth) {
        return Err(errors::invalid_params(format!(
            "depth must be 1 to {}, not {depth}",
            protocol::MAX_DEPTH
        )));
    }
    let clock = cx.clock()?;
    let id = cx.resolve(&p.node)?;
    let direction = p.direction.unwrap_or_default();
    let walk = |toward, wanted: bool| -> Result<(Vec<protocol::Related>, bool), RpcError> {
        if !wanted {
            return Ok((Vec::new(), false));
        }
        cx.store.hierarchy(&id, toward, depth, protocol::MAX_HIERARCHY).map_err(store_error)
    };
    let (bases, cut_up) = walk(store::Toward::Bases, direction != HierarchyDirection::Down)?;
    let (subtypes, cut_down) = walk(store::Toward::Subtypes, direction != HierarchyDirection::Up)?;
    Ok(HierarchyResult {
        clock,
        source: cx.source(),
        node: id,
        bases,
        subtypes,
        truncated: cut_up || cut_down,
    })
}

fn impact(cx: &Cx<'_>, p: protocol::ImpactParams) -> Result<protocol::ImpactResult, RpcError> {
    use protocol::{FileChangeKind, IndexedAs};
    let depth = p.depth.unwrap_or(2);
    if !(1..=protocol::MAX_DEPTH).contains(&depth) {
        return Err(errors::invalid_params(format!(
            "depth must be 1 to {}, not {depth}",
            protocol::MAX_DEPTH
        )));
    }
    let args = crate::impact::diff_args(&p).map_err(errors::invalid_params)?;
    let clock = cx.clock()?;
    let root = cx.store.root().map_err(store_error)?.ok_or_else(|| {
        errors::error(
            protocol::ErrorKind::NotFound,
            "this index does not record its root; run `codehub index` again",
        )
    })?;
    let mut files = crate::impact::diff(&root, &args)
        .map_err(|e| errors::error(protocol::ErrorKind::InvalidParams, e))?;
    let cap = protocol::MAX_LIMIT as usize;
    let mut truncated = false;
    let mut changed: Vec<NodeSummary> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for file in &mut files {
        let row = cx.store.file(&file.path).map_err(store_error)?;
        file.indexed = match (&row, file.change) {
            (None, _) => IndexedAs::NotIndexed,
            (Some(_), FileChangeKind::Deleted) => IndexedAs::Stale,
            (Some(row), _) => match std::fs::read(root.join(&file.path)) {
                Ok(bytes) if blake3::hash(&bytes).to_hex().as_str() == row.file_hash => {
                    IndexedAs::Current
                }
                _ => IndexedAs::Stale,
            },
        };
        if row.is_none() {
            continue;
        }
        for &[first, last] in &file.lines {
            for node in cx.store.changed_nodes(&file.path, first, last).map_err(store_error)? {
                if seen.insert(node.id.clone()) {
                    if changed.len() == cap {
                        truncated = true;
                        break;
                    }
                    changed.push(node);
                }
            }
        }
    }
    // Callers of every changed node, merged: each at its shallowest depth.
    let mut callers: Vec<protocol::Reached> = Vec::new();
    let mut reached_at: std::collections::HashMap<String, usize> = Default::default();
    for node in &changed {
        for step in cx.store.callers(&node.id, depth).map_err(store_error)? {
            if seen.contains(&step.edge.id) {
                continue;
            }
            match reached_at.get(&step.edge.id) {
                Some(&at) if callers[at].depth <= step.depth => {}
                Some(&at) => callers[at] = step,
                None if callers.len() == cap => truncated = true,
                None => {
                    reached_at.insert(step.edge.id.clone(), callers.len());
                    callers.push(step);
                }
            }
        }
    }
    callers.sort_by(|a, b| (a.depth, &a.edge.id).cmp(&(b.depth, &b.edge.id)));
    let changed_ids: Vec<String> = changed.iter().map(|n| n.id.clone()).collect();
    let possible = cx.store.possible_callers(&changed_ids, p.possible).map_err(store_error)?;
    let mut possible_edges = possible.edges;
    possible_edges.truncate(cap);
    // Tests: of the changed nodes and of their callers, and changed or calling tests.
    let mut tests = std::collections::BTreeSet::new();
    let around = changed_ids.iter().chain(callers.iter().map(|s| &s.edge.id));
    for id in around {
        tests.extend(cx.store.tests_of(id).map_err(store_error)?);
    }
    for id in changed_ids.iter().chain(callers.iter().map(|s| &s.edge.id)) {
        if cx.store.is_test(id).map_err(store_error)? {
            tests.insert(id.clone());
        }
    }
    let mut tests: Vec<String> = tests.into_iter().collect();
    if tests.len() > cap {
        tests.truncate(cap);
        truncated = true;
    }
    let tests = cx.store.summaries_of(&tests).map_err(store_error)?;
    Ok(protocol::ImpactResult {
        clock,
        source: cx.source(),
        diff: crate::impact::shown(&p),
        files,
        changed,
        callers,
        possible_count: possible.count,
        possible: possible_edges,
        tests,
        truncated,
    })
}

fn graph_references(cx: &Cx<'_>, p: ReferencesParams) -> Result<ReferencesResult, RpcError> {
    let page = Page::new(p.limit, p.cursor.as_deref())?;
    let clock = cx.clock()?;
    let id = cx.resolve(&p.node)?;
    let found = cx.store.references(&id, page.fetch()).map_err(store_error)?;
    let (references, next_cursor) = page.cut(found);
    Ok(ReferencesResult { clock, source: cx.source(), node: id, references, next_cursor })
}

fn nodes_find(cx: &Cx<'_>, p: FindParams) -> Result<NodesPage, RpcError> {
    if p.name.is_empty() && p.where_.is_none() {
        return Err(errors::invalid_params("name must not be empty"));
    }
    let page = Page::new(p.limit, p.cursor.as_deref())?;
    let clock = cx.clock()?;
    let found = match &p.where_ {
        Some(text) => {
            let filter =
                store::scripts::FieldFilter::parse(text).map_err(errors::invalid_params)?;
            let name = Some(p.name.as_str()).filter(|n| !n.is_empty());
            cx.store.find_where(name, &filter, page.fetch())
        }
        None => cx.store.find(&p.name, page.fetch()),
    }
    .map_err(store_error)?;
    let (nodes, next_cursor) = page.cut(found);
    Ok(NodesPage { clock, source: cx.source(), nodes, next_cursor })
}

fn graph_callers(cx: &Cx<'_>, p: TraverseParams) -> Result<TraverseResult, RpcError> {
    traverse(cx, p, Store::callers, Store::possible_callers)
}

fn graph_callees(cx: &Cx<'_>, p: TraverseParams) -> Result<TraverseResult, RpcError> {
    traverse(cx, p, Store::callees, Store::possible_callees)
}

/// A store query for the possible edges around some nodes (their count, and the
/// edges themselves when the bool is true).
type PossibleOf = fn(&Store, &[String], bool) -> store::Result<store::Possible>;

fn traverse(
    cx: &Cx<'_>,
    p: TraverseParams,
    walk: fn(&Store, &str, u32) -> store::Result<Vec<protocol::Reached>>,
    possible_of: PossibleOf,
) -> Result<TraverseResult, RpcError> {
    let depth = p.depth.unwrap_or(protocol::DEFAULT_DEPTH);
    if !(1..=protocol::MAX_DEPTH).contains(&depth) {
        return Err(errors::invalid_params(format!(
            "depth must be between 1 and {}, not {depth}",
            protocol::MAX_DEPTH
        )));
    }
    let page = Page::new(p.limit, p.cursor.as_deref())?;
    let clock = cx.clock()?;
    let id = cx.resolve(&p.node)?;
    // The traversal is computed whole and cut: it is bounded by the graph and depth.
    let reached = walk(cx.store, &id, depth).map_err(store_error)?;
    // The possible edges are those of every node whose own edges the traversal
    // followed: the start, and the resolved nodes reached before the last level.
    let mut around = vec![id.clone()];
    let mut listed: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for step in &reached {
        if step.edge.resolved && step.depth < depth && listed.insert(step.edge.id.as_str()) {
            around.push(step.edge.id.clone());
        }
    }
    let list = p.possible && page.offset == 0;
    let possible = possible_of(cx.store, &around, list).map_err(store_error)?;
    let (reached, next_cursor) = page.cut(reached);
    let mut possible_edges = possible.edges;
    possible_edges.truncate(page.limit);
    Ok(TraverseResult {
        clock,
        source: cx.source(),
        node: id,
        reached,
        next_cursor,
        possible_count: possible.count,
        possible: possible_edges,
    })
}

fn graph_neighbors(cx: &Cx<'_>, p: NodeParams) -> Result<NeighborsResult, RpcError> {
    let clock = cx.clock()?;
    let id = cx.resolve(&p.node)?;
    let state = cx.node(&id)?;
    let parent = match &state.parent {
        Some(parent) => {
            cx.store.summaries_of(std::slice::from_ref(parent)).map_err(store_error)?.pop()
        }
        None => None,
    };
    let node = NodeSummary {
        id: state.id,
        kind: state.kind,
        path: state.path,
        start_line: state.span.start_line,
        end_line: state.span.end_line,
        signature: state.signature,
        summary: state.summary,
    };
    Ok(NeighborsResult {
        clock,
        source: cx.source(),
        node,
        parent,
        callers: state.callers,
        callees: state.callees,
        tests: state.related_tests,
    })
}

fn graph_tests(cx: &Cx<'_>, p: TestsParams) -> Result<TestsResult, RpcError> {
    let page = Page::new(p.limit, p.cursor.as_deref())?;
    let clock = cx.clock()?;
    let id = cx.resolve(&p.node)?;
    let found = cx.store.tests_reaching(&id).map_err(store_error)?;
    let (reach, next_cursor) = page.cut(found.clone());
    let ids: Vec<String> = reach.iter().map(|t| t.test.clone()).collect();
    let tests = cx.store.summaries_of(&ids).map_err(store_error)?;
    // `summaries_of` skips ids it no longer finds: keep `reach` aligned with `tests`.
    let listed: HashSet<&str> = tests.iter().map(|t| t.id.as_str()).collect();
    let reach = reach.into_iter().filter(|t| listed.contains(t.test.as_str())).collect();
    let list = p.possible && page.offset == 0;
    let possible = cx.store.possible_tests_besides(&id, list, &found).map_err(store_error)?;
    let mut possible_edges = possible.edges;
    possible_edges.truncate(page.limit);
    Ok(TestsResult {
        clock,
        source: cx.source(),
        node: id,
        tests,
        reach,
        next_cursor,
        possible_count: possible.count,
        possible: possible_edges,
    })
}

fn search_text(cx: &Cx<'_>, p: SearchParams) -> Result<SearchResult, RpcError> {
    check_query(&p.query)?;
    let page = Page::new(p.limit, p.cursor.as_deref())?;
    let clock = cx.clock()?;
    let found = cx.store.search(&p.query, page.fetch()).map_err(store_error)?;
    let (found, next_cursor) = page.cut(found);
    let hits = found.into_iter().map(|(node, score)| SearchHit { node, score }).collect();
    Ok(SearchResult { clock, source: cx.source(), hits, next_cursor })
}

/// Refuses a search query without words (`invalid_params`) or over
/// [`protocol::MAX_QUERY_BYTES`] bytes or [`protocol::MAX_QUERY_WORDS`] words
/// (`too_large`): full-text ranking time grows with the square of the word count.
pub(crate) fn check_query(query: &str) -> Result<(), RpcError> {
    if query.len() > protocol::MAX_QUERY_BYTES {
        return Err(errors::error(
            protocol::ErrorKind::TooLarge,
            format!(
                "query is {} bytes; at most {} are searched",
                query.len(),
                protocol::MAX_QUERY_BYTES
            ),
        ));
    }
    let words = protocol::query_words(query).count();
    if words == 0 {
        return Err(errors::invalid_params("query has no words to search for"));
    }
    if words > protocol::MAX_QUERY_WORDS {
        return Err(errors::error(
            protocol::ErrorKind::TooLarge,
            format!("query has {words} words; at most {} are searched", protocol::MAX_QUERY_WORDS),
        ));
    }
    Ok(())
}

/// Pages the change log by `(clock, skip)`: entries after `clock`, skipping the first
/// `skip`. The next cursor restarts just before the last clock listed, so a page never
/// re-reads more than one commit's entries, and pruning old entries shifts nothing.
fn changes_since(cx: &Cx<'_>, p: ChangesParams) -> Result<ChangesResult, RpcError> {
    let limit = limit_of(p.limit)?;
    let (after, skip) = match p.cursor.as_deref() {
        None => (p.clock.unwrap_or(0), 0usize),
        Some(c) => c
            .split_once(':')
            .and_then(|(a, s)| Some((a.parse::<u64>().ok()?, s.parse::<usize>().ok()?)))
            .ok_or_else(|| bad_cursor(c))?,
    };
    let clock = cx.clock()?;
    let fetched = cx
        .store
        .changes_since(after, skip.saturating_add(limit).saturating_add(1))
        .map_err(store_error)?;
    let mut changes: Vec<protocol::Change> = fetched.into_iter().skip(skip).collect();
    let more = changes.len() > limit;
    changes.truncate(limit);
    let last = changes.last().map_or(0, |c| c.clock);
    let next_cursor = more.then(|| {
        // Entries of the last clock delivered so far: this page's, plus those skipped
        // when this page started inside the same commit.
        let same = changes.iter().rev().take_while(|c| c.clock == last).count();
        let before = if after + 1 == last { skip } else { 0 };
        format!("{}:{}", last - 1, before + same)
    });
    Ok(ChangesResult { clock: clock.max(last), source: cx.source(), changes, next_cursor })
}

fn shutdown(cx: &Cx<'_>, _: NoParams) -> Result<ShutdownResult, RpcError> {
    let Some(live) = cx.live else {
        return Err(errors::not_found("no daemon is running"));
    };
    let clock = cx.clock()?;
    live.shutdown();
    Ok(ShutdownResult { clock, source: cx.source(), stopping: true })
}

/// Subscriptions push notifications, which only a streaming transport can carry: the
/// WebSocket server answers `changes.subscribe` itself, every other transport refuses.
fn changes_subscribe(
    _cx: &Cx<'_>,
    _: protocol::SubscribeParams,
) -> Result<protocol::SubscribeResult, RpcError> {
    Err(errors::invalid_params(
        "changes.subscribe needs a streaming transport: use the WebSocket at /ws of `codehub serve --http`",
    ))
}

/// `context.pack` (see [`context::pack`]): sessions are remembered only by a running
/// daemon; without one the result still echoes `session` but every pack is whole.
fn context_pack(
    cx: &Cx<'_>,
    p: protocol::ContextParams,
) -> Result<protocol::ContextResult, RpcError> {
    if let Some(query) = p.query.as_deref().filter(|q| !q.trim().is_empty()) {
        check_query(query)?;
    }
    let clock = cx.clock()?;
    let sessions = cx.live.and_then(|l| l.sessions());
    match context::pack(cx.store, sessions, &p, clock, cx.source()) {
        Ok(result) => Ok(result),
        Err(context::PackError::InvalidParams(m)) => Err(errors::invalid_params(m)),
        Err(context::PackError::TooLarge(m)) => {
            Err(errors::error(protocol::ErrorKind::TooLarge, m))
        }
        Err(context::PackError::NotFound(m)) => Err(errors::not_found(m)),
        Err(context::PackError::Ambiguous { name, candidates }) => {
            Err(errors::ambiguous(&name, candidates))
        }
        Err(e @ context::PackError::Store(_)) => Err(errors::internal(e.to_string())),
        Err(e @ context::PackError::Tokenizer(_)) => Err(errors::internal(e.to_string())),
    }
}

//! `context.pack`: token-budgeted context around seed nodes (personalized PageRank
//! over the graph near the seeds, rendered and counted with a real BPE tokenizer),
//! and the sessions that let later packs send only what changed.
//!
//! [`pack`] is the whole method: the server's `context.pack` handler calls it on a
//! read-only store. Invariants: the pack's text never takes more tokens than the
//! budget (the final text is counted, not only its parts); ranking reads only the
//! neighbourhood of the seeds ([`rank`]); without [`Sessions`] (no daemon) nothing
//! is remembered between packs.

#![warn(missing_docs)]

pub mod rank;
mod render;
mod sessions;
mod tokens;

pub use sessions::{SessionLimits, Sessions};

/// The source text of node `id` as indexed (`nodes.get` with `source: true`): its
/// span read from the recorded root, the first line's indentation put back, decoded
/// as UTF-8 with invalid bytes as U+FFFD. The inner `Err` says why it cannot be given:
/// the file changed on disk since it was indexed (its size or BLAKE3 differs), is no
/// longer a regular file reached without symlinks, is unreadable, or the root is
/// unknown. `Ok(None)` when there is no node `id`. Reads at most the indexed size
/// (+1 byte) of the file.
pub fn node_text(store: &Store, id: &str) -> store::Result<Option<Result<String, &'static str>>> {
    let Some(node) = store.pack_node(id)? else { return Ok(None) };
    let root = store.root()?;
    Ok(Some(match store.file(&node.path)? {
        Some(file) => render::node_text(root.as_deref(), &node, file.size),
        None => Err("file no longer indexed"),
    }))
}
pub use tokens::{Tokenizer, TokenizerError};

use model::NodeSummary;
use protocol::{
    ContextParams, ContextResult, PackItem, PackRole, PossibleCounts, SeedTests, Source,
};
use std::collections::{HashMap, HashSet};
use store::{PackNode, Resolution, Store, StoreError};

/// How many of a query's best search hits become seeds.
pub const QUERY_SEEDS: usize = 3;
/// Most ranked nodes (besides the seeds) a pack considers; the rest are not listed.
pub const MAX_CANDIDATES: usize = 200;
/// Longest session id accepted, in bytes.
pub const MAX_SESSION_LEN: usize = 128;

/// Why a pack could not be made. The server maps each to a stable error kind.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// Bad params: no seeds and no query, budget out of range, bad session id...
    #[error("{0}")]
    InvalidParams(String),
    /// The query is over [`protocol::MAX_QUERY_BYTES`] bytes or
    /// [`protocol::MAX_QUERY_WORDS`] words.
    #[error("{0}")]
    TooLarge(String),
    /// A seed names no node, or the query matched nothing.
    #[error("{0}")]
    NotFound(String),
    /// A seed name matches several nodes (the candidates, at most 50).
    #[error("{name:?} matches {} nodes", candidates.len())]
    Ambiguous {
        /// The name as given.
        name: String,
        /// Nodes it could mean.
        candidates: Vec<NodeSummary>,
    },
    /// Reading the index failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// The tokenizer could not be built.
    #[error(transparent)]
    Tokenizer(#[from] TokenizerError),
}

/// Builds the `context.pack` answer for `params` from `store` (read at `clock`,
/// answered by `source`).
///
/// Steps: resolve the seeds (`nodes`, then the best [`QUERY_SEEDS`] search hits of
/// `query`); rank their neighbourhood by personalized PageRank
/// ([`rank::personalized_pagerank`]); render the seeds with their source (read from
/// the root on disk; when the file there no longer hashes to its indexed
/// `file_hash`, the seed is rendered as signature + summary and says so), the
/// others as signature + docstring summary + `path:start-end`; fill greedily in rank
/// order (an item that does not fit is skipped and smaller later ones still tried);
/// then count the assembled text and drop the last items until it fits. With
/// `sessions` and a `session` id, nodes the session already holds at their current
/// `version` are listed in `unchanged` instead, and what is sent is remembered.
///
/// Errors: [`PackError::InvalidParams`] (no seeds and no query, budget 0 or above
/// [`protocol::MAX_BUDGET`], session id empty or over [`MAX_SESSION_LEN`] bytes, a
/// query without words), [`PackError::NotFound`], [`PackError::Ambiguous`], store
/// and tokenizer failures.
pub fn pack(
    store: &Store,
    sessions: Option<&Sessions>,
    params: &ContextParams,
    clock: u64,
    source: Source,
) -> Result<ContextResult, PackError> {
    let budget = params.budget.unwrap_or(protocol::DEFAULT_BUDGET);
    if budget == 0 || budget > protocol::MAX_BUDGET {
        return Err(PackError::InvalidParams(format!(
            "budget must be between 1 and {} tokens, not {budget}",
            protocol::MAX_BUDGET
        )));
    }
    if let Some(s) = &params.session {
        if s.is_empty() || s.len() > MAX_SESSION_LEN {
            return Err(PackError::InvalidParams(format!(
                "session must be 1 to {MAX_SESSION_LEN} bytes, not {}",
                s.len()
            )));
        }
    }
    let encoding = params.encoding.unwrap_or_default();
    let started = std::time::Instant::now();
    let seeds = seeds(store, params)?;
    let tokenizer = Tokenizer::get(encoding)?;

    let (ranked, mut hood) = rank::personalized_pagerank(store, &seeds)?;
    let roles = roles(store, &seeds, &mut hood)?;
    let root = store.root()?;
    let ranked_ms = started.elapsed().as_secs_f64() * 1e3;

    // Seeds first (in the order given), then the rest by score.
    let seed_set: HashSet<&str> = seeds.iter().map(String::as_str).collect();
    let mut order: Vec<(PackNode, PackRole, f64)> = Vec::new();
    // What each seed's callers, callees and tests answers could not resolve: said in
    // the seed's text too, so a pack never passes a partial list off as whole.
    let mut possible = Vec::with_capacity(seeds.len());
    let mut tests = Vec::with_capacity(seeds.len());
    for id in &seeds {
        let one = std::slice::from_ref(id);
        let found = store.tests_reaching(id)?;
        possible.push(PossibleCounts {
            id: id.clone(),
            callers: store.possible_callers(one, false)?.count,
            callees: store.possible_callees(one, false)?.count,
            tests: store.possible_tests_besides(id, false, &found)?.count,
        });
        let total = found.len() as u64;
        let first = found.into_iter().take(protocol::MAX_SEED_TESTS).collect();
        tests.push(SeedTests { id: id.clone(), tests: first, total });
    }
    for id in &seeds {
        match store.pack_node(id)? {
            Some(node) => order.push((node, PackRole::Seed, 1.0)),
            // Removed since it was resolved (a commit between the two reads): a pack
            // without its seed would be an empty success.
            None => {
                return Err(PackError::NotFound(format!("no node with id {id:?} (just removed)")))
            }
        }
    }
    for r in ranked.iter().filter(|r| !seed_set.contains(r.id.as_str())).take(MAX_CANDIDATES) {
        if let Some(node) = store.pack_node(&r.id)? {
            let role = roles.get(r.id.as_str()).copied().unwrap_or(PackRole::Related);
            order.push((node, role, r.score));
        }
    }

    let read_ms = started.elapsed().as_secs_f64() * 1e3;
    let session = params.session.as_deref();
    let known = match (sessions, session) {
        (Some(sessions), Some(session)) => {
            let pairs: Vec<(&str, &str)> =
                order.iter().map(|(n, _, _)| (n.id.as_str(), n.version.as_str())).collect();
            sessions.already_sent(session, &pairs)
        }
        _ => vec![false; order.len()],
    };

    // Greedy fill. `blocks[i]` is the rendering of `included[i]`; texts are joined
    // by one blank line.
    let mut included: Vec<(usize, PackItem, String)> = Vec::new();
    let mut omitted: Vec<(usize, PackItem)> = Vec::new();
    let mut unchanged = Vec::new();
    let mut used: u32 = 0;
    for (rank, ((node, role, score), known)) in order.iter().zip(known).enumerate() {
        let counts = possible.get(rank).filter(|_| *role == PackRole::Seed);
        if known {
            unchanged.push(node.id.clone());
            continue;
        }
        let mut candidates = Vec::with_capacity(2);
        if *role == PackRole::Seed {
            // The indexed size caps the read; a file no longer indexed shows no source.
            let size = store.file(&node.path)?.map(|f| f.size);
            let source = match size {
                Some(size) => render::seed_source(root.as_deref(), node, size),
                None => Err("file no longer indexed"),
            };
            match source {
                Ok(text) => candidates.push((text, true)),
                Err(why) => candidates.push((render::brief(node, *role, Some(why)), false)),
            }
            if candidates[0].1 {
                // When the source does not fit, the seed's signature still may.
                candidates.push((render::brief(node, *role, None), false));
            }
            if let Some(counts) = counts {
                let mut line = tests.get(rank).map(render::tests_line).unwrap_or_default();
                line.push_str(&render::possible_line(node, counts));
                for (text, _) in &mut candidates {
                    text.push_str(&line);
                }
            }
        } else {
            candidates.push((render::brief(node, *role, None), false));
        }
        let separator = u32::from(!included.is_empty());
        let mut placed = None;
        let mut first_tokens = 0;
        for (i, (text, with_source)) in candidates.into_iter().enumerate() {
            let tokens = tokenizer.count(&text);
            if i == 0 {
                first_tokens = tokens;
            }
            if used + separator + tokens <= budget {
                placed = Some((text, with_source, tokens));
                break;
            }
        }
        match placed {
            Some((text, with_source, tokens)) => {
                used += separator + tokens;
                let item = item(node, *role, *score, tokens, with_source);
                included.push((rank, item, text));
            }
            None => omitted.push((rank, item(node, *role, *score, first_tokens, false))),
        }
    }

    // Joins can merge or split tokens: count what is sent, and drop from the end
    // until it fits.
    let mut text = join(&included);
    let mut tokens = tokenizer.count(&text);
    while tokens > budget {
        let Some((rank, item, _)) = included.pop() else { break };
        omitted.push((rank, item));
        text = join(&included);
        tokens = tokenizer.count(&text);
    }
    omitted.sort_by_key(|(rank, _)| *rank);
    tracing::debug!(
        ranked_ms,
        read_ms,
        total_ms = started.elapsed().as_secs_f64() * 1e3,
        candidates = order.len(),
        "context.pack"
    );

    if let (Some(sessions), Some(session)) = (sessions, session) {
        let sent: Vec<(String, String)> = included
            .iter()
            .map(|(rank, _, _)| {
                let node = &order[*rank].0;
                (node.id.clone(), node.version.clone())
            })
            .collect();
        sessions.record(session, &sent);
    }

    Ok(ContextResult {
        clock,
        source,
        encoding,
        budget,
        tokens,
        text,
        included: included.into_iter().map(|(_, item, _)| item).collect(),
        omitted: omitted.into_iter().map(|(_, item)| item).collect(),
        unchanged,
        session: params.session.clone(),
        possible,
        tests,
    })
}

fn join(included: &[(usize, PackItem, String)]) -> String {
    let mut text = String::new();
    for (i, (_, _, block)) in included.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(block);
    }
    text
}

fn item(node: &PackNode, role: PackRole, score: f64, tokens: u32, source: bool) -> PackItem {
    PackItem {
        id: node.id.clone(),
        kind: node.kind,
        path: node.path.clone(),
        start_line: node.span.start_line,
        end_line: node.span.end_line,
        role,
        score,
        tokens,
        source,
    }
}

/// The seed ids: `nodes` resolved in order, then the query's best hits; no duplicates.
fn seeds(store: &Store, params: &ContextParams) -> Result<Vec<String>, PackError> {
    let query = params.query.as_deref().filter(|q| !q.trim().is_empty());
    if params.nodes.is_empty() && query.is_none() {
        return Err(PackError::InvalidParams("give seed nodes, a query, or both".into()));
    }
    let mut seeds: Vec<String> = Vec::new();
    for name in &params.nodes {
        if name.is_empty() {
            return Err(PackError::InvalidParams("node must not be empty".into()));
        }
        let id = match store.resolve(name)? {
            Resolution::Found(id) => id,
            Resolution::Ambiguous(candidates) => {
                return Err(PackError::Ambiguous { name: name.clone(), candidates })
            }
            Resolution::NotFound => {
                return Err(PackError::NotFound(format!("no node named {name:?}")))
            }
        };
        if !seeds.contains(&id) {
            seeds.push(id);
        }
    }
    if let Some(query) = query {
        if !query.chars().any(|c| c.is_alphanumeric() || c == '_') {
            return Err(PackError::InvalidParams("query has no words to search for".into()));
        }
        let words = protocol::query_words(query).count();
        if query.len() > protocol::MAX_QUERY_BYTES || words > protocol::MAX_QUERY_WORDS {
            return Err(PackError::TooLarge(format!(
                "query has {words} words in {} bytes; at most {} words and {} bytes are searched",
                query.len(),
                protocol::MAX_QUERY_WORDS,
                protocol::MAX_QUERY_BYTES
            )));
        }
        let hits = store.search(query, QUERY_SEEDS)?;
        if hits.is_empty() && seeds.is_empty() {
            return Err(PackError::NotFound(format!("nothing matches the query {query:?}")));
        }
        for (hit, _) in hits {
            if !seeds.contains(&hit.id) {
                seeds.push(hit.id);
            }
        }
    }
    Ok(seeds)
}

/// Each node's relation to the seeds, from the edges read around them: tests, callers
/// and callees (direct, or through a chain of calls from a node already so labelled),
/// parents, and siblings (other children of a seed's parent). Where several hold, the
/// first in that order wins.
fn roles<'a>(
    store: &Store,
    seeds: &'a [String],
    hood: &'a mut rank::Neighbourhood,
) -> Result<HashMap<String, PackRole>, PackError> {
    use model::EdgeKind::{Calls, Contains, Tests};
    let mut roles: HashMap<String, PackRole> = HashMap::new();
    let rank_of = |r: PackRole| match r {
        PackRole::Seed => 0,
        PackRole::Test => 1,
        PackRole::Caller => 2,
        PackRole::Callee => 3,
        PackRole::Parent => 4,
        PackRole::Sibling => 5,
        PackRole::Related => 6,
    };
    let set = |roles: &mut HashMap<String, PackRole>, id: &str, role: PackRole| {
        let better = roles.get(id).is_none_or(|old| rank_of(role) < rank_of(*old));
        if better {
            roles.insert(id.to_owned(), role);
        }
    };
    let mut parents = Vec::new();
    for seed in seeds {
        hood.ensure(store, seed)?;
        for (other, kind, outgoing) in hood.links_of(seed).into_iter().flatten() {
            let role = match (kind, outgoing) {
                (Tests, false) => PackRole::Test,
                (Calls, false) => PackRole::Caller,
                (Calls, true) => PackRole::Callee,
                (Contains, false) => {
                    parents.push(other.to_owned());
                    PackRole::Parent
                }
                _ => continue,
            };
            set(&mut roles, other, role);
        }
    }
    for parent in &parents {
        hood.ensure(store, parent)?;
        let children: Vec<String> = hood
            .links_of(parent)
            .into_iter()
            .flatten()
            .filter(|(_, kind, outgoing)| *kind == Contains && *outgoing)
            .map(|(id, _, _)| id.to_owned())
            .collect();
        for child in children {
            set(&mut roles, &child, PackRole::Sibling);
        }
    }
    // Callers of callers, callees of callees, one more step out.
    let direct: Vec<(String, PackRole)> = roles
        .iter()
        .filter(|(_, r)| matches!(r, PackRole::Caller | PackRole::Callee))
        .map(|(id, r)| (id.clone(), *r))
        .collect();
    for (id, role) in direct {
        for (other, kind, outgoing) in hood.links_of(&id).into_iter().flatten() {
            let further = kind == Calls && (outgoing == (role == PackRole::Callee));
            if further && !seeds.iter().any(|s| s == other) {
                set(&mut roles, other, role);
            }
        }
    }
    Ok(roles)
}

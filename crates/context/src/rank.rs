//! Personalized PageRank around the seeds, computed locally with the push algorithm
//! of Andersen, Chung & Lang, "Local Graph Partitioning using PageRank Vectors"
//! (FOCS 2006), so a call touches only the neighbourhood of the seeds, never the
//! whole graph.

use model::EdgeKind;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use store::{Link, Store};

/// Teleport (restart) probability α of the PageRank walk: the walk jumps back to the
/// seeds with this probability at each step.
pub const ALPHA: f64 = 0.15;
/// Push threshold ε: a node is pushed while its residual is at least ε times its
/// (weighted) degree. ACL's bound: every estimate is within ε·degree of the truth.
pub const EPSILON: f64 = 1e-4;
/// Most nodes whose edges are read per call (each costs two indexed SQLite reads);
/// the frontier is pushed largest residual first, so the cap cuts the least likely
/// parts of the neighbourhood.
pub const MAX_EXPANDED: usize = 160;
/// Most edges read per node and direction (hubs such as a base class or a module can
/// have thousands; the walk treats the first ones as the node's whole neighbourhood).
pub const MAX_FANOUT: usize = 200;

/// The weight a walk gives an edge of `kind` (either direction): calls and tests are
/// what an agent needs most, structure next, non-call uses and imports least.
pub fn weight(kind: EdgeKind) -> f64 {
    match kind {
        EdgeKind::Calls | EdgeKind::Tests => 1.0,
        EdgeKind::Contains => 0.5,
        EdgeKind::Inherits | EdgeKind::Implements => 0.7,
        EdgeKind::References => 0.3,
        EdgeKind::Imports => 0.2,
    }
}

/// The graph around the seeds as far as it was read: node ids and, for expanded
/// nodes, their edges and weighted degree.
#[derive(Debug, Default)]
pub struct Neighbourhood {
    ids: Vec<String>,
    index: HashMap<String, usize>,
    /// Per node (by index): its edges `(other, kind, outgoing)` once read.
    links: Vec<Option<Vec<(usize, EdgeKind, bool)>>>,
    /// Per node: the sum of its edges' weights, once read.
    degree: Vec<f64>,
    n_expanded: usize,
}

impl Neighbourhood {
    fn intern(&mut self, id: &str) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.ids.len();
        self.ids.push(id.to_owned());
        self.index.insert(id.to_owned(), i);
        self.links.push(None);
        self.degree.push(0.0);
        i
    }

    fn expanded(&self, i: usize) -> bool {
        self.links[i].is_some()
    }

    /// Reads the edges of node `i` from the store unless already read.
    fn expand(&mut self, store: &Store, i: usize) -> store::Result<()> {
        if self.expanded(i) {
            return Ok(());
        }
        let id = self.ids[i].clone();
        let read: Vec<Link> = store.links(&id, MAX_FANOUT)?;
        let mut out = Vec::with_capacity(read.len());
        for link in read {
            if link.other != id {
                out.push((self.intern(&link.other), link.kind, link.outgoing));
            }
        }
        self.degree[i] = out.iter().map(|&(_, kind, _)| weight(kind)).sum();
        self.links[i] = Some(out);
        self.n_expanded += 1;
        Ok(())
    }

    /// The edges of `id` when they were read, else `None`.
    pub fn links_of(&self, id: &str) -> Option<impl Iterator<Item = (&str, EdgeKind, bool)>> {
        let i = *self.index.get(id)?;
        let links = self.links[i].as_ref()?;
        Some(links.iter().map(|&(j, kind, out)| (self.ids[j].as_str(), kind, out)))
    }

    /// Reads the edges of `id` if not read yet (used for the seeds' parents, whose
    /// children are the seeds' siblings).
    pub fn ensure(&mut self, store: &Store, id: &str) -> store::Result<()> {
        let i = self.intern(id);
        self.expand(store, i)
    }
}

/// One node's approximate personalized PageRank.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The node id.
    pub id: String,
    /// `p + α·r`: the settled mass plus what one more push of its residual would
    /// settle (nodes never expanded have only residual).
    pub score: f64,
}

#[derive(PartialEq)]
struct Pending(f64, usize);
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(other.1.cmp(&self.1))
    }
}

/// Most pushes per call: each push of a node at least halves its residual, so a few
/// per expanded node settle nearly all the mass that matters.
pub const MAX_PUSHES: usize = 4 * MAX_EXPANDED;

/// Approximate personalized PageRank with restart distribution uniform over `seeds`
/// (ids), over the undirected, weighted graph of every resolved edge kind (see
/// [`weight`]), by ACL's push procedure on the lazy walk: pushing `u` settles
/// `α·r(u)` into `p(u)`, keeps `(1-α)·r(u)/2` at `u` and spreads `(1-α)·r(u)/2` over
/// its edges by weight. Pushing continues while some node holds `r(u) ≥ ε·w(u)`
/// (`w(u)` its weighted degree), largest residual first, for at most
/// [`MAX_EXPANDED`] distinct nodes and [`MAX_PUSHES`] pushes.
///
/// Returns every node reached except the seeds, best first (ties by id), and the
/// neighbourhood read (for roles). Errors: store reads.
pub fn personalized_pagerank(
    store: &Store,
    seeds: &[String],
) -> store::Result<(Vec<Ranked>, Neighbourhood)> {
    let mut hood = Neighbourhood::default();
    let mut p: Vec<f64> = Vec::new();
    let mut r: Vec<f64> = Vec::new();
    let mut heap = BinaryHeap::new();
    let start = 1.0 / seeds.len().max(1) as f64;
    for seed in seeds {
        let i = hood.intern(seed);
        r.resize(hood.ids.len(), 0.0);
        r[i] += start;
        heap.push(Pending(r[i], i));
    }
    let mut pushes = 0usize;
    while let Some(Pending(_, u)) = heap.pop() {
        if pushes >= MAX_PUSHES {
            break;
        }
        if !hood.expanded(u) {
            if hood.n_expanded >= MAX_EXPANDED {
                continue;
            }
            hood.expand(store, u)?;
        }
        r.resize(hood.ids.len(), 0.0);
        p.resize(hood.ids.len(), 0.0);
        let ru = r[u];
        let degree = hood.degree[u];
        if degree == 0.0 {
            // A node without edges keeps all the walk's mass that reaches it.
            p[u] += ru;
            r[u] = 0.0;
            continue;
        }
        if ru < EPSILON * degree {
            continue;
        }
        pushes += 1;
        p[u] += ALPHA * ru;
        let keep = (1.0 - ALPHA) * ru / 2.0;
        r[u] = keep;
        let share = keep / degree;
        for &(v, kind, _) in hood.links[u].as_deref().unwrap_or_default() {
            let before = r[v];
            r[v] += share * weight(kind);
            // Queue when the residual crosses the push threshold. A node's degree is
            // unknown until expanded: then it is queued on crossing ε, and tested
            // against ε·w(v) when popped.
            let threshold =
                if hood.links[v].is_some() { EPSILON * hood.degree[v] } else { EPSILON };
            if before < threshold && r[v] >= threshold {
                heap.push(Pending(r[v], v));
            }
        }
        if keep >= EPSILON * degree {
            heap.push(Pending(keep, u));
        }
    }
    r.resize(hood.ids.len(), 0.0);
    p.resize(hood.ids.len(), 0.0);
    let seed_ids: std::collections::HashSet<usize> =
        seeds.iter().filter_map(|s| hood.index.get(s).copied()).collect();
    let mut ranked: Vec<Ranked> = (0..hood.ids.len())
        .filter(|i| !seed_ids.contains(i))
        .map(|i| Ranked { id: hood.ids[i].clone(), score: p[i] + ALPHA * r[i] })
        .filter(|x| x.score > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    Ok((ranked, hood))
}

//! Linking: turning an edge's global target key (`py:django.db.models.Q`) into a node
//! id through the symbols every file exports, following re-export aliases.
//!
//! Resolution is a pure function of the key and the symbol table, the same for a cold
//! index (all symbols in memory) and an incremental one (SQL look-ups), which is what
//! makes "incremental equals clean" (SPEC §5.4) hold for edges.

use model::Provenance;
use std::collections::HashMap;

/// One row of the symbol table: a key stands for a node, or aliases another key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Sym {
    Node(String),
    Alias(String),
}

/// How many alias hops a key may take before it is declared unresolvable (guards
/// against re-export cycles).
pub(crate) const MAX_HOPS: usize = 8;

/// A key's last member name: `py:a.b.f` → `f`, `rs:vendor/x/:crate` → `crate`.
/// Alias hops and prefix rewrites never change it, which makes it the index for
/// finding the edges a changed symbol may affect.
pub(crate) fn last_segment(key: &str) -> &str {
    let cut = key.rfind(['.', ':']).map_or(0, |i| i + 1);
    &key[cut..]
}

/// The outcome of linking one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Linked {
    pub node_id: String,
    /// More than one node claimed the final key (conditional definitions).
    pub ambiguous: bool,
}

/// Resolves `key` using `lookup` (all symbol rows with exactly that key, in a stable
/// order). Tries, in turn: the key itself; then its longest prefix that is an alias
/// (`m.Q.f` with `m.Q` → `q.Q` becomes `q.Q.f`) or that has a star re-export
/// (`m.*` → `x` makes `m.f` try `x.f`). A prefix that is a node stops the search: a
/// member the node does not define is not guessed.
pub(crate) fn resolve(key: &str, lookup: &mut impl FnMut(&str) -> Vec<Sym>) -> Option<Linked> {
    let mut current = key.to_owned();
    'hops: for _ in 0..MAX_HOPS {
        let rows = lookup(&current);
        let mut nodes: Vec<&String> = rows
            .iter()
            .filter_map(|s| match s {
                Sym::Node(id) => Some(id),
                Sym::Alias(_) => None,
            })
            .collect();
        if !nodes.is_empty() {
            nodes.sort();
            return Some(Linked { node_id: nodes[0].clone(), ambiguous: nodes.len() > 1 });
        }
        if let Some(Sym::Alias(target)) = rows.iter().find(|s| matches!(s, Sym::Alias(_))) {
            current = target.clone();
            continue;
        }
        let mut end = current.len();
        while let Some(dot) = current[..end].rfind('.') {
            let prefix = &current[..dot];
            let rest = &current[dot..];
            let rows = lookup(prefix);
            if let Some(Sym::Alias(target)) = rows.iter().find(|s| matches!(s, Sym::Alias(_))) {
                current = format!("{target}{rest}");
                continue 'hops;
            }
            if rows.iter().any(|s| matches!(s, Sym::Node(_))) {
                // A star re-export on a module node: `export * from './x'`.
                let star = lookup(&format!("{prefix}.*"));
                if let Some(Sym::Alias(target)) = star.first() {
                    current = format!("{target}{rest}");
                    continue 'hops;
                }
                return None;
            }
            end = dot;
        }
        return None;
    }
    None
}

/// Provenance of a keyed edge once linked: exact unless the key was a guess or the
/// final key was claimed by several nodes.
pub(crate) fn provenance(linked: &Linked, key_inferred: bool) -> Provenance {
    if key_inferred || linked.ambiguous {
        Provenance::Inferred
    } else {
        Provenance::Exact
    }
}

/// The whole symbol table in memory, for linking every edge of a cold index at once.
#[derive(Default)]
pub(crate) struct SymbolMap {
    pub rows: HashMap<String, Vec<Sym>>,
}

impl SymbolMap {
    pub fn lookup(&self, key: &str) -> Vec<Sym> {
        self.rows.get(key).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(&str, Sym)]) -> SymbolMap {
        let mut map = SymbolMap::default();
        for (key, sym) in rows {
            map.rows.entry((*key).to_owned()).or_default().push(sym.clone());
        }
        map
    }

    fn node(id: &str) -> Sym {
        Sym::Node(id.to_owned())
    }

    fn alias(key: &str) -> Sym {
        Sym::Alias(key.to_owned())
    }

    fn linked(map: &SymbolMap, key: &str) -> Option<String> {
        resolve(key, &mut |k| map.lookup(k)).map(|l| l.node_id)
    }

    #[test]
    fn follows_reexports_and_prefix_aliases() {
        let map = table(&[
            ("py:q", node("q.py")),
            ("py:q.Q", node("q.py::Q")),
            ("py:q.Q.f", node("q.py::Q.f")),
            ("py:m", node("m/__init__.py")),
            ("py:m.Q", alias("py:q.Q")),
        ]);
        assert_eq!(linked(&map, "py:m.Q").as_deref(), Some("q.py::Q"));
        assert_eq!(linked(&map, "py:m.Q.f").as_deref(), Some("q.py::Q.f"));
        assert_eq!(linked(&map, "py:m.Q.g"), None, "a member Q lacks is not guessed");
        assert_eq!(linked(&map, "py:os.path.join"), None);
    }

    #[test]
    fn star_reexports_and_cycles() {
        let map = table(&[
            ("js:a", node("a.ts")),
            ("js:a.*", alias("js:b")),
            ("js:b", node("b.ts")),
            ("js:b.f", node("b.ts::f")),
            ("js:x", alias("js:y")),
            ("js:y", alias("js:x")),
        ]);
        assert_eq!(linked(&map, "js:a.f").as_deref(), Some("b.ts::f"));
        assert_eq!(linked(&map, "js:x"), None, "alias cycles end unresolved");
    }

    #[test]
    fn ambiguous_keys_pick_a_stable_node() {
        let map = table(&[("py:m.f", node("m.py::f#2")), ("py:m.f", node("m.py::f"))]);
        let got = resolve("py:m.f", &mut |k| map.lookup(k)).unwrap();
        assert_eq!(got, Linked { node_id: "m.py::f".into(), ambiguous: true });
        assert_eq!(provenance(&got, false), Provenance::Inferred);
    }
}

//! Linking: turning an edge's global target key (`py:django.db.models.Q`) into a node
//! id through the symbols every file exports, following re-export aliases, star
//! re-exports and base classes.
//!
//! Resolution is a pure function of the key and the symbol table, the same for a cold
//! index (all symbols in memory) and an incremental one (SQL look-ups), which is what
//! makes "incremental equals clean" (SPEC §5.4) hold for edges.
//!
//! Star rows (`K.*` → `T`) say "members of `K` not defined under `K` are looked up
//! under `T`". Extractors use them for module star re-exports (`export * from './x'`,
//! `from x import *`), for a class's bases (`py:m.C.*` → `py:b.Base`), and for the
//! traits a type implements. When a key has several star rows, their order is given by
//! one more row under the same key whose target is [`ORDER_PREFIX`] followed by the
//! targets, space-separated; members are then looked up along the C3 linearisation of
//! the star graph (Python's method resolution order, which for single inheritance and
//! flat re-exports is just "in order"). Every star row's target stays a plain key, so
//! the writer's reverse walk over `alias_of` still finds the rows that depend on a
//! changed key.
//!
//! This crate is where linking knows the key conventions of the languages (star rows,
//! orders, the `js:pkg:` and `go:mod:` prefix spaces); the store only reads and
//! writes rows, and calls [`resolve`] with a look-up over its symbol table.

#![warn(missing_docs)]

use model::{keys, Provenance};
use std::collections::{HashMap, HashSet};

/// One row of the symbol table: a key stands for a node, or aliases another key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sym {
    /// The key names this node (its id).
    Node(String),
    /// The key stands for this other key (a re-export, an import alias, a star row's
    /// target, a base class).
    Alias(String),
}

/// How many alias hops (an alias row, a prefix alias, a star row, a base class) one
/// link may take before the key is declared unresolvable. Guards against cycles; the
/// writer's reverse walk over aliases goes as deep, so every hop a link can take is
/// one the re-linking of dependents can retrace.
pub const MAX_HOPS: usize = 16;

/// The version of the linking rules, recorded in `meta.link_rules` by every complete
/// link pass (`store::Writer::link_all`) and in every store this build creates. A
/// store whose edges were last linked under other rules (or by a build that did not
/// record them) is owed a complete re-link (`store::LinkState::Outdated`): bump this
/// whenever [`resolve`] can give a key another answer, so that an upgraded index
/// equals a clean one.
///
/// 4: a key that does not link is [`Provenance::External`] when
/// [`unlinked_provenance`] says so.
pub const LINK_RULES: u32 = 4;

/// A star row whose target starts with this is not an alias but the order of the
/// other star rows of its key: `order:py:a.A py:b.B` (base classes in declaration
/// order, star imports latest first).
pub const ORDER_PREFIX: &str = keys::ORDER;

/// The key space of JavaScript bare import specifiers (`js:pkg:lodash.map`), whose
/// `/`-prefixes path mappings alias (see `Linker::through_path_prefix`).
const JS_PACKAGE: &str = keys::JS_PACKAGE;

/// The key space of Go import paths (`go:mod:example.com/m/util.Parse`), whose
/// `/`-prefixes a `go.mod`'s module path aliases to its directory, as path mappings
/// do for [`JS_PACKAGE`].
const GO_MODULE: &str = keys::GO_MODULE;

/// The prefix of C++ keys of the global namespace's names (`cpp:.f`), which
/// [`Step::Space`] looks up among C's.
const CPP_GLOBAL: &str = "cpp:.";

/// Symbol-table reads (fetched or cached) one link may make before giving up: bounds
/// the work of linearising wide and deep hierarchies, whatever their shape.
const MAX_LOOKUPS: usize = 512;

/// A key's last member name: `py:a.b.f` → `f`, `rs:vendor/x/:crate` → `crate`.
/// Alias hops, prefix rewrites and star (base class) rewrites never change it, which
/// makes it the index for finding the edges a changed symbol may affect.
pub fn last_segment(key: &str) -> &str {
    let cut = key.rfind(['.', ':']).map_or(0, |i| i + 1);
    &key[cut..]
}

/// The outcome of linking one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linked {
    /// The node the key resolved to.
    pub node_id: String,
    /// More than one node claimed the final key (conditional definitions).
    pub ambiguous: bool,
}

/// Resolves `key` using `lookup` (all symbol rows with exactly that key, in a stable
/// order). Tries, in turn: the key itself (a node row resolves it, an alias row
/// rewrites it); then its longest prefix that is an alias (`m.Q.f` with `m.Q` → `q.Q`
/// becomes `q.Q.f`), a node, or a key with star rows only. Under such a prefix, the
/// member is looked up through the star rows, in C3 order (`m.*` → `x` makes `m.f`
/// try `x.f`; a class's bases make `C.m` try `Base.m`; an attribute's type makes
/// `C.a.m` try `T.m`); a member none of them defines is not guessed.
pub fn resolve(key: &str, lookup: &mut impl FnMut(&str) -> Vec<Sym>) -> Option<Linked> {
    let mut linker = Linker {
        lookup,
        budget: MAX_LOOKUPS,
        rows: HashMap::new(),
        linearisations: HashMap::new(),
        trace: None,
    };
    linker.resolve(key, MAX_HOPS, None, None)
}

/// What one step of a resolution did to the key being resolved ([`resolve_traced`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The whole key is an alias: it became the alias's target (an import `as`
    /// may rename, so this is the one step that may change the last segment).
    Alias,
    /// A prefix of the key is an alias: the prefix was replaced (`m.Q.f` → `q.Q.f`).
    Prefix,
    /// A member looked up through a star row (a base class, a star re-export, an
    /// attribute's type): the member's owner was replaced (`C.m` → `Base.m`).
    Star,
    /// A package path mapping: a `/`-prefix of a `js:pkg:`/`go:mod:` key was
    /// replaced (`js:pkg:@/lib.f` → `js:src/lib.f`).
    Path,
    /// A C++ name of the global namespace that no C++ file defines is looked up
    /// among C's (`cpp:.f` → `c:f`): a C++ file calls C functions by their names.
    Space,
    /// What a method returning its receiver returns is the receiver: `C.m.__return__.x`
    /// became `C.x`, `C` being the class the member was looked up on, not the
    /// ancestor that defines `m` ([`keys::RECEIVER`]).
    Receiver,
}

/// [`resolve`], also recording in `trace` every rewrite of the key as `(step, from,
/// to)`, in order. For tests and diagnosis; answers exactly as [`resolve`].
pub fn resolve_traced(
    key: &str,
    lookup: &mut impl FnMut(&str) -> Vec<Sym>,
    trace: &mut Vec<(Step, String, String)>,
) -> Option<Linked> {
    let mut linker = Linker {
        lookup,
        budget: MAX_LOOKUPS,
        rows: HashMap::new(),
        linearisations: HashMap::new(),
        trace: Some(Vec::new()),
    };
    let linked = linker.resolve(key, MAX_HOPS, None, None);
    trace.extend(linker.trace.unwrap_or_default());
    linked
}

/// Provenance of a keyed edge once linked: exact unless the key was a guess or the
/// final key was claimed by several nodes.
pub fn provenance(linked: &Linked, key_inferred: bool) -> Provenance {
    if key_inferred || linked.ambiguous {
        Provenance::Inferred
    } else {
        Provenance::Exact
    }
}

/// Provenance of a keyed edge that links to no node: [`Provenance::External`] when
/// its key, written as the source states it (not `key_inferred`), names what is
/// outside every root by its language's rules, so that the call is known, only not
/// indexed (Python: `py:builtins.len` and the standard library's modules,
/// `py:os.path.join`, unless a module of the root defines the name, which links
/// first); [`Provenance::Unresolved`] otherwise. A pure function of the key, so a
/// cold and an incremental index agree.
pub fn unlinked_provenance(key: &str, key_inferred: bool) -> Provenance {
    if key_inferred {
        return Provenance::Unresolved;
    }
    if keys::is_python_stdlib(key) {
        Provenance::External
    } else {
        Provenance::Unresolved
    }
}

/// The whole symbol table in memory, for linking every edge of a cold index at once.
#[derive(Default)]
pub struct SymbolMap {
    /// Every key's rows, in the order [`resolve`] takes them.
    pub rows: HashMap<String, Vec<Sym>>,
}

impl SymbolMap {
    /// The rows of exactly `key` (empty when it has none).
    pub fn lookup(&self, key: &str) -> Vec<Sym> {
        self.rows.get(key).cloned().unwrap_or_default()
    }
}

/// One entry of a linearisation: a key to look members up under, how many hops are
/// left after reaching it, and whether only public members may be taken from it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Ancestor {
    key: String,
    hops: usize,
    public_only: bool,
}

/// State of one [`resolve`] call: the look-up function, a budget of look-ups, and the
/// rows already fetched (a linearisation asks for the same keys repeatedly).
struct Linker<'l, F> {
    lookup: &'l mut F,
    budget: usize,
    rows: HashMap<String, Vec<Sym>>,
    /// Linearisations already computed in this call, by key and hops left.
    linearisations: HashMap<(String, usize), Vec<Ancestor>>,
    /// The rewrites made, when traced ([`resolve_traced`]).
    trace: Option<Vec<(Step, String, String)>>,
}

impl<F: FnMut(&str) -> Vec<Sym>> Linker<'_, F> {
    fn note(&mut self, step: Step, from: &str, to: &str) {
        if let Some(trace) = &mut self.trace {
            trace.push((step, from.to_owned(), to.to_owned()));
        }
    }

    fn rows(&mut self, key: &str) -> Vec<Sym> {
        if self.budget == 0 {
            return Vec::new();
        }
        self.budget -= 1;
        if let Some(rows) = self.rows.get(key) {
            return rows.clone();
        }
        let rows = (self.lookup)(key);
        self.rows.insert(key.to_owned(), rows.clone());
        rows
    }

    /// Resolves `key` within `hops`. `shallow` is a key whose members must be found
    /// directly under it: its star rows are not followed (the caller is walking a
    /// linearisation that already lists what they lead to). `receiver` is the class a
    /// call's member is being looked up for along its bases: where the member returns
    /// its receiver, it returns that class.
    fn resolve(
        &mut self,
        key: &str,
        mut hops: usize,
        mut shallow: Option<&str>,
        mut receiver: Option<&Receiver>,
    ) -> Option<Linked> {
        let mut current = key.to_owned();
        'hops: loop {
            if hops == 0 {
                return None;
            }
            hops -= 1;
            let rows = self.rows(&current);
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
            if let Some(target) = first_alias(&rows) {
                let target = target.to_owned();
                self.note(Step::Alias, &current, &target);
                current = target;
                continue;
            }
            let mut end = current.len();
            while let Some(dot) = current[..end].rfind('.') {
                let prefix = current[..dot].to_owned();
                let rest = current[dot..].to_owned();
                let rows = self.rows(&prefix);
                if first_alias(&rows) == Some(keys::RECEIVER) {
                    // `C.m.__return__` where `m` returns its receiver: `C` itself, or
                    // the class `C` was reached from through its bases.
                    if let Some(owner) = returned_receiver(&prefix) {
                        let owner = match receiver {
                            Some(r)
                                if current.len() == owner.len() + r.tail.len()
                                    && current.ends_with(&r.tail) =>
                            {
                                r.key.clone()
                            }
                            _ => owner.to_owned(),
                        };
                        let rewritten = format!("{owner}{rest}");
                        self.note(Step::Receiver, &current, &rewritten);
                        current = rewritten;
                        (shallow, receiver) = (None, None);
                        continue 'hops;
                    }
                }
                if let Some(target) = first_alias(&rows) {
                    let rewritten = format!("{target}{rest}");
                    self.note(Step::Prefix, &current, &rewritten);
                    current = rewritten;
                    continue 'hops;
                }
                // Under a node, or under a key that has star rows only (the type of a
                // class attribute: `C.attr.*` → `T`), members are looked up through
                // the star rows.
                let is_node = rows.iter().any(|s| matches!(s, Sym::Node(_)));
                if is_node || (rows.is_empty() && !self.star_rows(&prefix).is_empty()) {
                    if shallow == Some(prefix.as_str()) {
                        return None;
                    }
                    let inherited = receiver.filter(|r| rest.ends_with(&r.tail));
                    return self.through_stars(&prefix, &rest, hops, inherited);
                }
                end = dot;
            }
            if let Some(found) = self.through_path_prefix(&current, hops) {
                return Some(found);
            }
            return self.through_c(&current, hops);
        }
    }

    /// A C++ key of the global namespace with one name (`cpp:.lib_version`) that
    /// nothing under `cpp:` defines is C's key of that name (`c:lib_version`): C
    /// functions (an `extern "C"` header's, or a C file's) live in C++'s global
    /// namespace, and a C header's definitions are exported only under `c:`.
    fn through_c(&mut self, key: &str, hops: usize) -> Option<Linked> {
        let name = key.strip_prefix(CPP_GLOBAL)?;
        if name.is_empty() || name.contains('.') {
            return None;
        }
        let c_key = format!("{}{name}", keys::C);
        self.note(Step::Space, key, &c_key);
        self.resolve(&c_key, hops, None, None)
    }

    /// A bare JavaScript specifier's key (`js:pkg:@/lib/money.cents`) under a path
    /// mapping (`tsconfig.json`'s `paths` and `baseUrl`): its longest `/`-prefix that
    /// is an alias (`js:pkg:@` → `js:src`), down to the empty prefix `js:pkg:`, has the
    /// rest of the key appended to each of its targets in turn (`js:src/lib/money.cents`);
    /// the first that resolves wins. Only prefixes ending before the key's last `.` are
    /// tried, so the last segment never changes. Go import paths (`go:mod:`, aliased
    /// by `go.mod` files) are rewritten the same way.
    fn through_path_prefix(&mut self, key: &str, hops: usize) -> Option<Linked> {
        let (space, body) = [JS_PACKAGE, GO_MODULE]
            .into_iter()
            .find_map(|space| key.strip_prefix(space).map(|body| (space, body)))?;
        let last_dot = body.rfind('.')?;
        let cuts = body[..last_dot].rmatch_indices('/').map(|(i, _)| (i, i + 1));
        for (end, start) in cuts.chain([(0, 0)]) {
            let prefix = format!("{space}{}", &body[..end]);
            let rest = &body[start..];
            let rows = self.rows(&prefix);
            for target in aliases(&rows) {
                let joined = if target.ends_with(':') {
                    format!("{target}{rest}")
                } else {
                    format!("{target}/{rest}")
                };
                self.note(Step::Path, key, &joined);
                if let Some(found) = self.resolve(&joined, hops, None, None) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// Looks `rest` (`.member...`) up under the ancestors of the node key `prefix`, in
    /// C3 order, `prefix` itself excluded (its own rows were already tried).
    fn through_stars(
        &mut self,
        prefix: &str,
        rest: &str,
        hops: usize,
        inherited: Option<&Receiver>,
    ) -> Option<Linked> {
        if self.star_rows(prefix).is_empty() {
            return None;
        }
        let mut visiting = HashSet::new();
        let linearisation = self.linearise(prefix, hops, false, &mut visiting);
        let private = rest.starts_with("._");
        // `.m.__return__...`: the member whose call's result the rest looks into.
        let called = rest
            .strip_prefix('.')
            .and_then(|r| r.split_once('.'))
            .filter(|(_, after)| after.split('.').next() == Some(keys::RETURN))
            .map(|(member, _)| member.to_owned());
        // The class the call is on: the one being resolved when this walk is itself
        // under one (through a module's star rows or a re-export of a base).
        let own = Receiver { key: prefix.to_owned(), tail: rest.to_owned() };
        let receiver = inherited.or(called.as_ref().map(|_| &own));
        for ancestor in linearisation.into_iter().skip(1) {
            if ancestor.public_only && private {
                continue;
            }
            let key = format!("{}{rest}", ancestor.key);
            if self.trace.is_some() {
                self.note(Step::Star, &format!("{prefix}{rest}"), &key);
            }
            let found = self.resolve(&key, ancestor.hops, Some(&ancestor.key), receiver);
            if found.is_some() {
                return found;
            }
            if let Some(member) = &called {
                // What a call of a member returns is decided by the nearest class
                // that defines the member, even when it says nothing: a farther
                // ancestor's definition is overridden.
                let defined = format!("{}.{member}", ancestor.key);
                if self.rows(&defined).iter().any(|r| matches!(r, Sym::Node(_))) {
                    return None;
                }
            }
        }
        None
    }

    /// The C3 linearisation of `key` over star rows: `key`, then the merge of its
    /// targets' linearisations and the targets themselves (Barrett et al., "A
    /// Monotonic Superclass Linearization for Dylan", 1996; Python's MRO). Targets are
    /// canonicalised through alias rows to the key of the node they stand for; a
    /// target that is no alias (a namespace such as Python's `m.__all__`, or something
    /// outside the root) is kept as written. Falls back to depth-first order when no
    /// C3 order exists.
    fn linearise(
        &mut self,
        key: &str,
        hops: usize,
        public_only: bool,
        visiting: &mut HashSet<String>,
    ) -> Vec<Ancestor> {
        let memo = (key.to_owned(), hops);
        if let Some(known) = self.linearisations.get(&memo) {
            return known.clone();
        }
        let me = Ancestor { key: key.to_owned(), hops, public_only };
        if hops == 0 || self.budget == 0 || !visiting.insert(key.to_owned()) {
            return vec![me];
        }
        // `m.__all__` (what `from m import *` binds) stands for a whole module and
        // exports only public names: members starting with `_` are not looked up.
        let public = key.strip_suffix(keys::ALL).is_some_and(|k| k.ends_with('.'));
        let mut bases: Vec<Ancestor> = Vec::new();
        for target in self.star_rows(key) {
            // A star hop, then whatever aliases lead to the base's node.
            let (canonical, used) = self.canonical(&target, hops - 1);
            let left = (hops - 1).saturating_sub(used);
            if canonical != key && !bases.iter().any(|b| b.key == canonical) {
                bases.push(Ancestor { key: canonical, hops: left, public_only: public });
            }
        }
        let mut sequences: Vec<Vec<Ancestor>> = Vec::new();
        for base in &bases {
            let mut seq = self.linearise(&base.key, base.hops, base.public_only, visiting);
            if base.public_only {
                for entry in &mut seq {
                    entry.public_only = true;
                }
            }
            sequences.push(seq);
        }
        sequences.push(bases);
        visiting.remove(key);
        let mut out = vec![me];
        out.extend(merge(sequences));
        self.linearisations.insert(memo, out.clone());
        out
    }

    /// Follows the alias rows of `key` (not prefixes) while it has no node row: the
    /// key it ends at, and the hops taken.
    fn canonical(&mut self, key: &str, hops: usize) -> (String, usize) {
        let mut current = key.to_owned();
        let mut used = 0;
        while used < hops {
            let rows = self.rows(&current);
            if rows.iter().any(|r| matches!(r, Sym::Node(_))) {
                break;
            }
            match first_alias(&rows) {
                Some(target) if target != current => {
                    current = target.to_owned();
                    used += 1;
                }
                _ => break,
            }
        }
        (current, used)
    }

    /// The star targets of `key` (rows of `key.*`), ordered by its order row when
    /// there is one; targets the order row does not list follow in table order.
    fn star_rows(&mut self, key: &str) -> Vec<String> {
        let rows = self.rows(&keys::star(key));
        let mut order: Vec<String> = Vec::new();
        let mut targets: Vec<String> = Vec::new();
        for row in rows {
            if let Sym::Alias(target) = row {
                match target.strip_prefix(ORDER_PREFIX) {
                    Some(list) => order = list.split(' ').map(str::to_owned).collect(),
                    None => targets.push(target),
                }
            }
        }
        let mut ordered: Vec<String> = order.into_iter().filter(|t| targets.contains(t)).collect();
        for t in targets {
            if !ordered.contains(&t) {
                ordered.push(t);
            }
        }
        ordered
    }
}

/// The class a call's member is looked up for ([`keys::RECEIVER`]): `key`, and the
/// rest of the key being resolved when it was found (`.m.__return__.x`), which every
/// rewrite of the class part keeps.
#[derive(Clone, Debug)]
struct Receiver {
    key: String,
    tail: String,
}

/// `C` for `C.m.__return__`: the receiver of the call whose result the key names.
fn returned_receiver(key: &str) -> Option<&str> {
    let called = key.strip_suffix(keys::RETURN)?.strip_suffix('.')?;
    called.rsplit_once('.').map(|(owner, _)| owner)
}

/// The first alias row's target, skipping order rows.
fn first_alias(rows: &[Sym]) -> Option<&str> {
    aliases(rows).next()
}

/// Every alias row's target, in table order, skipping order rows.
fn aliases(rows: &[Sym]) -> impl Iterator<Item = &str> {
    rows.iter().filter_map(|s| match s {
        Sym::Alias(target) if !target.starts_with(ORDER_PREFIX) => Some(target.as_str()),
        _ => None,
    })
}

/// C3 merge: repeatedly take the first head that appears in no sequence's tail. When
/// none qualifies (an inconsistent hierarchy), the rest is taken depth-first.
fn merge(mut sequences: Vec<Vec<Ancestor>>) -> Vec<Ancestor> {
    let mut out: Vec<Ancestor> = Vec::new();
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return out;
        }
        let head = sequences.iter().map(|s| &s[0]).find(|candidate| {
            !sequences.iter().any(|s| s[1..].iter().any(|a| a.key == candidate.key))
        });
        let Some(head) = head.cloned() else {
            for seq in sequences {
                for a in seq {
                    if !out.iter().any(|o| o.key == a.key) {
                        out.push(a);
                    }
                }
            }
            return out;
        };
        for seq in &mut sequences {
            if seq[0].key == head.key {
                seq.remove(0);
            }
        }
        if let Some(existing) = out.iter_mut().find(|o| o.key == head.key) {
            existing.hops = existing.hops.max(head.hops);
        } else {
            out.push(head);
        }
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
            ("js:s", node("s.ts")),
            ("js:s.*", alias("js:s")),
        ]);
        assert_eq!(linked(&map, "js:a.f").as_deref(), Some("b.ts::f"));
        assert_eq!(linked(&map, "js:x"), None, "alias cycles end unresolved");
        assert_eq!(linked(&map, "js:s.f"), None, "star cycles end unresolved");
    }

    #[test]
    fn ambiguous_keys_pick_a_stable_node() {
        let map = table(&[("py:m.f", node("m.py::f#2")), ("py:m.f", node("m.py::f"))]);
        let got = resolve("py:m.f", &mut |k| map.lookup(k)).unwrap();
        assert_eq!(got, Linked { node_id: "m.py::f".into(), ambiguous: true });
        assert_eq!(provenance(&got, false), Provenance::Inferred);
    }

    #[test]
    fn methods_are_found_through_base_classes() {
        // c.py: `from b import B` / `class C(B)`; b.py: `from a import A` / `class B(A)`.
        let map = table(&[
            ("py:a.A", node("a.py::A")),
            ("py:a.A.hello", node("a.py::A.hello")),
            ("py:b.A", alias("py:a.A")),
            ("py:b.B", node("b.py::B")),
            ("py:b.B.*", alias("py:a.A")),
            ("py:b.B.middle", node("b.py::B.middle")),
            ("py:c.B", alias("py:b.B")),
            ("py:c.C", node("c.py::C")),
            ("py:c.C.*", alias("py:b.B")),
            ("py:c.C.run", node("c.py::C.run")),
            ("py:c.C.run.__return__", alias("py:a.A")),
        ]);
        assert_eq!(linked(&map, "py:c.C.hello").as_deref(), Some("a.py::A.hello"));
        assert_eq!(linked(&map, "py:c.C.middle").as_deref(), Some("b.py::B.middle"));
        assert_eq!(linked(&map, "py:c.C.run").as_deref(), Some("c.py::C.run"));
        assert_eq!(linked(&map, "py:c.C.nothing"), None);
        assert_eq!(
            linked(&map, "py:c.C.run.__return__.hello").as_deref(),
            Some("a.py::A.hello"),
            "a return-type alias under an inherited member"
        );
        assert_eq!(linked(&map, "py:b.B.hello").as_deref(), Some("a.py::A.hello"));
    }

    #[test]
    fn multiple_bases_follow_c3_order() {
        // class Root; class Left(Root); class Right(Root): setup; class Both(Left, Right)
        let map = table(&[
            ("py:r.Root", node("r.py::Root")),
            ("py:r.Root.setup", node("r.py::Root.setup")),
            ("py:r.Root.name", node("r.py::Root.name")),
            ("py:l.Left", node("l.py::Left")),
            ("py:l.Left.*", alias("py:r.Root")),
            ("py:g.Right", node("g.py::Right")),
            ("py:g.Right.*", alias("py:r.Root")),
            ("py:g.Right.setup", node("g.py::Right.setup")),
            ("py:b.Both", node("b.py::Both")),
            ("py:b.Both.*", alias("py:l.Left")),
            ("py:b.Both.*", alias("py:g.Right")),
            ("py:b.Both.*", alias("order:py:l.Left py:g.Right")),
            ("py:b.Flip", node("b.py::Flip")),
            ("py:b.Flip.*", alias("py:l.Left")),
            ("py:b.Flip.*", alias("py:g.Right")),
            ("py:b.Flip.*", alias("order:py:g.Right py:l.Left")),
        ]);
        // Depth-first order would reach Root.setup through Left first.
        assert_eq!(linked(&map, "py:b.Both.setup").as_deref(), Some("g.py::Right.setup"));
        assert_eq!(linked(&map, "py:b.Both.name").as_deref(), Some("r.py::Root.name"));
        assert_eq!(linked(&map, "py:b.Flip.setup").as_deref(), Some("g.py::Right.setup"));
    }

    #[test]
    fn star_imports_honour_all_and_public_names() {
        // main: `from shapes import *` and `from helpers import *`; shapes has
        // `__all__ = ["area"]`; helpers has no `__all__`.
        let map = table(&[
            ("py:main", node("main.py")),
            ("py:main.*", alias("py:shapes.__all__")),
            ("py:main.*", alias("py:helpers.__all__")),
            ("py:shapes", node("shapes.py")),
            ("py:shapes.area", node("shapes.py::area")),
            ("py:shapes.perimeter", node("shapes.py::perimeter")),
            ("py:shapes.__all__.area", alias("py:shapes.area")),
            ("py:helpers", node("helpers.py")),
            ("py:helpers.__all__.*", alias("py:helpers")),
            ("py:helpers.visible", node("helpers.py::visible")),
            ("py:helpers._hidden", node("helpers.py::_hidden")),
        ]);
        assert_eq!(linked(&map, "py:main.area").as_deref(), Some("shapes.py::area"));
        assert_eq!(linked(&map, "py:main.perimeter"), None, "not in __all__");
        assert_eq!(linked(&map, "py:main.visible").as_deref(), Some("helpers.py::visible"));
        assert_eq!(linked(&map, "py:main._hidden"), None, "private names are not starred");
    }

    #[test]
    fn attribute_types_are_star_rows_on_keys_without_nodes() {
        let map = table(&[
            ("py:db.Conn", node("db.py::Conn")),
            ("py:db.Conn.execute", node("db.py::Conn.execute")),
            ("py:dao.Dao", node("dao.py::Dao")),
            ("py:dao.Dao.conn.*", alias("py:db.Conn")),
        ]);
        assert_eq!(linked(&map, "py:dao.Dao.conn.execute").as_deref(), Some("db.py::Conn.execute"));
        assert_eq!(linked(&map, "py:dao.Dao.conn"), None, "the attribute is not its class");
    }

    #[test]
    fn bare_specifiers_follow_path_mappings() {
        // tsconfig.json: baseUrl ".", paths {"@/*": ["gen/*", "src/*"], "utils": [...]}.
        let map = table(&[
            ("js:pkg:@", alias("js:gen")),
            ("js:pkg:@", alias("js:src")),
            ("js:pkg:utils", alias("js:src/lib/utils")),
            ("js:pkg:", alias("js:")),
            ("js:src/lib/money", node("src/lib/money.ts")),
            ("js:src/lib/money.cents", node("src/lib/money.ts::cents")),
            ("js:src/lib/utils.pad", node("src/lib/utils.ts::pad")),
            ("js:top.run", node("top.ts::run")),
        ]);
        let cents = linked(&map, "js:pkg:@/lib/money.cents");
        assert_eq!(cents.as_deref(), Some("src/lib/money.ts::cents"));
        assert_eq!(linked(&map, "js:pkg:utils.pad").as_deref(), Some("src/lib/utils.ts::pad"));
        assert_eq!(linked(&map, "js:pkg:top.run").as_deref(), Some("top.ts::run"));
        assert_eq!(linked(&map, "js:pkg:@/lib/money"), None, "the last segment is kept");
        assert_eq!(linked(&map, "js:pkg:@/lib/money.dollars"), None);
        assert_eq!(linked(&map, "js:pkg:lodash.map"), None);
    }

    #[test]
    fn go_import_paths_follow_go_mod_aliases() {
        // svc/go.mod: `module example.com/svc`; a go.mod at the root: `module m`.
        let map = table(&[
            ("go:mod:example.com/svc", alias("go:svc")),
            ("go:mod:m", alias("go:")),
            ("go:svc/store.Open", node("svc/store/store.go::Open")),
            ("go:svc.Version", node("svc/v.go::Version")),
            ("go:util.Parse", node("util/p.go::Parse")),
        ]);
        let open = linked(&map, "go:mod:example.com/svc/store.Open");
        assert_eq!(open.as_deref(), Some("svc/store/store.go::Open"));
        let version = linked(&map, "go:mod:example.com/svc.Version");
        assert_eq!(version.as_deref(), Some("svc/v.go::Version"));
        assert_eq!(linked(&map, "go:mod:m/util.Parse").as_deref(), Some("util/p.go::Parse"));
        assert_eq!(linked(&map, "go:mod:fmt.Println"), None);
    }

    #[test]
    fn a_method_returning_its_receiver_returns_the_class_it_was_called_on() {
        // e.py: `class Base: def copy(self): return copy.copy(self)` and `def render`;
        // f.py: `class Mid(Base): def render` and `class Leaf(Mid)`; `class Own(Base):
        // def copy(self): return make()` (overrides copy, returns what no key says).
        let map = table(&[
            ("py:e.Base", node("e.py::Base")),
            ("py:e.Base.copy", node("e.py::Base.copy")),
            ("py:e.Base.copy.__return__", alias(keys::RECEIVER)),
            ("py:e.Base.render", node("e.py::Base.render")),
            ("py:f.Base", alias("py:e.Base")),
            ("py:f.Mid", node("f.py::Mid")),
            ("py:f.Mid.*", alias("py:f.Base")),
            ("py:f.Mid.render", node("f.py::Mid.render")),
            ("py:f.Leaf", node("f.py::Leaf")),
            ("py:f.Leaf.*", alias("py:f.Mid")),
            ("py:f.Own", node("f.py::Own")),
            ("py:f.Own.*", alias("py:f.Base")),
            ("py:f.Own.copy", node("f.py::Own.copy")),
        ]);
        assert_eq!(
            linked(&map, "py:e.Base.copy.__return__.render").as_deref(),
            Some("e.py::Base.render")
        );
        let mut trace = Vec::new();
        let leaf = resolve_traced(
            "py:f.Leaf.copy.__return__.copy.__return__.render",
            &mut |k| map.lookup(k),
            &mut trace,
        );
        assert_eq!(
            leaf.map(|l| l.node_id).as_deref(),
            Some("f.py::Mid.render"),
            "the subclass's override, not the base's: {trace:?}"
        );
        assert!(trace
            .iter()
            .any(|(step, _, to)| *step == Step::Receiver && to == "py:f.Leaf.render"));
        assert_eq!(
            linked(&map, "py:f.Own.copy.__return__.render"),
            None,
            "an override that says nothing hides the base's"
        );
        assert_eq!(linked(&map, "py:e.Base.copy.__return__"), None);

        // g.py: `from pkg import Mid` where pkg/__init__.py does `from f import *`, and
        // `class Top(Mid): def render`: the base is reached through a module's star
        // rows, and the receiver is still `Top`.
        let mut rows = map.rows.clone();
        for (key, sym) in [
            ("py:pkg", node("pkg/__init__.py::")),
            ("py:pkg.*", alias("py:f")),
            ("py:g.Top", node("g.py::Top")),
            ("py:g.Top.*", alias("py:pkg.Mid")),
            ("py:g.Top.render", node("g.py::Top.render")),
        ] {
            rows.entry(key.to_owned()).or_default().push(sym);
        }
        let map = SymbolMap { rows };
        assert_eq!(
            linked(&map, "py:g.Top.copy.__return__.render").as_deref(),
            Some("g.py::Top.render")
        );
        assert_eq!(
            linked(&map, "py:pkg.Mid.copy.__return__.render").as_deref(),
            Some("f.py::Mid.render")
        );
    }

    #[test]
    fn every_rewrite_keeps_the_last_segment() {
        for key in ["py:c.C.hello", "py:c.C.run.__return__.hello", "js:a.f"] {
            assert_eq!(last_segment(key), last_segment(key.rsplit('.').next().unwrap()));
        }
    }

    #[test]
    fn python_standard_library_keys_are_external_when_they_do_not_link() {
        for key in ["py:builtins.len", "py:os.path.join", "py:json.loads", "py:json"] {
            assert_eq!(unlinked_provenance(key, false), Provenance::External, "{key}");
        }
        // A guess about a receiver's type, a module of no standard library, another
        // language: not known to be outside.
        assert_eq!(unlinked_provenance("py:json.loads", true), Provenance::Unresolved);
        assert_eq!(unlinked_provenance("py:django.db.Q", false), Provenance::Unresolved);
        assert_eq!(unlinked_provenance("py:jsonschema.validate", false), Provenance::Unresolved);
        assert_eq!(unlinked_provenance("js:pkg:os.path", false), Provenance::Unresolved);
    }
}

//! Possible edges: the unresolved call sites that may reach a node, so that every
//! `callers`, `callees` and `tests` answer says what it could not resolve.
//!
//! A call the extractors could not resolve is stored by name (`dst` is the callee's
//! text, e.g. `request.get_host`), keyed or not. For a node named `get_host`, the
//! possible callers are the unresolved calls whose callee's last segment is
//! `get_host`: keyed ones through `edges_target_name`, the others through the
//! expression index `edges_unresolved_name` (schema version 3). Each is ranked by
//! [`Evidence`]: the same module, an import of the defining module, a receiver
//! named like the class, a matching arity. They are never edges: their provenance
//! is [`Provenance::Possible`], and answers list them apart from resolved edges.

use crate::{Result, Store};
use model::{EdgeKind, Evidence, NodeKind, PossibleEdge, Provenance, TestReach};
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, HashSet};

/// The last name segment of an unresolved edge's `dst`, as SQL: what follows its last
/// `.`, `:` or `>`. Must stay the expression of the index `edges_unresolved_name`
/// (schema migration 3), or SQLite will not use that index.
const NAME_OF_DST: &str = "substr(e.dst, length(rtrim(e.dst, replace(replace(replace(e.dst, '.', ''), ':', ''), '>', ''))) + 1)";

/// Unresolved keyed edges of kind ?2 whose key's last segment is ?1 (through
/// `edges_target_name`), but external ones: those call what their key names,
/// outside the root (`os.path.join` is no possible caller of a `join` of the root).
const KEYED_SITES: &str = "SELECT e.src, n.id, n.path, e.line, e.dst, e.arity FROM edges e
     JOIN nodes n ON n.rowid = e.src
     WHERE e.target_name = ?1 AND e.target_key IS NOT NULL AND e.kind = ?2
       AND NOT e.resolved AND e.provenance <> 'external'";

/// Unresolved unkeyed edges of kind ?2 whose callee text's last segment is ?1
/// (through `edges_unresolved_name`: the WHERE repeats the index's own condition).
fn unkeyed_sites_sql() -> String {
    format!(
        "SELECT e.src, n.id, n.path, e.line, e.dst, e.arity FROM edges e
         JOIN nodes n ON n.rowid = e.src
         WHERE {NAME_OF_DST} = ?1 AND e.kind = ?2
           AND e.target_key IS NULL AND NOT e.resolved AND e.kind IN ('calls', 'tests')"
    )
}

/// The possible edges of an answer: how many there are, and (when asked) the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Possible {
    /// Every possible edge found, listed or not.
    pub count: u64,
    /// The possible edges, best first (highest score, then source id and line); empty
    /// unless they were asked for.
    pub edges: Vec<PossibleEdge>,
}

/// One unresolved call site as stored.
struct Site {
    src_rowid: i64,
    src: String,
    src_path: String,
    line: u32,
    /// The callee's text (`request.get_host`).
    text: String,
    arity: Option<u16>,
    kind: EdgeKind,
}

/// A node's `name, kind, path, parent, signature, decorators` columns.
type TargetRow = (String, String, String, Option<String>, Option<String>, String);

/// What evidence is weighed against: the node a site may reach.
struct Target {
    id: String,
    name: String,
    kind: NodeKind,
    path: String,
    /// The words of the class it is a member of, or of its module (see [`words`]).
    owner_words: Vec<String>,
    /// Arguments a call may pass, `(least, most)`; `None` when unknown.
    arity: Option<(u16, u16)>,
}

impl Store {
    /// Unresolved call sites that may call one of `targets` (node ids; unknown ids
    /// are skipped): calls whose callee's last name segment is the target's name,
    /// minus sites already resolved to that target. With `list`, also the sites
    /// themselves, each with its [`Evidence`], best first. A site that may call
    /// several targets is counted once per target.
    pub fn possible_callers(&self, targets: &[String], list: bool) -> Result<Possible> {
        let mut out = Possible::default();
        let mut imports = ImportCache::default();
        for id in targets {
            let Some(target) = self.possible_target(id)? else { continue };
            let mut seen = HashSet::new();
            for site in self.sites_named(&target.name, EdgeKind::Calls)? {
                if !seen.insert((site.src_rowid, site.line, site.text.clone()))
                    || self.resolved_at(site.src_rowid, site.line, &target.id)?
                {
                    continue;
                }
                out.count += 1;
                if list {
                    out.edges.push(self.possible_edge(&target, site, &mut imports)?);
                }
            }
        }
        sort(&mut out.edges);
        Ok(out)
    }

    /// Tests that may exercise `target` but were not found to: tests whose direct
    /// call of the target's name is unresolved (an unresolved `tests` edge, or an
    /// unresolved call from a node that tests something else), minus the tests
    /// already found for it ([`Store::tests_reaching`], indirect ones included).
    /// One entry per test, at its best site.
    pub fn possible_tests(&self, target: &str, list: bool) -> Result<Possible> {
        let known = self.tests_reaching(target)?;
        self.possible_tests_besides(target, list, &known)
    }

    /// [`Store::possible_tests`] for a caller that has already read the tests found
    /// for `target` (`known`, from [`Store::tests_reaching`]): not read again.
    pub fn possible_tests_besides(
        &self,
        target: &str,
        list: bool,
        known: &[TestReach],
    ) -> Result<Possible> {
        let mut out = Possible::default();
        let Some(target) = self.possible_target(target)? else { return Ok(out) };
        let mut imports = ImportCache::default();
        let resolved: HashSet<String> = known.iter().map(|t| t.test.clone()).collect();
        let mut is_test: HashMap<i64, bool> = HashMap::new();
        let mut best: HashMap<String, PossibleEdge> = HashMap::new();
        let mut sites = self.sites_named(&target.name, EdgeKind::Tests)?;
        sites.extend(self.sites_named(&target.name, EdgeKind::Calls)?);
        for site in sites {
            if resolved.contains(&site.src) {
                continue;
            }
            if site.kind == EdgeKind::Calls {
                let test = match is_test.get(&site.src_rowid) {
                    Some(&t) => t,
                    None => {
                        let t = self.tests_something(site.src_rowid)?;
                        is_test.insert(site.src_rowid, t);
                        t
                    }
                };
                if !test {
                    continue;
                }
            }
            let edge = self.possible_edge(&target, site, &mut imports)?;
            let better = best.get(&edge.src).is_none_or(|b| {
                (edge.score, std::cmp::Reverse(edge.line)) > (b.score, std::cmp::Reverse(b.line))
            });
            if better {
                best.insert(edge.src.clone(), edge);
            }
        }
        out.count = best.len() as u64;
        if list {
            out.edges = best.into_values().collect();
            for e in &mut out.edges {
                e.kind = EdgeKind::Tests;
            }
            sort(&mut out.edges);
        }
        Ok(out)
    }

    /// The calls `sources` (node ids) make that resolved to nothing: what a
    /// `callees` answer could not follow. Each is listed by the callee's text, with
    /// [`Evidence::NameInIndex`] when some node has its last name segment. A callee
    /// text called from one node on several lines is one site per line.
    pub fn possible_callees(&self, sources: &[String], list: bool) -> Result<Possible> {
        let mut out = Possible::default();
        let mut known: HashMap<String, bool> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.line, e.dst FROM edges e
             WHERE e.src = (SELECT rowid FROM nodes WHERE id = ?1) AND e.kind = 'calls'
               AND NOT e.resolved AND e.provenance <> 'external'
             ORDER BY e.line, e.dst",
        )?;
        for src in sources {
            let rows =
                stmt.query_map([src], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))?;
            let mut seen = HashSet::new();
            for row in rows {
                let (line, text) = row?;
                if !seen.insert((line, text.clone())) {
                    continue;
                }
                out.count += 1;
                if !list {
                    continue;
                }
                let name = last_segment(&text).to_owned();
                let in_index = match known.get(&name) {
                    Some(&k) => k,
                    None => {
                        let k = !name.is_empty() && self.has_node_named(&name)?;
                        known.insert(name, k);
                        k
                    }
                };
                let evidence = if in_index { vec![Evidence::NameInIndex] } else { Vec::new() };
                out.edges.push(PossibleEdge {
                    src: src.clone(),
                    dst: text.clone(),
                    name: text,
                    line,
                    kind: EdgeKind::Calls,
                    provenance: Provenance::Possible,
                    score: evidence.iter().map(|e| e.weight()).sum(),
                    evidence,
                });
            }
        }
        sort(&mut out.edges);
        Ok(out)
    }

    /// Unresolved `kind` edges whose callee's last name segment is `name`: unkeyed
    /// ones through `edges_unresolved_name`, keyed ones through `edges_target_name`.
    fn sites_named(&self, name: &str, kind: EdgeKind) -> Result<Vec<Site>> {
        let unkeyed = unkeyed_sites_sql();
        let mut out = Vec::new();
        for sql in [unkeyed.as_str(), KEYED_SITES] {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params![name, kind.as_str()], |r| {
                Ok(Site {
                    src_rowid: r.get(0)?,
                    src: r.get(1)?,
                    src_path: r.get(2)?,
                    line: r.get(3)?,
                    text: r.get(4)?,
                    arity: r.get(5)?,
                    kind,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// The node `id` with what its evidence is weighed against; `None` when unknown.
    fn possible_target(&self, id: &str) -> Result<Option<Target>> {
        let row: Option<TargetRow> = self
            .conn
            .prepare_cached(
                "SELECT name, kind, path, parent, signature, decorators FROM nodes WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .optional()?;
        let Some((name, kind, path, parent, signature, decorators)) = row else {
            return Ok(None);
        };
        let kind = NodeKind::parse(&kind).unwrap_or(NodeKind::Function);
        let parent: Option<(String, String)> = match &parent {
            Some(parent) => self
                .conn
                .prepare_cached("SELECT name, kind FROM nodes WHERE id = ?1")?
                .query_row([parent], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?,
            None => None,
        };
        let owner = match &parent {
            Some((name, kind)) if kind != NodeKind::Module.as_str() => name.clone(),
            _ => module_name(&path).to_owned(),
        };
        let decorators: Vec<String> = serde_json::from_str(&decorators).unwrap_or_default();
        let arity = if is_python(&path) && kind.is_callable() {
            let bound = kind == NodeKind::Method
                && !decorators.iter().any(|d| d.starts_with("@staticmethod"));
            signature.as_deref().and_then(|s| python_arity(s, bound))
        } else {
            None
        };
        Ok(Some(Target { id: id.to_owned(), name, kind, path, owner_words: words(&owner), arity }))
    }

    fn possible_edge(
        &self,
        target: &Target,
        site: Site,
        imports: &mut ImportCache,
    ) -> Result<PossibleEdge> {
        let mut evidence = Vec::new();
        if let Some(receiver) = receiver(&site.text) {
            let receiver = words(receiver);
            if target.kind != NodeKind::Module && named_like(&receiver, &target.owner_words) {
                evidence.push(Evidence::ReceiverName);
            }
        }
        if site.src_path == target.path {
            evidence.push(Evidence::SameModule);
        } else if imports.imports(self, &site.src_path, &target.path)? {
            evidence.push(Evidence::ImportsModule);
        }
        if let (Some(n), Some((least, most))) = (site.arity, target.arity) {
            if (least..=most).contains(&n) {
                evidence.push(Evidence::Arity);
            }
        }
        Ok(PossibleEdge {
            src: site.src,
            dst: target.id.clone(),
            name: site.text,
            line: site.line,
            kind: site.kind,
            provenance: Provenance::Possible,
            score: evidence.iter().map(|e| e.weight()).sum(),
            evidence,
        })
    }

    /// True when the node with rowid `src` has a resolved call to `target` on `line`
    /// (one of the site's alternatives resolved: it is a caller, not a possible one).
    fn resolved_at(&self, src: i64, line: u32, target: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM edges WHERE dst = ?1 AND kind = 'calls' AND resolved
                   AND src = ?2 AND line = ?3",
            )?
            .query_row(params![target, src, line], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Ids of the tests with a resolved `tests` edge to `id`, unordered.
    pub fn tests_of(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id FROM edges e JOIN nodes n ON n.rowid = e.src
             WHERE e.dst = ?1 AND e.kind = 'tests' AND e.resolved",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// True when node `id` is a test: it has `tests` edges.
    pub fn is_test(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM edges WHERE src = (SELECT rowid FROM nodes WHERE id = ?1)
                 AND kind = 'tests' LIMIT 1",
            )?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// True when the node with rowid `src` is a test: it has `tests` edges.
    fn tests_something(&self, src: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM edges WHERE src = ?1 AND kind = 'tests' LIMIT 1")?
            .query_row([src], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn has_node_named(&self, name: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM nodes WHERE name = ?1 LIMIT 1")?
            .query_row([name], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

/// The files that import from a file, read once per file asked about.
#[derive(Default)]
struct ImportCache(HashMap<String, HashSet<String>>);

impl ImportCache {
    /// True when a node of `from` has a resolved `imports` edge to the module `to` or
    /// to a node in it (a re-export counts: it links to the defining file). One range
    /// scan of `edges_dst` per `to`: the edges into that file.
    fn imports(&mut self, store: &Store, from: &str, to: &str) -> Result<bool> {
        if !self.0.contains_key(to) {
            let mut stmt = store.conn.prepare_cached(
                // Two probes, not an OR (which SQLite answers by scanning the index).
                "SELECT n.path FROM edges e JOIN nodes n ON n.rowid = e.src
                 WHERE e.dst = ?1 AND e.kind = 'imports' AND e.resolved
                 UNION
                 SELECT n.path FROM edges e JOIN nodes n ON n.rowid = e.src
                 WHERE e.dst >= ?2 AND e.dst < ?3 AND e.kind = 'imports' AND e.resolved",
            )?;
            let rows =
                stmt.query_map(params![to, format!("{to}::"), format!("{to}:;")], |r| r.get(0))?;
            let importers = rows.collect::<rusqlite::Result<HashSet<String>>>()?;
            self.0.insert(to.to_owned(), importers);
        }
        Ok(self.0.get(to).is_some_and(|importers| importers.contains(from)))
    }
}

/// Best first: highest score, then by source id and line.
fn sort(edges: &mut [PossibleEdge]) {
    edges.sort_by(|a, b| {
        b.score.cmp(&a.score).then_with(|| a.src.cmp(&b.src)).then(a.line.cmp(&b.line))
    });
}

/// What follows the last `.`, `:` or `>` of a callee's text (the SQL of
/// [`NAME_OF_DST`] in Rust).
pub(crate) fn last_segment(text: &str) -> &str {
    let cut = text.rfind(['.', ':', '>']).map_or(0, |i| i + 1);
    &text[cut..]
}

/// The receiver's own name in a callee's text: `request` in `self.request.get_host`
/// and in `request.get_host`; `None` for a bare name or a receiver that is not a
/// name (`f().m`, `xs[0].m`).
fn receiver(text: &str) -> Option<&str> {
    let cut = text.rfind(['.', ':', '>'])?;
    // The rest of a two-character separator: `A::b`, `a->b`, `a?.b`.
    let before = text[..cut].trim_end_matches([':', '-', '?']);
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let name = &before[start..];
    name.chars().next().is_some_and(|c| !c.is_ascii_digit()).then_some(name)
}

/// A name's words, lower-case: split at `_` and at case changes, keeping acronyms
/// whole (`HttpRequest` → `http request`, `WSGIRequest` → `wsgi request`,
/// `wsgi_request` → `wsgi request`).
pub(crate) fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// True when a receiver's words name the owner: they end the owner's words
/// (`request` → `HttpRequest`) or the owner's words end them (`http_request_obj`
/// does not; `current_http_request` does). `self`, `cls` and `this` never match.
fn named_like(receiver: &[String], owner: &[String]) -> bool {
    if receiver.is_empty() || owner.is_empty() {
        return false;
    }
    if let [only] = receiver {
        if matches!(only.as_str(), "self" | "cls" | "this") {
            return false;
        }
    }
    owner.ends_with(receiver) || receiver.ends_with(owner)
}

/// A module's name from its path: the file stem, or the directory of an
/// `__init__.py`/`mod.rs`/`index.js`-like file.
fn module_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    if matches!(stem, "__init__" | "mod" | "index" | "lib" | "main") {
        parts.next().unwrap_or(stem)
    } else {
        stem
    }
}

fn is_python(path: &str) -> bool {
    path.ends_with(".py") || path.ends_with(".pyi")
}

/// How many arguments a Python `def` signature accepts, `(least, most)` (`most` is
/// `u16::MAX` with `*args` or `**kwargs`); `bound` leaves out the first parameter
/// (`self`, `cls`), which a method call passes implicitly. `None` when the
/// signature has no parameter list.
pub(crate) fn python_arity(signature: &str, bound: bool) -> Option<(u16, u16)> {
    let open = signature.find('(')?;
    let mut depth = 0usize;
    let mut params = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut closed = false;
    for c in signature[open + 1..].chars() {
        if let Some(q) = quote {
            current.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                current.push(c);
            }
            '(' | '[' | '{' => {
                depth += 1;
                current.push(c);
            }
            ')' if depth == 0 => {
                closed = true;
                break;
            }
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            ',' if depth == 0 => params.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    if !closed {
        return None;
    }
    params.push(current);
    let params: Vec<&str> = params.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
    let mut params = params.as_slice();
    if bound {
        match params.split_first() {
            Some((first, rest)) if !first.starts_with('*') && *first != "/" => params = rest,
            _ => {}
        }
    }
    let (mut least, mut most) = (0u16, 0u16);
    for p in params {
        if *p == "/" || *p == "*" {
            continue;
        }
        if p.starts_with('*') {
            most = u16::MAX;
            continue;
        }
        // A default (`x=1`, `x: int = 1`) makes the parameter optional; `==` cannot
        // appear at the top level of a parameter.
        let optional = p.contains('=');
        if !optional {
            least = least.saturating_add(1);
        }
        most = most.saturating_add(1);
    }
    Some((least, most))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_look_ups_use_their_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("index.db")).unwrap();
        for (sql, index) in [
            (unkeyed_sites_sql(), "edges_unresolved_name"),
            (KEYED_SITES.to_owned(), "edges_target_name"),
        ] {
            let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> = stmt
                .query_map(params!["get_host", "calls"], |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(plan.iter().any(|step| step.contains(index)), "{index} unused: {plan:?}");
        }
    }

    #[test]
    fn names_split_into_words() {
        assert_eq!(words("HttpRequest"), ["http", "request"]);
        assert_eq!(words("WSGIRequest"), ["wsgi", "request"]);
        assert_eq!(words("wsgi_request"), ["wsgi", "request"]);
        assert_eq!(words("_request"), ["request"]);
        assert_eq!(words("HTML5Parser"), ["html5", "parser"]);
    }

    #[test]
    fn receivers_are_the_name_before_the_callee() {
        assert_eq!(receiver("request.get_host"), Some("request"));
        assert_eq!(receiver("self.request.get_host"), Some("request"));
        assert_eq!(receiver("ops->open"), Some("ops"));
        assert_eq!(receiver("Foo::new"), Some("Foo"));
        assert_eq!(receiver("obj?.m"), Some("obj"));
        assert_eq!(receiver("get_host"), None);
        assert_eq!(receiver("f().m"), None);
        assert_eq!(receiver("xs[0].m"), None);
    }

    #[test]
    fn receivers_named_like_the_class() {
        let class = words("HttpRequest");
        assert!(named_like(&words("request"), &class));
        assert!(named_like(&words("http_request"), &class));
        assert!(named_like(&words("current_http_request"), &class));
        assert!(!named_like(&words("req"), &class));
        assert!(!named_like(&words("self"), &words("Self")));
        assert!(!named_like(&words("response"), &class));
    }

    #[test]
    fn python_signatures_give_arity() {
        assert_eq!(python_arity("def get_host(self)", true), Some((0, 0)));
        assert_eq!(python_arity("def f(a, b=1, *args, c, **kw) -> X", false), Some((2, u16::MAX)));
        assert_eq!(
            python_arity("def f(a: dict[str, int] = {}, /, *, k=(1, 2))", false),
            Some((0, 2))
        );
        assert_eq!(python_arity("async def f(x=\",\")", false), Some((0, 1)));
        assert_eq!(python_arity("def f(", false), None);
    }

    #[test]
    fn last_segments_match_the_index_expression() {
        assert_eq!(last_segment("request.get_host"), "get_host");
        assert_eq!(last_segment("get_host"), "get_host");
        assert_eq!(last_segment("ops->open"), "open");
        assert_eq!(last_segment("Foo::new"), "new");
    }

    #[test]
    fn modules_are_named_by_file_or_package() {
        assert_eq!(module_name("django/utils/timezone.py"), "timezone");
        assert_eq!(module_name("django/http/__init__.py"), "http");
        assert_eq!(module_name("a.py"), "a");
    }
}

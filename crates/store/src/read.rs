//! The read path: node state, name resolution for `NODE` arguments, caller/callee
//! traversals, full-text search (FTS5, BM25) and status counts.

use crate::{FileRow, Result, Store, StoreError};
use model::{
    EdgeEnd, EdgeKind, Language, NodeKind, NodeState, NodeSummary, Provenance, Reached, Span,
    UpdateSource,
};
use rusqlite::{params, OptionalExtension, Row};
use std::collections::{HashMap, HashSet, VecDeque};

/// Counts that describe an index (one definition, in `model`).
pub type Status = model::IndexStatus;

/// What a user's `NODE` argument (an id, a qualified name or a bare name) names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one node matches: its id.
    Found(String),
    /// Several nodes match; the candidates, in id order (at most 50).
    Ambiguous(Vec<NodeSummary>),
    /// No node has that id, qualified name or name.
    NotFound,
}

/// Whether a store's keyed edges are linked as a clean index of its files would link
/// them (see [`crate::Writer::link_all`]). Read from `meta`, which the writer keeps in
/// the same transactions as the edges, so a crash never leaves it claiming more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// Linked under this build's rules, and kept so by every incremental commit.
    Current,
    /// A cold index committed some batches and never finished (it was interrupted or
    /// failed): their edges are not linked, and the files it had not reached are
    /// missing. The next index run finishes it as a cold index.
    ColdIncomplete,
    /// Last linked completely under other linking rules, or by a build that did not
    /// record them: the next index run re-links every edge once.
    Outdated,
}

/// Indexed paths equal to ?1 or below the directory ?1 (?2 = `?1/`, ?3 = `?1` + the
/// character after `/`), for a range scan of the primary key.
pub(crate) const PATHS_UNDER: &str =
    "SELECT path FROM files WHERE path = ?1 OR (path >= ?2 AND path < ?3) ORDER BY path";

const SUMMARY_COLUMNS: &str = "id, kind, path, start_line, end_line, signature, docstring";

/// The FTS5 query for a search: every word of `query` (maximal runs of letters and
/// digits, the parts of compound identifiers too) as a quoted term, joined by OR;
/// the last word of three or more characters also as a prefix. `None` without words.
pub(crate) fn fts_query(query: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    let runs: Vec<&str> =
        query.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for (i, run) in runs.iter().enumerate() {
        let mut words = vec![*run];
        let parts = crate::words::split_identifier(run);
        if parts.len() > 1 {
            words.extend(parts);
        }
        for word in words {
            let term = format!("\"{}\"", word.to_lowercase());
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
        if i + 1 == runs.len() && run.chars().count() >= 3 {
            terms.push(format!("\"{}\"*", run.to_lowercase()));
        }
    }
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

fn summary_row(row: &Row<'_>) -> rusqlite::Result<NodeSummary> {
    let kind: String = row.get(1)?;
    let docstring: Option<String> = row.get(6)?;
    Ok(NodeSummary {
        id: row.get(0)?,
        kind: NodeKind::parse(&kind).unwrap_or(NodeKind::Module),
        path: row.get(2)?,
        start_line: row.get(3)?,
        end_line: row.get(4)?,
        signature: row.get(5)?,
        summary: model::summary(docstring.as_deref()),
    })
}

fn file_row(r: &Row<'_>) -> rusqlite::Result<FileRow> {
    let diagnostics: String = r.get(6)?;
    Ok(FileRow {
        path: r.get(0)?,
        language: r.get(1)?,
        size: r.get::<_, i64>(2)? as u64,
        mtime_ns: r.get(3)?,
        ctime_ns: r.get(7)?,
        ino: r.get::<_, i64>(8)? as u64,
        checked_ns: r.get(9)?,
        file_hash: r.get(4)?,
        n_nodes: r.get(5)?,
        diagnostics: serde_json::from_str(&diagnostics).unwrap_or_default(),
    })
}

/// Cuts short whatever query is running on one store's connection, from any thread
/// (`sqlite3_interrupt`, https://sqlite.org/c3ref/interrupt.html): the statement
/// fails with [`StoreError::Sqlite`] (`SQLITE_INTERRUPT`). Harmless when nothing
/// runs; outlives the store safely (it then does nothing).
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    /// Interrupts the running statement, if any.
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

impl std::fmt::Debug for Interrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Interrupt")
    }
}

impl Store {
    /// A handle that interrupts this store's running query from another thread
    /// (servers use it to stop promptly and to enforce deadlines).
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.conn.get_interrupt_handle())
    }

    /// Every stored file, by path.
    pub fn files(&self) -> Result<HashMap<String, FileRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, language, size, mtime_ns, file_hash, n_nodes, diagnostics, ctime_ns, ino,
                checked_ns FROM files",
        )?;
        let rows = stmt.query_map([], file_row)?;
        let mut out = HashMap::new();
        for row in rows {
            let row = row?;
            out.insert(row.path.clone(), row);
        }
        Ok(out)
    }

    /// `(files, nodes, edges)` from per-file counts: cheap enough for every run
    /// (edges exclude `contains`, as in [`Status`]).
    pub fn totals(&self) -> Result<(u64, u64, u64)> {
        Ok(self.conn.query_row(
            "SELECT count(*), coalesce(sum(n_nodes), 0), coalesce(sum(n_edges), 0) FROM files",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)? as u64,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                ))
            },
        )?)
    }

    /// Change-log entries with a clock greater than `clock`, oldest first, at most
    /// `limit`. Cold indexing records no entries; the log keeps the last 100,000
    /// commits.
    pub fn changes_since(&self, clock: u64, limit: usize) -> Result<Vec<model::Change>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT clock, node_id, change, path FROM changes WHERE clock > ?1
             ORDER BY clock, rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![clock as i64, limit as i64], |r| {
            let change: String = r.get(2)?;
            Ok(model::Change {
                clock: r.get::<_, i64>(0)? as u64,
                node_id: r.get(1)?,
                change: match change.as_str() {
                    "added" => model::ChangeKind::Added,
                    "removed" => model::ChangeKind::Removed,
                    _ => model::ChangeKind::Changed,
                },
                path: r.get(3)?,
                fields: Default::default(),
            })
        })?;
        let mut changes = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let any_fields: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM node_fields)")?
            .query_row([], |r| r.get(0))?;
        if any_fields {
            for change in &mut changes {
                if change.change != model::ChangeKind::Removed {
                    change.fields = crate::scripts::fields_of(&self.conn, &change.node_id)?;
                }
            }
        }
        Ok(changes)
    }

    /// The update scripts' audit trail (`status`): each script's runs, failures,
    /// limit hits, time and last error.
    pub fn script_stats(&self) -> Result<Vec<model::ScriptStats>> {
        crate::scripts::stats(&self.conn)
    }

    /// The stored row of one file, if it is indexed.
    pub fn file(&self, path: &str) -> Result<Option<FileRow>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT path, language, size, mtime_ns, file_hash, n_nodes, diagnostics, ctime_ns,
                    ino, checked_ns FROM files WHERE path = ?1",
            )?
            .query_row([path], file_row)
            .optional()?)
    }

    /// Indexed paths equal to `prefix` or below the directory `prefix`, sorted.
    pub fn paths_under(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(PATHS_UNDER)?;
        let rows = stmt
            .query_map(params![prefix, format!("{prefix}/"), format!("{prefix}0")], |r| {
                r.get::<_, String>(0)
            })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Indexed paths whose content hash is `file_hash` (rename candidates).
    pub fn paths_with_hash(&self, file_hash: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path FROM files WHERE file_hash = ?1 ORDER BY path")?;
        let rows = stmt.query_map([file_hash], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Paths of recently removed files whose content hash was `file_hash`, newest
    /// first: rename sources whose delete was committed before their create.
    pub fn tombstones_with_hash(&self, file_hash: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT path FROM tombstones WHERE file_hash = ?1 ORDER BY clock DESC",
        )?;
        let rows = stmt.query_map([file_hash], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Whether the keyed edges are all linked under this build's rules; see
    /// [`LinkState`]. A store nothing was ever written to is [`LinkState::Current`].
    pub fn link_state(&self) -> Result<LinkState> {
        let meta = |key: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?)
        };
        if meta("cold_index")?.is_some() {
            return Ok(LinkState::ColdIncomplete);
        }
        let current = link::LINK_RULES.to_string();
        if meta("link_rules")?.as_deref() == Some(current.as_str()) || self.clock()? == 0 {
            return Ok(LinkState::Current);
        }
        Ok(LinkState::Outdated)
    }

    /// Counts for `codehub status`.
    pub fn status(&self) -> Result<Status> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let mut languages = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT language, count(*) FROM files GROUP BY language ORDER BY language",
            )?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
            for row in rows {
                languages.push(row?);
            }
        }
        let mut kinds = std::collections::BTreeMap::new();
        {
            let mut stmt =
                self.conn.prepare("SELECT language, kind, count(*) FROM nodes GROUP BY 1, 2")?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)? as u64))
            })?;
            for row in rows {
                let (language, kind, n) = row?;
                kinds
                    .entry(language)
                    .or_insert_with(std::collections::BTreeMap::new)
                    .insert(kind, n);
            }
        }
        Ok(Status {
            kinds,
            scripts: crate::scripts::stats(&self.conn)?,
            files: count("SELECT count(*) FROM files")?,
            nodes: count("SELECT count(*) FROM nodes")?,
            edges: count("SELECT count(*) FROM edges WHERE kind != 'contains'")?,
            resolved_edges: count(
                "SELECT count(*) FROM edges WHERE kind != 'contains' AND resolved",
            )?,
            files_with_diagnostics: count("SELECT count(*) FROM files WHERE diagnostics != '[]'")?,
            clock: self.clock()?,
            schema_version: crate::SCHEMA_VERSION,
            languages,
        })
    }

    /// The full state of node `id`, or `None` when there is no such node.
    pub fn node(&self, id: &str) -> Result<Option<NodeState>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT n.id, n.kind, n.name, n.qualified_name, n.path, n.language, n.parent,
                    n.start_line, n.end_line, n.start_byte, n.end_byte, n.signature, n.docstring,
                    n.decorators, n.imports, n.source_hash, f.file_hash, n.line_count,
                    n.complexity, n.has_type_hints, n.docstring_outdated, n.version,
                    n.last_updated, n.update_source, n.clock, n.renamed_from
                 FROM nodes n JOIN files f ON f.path = n.path WHERE n.id = ?1",
            )?
            .query_row([id], |r| {
                let text = |i: usize| r.get::<_, String>(i);
                let docstring: Option<String> = r.get(12)?;
                Ok((
                    NodeState {
                        id: text(0)?,
                        kind: NodeKind::parse(&text(1)?).unwrap_or(NodeKind::Module),
                        name: text(2)?,
                        qualified_name: text(3)?,
                        path: text(4)?,
                        language: Language::parse(&text(5)?).unwrap_or(Language::Python),
                        parent: r.get(6)?,
                        span: Span {
                            start_line: r.get(7)?,
                            end_line: r.get(8)?,
                            start_byte: r.get(9)?,
                            end_byte: r.get(10)?,
                        },
                        signature: r.get(11)?,
                        summary: model::summary(docstring.as_deref()),
                        docstring,
                        decorators: serde_json::from_str(&text(13)?).unwrap_or_default(),
                        imports: serde_json::from_str(&text(14)?).unwrap_or_default(),
                        source_hash: text(15)?,
                        file_hash: text(16)?,
                        line_count: r.get(17)?,
                        complexity: r.get(18)?,
                        has_type_hints: r.get(19)?,
                        docstring_outdated: r.get(20)?,
                        callers: Vec::new(),
                        callees: Vec::new(),
                        related_tests: Vec::new(),
                        version: text(21)?,
                        last_updated: text(22)?,
                        update_source: UpdateSource::parse(&text(23)?)
                            .unwrap_or(UpdateSource::Manual),
                        clock: r.get::<_, i64>(24)? as u64,
                        renamed_from: r.get(25)?,
                        fields: Default::default(),
                        notes: Vec::new(),
                    },
                    (),
                ))
            })
            .optional()?;
        let Some((mut node, ())) = row else { return Ok(None) };
        node.fields = crate::scripts::fields_of(&self.conn, id)?;
        node.notes = crate::scripts::notes_of(&self.conn, id)?;
        node.callers = self.edge_ends(id, EdgeKind::Calls, Direction::Incoming)?;
        node.callees = self.edge_ends(id, EdgeKind::Calls, Direction::Outgoing)?;
        node.related_tests = self
            .edge_ends(id, EdgeKind::Tests, Direction::Incoming)?
            .into_iter()
            .map(|e| e.id)
            .collect();
        Ok(Some(node))
    }

    /// Resolves a user's `NODE` argument: an exact id; else, for a dotted name, an
    /// exact qualified name, then qualified names ending in `.{query}`; for a bare
    /// name, nodes with that name.
    pub fn resolve(&self, query: &str) -> Result<Resolution> {
        let exists: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM nodes WHERE id = ?1")?
            .query_row([query], |r| r.get(0))
            .optional()?;
        if let Some(id) = exists {
            return Ok(Resolution::Found(id));
        }
        let attempts: &[(&str, String)] = if query.contains('.') {
            &[
                ("qualified_name = ?1", query.to_owned()),
                ("qualified_name LIKE ?1 ESCAPE '\\'", format!("%.{}", escape_like(query))),
            ]
        } else {
            &[("name = ?1", query.to_owned())]
        };
        for (condition, arg) in attempts {
            let candidates = self.summaries(condition, &[arg], 51)?;
            match candidates.len() {
                0 => continue,
                1 => return Ok(Resolution::Found(candidates[0].id.clone())),
                _ => return Ok(Resolution::Ambiguous(candidates.into_iter().take(50).collect())),
            }
        }
        Ok(Resolution::NotFound)
    }

    /// Nodes whose id, qualified name or name equals `name`, in id order; with no
    /// exact match, names starting with `name`.
    pub fn find(&self, name: &str, limit: usize) -> Result<Vec<NodeSummary>> {
        let exact =
            self.summaries("id = ?1 OR qualified_name = ?1 OR name = ?1", &[&name], limit)?;
        if !exact.is_empty() {
            return Ok(exact);
        }
        let pattern = format!("{}%", escape_like(name));
        self.summaries("name LIKE ?1 ESCAPE '\\'", &[&pattern], limit)
    }

    /// Nodes whose custom fields satisfy `filter` (`risk>3`), in id order; with
    /// `name`, only those whose id, qualified name or name equals it.
    pub fn find_where(
        &self,
        name: Option<&str>,
        filter: &crate::scripts::FieldFilter,
        limit: usize,
    ) -> Result<Vec<NodeSummary>> {
        let (mut condition, mut params) = filter.sql();
        if let Some(name) = name {
            let n = params.len() + 1;
            condition
                .push_str(&format!(" AND (id = ?{n} OR qualified_name = ?{n} OR name = ?{n})"));
            params.push(rusqlite::types::Value::Text(name.to_owned()));
        }
        let args: Vec<&dyn rusqlite::ToSql> =
            params.iter().map(|p| p as &dyn rusqlite::ToSql).collect();
        self.summaries(&condition, &args, limit)
    }

    /// Full-text search over names, qualified names, signatures and docstrings.
    ///
    /// A node whose id, qualified name or name is the whole query (trimmed) comes
    /// first. Then BM25 (FTS5, names weigh most) over *any* of the query's words: a
    /// node with more of them, or rarer ones, ranks higher, and one with only some
    /// still answers. Words are stemmed (porter) and compound identifiers in the
    /// query are matched by their parts too (`parseHeader` → `parse`, `header`); the
    /// last word also matches as a prefix (three letters or more), for typing.
    /// Returns `(node, score)` with lower scores better: BM25 as FTS5 reports it, and
    /// for exact matches a score below every BM25 hit of the answer.
    ///
    /// The cost grows with the square of the number of words (FTS5 reads every
    /// word's document list to weigh it, inside one SQLite step that neither the
    /// progress handler nor an interrupt can cut short): callers bound the query
    /// first (the server refuses more than `protocol::MAX_QUERY_WORDS` words).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<(NodeSummary, f64)>> {
        let Some(fts_query) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let whole = query.trim();
        let exact = if whole.is_empty() || whole.contains(char::is_whitespace) {
            Vec::new()
        } else {
            self.summaries("id = ?1 OR qualified_name = ?1 OR name = ?1", &[&whole], limit)?
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id, n.kind, n.path, n.start_line, n.end_line, n.signature, n.docstring,
                bm25(nodes_fts, 10.0, 5.0, 2.0, 1.0) AS score
             FROM nodes_fts JOIN nodes n ON n.rowid = nodes_fts.rowid
             WHERE nodes_fts MATCH ?1 ORDER BY score, n.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts_query, (limit + exact.len()) as i64], |r| {
            Ok((summary_row(r)?, r.get::<_, f64>(7)?))
        })?;
        let ranked = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let best = ranked.first().map_or(0.0, |(_, score)| *score);
        let exact_ids: HashSet<String> = exact.iter().map(|n| n.id.clone()).collect();
        let mut hits: Vec<(NodeSummary, f64)> =
            exact.into_iter().map(|node| (node, best.min(0.0) - 1.0)).collect();
        hits.extend(ranked.into_iter().filter(|(node, _)| !exact_ids.contains(&node.id)));
        hits.truncate(limit);
        Ok(hits)
    }

    /// Breadth-first callers of `id` up to `depth` levels (1 = direct callers). Each
    /// node is reported once, at its shallowest depth.
    pub fn callers(&self, id: &str, depth: u32) -> Result<Vec<Reached>> {
        self.traverse(id, depth, Direction::Incoming)
    }

    /// Breadth-first callees of `id` up to `depth` levels. Unresolved callees are
    /// listed by name and not followed.
    pub fn callees(&self, id: &str, depth: u32) -> Result<Vec<Reached>> {
        self.traverse(id, depth, Direction::Outgoing)
    }

    /// Short summaries of the given node ids, in the order given (unknown ids skipped).
    pub fn summaries_of(&self, ids: &[String]) -> Result<Vec<NodeSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM nodes WHERE id = ?1"))?;
        for id in ids {
            if let Some(s) = stmt.query_row([id], summary_row).optional()? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// The whole graph as sorted text lines, without timestamps, versions or clocks:
    /// two stores with equal dumps hold the same graph (SPEC §5.4).
    pub fn graph_dump(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, name, qualified_name, parent, language, start_line, end_line,
                start_byte, end_byte, signature, docstring, decorators, imports, source_hash,
                line_count, complexity, has_type_hints FROM nodes",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut line = String::from("node");
            for i in 0..18 {
                let v: rusqlite::types::Value = r.get(i)?;
                line.push_str(&format!(" {v:?}"));
            }
            out.push(line);
        }
        let mut stmt = self.conn.prepare(
            // A reference's role goes with its kind (`references/value`); other edges
            // have none.
            "SELECT n.id, e.kind || coalesce('/' || e.role, ''), e.dst, e.resolved,
                    e.provenance, e.line
                 FROM edges e JOIN nodes n ON n.rowid = e.src",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut line = String::from("edge");
            for i in 0..6 {
                let v: rusqlite::types::Value = r.get(i)?;
                line.push_str(&format!(" {v:?}"));
            }
            out.push(line);
        }
        let mut stmt =
            self.conn.prepare("SELECT path, language, file_hash, diagnostics FROM files")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut line = String::from("file");
            for i in 0..4 {
                let v: rusqlite::types::Value = r.get(i)?;
                line.push_str(&format!(" {v:?}"));
            }
            out.push(line);
        }
        // What update scripts computed is node state too: custom fields and notes.
        let mut stmt = self.conn.prepare(
            "SELECT 'field ' || node_id || ' ' || field || ' ' || script || ' ' || value
             FROM node_fields
             UNION ALL SELECT 'note ' || node_id || ' ' || script || ' ' || error || ' ' || note
             FROM script_notes",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for row in rows {
            out.push(row?);
        }
        out.sort();
        Ok(out)
    }

    fn summaries(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
        limit: usize,
    ) -> Result<Vec<NodeSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM nodes WHERE {condition} ORDER BY id LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, summary_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The edges of `kind` into (`Incoming`: sources, resolved only) or out of node
    /// `id`, as their other ends.
    pub(crate) fn edge_ends(
        &self,
        id: &str,
        kind: EdgeKind,
        direction: Direction,
    ) -> Result<Vec<EdgeEnd>> {
        let sql = match direction {
            Direction::Incoming => {
                "SELECT n.id, 1, e.provenance, e.line FROM edges e JOIN nodes n ON n.rowid = e.src
                 WHERE e.dst = ?1 AND e.kind = ?2 AND e.resolved ORDER BY n.id, e.line"
            }
            Direction::Outgoing => {
                "SELECT dst, resolved, provenance, line FROM edges
                 WHERE src = (SELECT rowid FROM nodes WHERE id = ?1) AND kind = ?2
                 ORDER BY line, dst"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![id, kind.as_str()], |r| {
            let provenance: String = r.get(2)?;
            Ok(EdgeEnd {
                id: r.get(0)?,
                resolved: r.get(1)?,
                provenance: Provenance::parse(&provenance).unwrap_or(Provenance::Unresolved),
                line: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn traverse(&self, start: &str, depth: u32, direction: Direction) -> Result<Vec<Reached>> {
        let mut out = Vec::new();
        let mut seen: HashSet<String> = HashSet::from([start.to_owned()]);
        let mut queue: VecDeque<(String, u32)> = VecDeque::from([(start.to_owned(), 0)]);
        while let Some((id, d)) = queue.pop_front() {
            if d >= depth {
                continue;
            }
            for edge in self.edge_ends(&id, EdgeKind::Calls, direction)? {
                if !seen.insert(edge.id.clone()) {
                    continue;
                }
                if edge.resolved {
                    queue.push_back((edge.id.clone(), d + 1));
                }
                out.push(Reached { depth: d + 1, via: id.clone(), edge });
            }
        }
        Ok(out)
    }

    /// Fails with [`StoreError::Corrupt`] unless every edge's source is a stored node
    /// and every resolved edge's destination is one (an edge left pointing at a
    /// deleted node was not re-linked): a consistency check for tests and
    /// `status --check`. Reads every edge.
    pub fn check_edges(&self) -> Result<()> {
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.rowid = e.src)",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            return Err(StoreError::Corrupt(format!("{orphans} edges without a source node")));
        }
        let dangling: i64 = self.conn.query_row(
            "SELECT count(*) FROM edges e
             WHERE resolved AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.dst)",
            [],
            |r| r.get(0),
        )?;
        if dangling > 0 {
            return Err(StoreError::Corrupt(format!(
                "{dangling} resolved edges without a destination node"
            )));
        }
        Ok(())
    }
}

/// Which end of an edge a node is at.
#[derive(Clone, Copy)]
pub(crate) enum Direction {
    /// Edges into the node.
    Incoming,
    /// Edges out of the node.
    Outgoing,
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

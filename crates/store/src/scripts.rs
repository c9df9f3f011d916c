//! Update scripts (issue 14): rules whose action is a script (`script = "risk"`) run
//! it for the nodes they select, inside the commit that changed them, and store what
//! it sets as the node's custom fields. The interpreter is not here: the store calls
//! an [`UpdateScripts`] (the `script` crate's, which runs a sandboxed Python subset)
//! and answers the script's host API itself, so that everything a script can read or
//! write goes through [`HostApi`]:
//!
//! | call | answer | read recorded |
//! |---|---|---|
//! | `node(id)` | the node as a dict (the shape of `target`), or `None` | the node |
//! | `source(id)` | its source text while its file is as indexed, else `None` | the node |
//! | `callers(id)` | ids of its resolved callers | its incoming edges, each caller |
//! | `callees(id)` | ids of its resolved callees | the node |
//! | `tests(id)` | ids of the tests with a `tests` edge to it | its incoming edges, each test |
//! | `search(q)` | ids of the best 20 full-text hits | every change |
//! | `owners(id)` | its file's owners (CODEOWNERS, supplied by the host) | the node |
//! | `set(field, value)` | sets a custom field of the target node | |
//! | `note(text)` | adds a note to the target node | |
//!
//! Fine-grained re-runs: each run's reads are stored (`script_reads`), and a later
//! commit re-runs a script for a node only when a rule selects the node for one of
//! its events, or something it read changed: a node it read was added, changed
//! (its own source, or its edges by a dependency) or removed, or a node now has a
//! resolved `calls`/`tests` edge to a node whose incoming edges it read. Such a run
//! is then checked before it is repeated (early cut-off): each call it made is
//! answered again, and only when one answers differently (a digest of the answer is
//! stored with the read) does it run. Scripts never run on a node because an
//! unrelated node of its file changed, nor because lines moved (nodes have no
//! position for scripts).
//!
//! A script can only set fields of the node it runs for, so nothing outside its own
//! fields changes whatever it does; a failed run (it raised, broke a limit, misused
//! the host API) sets nothing and leaves an error note. When the scripts or what
//! their results depend on outside the graph change ([`UpdateScripts::fingerprint`]),
//! every script state is dropped and every rule runs again on every node it selects,
//! as a clean index would.

use crate::rules::{Event, RuleSet};
use crate::{Result, StoreError};
use model::NodeKind;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

/// Host calls one run may make ([`HostApi`]); the next one fails the run.
pub const MAX_HOST_CALLS: u64 = 10_000;
/// Custom fields one run may set.
pub const MAX_FIELDS_PER_RUN: usize = 32;
/// Notes one run may add, and the bytes of each.
pub const MAX_NOTES: usize = 8;
/// See [`MAX_NOTES`].
pub const MAX_NOTE_BYTES: usize = 1024;
/// Ids `search(q)` answers with at most.
pub const SEARCH_LIMIT: usize = 20;

/// The names of the host API's functions, in the order of the module table.
pub const HOST_FUNCTIONS: &[&str] =
    &["node", "source", "callers", "callees", "tests", "search", "owners", "set", "note"];

/// Runs update scripts. Implemented by the `script` crate (monty); the store only
/// decides what runs and answers the host API.
pub trait UpdateScripts: Send + Sync + std::fmt::Debug {
    /// Identifies the scripts' text and whatever else their results depend on outside
    /// the graph (the CODEOWNERS file `owners` reads). When it differs from the one
    /// the store last ran under, every script runs again on every node.
    fn fingerprint(&self) -> String;

    /// Whether a script of this name is loaded.
    fn has(&self, script: &str) -> bool;

    /// Runs `script` with `target` (the node, as [`HostApi`]'s `node` answers it) and
    /// the host API; `Ok` when it ran to the end.
    fn run(&self, script: &str, target: &Value, host: &mut HostApi<'_>) -> Result<(), Failure>;

    /// The owners of the root-relative `path` (CODEOWNERS rules), for `owners(id)`.
    fn owners(&self, path: &str) -> Vec<String>;

    /// Bytes `start..end` of the root-relative `path` as text, if the file's BLAKE3
    /// is still `file_hash` (the source as indexed), for `source(id)`.
    fn source(&self, path: &str, start: usize, end: usize, file_hash: &str) -> Option<String>;
}

/// Why a run failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// It was stopped by a limit (time, memory, recursion, host calls, output).
    pub limit: bool,
    /// What happened, for the error note and the audit trail.
    pub message: String,
}

/// What a read recorded by a run depends on (`script_reads.how`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Read {
    /// The node's own state (and its outgoing edges).
    Node = 0,
    /// The set of resolved `calls`/`tests` edges into the node.
    Incoming = 1,
    /// Anything (`search`): every commit that changes a node.
    Any = 2,
    /// A node in an answer (a caller, a test): when it changes, the answer may have.
    Member = 3,
}

/// One read of a run: which change makes it worth checking (`key`, `how`) and, for
/// the call itself, the call and a digest of its answer: a run is repeated only when
/// some call of it would answer differently now (early cut-off).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Recorded {
    key: String,
    how: Read,
    /// `(function, argument, digest)`; none for [`Read::Member`] rows.
    call: Option<(String, String, String)>,
}

/// The host API one run may use: the store's answers to the script's calls, read in
/// the commit's transaction, and what the run sets. See the module documentation.
pub struct HostApi<'a> {
    conn: &'a Connection,
    engine: &'a dyn UpdateScripts,
    script: &'a str,
    target: &'a str,
    calls: u64,
    reads: BTreeSet<Recorded>,
    fields: BTreeMap<String, String>,
    notes: Vec<String>,
}

/// A host call the script made wrongly, or one over [`MAX_HOST_CALLS`] (`limit`).
#[derive(Debug)]
pub struct HostError {
    /// The call was over a limit: the run must stop.
    pub limit: bool,
    /// What is wrong, for the exception the script sees.
    pub message: String,
}

impl HostError {
    fn usage(message: impl Into<String>) -> HostError {
        HostError { limit: false, message: message.into() }
    }
}

/// A digest of an answer: equal answers, equal digests.
fn digest(value: &Value) -> String {
    let text = value.to_string();
    let hash = fnv1a(text.as_bytes());
    format!("{hash:016x}{:x}", text.len())
}

/// FNV-1a over 64 bits (http://www.isthe.com/chongo/tech/comp/fnv/): the store has
/// no hashing dependency, and a digest only has to tell an answer changed.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The answer of a read-only host function to `id_or_query`, and the keys of the
/// changes that may change it (first the call's own key, then the members).
fn answer(
    conn: &Connection,
    engine: &dyn UpdateScripts,
    function: &str,
    arg: &str,
) -> Result<(Value, Vec<(String, Read)>)> {
    let id = arg;
    Ok(match function {
        "node" => (node_value(conn, id)?.unwrap_or(Value::Null), vec![(id.to_owned(), Read::Node)]),
        "source" => {
            let row: Option<(String, i64, i64, String)> = conn
                .prepare_cached(
                    "SELECT n.path, n.start_byte, n.end_byte, f.file_hash
                     FROM nodes n JOIN files f ON f.path = n.path WHERE n.id = ?1",
                )?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            let text = row.and_then(|(path, start, end, hash)| {
                engine.source(&path, start as usize, end as usize, &hash)
            });
            (text.map_or(Value::Null, Value::String), vec![(id.to_owned(), Read::Node)])
        }
        "callers" | "tests" => {
            let kind = if function == "callers" { "calls" } else { "tests" };
            let found = ids(
                conn,
                "SELECT DISTINCT n.id FROM edges e JOIN nodes n ON n.rowid = e.src
                 WHERE e.dst = ?1 AND e.kind = ?2 AND e.resolved ORDER BY n.id",
                params![id, kind],
            )?;
            let mut keys = vec![(id.to_owned(), Read::Incoming)];
            keys.extend(found.iter().map(|c| (c.clone(), Read::Member)));
            (Value::from(found), keys)
        }
        "callees" => {
            let found = ids(
                conn,
                "SELECT DISTINCT e.dst FROM nodes n JOIN edges e ON e.src = n.rowid
                 WHERE n.id = ?1 AND e.kind = 'calls' AND e.resolved ORDER BY e.dst",
                params![id],
            )?;
            (Value::from(found), vec![(id.to_owned(), Read::Node)])
        }
        "search" => {
            let found = match crate::read::fts_query(arg) {
                Some(fts) => ids(
                    conn,
                    "SELECT n.id FROM nodes_fts JOIN nodes n ON n.rowid = nodes_fts.rowid
                     WHERE nodes_fts MATCH ?1
                     ORDER BY bm25(nodes_fts, 10.0, 5.0, 2.0, 1.0), n.id LIMIT ?2",
                    params![fts, SEARCH_LIMIT as i64],
                )?,
                None => Vec::new(),
            };
            (Value::from(found), vec![(String::new(), Read::Any)])
        }
        "owners" => {
            let path: Option<String> = conn
                .prepare_cached("SELECT path FROM nodes WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let owners = path.map_or(Value::Null, |p| Value::from(engine.owners(&p)));
            (owners, vec![(id.to_owned(), Read::Node)])
        }
        _ => return Err(StoreError::Missing(format!("no host function `{function}`"))),
    })
}

/// The read-only host functions (the rest, `set` and `note`, write).
const READS: &[&str] = &["node", "source", "callers", "callees", "tests", "search", "owners"];

impl HostApi<'_> {
    /// Answers host function `function` called with positional `args`: see the
    /// module documentation for each. Errors: an unknown function, wrong arguments,
    /// a field or note over its limits, a field another script sets, more than
    /// [`MAX_HOST_CALLS`] calls (`limit`).
    pub fn call(&mut self, function: &str, args: &[Value]) -> Result<Value, HostError> {
        self.calls += 1;
        if self.calls > MAX_HOST_CALLS {
            return Err(HostError {
                limit: true,
                message: format!("more than {MAX_HOST_CALLS} host API calls in one run"),
            });
        }
        match function {
            "set" => {
                let [Value::String(field), value] = args else {
                    return Err(HostError::usage(
                        "set() takes a field name and a value, and sets a field of the node \
                         the script runs for (no other node's)",
                    ));
                };
                self.set(field, value)
            }
            "note" => {
                let [Value::String(text)] = args else {
                    return Err(HostError::usage("note() takes one text (a str)"));
                };
                if self.notes.len() >= MAX_NOTES {
                    return Err(HostError::usage(format!("more than {MAX_NOTES} notes")));
                }
                if text.len() > MAX_NOTE_BYTES {
                    return Err(HostError::usage(format!(
                        "a note of {} bytes (at most {MAX_NOTE_BYTES})",
                        text.len()
                    )));
                }
                self.notes.push(text.clone());
                Ok(Value::Null)
            }
            _ if READS.contains(&function) => {
                let [Value::String(arg)] = args else {
                    let what = if function == "search" { "query" } else { "node id" };
                    return Err(HostError::usage(format!("{function}() takes one {what} (a str)")));
                };
                let (value, keys) = answer(self.conn, self.engine, function, arg)
                    .map_err(|e| HostError::usage(format!("{function}(): {e}")))?;
                self.record(function, arg, &value, keys);
                Ok(value)
            }
            _ => Err(HostError::usage(format!(
                "no host function `{function}` (there are {})",
                HOST_FUNCTIONS.join(", ")
            ))),
        }
    }

    fn record(&mut self, function: &str, arg: &str, value: &Value, keys: Vec<(String, Read)>) {
        let mut keys = keys.into_iter();
        if let Some((key, how)) = keys.next() {
            let call = Some((function.to_owned(), arg.to_owned(), digest(value)));
            self.reads.insert(Recorded { key, how, call });
        }
        for (key, how) in keys {
            self.reads.insert(Recorded { key, how, call: None });
        }
    }

    fn set(&mut self, field: &str, value: &Value) -> Result<Value, HostError> {
        let named = !field.is_empty()
            && field.len() <= 64
            && field.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && field.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !named {
            return Err(HostError::usage(format!(
                "field name {field:?}: lowercase letters, digits and `_`, at most 64"
            )));
        }
        let text = value.to_string();
        if text.len() > model::MAX_FIELD_BYTES {
            return Err(HostError {
                limit: true,
                message: format!(
                    "field `{field}`: a value of {} bytes (at most {})",
                    text.len(),
                    model::MAX_FIELD_BYTES
                ),
            });
        }
        if !self.fields.contains_key(field) && self.fields.len() >= MAX_FIELDS_PER_RUN {
            return Err(HostError::usage(format!("more than {MAX_FIELDS_PER_RUN} fields")));
        }
        let owner: Option<String> = self
            .conn
            .prepare_cached("SELECT script FROM node_fields WHERE node_id = ?1 AND field = ?2")
            .and_then(|mut s| s.query_row([self.target, field], |r| r.get(0)).optional())
            .map_err(|e| HostError::usage(e.to_string()))?;
        if let Some(owner) = owner.filter(|o| o != self.script) {
            return Err(HostError::usage(format!(
                "field `{field}` of this node is set by script `{owner}`"
            )));
        }
        self.fields.insert(field.to_owned(), text);
        Ok(Value::Null)
    }
}

/// The bit of `event` in an event set.
fn bit(event: Event) -> u8 {
    1 << Event::ALL.iter().position(|e| *e == event).unwrap_or(0)
}

/// The events of a set of bits.
fn events_of(bits: u8) -> Vec<Event> {
    Event::ALL.iter().copied().filter(|&e| bits & bit(e) != 0).collect()
}

/// What a commit did to nodes, for the scripts: node id → event bits.
#[derive(Default)]
pub(crate) struct Events {
    bits: HashMap<String, u8>,
}

impl Events {
    pub(crate) fn add(&mut self, id: &str, event: Event) {
        match self.bits.get_mut(id) {
            Some(b) => *b |= bit(event),
            None => {
                self.bits.insert(id.to_owned(), bit(event));
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.bits.contains_key(id)
    }
}

/// The node as scripts see it: `node(id)` and `target`. It has no position (lines,
/// byte offsets): what a script computes cannot depend on where its node sits in
/// the file, so an edit above a node does not run its scripts again. Nor has it
/// custom fields: scripts compute from the graph, never from each other's output,
/// so the order they run in cannot change what they compute.
fn node_value(conn: &Connection, id: &str) -> Result<Option<Value>> {
    let row = conn
        .prepare_cached(
            "SELECT id, kind, name, qualified_name, path, language, parent, signature,
                    docstring, decorators, line_count, complexity, has_type_hints,
                    end_byte - start_byte
             FROM nodes WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let decorators: String = r.get(9)?;
            Ok(serde_json::json!({
                "id": r.get::<_, String>(0)?,
                "kind": r.get::<_, String>(1)?,
                "name": r.get::<_, String>(2)?,
                "qualified_name": r.get::<_, String>(3)?,
                "path": r.get::<_, String>(4)?,
                "language": r.get::<_, String>(5)?,
                "parent": r.get::<_, Option<String>>(6)?,
                "signature": r.get::<_, Option<String>>(7)?,
                "docstring": r.get::<_, Option<String>>(8)?,
                "decorators": serde_json::from_str::<Value>(&decorators).unwrap_or_default(),
                "line_count": r.get::<_, i64>(10)?,
                "complexity": r.get::<_, i64>(11)?,
                "has_type_hints": r.get::<_, bool>(12)?,
                "bytes": r.get::<_, i64>(13)?,
            }))
        })
        .optional()?;
    Ok(row)
}

fn ids(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The custom fields of node `id`, by name.
pub(crate) fn fields_of(conn: &Connection, id: &str) -> Result<BTreeMap<String, Value>> {
    let mut stmt =
        conn.prepare_cached("SELECT field, value FROM node_fields WHERE node_id = ?1")?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (field, value) = row?;
        out.insert(field, serde_json::from_str(&value).unwrap_or(Value::Null));
    }
    Ok(out)
}

/// The notes scripts left on node `id`: `{script}: {note}`, errors as
/// `{script}: error: {message}`.
pub(crate) fn notes_of(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT script, note, error FROM script_notes WHERE node_id = ?1 ORDER BY script, rowid",
    )?;
    let rows = stmt.query_map([id], |r| {
        let (script, note, error): (String, String, bool) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok(if error { format!("{script}: error: {note}") } else { format!("{script}: {note}") })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What [`run`] did, for the writer.
#[derive(Default)]
pub(crate) struct Ran {
    /// Nodes whose fields changed, for the change log.
    pub(crate) changed: Vec<(String, String)>,
}

/// Whether every call the last run of `script` for `id` made answers as it did.
fn answers_unchanged(
    conn: &Connection,
    engine: &dyn UpdateScripts,
    script: &str,
    id: &str,
) -> Result<bool> {
    let calls: Vec<(String, String, String)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT call, arg, digest FROM script_reads
             WHERE node_id = ?1 AND script = ?2 AND call IS NOT NULL",
        )?;
        let rows = stmt.query_map([id, script], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if calls.is_empty() {
        return Ok(false);
    }
    for (function, arg, stored) in calls {
        match answer(conn, engine, &function, &arg) {
            Ok((value, _)) if digest(&value) == stored => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// Runs the scripts a commit calls for (see the module documentation), in its
/// transaction. `all`: every rule on every node it selects, after dropping every
/// script state (a cold index, or changed scripts).
pub(crate) fn run(
    conn: &Connection,
    rules: &RuleSet,
    engine: &dyn UpdateScripts,
    events: &Events,
    all: bool,
) -> Result<Ran> {
    // Runs the rules select (they run), and runs whose reads changed (checked first).
    let mut todo: BTreeSet<(String, String)> = BTreeSet::new();
    let mut check: BTreeSet<(String, String)> = BTreeSet::new();
    let mut ran = Ran::default();
    let mut stats: BTreeMap<String, model::ScriptStats> = BTreeMap::new();
    let scripts = rules.scripts();
    let select = |todo: &mut BTreeSet<(String, String)>,
                  id: &str,
                  path: &str,
                  kind: &str,
                  name: &str,
                  on: &[Event]| {
        let Some(kind) = NodeKind::parse(kind) else { return };
        for script in rules.scripts_for(on, path, kind, name) {
            todo.insert((script.to_owned(), id.to_owned()));
        }
    };
    if all {
        conn.execute_batch(
            "DELETE FROM node_fields; DELETE FROM script_reads; DELETE FROM script_notes;",
        )?;
        if !scripts.is_empty() {
            let mut stmt = conn.prepare("SELECT id, path, kind, name FROM nodes ORDER BY id")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (id, path, kind, name): (String, String, String, String) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                select(&mut todo, &id, &path, &kind, &name, &[Event::NodeAdded]);
            }
        }
    } else {
        let removed = bit(Event::NodeRemoved);
        let mut test_added: Vec<String> = Vec::new();
        let mut ids: Vec<(&String, u8)> = events.bits.iter().map(|(id, b)| (id, *b)).collect();
        ids.sort_unstable();
        let any_reads: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM script_reads)")?
            .query_row([], |r| r.get(0))?;
        for &(id, bits) in &ids {
            if any_reads {
                // Runs that read this node, or had it in an answer.
                let mut stmt = conn.prepare_cached(
                    "SELECT DISTINCT script, node_id FROM script_reads
                     WHERE read_id = ?1 AND how IN (0, 3)",
                )?;
                let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                for row in rows {
                    check.insert(row?);
                }
            }
            if bits & removed != 0 {
                for table in ["node_fields", "script_reads", "script_notes"] {
                    conn.prepare_cached(&format!("DELETE FROM {table} WHERE node_id = ?1"))?
                        .execute([id])?;
                }
                continue;
            }
            let row: Option<(String, String, String)> = conn
                .prepare_cached("SELECT path, kind, name FROM nodes WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let Some((path, kind, name)) = row else { continue };
            select(&mut todo, id, &path, &kind, &name, &events_of(bits));
            // Runs that read the incoming edges of what this node calls or tests now.
            let mut stmt = conn.prepare_cached(
                "SELECT DISTINCT e.kind, e.dst FROM nodes n JOIN edges e ON e.src = n.rowid
                 WHERE n.id = ?1 AND e.kind IN ('calls', 'tests') AND e.resolved",
            )?;
            let targets = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            for target in targets {
                let (kind, dst): (String, String) = target?;
                if kind == "tests" && bits & bit(Event::NodeAdded) != 0 {
                    test_added.push(dst.clone());
                }
                if any_reads {
                    let mut stmt = conn.prepare_cached(
                        "SELECT script, node_id FROM script_reads WHERE read_id = ?1 AND how = 1",
                    )?;
                    let rows = stmt.query_map([&dst], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    for row in rows {
                        check.insert(row?);
                    }
                }
            }
        }
        test_added.sort_unstable();
        test_added.dedup();
        for id in &test_added {
            let row: Option<(String, String, String)> = conn
                .prepare_cached("SELECT path, kind, name FROM nodes WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            if let Some((path, kind, name)) = row {
                select(&mut todo, id, &path, &kind, &name, &[Event::TestAdded]);
            }
        }
        if any_reads && !ids.is_empty() {
            let mut stmt = conn.prepare_cached(
                // `search` reads are stored under the empty key: the index finds them.
                "SELECT script, node_id FROM script_reads WHERE read_id = '' AND how = 2",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                check.insert(row?);
            }
        }
    }
    // Early cut-off: a run whose reads changed is repeated only if one of its calls
    // answers differently now.
    for (script, id) in check {
        if todo.contains(&(script.clone(), id.clone())) {
            continue;
        }
        let configured = scripts.contains(&script.as_str()) && engine.has(&script);
        if !configured || !answers_unchanged(conn, engine, &script, &id)? {
            todo.insert((script, id));
        } else {
            stats
                .entry(script.clone())
                .or_insert_with(|| model::ScriptStats { script, ..Default::default() })
                .skipped += 1;
        }
    }
    for (script, id) in todo {
        if !scripts.contains(&script.as_str()) || !engine.has(&script) {
            // The rule that recorded the read is gone: so is what it computed.
            for table in ["node_fields", "script_reads", "script_notes"] {
                conn.prepare_cached(&format!(
                    "DELETE FROM {table} WHERE node_id = ?1 AND script = ?2"
                ))?
                .execute([&id, &script])?;
            }
            continue;
        }
        let stat = stats
            .entry(script.clone())
            .or_insert_with(|| model::ScriptStats { script: script.clone(), ..Default::default() });
        if run_one(conn, engine, &script, &id, all, stat)?.changed {
            let (path, _) = model::split_node_id(&id);
            ran.changed.push((id.clone(), path.to_owned()));
        }
    }
    for stat in stats.values() {
        conn.prepare_cached(
            "INSERT INTO script_stats
                (script, runs, failures, limit_hits, micros, skipped, last_error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (script) DO UPDATE SET runs = runs + ?2, failures = failures + ?3,
                limit_hits = limit_hits + ?4, micros = micros + ?5, skipped = skipped + ?6,
                last_error = coalesce(?7, last_error)",
        )?
        .execute(params![
            stat.script,
            stat.runs as i64,
            stat.failures as i64,
            stat.limit_hits as i64,
            stat.micros as i64,
            stat.skipped as i64,
            stat.last_error
        ])?;
    }
    Ok(ran)
}

/// What [`run_one`] did.
struct Outcome {
    /// The node exists and the script ran.
    ran: bool,
    /// The node's fields by this script changed.
    changed: bool,
    /// Why the run failed, if it did.
    failure: Option<Failure>,
}

/// Runs `script` for node `id` and stores what it set, read and noted in place of
/// its last run's (`fresh`: the script tables were just emptied, there is none).
fn run_one(
    conn: &Connection,
    engine: &dyn UpdateScripts,
    script: &str,
    id: &str,
    fresh: bool,
    stat: &mut model::ScriptStats,
) -> Result<Outcome> {
    let before: Vec<(String, String)> = if fresh {
        Vec::new()
    } else {
        let mut stmt = conn.prepare_cached(
            "SELECT field, value FROM node_fields WHERE node_id = ?1 AND script = ?2
             ORDER BY field",
        )?;
        let rows = stmt.query_map([id, script], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let before = rows.collect::<rusqlite::Result<_>>()?;
        for table in ["node_fields", "script_reads", "script_notes"] {
            conn.prepare_cached(&format!(
                "DELETE FROM {table} WHERE node_id = ?1 AND script = ?2"
            ))?
            .execute([id, script])?;
        }
        before
    };
    let Some(target) = node_value(conn, id)? else {
        return Ok(Outcome { ran: false, changed: !before.is_empty(), failure: None });
    };
    let mut host = HostApi {
        conn,
        engine,
        script,
        target: id,
        calls: 0,
        reads: BTreeSet::new(),
        fields: BTreeMap::new(),
        notes: Vec::new(),
    };
    // The node itself: the script saw all of it.
    host.record("node", id, &target, vec![(id.to_owned(), Read::Node)]);
    let started = Instant::now();
    let outcome = engine.run(script, &target, &mut host);
    stat.runs += 1;
    stat.micros += started.elapsed().as_micros() as u64;
    let HostApi { reads, fields, notes, .. } = host;
    let mut insert_read = conn.prepare_cached(
        "INSERT INTO script_reads (script, node_id, read_id, how, call, arg, digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in &reads {
        let (call, arg, digest) = match &r.call {
            Some((c, a, d)) => (Some(c.as_str()), Some(a.as_str()), Some(d.as_str())),
            None => (None, None, None),
        };
        insert_read.execute(params![script, id, r.key, r.how as i64, call, arg, digest])?;
    }
    let mut insert_note = conn.prepare_cached(
        "INSERT INTO script_notes (node_id, script, note, error) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut failed = None;
    let after: Vec<(String, String)> = match outcome {
        Ok(()) => {
            for note in &notes {
                insert_note.execute(params![id, script, note, false])?;
            }
            let mut insert = conn.prepare_cached(
                "INSERT INTO node_fields (node_id, field, script, value) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (field, value) in &fields {
                insert.execute(params![id, field, script, value])?;
            }
            fields.into_iter().collect()
        }
        Err(failure) => {
            stat.failures += 1;
            stat.limit_hits += u64::from(failure.limit);
            stat.last_error = Some(format!("{id}: {}", failure.message));
            insert_note.execute(params![id, script, failure.message, true])?;
            failed = Some(failure);
            Vec::new()
        }
    };
    Ok(Outcome { ran: true, changed: before != after, failure: failed })
}

/// The audit trail: every script's counters, by name.
pub(crate) fn stats(conn: &Connection) -> Result<Vec<model::ScriptStats>> {
    let mut stmt = conn.prepare_cached(
        "SELECT script, runs, failures, limit_hits, micros, skipped, last_error
         FROM script_stats ORDER BY script",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(model::ScriptStats {
            script: r.get(0)?,
            runs: r.get::<_, i64>(1)? as u64,
            failures: r.get::<_, i64>(2)? as u64,
            limit_hits: r.get::<_, i64>(3)? as u64,
            micros: r.get::<_, i64>(4)? as u64,
            skipped: r.get::<_, i64>(5)? as u64,
            last_error: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The fingerprint the scripts last ran under (`""` when none did).
pub(crate) fn stored_fingerprint(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'scripts_fingerprint'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

pub(crate) fn set_fingerprint(conn: &Connection, fingerprint: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('scripts_fingerprint', ?1)",
    )?
    .execute([fingerprint])?;
    Ok(())
}

/// A condition on a custom field, for `codehub find --where`: `FIELD OP VALUE` with
/// `OP` one of `>`, `>=`, `<`, `<=`, `=` (or `==`), `!=`, or `FIELD` alone (the field
/// is set to something other than `false`, `null`, `0` or `""`). `VALUE` is JSON
/// (`3`, `2.5`, `true`, `"a b"`) or else a bare string (`@core`); numbers compare as
/// numbers, and `=`/`!=` with a string also test membership in a list field
/// (`owners=@core`).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldFilter {
    field: String,
    op: Option<&'static str>,
    value: Value,
}

impl FieldFilter {
    /// Parses the condition. Errors: no field name, or a field name that scripts
    /// could not set, or an operator without a value.
    pub fn parse(text: &str) -> Result<FieldFilter, String> {
        let text = text.trim();
        let at = text.find(['<', '>', '=', '!']);
        let (field, rest) = match at {
            Some(i) => (text[..i].trim(), &text[i..]),
            None => (text, ""),
        };
        let named = !field.is_empty()
            && field.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !named {
            return Err(format!(
                "`{text}`: expected FIELD, or FIELD OP VALUE with OP one of > >= < <= = != \
                 (risk>3, owner=@core)"
            ));
        }
        if rest.is_empty() {
            return Ok(FieldFilter { field: field.to_owned(), op: None, value: Value::Null });
        }
        let (op, value) = ["==", ">=", "<=", "!=", "=", ">", "<"]
            .iter()
            .find_map(|op| rest.strip_prefix(op).map(|v| (*op, v.trim())))
            .ok_or_else(|| format!("`{text}`: unknown operator (one of > >= < <= = !=)"))?;
        if value.is_empty() {
            return Err(format!("`{text}`: `{op}` needs a value"));
        }
        let op = if op == "==" { "=" } else { op };
        let value = serde_json::from_str::<Value>(value)
            .unwrap_or_else(|_| Value::String(value.to_owned()));
        Ok(FieldFilter { field: field.to_owned(), op: Some(op), value })
    }

    /// The SQL condition on `nodes` and its parameters.
    pub(crate) fn sql(&self) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value as Sql;
        let field = Sql::Text(self.field.clone());
        let inner = match (self.op, &self.value) {
            (None, _) => "value NOT IN ('false', 'null', '0', '\"\"', '0.0')".to_owned(),
            (Some(op), Value::Number(n)) => {
                let _ = n;
                format!("json_type(value) IN ('integer', 'real') AND CAST(value AS REAL) {op} ?2")
            }
            (Some(op @ ("=" | "!=")), Value::String(_)) => {
                let member = "EXISTS (SELECT 1 FROM json_each(node_fields.value) j
                                      WHERE j.value = ?2)";
                let (not, join) = if op == "=" { ("", "OR") } else { ("NOT ", "AND") };
                format!(
                    "(value {op} json_quote(?2) {join} (json_type(value) = 'array' AND {not}{member}))"
                )
            }
            (Some(op), Value::String(_)) => format!("value {op} json_quote(?2)"),
            (Some(op), _) => format!("value {op} ?2"),
        };
        let value = match &self.value {
            Value::Number(n) => Sql::Real(n.as_f64().unwrap_or(0.0)),
            Value::String(s) => Sql::Text(s.clone()),
            other => Sql::Text(other.to_string()),
        };
        let condition =
            format!("id IN (SELECT node_id FROM node_fields WHERE field = ?1 AND {inner})");
        let params = if self.op.is_some() { vec![field, value] } else { vec![field] };
        (condition, params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_filters_parse_operators_and_json_values() {
        let f = FieldFilter::parse("risk>3").unwrap();
        assert_eq!((f.field.as_str(), f.op, f.value.clone()), ("risk", Some(">"), Value::from(3)));
        let f = FieldFilter::parse(" owner = @core ").unwrap();
        assert_eq!((f.op, f.value.clone()), (Some("="), Value::from("@core")));
        let f = FieldFilter::parse("flag==true").unwrap();
        assert_eq!((f.op, f.value.clone()), (Some("="), Value::Bool(true)));
        assert_eq!(FieldFilter::parse("untested").unwrap().op, None);
        assert!(FieldFilter::parse(">3").unwrap_err().contains("expected FIELD"));
        assert!(FieldFilter::parse("risk>").unwrap_err().contains("needs a value"));
        let f = FieldFilter::parse("risk=>3").unwrap();
        assert_eq!((f.op, f.value), (Some("="), Value::from(">3")), "a bare string value");
        assert!(FieldFilter::parse("risk~3").unwrap_err().contains("expected FIELD"));
    }
}

/// What one trial run of a script did ([`crate::Store::try_script`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trial {
    /// The fields it set (or would have: nothing is stored).
    pub fields: BTreeMap<String, Value>,
    /// Its notes, and its error as `error: {message}`.
    pub notes: Vec<String>,
    /// Whether it failed, and whether by a limit.
    pub failure: Option<Failure>,
    /// Microseconds in the interpreter (host calls included).
    pub micros: u64,
}

/// Runs `script` for node `id` in `conn`'s current transaction, as a commit would,
/// and returns what it did. Errors: no such node.
pub(crate) fn trial(
    conn: &Connection,
    engine: &dyn UpdateScripts,
    script: &str,
    id: &str,
) -> Result<Trial> {
    let mut stat = model::ScriptStats::default();
    let outcome = run_one(conn, engine, script, id, false, &mut stat)?;
    if !outcome.ran {
        return Err(StoreError::Missing(format!("no node {id}")));
    }
    let failure = outcome.failure;
    let mut notes = notes_of(conn, id)?;
    notes.retain(|n| n.starts_with(&format!("{script}: ")));
    Ok(Trial { fields: fields_of(conn, id)?, notes, failure, micros: stat.micros })
}

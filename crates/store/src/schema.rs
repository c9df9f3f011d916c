//! The SQLite schema and its migrations. `SCHEMA_VERSION` is stored in `meta`; opening
//! a store runs every migration above the stored version in one transaction, and
//! refuses a store written by a newer codehub. See docs/store.md.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 8;

/// Migration N takes a store from version N-1 to N. Append only: never edit a
/// migration that has shipped.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE files (
    path        TEXT PRIMARY KEY,
    language    TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    ctime_ns    INTEGER NOT NULL,
    ino         INTEGER NOT NULL,
    checked_ns  INTEGER NOT NULL,
    file_hash   TEXT NOT NULL,
    line_count  INTEGER NOT NULL,
    n_nodes     INTEGER NOT NULL,
    n_edges     INTEGER NOT NULL,
    diagnostics TEXT NOT NULL,
    clock       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX files_hash ON files(file_hash);

CREATE TABLE nodes (
    rowid              INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    path               TEXT NOT NULL,
    kind               TEXT NOT NULL,
    name               TEXT NOT NULL,
    qualified_name     TEXT NOT NULL,
    parent             TEXT,
    language           TEXT NOT NULL,
    start_line         INTEGER NOT NULL,
    end_line           INTEGER NOT NULL,
    start_byte         INTEGER NOT NULL,
    end_byte           INTEGER NOT NULL,
    signature          TEXT,
    docstring          TEXT,
    decorators         TEXT NOT NULL,
    imports            TEXT NOT NULL,
    source_hash        TEXT NOT NULL,
    line_count         INTEGER NOT NULL,
    complexity         INTEGER NOT NULL,
    has_type_hints     INTEGER NOT NULL,
    docstring_outdated INTEGER NOT NULL,
    version            TEXT NOT NULL,
    last_updated       TEXT NOT NULL,
    update_source      TEXT NOT NULL,
    clock              INTEGER NOT NULL,
    renamed_from       TEXT
);
CREATE INDEX nodes_path ON nodes(path);
CREATE INDEX nodes_name ON nodes(name);
CREATE INDEX nodes_qualified_name ON nodes(qualified_name);

CREATE TABLE edges (
    rowid      INTEGER PRIMARY KEY,
    path       TEXT NOT NULL,
    src        TEXT NOT NULL,
    kind       TEXT NOT NULL,
    dst        TEXT NOT NULL,
    resolved   INTEGER NOT NULL,
    provenance TEXT NOT NULL,
    line       INTEGER NOT NULL,
    target_key TEXT,
    target_name TEXT,
    key_name   TEXT,
    key_inferred INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX edges_src ON edges(src, kind);
CREATE INDEX edges_dst ON edges(dst, kind);
CREATE INDEX edges_target_key ON edges(target_key) WHERE target_key IS NOT NULL;
CREATE INDEX edges_target_name ON edges(target_name) WHERE target_key IS NOT NULL;

CREATE TABLE symbols (
    key      TEXT NOT NULL,
    path     TEXT NOT NULL,
    node_id  TEXT,
    alias_of TEXT
);
CREATE INDEX symbols_key ON symbols(key);
CREATE INDEX symbols_path ON symbols(path);
CREATE INDEX symbols_alias_of ON symbols(alias_of) WHERE alias_of IS NOT NULL;

CREATE VIRTUAL TABLE nodes_fts USING fts5(
    name, qualified_name, signature, docstring,
    content = 'nodes', content_rowid = 'rowid',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER nodes_fts_insert AFTER INSERT ON nodes BEGIN
    INSERT INTO nodes_fts(rowid, name, qualified_name, signature, docstring)
    VALUES (new.rowid, new.name, new.qualified_name, new.signature, new.docstring);
END;
CREATE TRIGGER nodes_fts_delete AFTER DELETE ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, name, qualified_name, signature, docstring)
    VALUES ('delete', old.rowid, old.name, old.qualified_name, old.signature, old.docstring);
END;
CREATE TRIGGER nodes_fts_update AFTER UPDATE ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, name, qualified_name, signature, docstring)
    VALUES ('delete', old.rowid, old.name, old.qualified_name, old.signature, old.docstring);
    INSERT INTO nodes_fts(rowid, name, qualified_name, signature, docstring)
    VALUES (new.rowid, new.name, new.qualified_name, new.signature, new.docstring);
END;

CREATE TABLE changes (
    clock   INTEGER NOT NULL,
    node_id TEXT NOT NULL,
    change  TEXT NOT NULL,
    path    TEXT NOT NULL
);
CREATE INDEX changes_clock ON changes(clock);

CREATE TABLE tombstones (
    path      TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    clock     INTEGER NOT NULL,
    history   TEXT NOT NULL
);
CREATE INDEX tombstones_path ON tombstones(path);
CREATE INDEX tombstones_hash ON tombstones(file_hash);

INSERT INTO meta(key, value) VALUES ('clock', '0');
"#,
    // 2: the writer keeps nodes_fts itself (see `Writer::fts_insert`): the triggers
    // made FTS5 flush a segment per node row. Edges name their source by the node's
    // rowid instead of its id, lose `path` (never read: a file's edges are found by
    // their source nodes) and keep `key_name` only when it is not the key without its
    // language prefix (95% of Python edges), which makes the largest table and its
    // source index half the size. Only resolved edges are looked up by
    // destination (an unresolved edge's dst is a name), so only they are indexed by
    // it: an unresolved edge costs one index insert less, and linking a cold index
    // inserts each resolved edge's entry once instead of moving it.
    r#"
DROP TRIGGER nodes_fts_insert;
DROP TRIGGER nodes_fts_delete;
DROP TRIGGER nodes_fts_update;

CREATE TABLE edges_v2 (
    rowid        INTEGER PRIMARY KEY,
    src          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    dst          TEXT NOT NULL,
    resolved     INTEGER NOT NULL,
    provenance   TEXT NOT NULL,
    line         INTEGER NOT NULL,
    target_key   TEXT,
    target_name  TEXT,
    key_name     TEXT,
    key_inferred INTEGER NOT NULL DEFAULT 0
);
INSERT INTO edges_v2
SELECT e.rowid, n.rowid, e.kind, e.dst, e.resolved, e.provenance, e.line, e.target_key,
       e.target_name,
       CASE WHEN e.key_name = substr(e.target_key, instr(e.target_key, ':') + 1) THEN NULL
            ELSE e.key_name END,
       e.key_inferred
FROM edges e JOIN nodes n ON n.id = e.src;
DROP TABLE edges;
ALTER TABLE edges_v2 RENAME TO edges;
CREATE INDEX edges_src ON edges(src, kind);
CREATE INDEX edges_dst ON edges(dst, kind) WHERE resolved;
CREATE INDEX edges_target_key ON edges(target_key, key_inferred) WHERE target_key IS NOT NULL;
CREATE INDEX edges_target_name ON edges(target_name) WHERE target_key IS NOT NULL;
"#,
    // 3: possible edges (`read.rs`, `Store::possible_callers`) look unresolved calls up
    // by their callee's last name segment. A keyed edge has it in `target_name`; a
    // call known by its text only (`request.get_host`) is indexed by an expression
    // over `dst`: what follows its last `.`, `:` or `>` (rtrim strips every trailing
    // character that is not one of them), so the writer stores nothing more. Only
    // unkeyed unresolved calls and tests edges are in it (on Django, about a third
    // of the edges). `arity` is a call site's argument count, for ranking by it.
    r#"
ALTER TABLE edges ADD COLUMN arity INTEGER;
CREATE INDEX edges_unresolved_name ON edges(
    substr(dst, length(rtrim(dst, replace(replace(replace(dst, '.', ''), ':', ''), '>', ''))) + 1),
    kind
) WHERE target_key IS NULL AND NOT resolved AND kind IN ('calls', 'tests');
"#,
    // 4: full-text search that finds code by the words of its names. Identifiers are
    // indexed with their camelCase/digit parts as well (`codehub_words`, registered
    // on every writable connection, `words.rs`), and the porter stemmer runs over
    // unicode61, so "template rendering" finds `render_template`. The text indexed is
    // no longer the node row's, so the table is contentless (FTS5 `content=''`), with
    // `contentless_delete` so the writer deletes a row by its rowid alone.
    r#"
DROP TABLE nodes_fts;
CREATE VIRTUAL TABLE nodes_fts USING fts5(
    name, qualified_name, signature, docstring,
    content = '', contentless_delete = 1,
    tokenize = "porter unicode61 remove_diacritics 2"
);
INSERT INTO nodes_fts(rowid, name, qualified_name, signature, docstring)
SELECT rowid, codehub_words(name), codehub_words(qualified_name), codehub_words(signature),
       docstring
FROM nodes;
"#,
    // 5: `references` edges (non-call uses, `graph.references`) say how they use their
    // target: `value`, `annotation` or `decorator` (`model::ReferenceKind`); NULL for
    // every other kind. Files indexed before have none: the extractor version in
    // `meta` (see `Store::extractor_version`) makes the next index re-extract them.
    r#"
ALTER TABLE edges ADD COLUMN role TEXT;
"#,
    // 6: keys derived from a call's result (`K.f.__return__.g`, Rust's `K.f.__ok__.g`)
    // link through what `f` returns wherever `f` is found (a base class's, or the
    // receiver itself, `model::keys::RECEIVER`): a change to what `f` returns must
    // re-link them whatever their last segment. The writer finds them here
    // (`Writer::dependents`); on Django about 1% of the edges.
    r#"
CREATE INDEX edges_derived ON edges(target_key)
WHERE instr(target_key, '.__return__') > 0 OR instr(target_key, '.__ok__') > 0;
"#,
    // 7: keys derived from a callee's parameter types (`K.f.__arg0__.__arg1__.g`, the
    // parameter of a callback passed to `f`) are derived keys too: a change to `f`'s
    // declaration must re-link them whatever their last segment.
    r#"
DROP INDEX edges_derived;
CREATE INDEX edges_derived ON edges(target_key)
WHERE instr(target_key, '.__return__') > 0 OR instr(target_key, '.__ok__') > 0
   OR instr(target_key, '.__arg') > 0;
"#,
    // 8: update scripts (`scripts.rs`). `node_fields` holds the custom fields they
    // set (a JSON value each, keyed by node and field, with the script that owns
    // it); `script_reads` what each run read (`how`: 0 the node, 1 its incoming
    // edges, 2 anything, 3 a node in an answer), looked up by what changed, and for
    // each call its argument and a digest of its answer (a run is repeated only when
    // a call would answer differently); `script_notes` their notes and
    // errors; `script_stats` the audit trail.
    r#"
CREATE TABLE node_fields (
    node_id TEXT NOT NULL,
    field   TEXT NOT NULL,
    script  TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (node_id, field)
) WITHOUT ROWID;
CREATE INDEX node_fields_field ON node_fields(field);
CREATE TABLE script_reads (
    script  TEXT NOT NULL,
    node_id TEXT NOT NULL,
    read_id TEXT NOT NULL,
    how     INTEGER NOT NULL,
    call    TEXT,
    arg     TEXT,
    digest  TEXT
);
CREATE INDEX script_reads_read ON script_reads(read_id, how);
CREATE INDEX script_reads_node ON script_reads(node_id, script);
CREATE TABLE script_notes (
    node_id TEXT NOT NULL,
    script  TEXT NOT NULL,
    note    TEXT NOT NULL,
    error   INTEGER NOT NULL
);
CREATE INDEX script_notes_node ON script_notes(node_id, script);
CREATE TABLE script_stats (
    script     TEXT PRIMARY KEY,
    runs       INTEGER NOT NULL,
    failures   INTEGER NOT NULL,
    limit_hits INTEGER NOT NULL,
    micros     INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,
    last_error TEXT
) WITHOUT ROWID;
"#,
];

/// Sets the connection up (WAL, pragmas) and brings the schema to `SCHEMA_VERSION`.
///
/// Errors: [`StoreError::SchemaTooNew`] when the store was written by a newer codehub;
/// SQLite errors otherwise. A failed migration leaves the store as it was.
pub(crate) fn prepare(conn: &mut Connection, read_only: bool) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    if read_only {
        let version = stored_version(conn)?;
        return check_version(version);
    }
    register_functions(conn)?;
    let fresh = stored_version(conn)? == 0;
    if fresh {
        // Only possible before the first table exists. Larger pages mean shallower
        // B-trees for the text-keyed indexes and fewer page splits on bulk insert.
        conn.pragma_update(None, "page_size", 16384)?;
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // NORMAL in WAL mode: a commit is durable once the WAL is checkpointed, and the
    // database can never be corrupted by a crash (https://sqlite.org/wal.html).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // The writer's page cache (64 MiB, negative = KiB): index B-trees of a cold
    // index stay in memory instead of being re-read between batches.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let version = stored_version(conn)?;
    check_version(version)?;
    if version < SCHEMA_VERSION {
        let tx = conn.transaction()?;
        for migration in &MIGRATIONS[version as usize..] {
            tx.execute_batch(migration)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?1)",
            [SCHEMA_VERSION.to_string()],
        )?;
        if fresh {
            // Nothing is linked yet, so nothing was linked under other rules.
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('link_rules', ?1)",
                [link::LINK_RULES.to_string()],
            )?;
        }
        tx.commit()?;
    }
    if crate::bulk::pending(conn)? {
        // A bulk load (cold index) stopped before it rebuilt its indexes: rebuild them
        // now, before anything reads or writes this store (`bulk.rs`).
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        crate::bulk::finish(&tx)?;
        tx.commit()?;
    }
    Ok(())
}

/// SQL functions the schema and the writer use: `codehub_words(text)`, the text with
/// its identifiers' words appended ([`crate::words::with_identifier_words`]; NULL
/// stays NULL).
fn register_functions(conn: &Connection) -> Result<(), StoreError> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "codehub_words",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |cx| {
            let text: Option<String> = cx.get(0)?;
            Ok(text.map(|t| crate::words::with_identifier_words(&t)))
        },
    )?;
    Ok(())
}

fn stored_version(conn: &Connection) -> Result<u32, StoreError> {
    let version: Option<u32> =
        conn.query_row("PRAGMA user_version", [], |row| row.get(0)).optional()?;
    Ok(version.unwrap_or(0))
}

fn check_version(version: u32) -> Result<(), StoreError> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found: version, supported: SCHEMA_VERSION });
    }
    Ok(())
}

//! Bulk load: how a cold index of an empty store writes its rows without maintaining
//! the secondary indexes whose keys arrive in random order.
//!
//! A B-tree index whose keys arrive in random order (`nodes.name`, `edges.target_key`)
//! costs a page read and write per insert once it outgrows the page cache; on the
//! Linux kernel (3.3M nodes, 5M edges) that made the writer, not extraction, the
//! bottleneck of a cold index (226 s of writer time, against 57 s with this). Building
//! an index over a loaded table is one sort instead
//! (https://sqlite.org/lang_createindex.html). The indexes whose keys arrive in
//! order, because rows are written file by file and rowids grow ([`KEPT`]), stay:
//! they cost an append per row, and the writer reads by them. The full-text index is
//! written row by row as always: FTS5 buffers a transaction's terms in memory and
//! writes them in order (https://sqlite.org/fts5.html), and during the load the
//! writer has time to spare while extraction runs on the other cores.
//!
//! The protocol, crash-safe because every step is inside a transaction:
//! 1. [`start`], in the first transaction of a cold index of an empty store (clock 0):
//!    the `CREATE INDEX` statements of the other `nodes`, `edges` and `symbols`
//!    indexes are saved in `meta.bulk_load` (a JSON array of SQL) and the indexes
//!    dropped.
//! 2. The batches insert rows (the writer skips every read of what is stored at a
//!    path, since nothing is).
//! 3. [`finish`], in the last transaction of the cold index (before linking, which
//!    reads edges in key order): the saved statements run again and
//!    `meta.bulk_load` is deleted.
//!
//! A load that stopped before step 3 leaves `meta.bulk_load` behind; the next
//! writable open ([`crate::Store::open`]), or the next writer that is not the load's
//! own, runs [`finish`] before anything else, so no store is written half-indexed.
//! Readers during a load see every row committed so far; their look-ups by name or
//! key scan instead of seeking, and the store says that its cold index is unfinished
//! (`LinkState::ColdIncomplete`). The `UNIQUE` index of `nodes.id` (an automatic
//! index, which cannot be dropped) stays.

use crate::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension};

/// The tables whose secondary indexes a bulk load drops and rebuilds.
const TABLES: &str = "'nodes', 'edges', 'symbols'";
/// The indexes a bulk load keeps: their keys grow as files are written (a file's
/// rows are written together, and edges name their source by its growing rowid).
const KEPT: &str = "'nodes_path', 'edges_src', 'symbols_path'";

/// Whether a bulk load is unfinished in this store (`meta.bulk_load` is set).
pub(crate) fn pending(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM meta WHERE key = 'bulk_load'", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Step 1: saves the indexes' SQL in `meta.bulk_load` and drops them. Call inside the
/// transaction that writes the load's first rows, on an empty store.
pub(crate) fn start(conn: &Connection) -> Result<()> {
    let indexes: Vec<(String, String)> = conn
        .prepare(&format!(
            "SELECT name, sql FROM sqlite_master
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({TABLES})
               AND name NOT IN ({KEPT})
             ORDER BY name"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let sql: Vec<&str> = indexes.iter().map(|(_, sql)| sql.as_str()).collect();
    let json = serde_json::to_string(&sql).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    conn.execute("INSERT INTO meta(key, value) VALUES ('bulk_load', ?1)", [json])?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    tracing::debug!(indexes = indexes.len(), "bulk load: secondary indexes dropped");
    Ok(())
}

/// Step 3: rebuilds the saved indexes and clears `meta.bulk_load`. A no-op when no
/// load is pending. Call inside a transaction.
pub(crate) fn finish(conn: &Connection) -> Result<()> {
    let json: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'bulk_load'", [], |r| r.get(0))
        .optional()?;
    let Some(json) = json else { return Ok(()) };
    let started = std::time::Instant::now();
    let statements: Vec<String> =
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("bulk_load: {e}")))?;
    for sql in &statements {
        // IF NOT EXISTS: a statement saved by `start` is `CREATE INDEX name ...`.
        let sql = sql.replacen("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1);
        conn.execute_batch(&sql)?;
    }
    conn.execute("DELETE FROM meta WHERE key = 'bulk_load'", [])?;
    tracing::debug!(
        indexes = statements.len(),
        ms = started.elapsed().as_millis() as u64,
        "bulk load: indexes built"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{FileMeta, Store};
    use model::UpdateSource;

    const META: FileMeta = FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };
    const APP: &str = "from lib import parse_header\n\n\ndef main():\n    parse_header()\n";
    const LIB: &str = "def parse_header():\n    \"\"\"Parses an HTTP header.\"\"\"\n";

    /// The indexes of the bulk-loaded tables, as `(name, sql)` sorted by name.
    fn indexes(store: &Store) -> Vec<(String, String)> {
        store
            .conn
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND tbl_name IN ('nodes', 'edges', 'symbols') ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// Writes `files` as the batches of a cold index, one transaction each; links
    /// and ends the load when `finish`.
    fn cold(store: &mut Store, files: &[(&str, &str)], finish: bool) {
        for (path, source) in files {
            let facts = extract::extract(path, source.as_bytes()).expect("python");
            let mut w = store.writer(true).expect("writer");
            w.replace_file(&facts, META, UpdateSource::ColdStart, None).expect("replace");
            w.commit().expect("commit");
        }
        if finish {
            let mut w = store.writer(true).expect("writer");
            w.link_all().expect("link");
            w.commit().expect("commit");
        }
    }

    /// A user who indexes cold and then searches and asks for callers gets what a
    /// row-by-row load gives, and the store has every index it had before the load.
    #[test]
    fn a_bulk_load_ends_with_every_index_and_the_full_text_index() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("index.db")).unwrap();
        let before = indexes(&store);
        assert!(before.len() >= 10, "the schema indexes nodes, edges and symbols: {before:?}");
        cold(&mut store, &[("lib.py", LIB), ("app.py", APP)], false);
        let during: Vec<String> = indexes(&store).into_iter().map(|(name, _)| name).collect();
        assert_eq!(during, ["edges_src", "nodes_path", "symbols_path"], "kept: keys in order");
        assert!(super::pending(&store.conn).unwrap());
        let mut w = store.writer(true).unwrap();
        w.link_all().unwrap();
        w.commit().unwrap();
        assert_eq!(indexes(&store), before);
        assert!(!super::pending(&store.conn).unwrap());
        let hits = store.search("header", 10).unwrap();
        assert_eq!(hits.first().map(|(n, _)| n.id.as_str()), Some("lib.py::parse_header"));
        let lib = store.node("lib.py::parse_header").unwrap().expect("node");
        assert_eq!(lib.callers.len(), 1, "{:?}", lib.callers);
        assert!(lib.callers[0].resolved);
        store.integrity_check().expect("SQLite and FTS5 integrity");
    }

    /// A cold index killed before its last transaction leaves a store without its
    /// indexes; the next open rebuilds them, and finishing the index incrementally
    /// then works as with any interrupted cold index.
    #[test]
    fn an_interrupted_bulk_load_is_finished_by_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("index.db");
        let mut store = Store::open(&db).unwrap();
        let before = indexes(&store);
        cold(&mut store, &[("lib.py", LIB)], false);
        drop(store); // the process dies here

        let mut store = Store::open(&db).unwrap();
        assert_eq!(indexes(&store), before, "rebuilt when the store was opened");
        assert!(!super::pending(&store.conn).unwrap());
        assert_eq!(store.link_state().unwrap(), crate::LinkState::ColdIncomplete);
        let hits = store.search("header", 10).unwrap();
        assert_eq!(hits.len(), 1, "the rows written before the stop are searchable");
        // The resumed cold index writes the rest row by row and links at the end.
        cold(&mut store, &[("app.py", APP)], true);
        assert!(indexes(&store) == before && !super::pending(&store.conn).unwrap());
        let lib = store.node("lib.py::parse_header").unwrap().expect("node");
        assert_eq!(lib.callers.len(), 1);
        store.integrity_check().expect("SQLite and FTS5 integrity");
    }

    /// An incremental writer on the same connection as an unfinished load (a daemon
    /// whose first index was stopped) finishes the load before it writes.
    #[test]
    fn an_incremental_write_finishes_a_pending_load_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("index.db")).unwrap();
        let before = indexes(&store);
        cold(&mut store, &[("lib.py", LIB)], false);
        let facts = extract::extract("app.py", APP.as_bytes()).unwrap();
        let mut w = store.writer(false).unwrap();
        w.replace_file(&facts, META, UpdateSource::FileChange, None).unwrap();
        w.commit().unwrap();
        assert_eq!(indexes(&store), before);
        assert_eq!(store.search("main", 10).unwrap().len(), 1);
        assert_eq!(store.search("header", 10).unwrap().len(), 1);
        store.integrity_check().expect("SQLite and FTS5 integrity");
    }
}

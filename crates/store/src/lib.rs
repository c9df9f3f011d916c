//! The persistent graph: SQLite (WAL) through rusqlite. One [`Writer`] at a time
//! replaces whole files atomically and links edges to symbols; any number of read-only
//! [`Store`]s read consistent snapshots meanwhile.
//!
//! Invariants: this crate knows nothing of tree-sitter or of the file system beyond
//! its database file; every index is maintained by SQLite as rows change (nothing is
//! rebuilt per commit); the clock grows by one per committed transaction.
//! The layout and commit protocol are written down in `docs/store.md`.

#![warn(missing_docs)]

mod bulk;
mod pack;
mod possible;
mod read;
pub mod rules;
mod schema;
pub mod scripts;
mod structure;
mod tests_reach;
mod words;
mod write;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

pub use pack::{Link, PackNode};
pub use possible::Possible;
pub use read::{Interrupt, LinkState, Resolution, Status};
pub use schema::SCHEMA_VERSION;
pub use structure::Toward;
pub use tests_reach::MAX_TEST_FRONTIER;
pub use words::{split_identifier, with_identifier_words};
pub use write::{FileChange, FileMeta, Writer};

/// Errors from the store. Each has a stable meaning users can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No index exists at the path (`codehub index` has not run there).
    #[error("no index at {0} (run `codehub index` first)")]
    NotIndexed(PathBuf),
    /// The store was written by a newer codehub with a schema this build cannot read.
    #[error("index schema version {found} is newer than this codehub supports ({supported}); upgrade codehub or delete the state directory")]
    SchemaTooNew {
        /// The schema version stored in the database.
        found: u32,
        /// [`SCHEMA_VERSION`]: the newest this build reads.
        supported: u32,
    },
    /// A stored value could not be decoded (the database was edited or corrupted).
    #[error("corrupt index: {0}")]
    Corrupt(String),
    /// A request names what is not there (an update script, a node, loaded scripts).
    #[error("{0}")]
    Missing(String),
    /// Any other SQLite failure, including `SQLITE_INTERRUPT` from a deadline
    /// ([`Store::set_deadline`]) or an [`Interrupt`].
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Result alias for store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A connection to one index database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Whether this connection started the bulk load in progress (`bulk.rs`).
    bulk_session: bool,
    /// The rules of the change cascade its writers follow ([`Store::set_rules`]).
    rules: rules::RuleSet,
    /// The update scripts the rules' `script` actions run ([`Store::set_scripts`]).
    scripts: Option<std::sync::Arc<dyn scripts::UpdateScripts>>,
}

/// What the store remembers about a file between runs: enough to tell, without
/// reading it, whether a file changed (size and mtime), and to detect renames (hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRow {
    /// Root-relative path with `/` separators.
    pub path: String,
    /// The language it was parsed as, in its wire spelling (`python`).
    pub language: String,
    /// Size in bytes when it was indexed (from `stat`).
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// Inode change time in nanoseconds since the Unix epoch.
    pub ctime_ns: i64,
    /// Inode number (a file renamed over another has a different one).
    pub ino: u64,
    /// When the file was last stat'ed, in nanoseconds since the Unix epoch.
    pub checked_ns: i64,
    /// BLAKE3 of the file's bytes, hex.
    pub file_hash: String,
    /// Nodes extracted from the file, its module node included.
    pub n_nodes: u32,
    /// Diagnostics from the last extraction, one string each (`L12: syntax error ...`).
    pub diagnostics: Vec<String>,
}

impl Store {
    /// A store over an opened and prepared connection: the built-in rules, no scripts.
    fn over(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: path.to_owned(),
            bulk_session: false,
            rules: rules::RuleSet::builtin(),
            scripts: None,
        }
    }

    /// Opens (creating if needed) the index at `path` for writing, bringing its schema
    /// up to date. Errors: [`StoreError::SchemaTooNew`], SQLite errors.
    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        schema::prepare(&mut conn, false)?;
        Ok(Store::over(conn, path))
    }

    /// Opens an existing index for reading only. Errors: [`StoreError::NotIndexed`]
    /// when there is no database at `path`, [`StoreError::SchemaTooNew`].
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NotIndexed(path.to_owned()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        schema::prepare(&mut conn, true)?;
        let has_tables: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'nodes'",
            [],
            |r| r.get(0),
        )?;
        if !has_tables {
            return Err(StoreError::NotIndexed(path.to_owned()));
        }
        Ok(Store::over(conn, path))
    }

    /// Makes every statement of this connection fail (SQLite `SQLITE_INTERRUPT`,
    /// surfacing as [`StoreError::Sqlite`]) once `deadline` has passed, checked every
    /// 1,000 virtual-machine steps (https://sqlite.org/c3ref/progress_handler.html);
    /// `None` removes the deadline. Lets a server bound a query without a thread of
    /// its own to abandon.
    pub fn set_deadline(&self, deadline: Option<std::time::Instant>) {
        match deadline {
            Some(deadline) => self
                .conn
                .progress_handler(1000, Some(move || std::time::Instant::now() >= deadline)),
            None => self.conn.progress_handler(0, None::<fn() -> bool>),
        }
    }

    /// Fault injection, for tests: after about `steps` more SQLite virtual-machine
    /// steps on this connection (counted in hundreds), every statement is interrupted
    /// (it fails with `SQLITE_INTERRUPT`) until this is called again with `None`.
    /// Replaces a deadline set with [`Store::set_deadline`]. The store's tests fail
    /// the N-th step of a commit with it and check that the graph committed before is
    /// intact and the next commit succeeds.
    pub fn fail_after_steps(&self, steps: Option<u64>) {
        match steps {
            Some(steps) => {
                let mut left = steps.div_ceil(100);
                self.conn.progress_handler(
                    100,
                    Some(move || {
                        left = left.saturating_sub(1);
                        left == 0
                    }),
                )
            }
            None => self.conn.progress_handler(0, None::<fn() -> bool>),
        }
    }

    /// Caps this connection's page cache at `kib` KiB (SQLite `cache_size`; a
    /// writable store opens with 64 MiB for cold indexing, a read-only one with
    /// SQLite's 2 MiB). Pages beyond it are read again from the OS page cache.
    pub fn set_cache_kib(&self, kib: u32) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -i64::from(kib.max(1)))?;
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current clock: the number of transactions committed so far.
    pub fn clock(&self) -> Result<u64> {
        let value: String =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'clock'", [], |r| r.get(0))?;
        value.parse().map_err(|_| StoreError::Corrupt(format!("clock {value:?}")))
    }

    /// Starts the single write transaction. `deferred_link` is for cold indexing:
    /// edges are left unlinked until [`Writer::link_all`] (until then the store is
    /// [`LinkState::ColdIncomplete`], across commits and crashes); otherwise every
    /// replaced file is linked, and edges elsewhere that depend on its symbols
    /// re-linked, before the transaction commits.
    pub fn writer(&mut self, deferred_link: bool) -> Result<Writer<'_>> {
        Writer::begin(
            &mut self.conn,
            deferred_link,
            &mut self.bulk_session,
            &self.rules,
            self.scripts.as_deref(),
        )
    }

    /// Sets the rules of the change cascade the following writers follow (the
    /// built-in rules until then; see [`rules`]).
    pub fn set_rules(&mut self, rules: rules::RuleSet) {
        self.rules = rules;
    }

    /// Sets the update scripts that the rules' `script` actions run in the following
    /// writers' commits (none until then: scripts' fields are dropped at the next
    /// commit, as their rules are; see [`scripts`]).
    pub fn set_scripts(&mut self, scripts: Option<std::sync::Arc<dyn scripts::UpdateScripts>>) {
        self.scripts = scripts;
    }

    /// Runs update script `script` for node `id` as a commit would, in a transaction
    /// that is rolled back: what it sets and notes is returned, nothing is stored
    /// (for testing a script, and the bench's per-run cost).
    ///
    /// Errors: no scripts are set ([`Store::set_scripts`]), no such script or node.
    pub fn try_script(&mut self, script: &str, id: &str) -> Result<scripts::Trial> {
        let engine = self
            .scripts
            .clone()
            .ok_or_else(|| StoreError::Missing("no update scripts are loaded".into()))?;
        if !engine.has(script) {
            return Err(StoreError::Missing(format!("no update script `{script}`")));
        }
        let tx = self.conn.transaction()?;
        let trial = scripts::trial(&tx, engine.as_ref(), script, id);
        tx.rollback()?;
        trial
    }

    /// Runs SQLite's `PRAGMA integrity_check`, then FTS5's `integrity-check` of the
    /// full-text index against the nodes it indexes (rank 1: compare with the
    /// content table, https://sqlite.org/fts5.html#the_integrity_check_command);
    /// `Ok(())` when both pass. FTS5 runs its check as an insert, so a store opened
    /// read-only gets the SQLite check only.
    ///
    /// Errors: [`StoreError::Corrupt`] with what was found.
    pub fn integrity_check(&self) -> Result<()> {
        let answer: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if answer != "ok" {
            return Err(StoreError::Corrupt(answer));
        }
        if self.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Ok(());
        }
        self.conn
            .execute("INSERT INTO nodes_fts(nodes_fts, rank) VALUES ('integrity-check', 1)", [])
            .map_err(|e| StoreError::Corrupt(format!("full-text index: {e}")))?;
        Ok(())
    }

    /// Writes the WAL back into the database file and truncates it (used on clean
    /// shutdown so the state directory is one file at rest).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

//! Reads (and the one `meta` write) behind `context.pack`: the indexed root, the
//! resolved edges around a node, and compact node rows for ranking and rendering.

use crate::{Result, Store};
use model::{EdgeKind, NodeKind, Span};
use rusqlite::{params, OptionalExtension};
use std::path::{Path, PathBuf};

/// One resolved edge seen from a node: the node at its other end, its kind, and
/// whether it leaves the node (`outgoing`: the node is the edge's source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The id of the node at the other end.
    pub other: String,
    /// The edge's kind.
    pub kind: EdgeKind,
    /// True when the node is the source (`node -kind-> other`).
    pub outgoing: bool,
}

/// What `context.pack` needs to rank, render and remember one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackNode {
    /// The node's id (SPEC §2).
    pub id: String,
    /// What the node is.
    pub kind: NodeKind,
    /// Dotted path inside its file; empty for a module.
    pub qualified_name: String,
    /// Root-relative path of its file.
    pub path: String,
    /// Id of the containing node; `None` for a module.
    pub parent: Option<String>,
    /// Where the node sits in its file: lines 1-based inclusive, bytes 0-based half-open.
    pub span: Span,
    /// The declaration header with whitespace runs collapsed; `None` for a module.
    pub signature: Option<String>,
    /// First non-empty line of the docstring.
    pub summary: Option<String>,
    /// BLAKE3 (hex) of the node's bytes (`span.start_byte..span.end_byte`) when indexed.
    pub source_hash: String,
    /// Changes exactly when `source_hash` does (UUIDv7).
    pub version: String,
    /// BLAKE3 (hex) of its whole file when indexed.
    pub file_hash: String,
}

impl Store {
    /// The absolute root this index was built from, as recorded by the indexer
    /// ([`Store::set_root`]); `None` for an index written before roots were recorded.
    pub fn root(&self) -> Result<Option<PathBuf>> {
        let value: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'root'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(value.map(PathBuf::from))
    }

    /// Records `root` as the directory this index describes (a `meta` row; not a
    /// commit: the clock does not move). Written only when it differs. Errors on a
    /// read-only store.
    pub fn set_root(&self, root: &Path) -> Result<()> {
        let root = root.to_string_lossy();
        if self.root()?.as_deref() == Some(Path::new(root.as_ref())) {
            return Ok(());
        }
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('root', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [root.as_ref()],
        )?;
        Ok(())
    }

    /// The extractor version the index was last completely written by (see
    /// `extract::VERSION`), `None` before versions were recorded.
    pub fn extractor_version(&self) -> Result<Option<u32>> {
        let value: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'extractor'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(value.and_then(|v| v.parse().ok()))
    }

    /// Records that every file is extracted by extractor `version` (a `meta` row, not
    /// a commit). Errors on a read-only store.
    pub fn set_extractor_version(&self, version: u32) -> Result<()> {
        if self.extractor_version()? == Some(version) {
            return Ok(());
        }
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('extractor', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [version.to_string()],
        )?;
        Ok(())
    }

    /// The resolved edges of every kind touching `id`, outgoing then incoming, at most
    /// `limit` of each direction (hubs such as a base class can have thousands).
    pub fn links(&self, id: &str, limit: usize) -> Result<Vec<Link>> {
        // One statement for both directions: halves the per-call overhead, which
        // dominates when a pack expands a hundred nodes.
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM (SELECT dst, kind, 1 FROM edges
                            WHERE src = (SELECT rowid FROM nodes WHERE id = ?1) AND resolved
                            LIMIT ?2)
             UNION ALL
             SELECT * FROM (SELECT n.id, e.kind, 0 FROM edges e JOIN nodes n ON n.rowid = e.src
                            WHERE e.dst = ?1 AND e.resolved LIMIT ?2)",
        )?;
        let rows = stmt.query_map(params![id, limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (other, kind, outgoing) = row?;
            if let Some(kind) = EdgeKind::parse(&kind) {
                out.push(Link { other, kind, outgoing });
            }
        }
        Ok(out)
    }

    /// The [`PackNode`] of `id`, or `None` when there is no such node.
    pub fn pack_node(&self, id: &str) -> Result<Option<PackNode>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT n.id, n.kind, n.qualified_name, n.path, n.parent, n.start_line,
                    n.end_line, n.start_byte, n.end_byte, n.signature, n.docstring,
                    n.source_hash, n.version, f.file_hash
                 FROM nodes n JOIN files f ON f.path = n.path WHERE n.id = ?1",
            )?
            .query_row([id], |r| {
                let kind: String = r.get(1)?;
                let docstring: Option<String> = r.get(10)?;
                Ok(PackNode {
                    id: r.get(0)?,
                    kind: NodeKind::parse(&kind).unwrap_or(NodeKind::Module),
                    qualified_name: r.get(2)?,
                    path: r.get(3)?,
                    parent: r.get(4)?,
                    span: Span {
                        start_line: r.get(5)?,
                        end_line: r.get(6)?,
                        start_byte: r.get(7)?,
                        end_byte: r.get(8)?,
                    },
                    signature: r.get(9)?,
                    summary: model::summary(docstring.as_deref()),
                    source_hash: r.get(11)?,
                    version: r.get(12)?,
                    file_hash: r.get(13)?,
                })
            })
            .optional()?;
        Ok(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_recorded_once_and_read_back_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("index.db");
        let store = Store::open(&db).unwrap();
        assert_eq!(store.root().unwrap(), None);
        store.set_root(Path::new("/src/project")).unwrap();
        store.set_root(Path::new("/src/project")).unwrap();
        let clock = store.clock().unwrap();
        let reader = Store::open_read_only(&db).unwrap();
        assert_eq!(reader.root().unwrap(), Some(PathBuf::from("/src/project")));
        assert_eq!(reader.clock().unwrap(), clock, "recording the root is not a commit");
        assert!(reader.set_root(Path::new("/elsewhere")).is_err());
    }
}

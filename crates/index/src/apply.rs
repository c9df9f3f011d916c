//! Applying index results to the store: the one path by which `codehub index`
//! ([`crate::walk`]) and the daemon ([`crate::daemon`]) write files, with one rename
//! rule. Each caller decides only what it found; how a batch of findings becomes one
//! transaction, and which stored path a new file takes its history from, is here.

use model::facts::FileFacts;
use model::UpdateSource;
use std::collections::HashSet;
use store::{FileMeta, Store, StoreError};

/// One file's write.
pub(crate) enum Write {
    /// New content, with the path it was renamed from (see [`Renames`]).
    Replace(Box<FileFacts>, FileMeta, Option<String>),
    /// Content unchanged: only its stat data is refreshed (no clock tick).
    Touch(String, FileMeta),
    /// The file is gone.
    Remove(String),
    /// The path is gone or may not be indexed: remove every file stored at or below
    /// it, as the store is when this is applied (not when it was found: a rescan may
    /// have committed files there meanwhile).
    RemoveUnder(String),
}

/// What one [`apply`] did.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Applied {
    /// Files replaced or removed (touches not counted).
    pub files: u64,
    /// Files removed (including those under a [`Write::RemoveUnder`]).
    pub removed: u64,
    pub nodes_added: u64,
    pub nodes_changed: u64,
    pub nodes_removed: u64,
    /// The store's clock after the commit.
    pub clock: u64,
}

/// Writes `writes` in one transaction: atomic for the batch, each file replaced whole.
/// A removal of a path some [`Write::Replace`] in the batch was renamed from is
/// skipped: the replace carries that file's rows and history to the new path. An
/// empty batch, or one of touches only, commits without advancing the clock.
pub(crate) fn apply(store: &mut Store, writes: Vec<Write>) -> Result<Applied, StoreError> {
    let mut applied = Applied::default();
    if writes.is_empty() {
        applied.clock = store.clock()?;
        return Ok(applied);
    }
    let rename_sources: HashSet<String> = writes
        .iter()
        .filter_map(|w| match w {
            Write::Replace(_, _, Some(from)) => Some(from.clone()),
            _ => None,
        })
        .collect();
    let mut writer = store.writer(false)?;
    let remove = |writer: &mut store::Writer<'_>, path: &str, applied: &mut Applied| {
        if rename_sources.contains(path) {
            return Ok::<(), StoreError>(());
        }
        let change = writer.remove_file(path)?;
        applied.files += 1;
        applied.removed += 1;
        applied.nodes_removed += change.removed.len() as u64;
        Ok(())
    };
    for write in writes {
        match write {
            Write::Replace(facts, meta, from) => {
                let change =
                    writer.replace_file(&facts, meta, UpdateSource::FileChange, from.as_deref())?;
                applied.files += 1;
                applied.nodes_added += change.added.len() as u64;
                applied.nodes_changed += change.changed.len() as u64;
                applied.nodes_removed += change.removed.len() as u64;
            }
            Write::Touch(path, meta) => writer.touch_file(&path, meta)?,
            Write::Remove(path) => remove(&mut writer, &path, &mut applied)?,
            Write::RemoveUnder(prefix) => {
                for path in writer.paths_under(&prefix)? {
                    remove(&mut writer, &path, &mut applied)?;
                }
            }
        }
    }
    applied.clock = writer.commit()?;
    Ok(applied)
}

/// The rename rule. A file the store does not have takes the history (node
/// versions, `renamed_from`) of a path with the same content hash that is gone: a
/// stored file first, else a recently removed one (a tombstone: its delete was
/// committed before the create was seen). Each source is taken once. What "gone"
/// means is the caller's: not reached by the walk (`codehub index`), not on disk
/// (the daemon).
#[derive(Default)]
pub(crate) struct Renames {
    taken: HashSet<String>,
}

impl Renames {
    /// The path `facts` was renamed from, if any; marks it taken.
    pub(crate) fn source(
        &mut self,
        store: &Store,
        facts: &FileFacts,
        gone: impl Fn(&str) -> bool,
    ) -> Result<Option<String>, StoreError> {
        if store.file(&facts.path)?.is_some() {
            return Ok(None);
        }
        let mut candidates = store.paths_with_hash(&facts.file_hash)?;
        candidates.extend(store.tombstones_with_hash(&facts.file_hash)?);
        let found = candidates.into_iter().find(|p| !self.taken.contains(p) && gone(p));
        if let Some(p) = &found {
            self.taken.insert(p.clone());
        }
        Ok(found)
    }
}

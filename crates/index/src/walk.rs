//! One run of `codehub index`: walk the root in parallel (the `ignore` crate: honours
//! .gitignore/.ignore, skips hidden entries and the state directory), decide per file
//! whether it changed, extract changed files on the walker threads, and commit the
//! results from this thread, the single writer.
//!
//! A cold index (empty store) commits many files per transaction and links all edges
//! once at the end. An incremental run commits each file in its own transaction and
//! re-links only edges that depend on symbols the file added or removed. A file that
//! vanished while a new file with the same hash appeared is a rename (SPEC §2).
//!
//! The choice is crash-safe: a cold index that committed batches but never linked
//! (interrupted, killed, failed) leaves the store [`store::LinkState::ColdIncomplete`],
//! and the next run (`codehub index` or a daemon's start-up reconcile) finishes it as
//! a cold index: files already written are skipped by their stat data, the rest are
//! written in batches, files gone meanwhile removed, and every edge linked once.

use crate::apply::{apply, Renames, Write};
use crate::Config;
use ignore::{WalkBuilder, WalkState};
use model::facts::FileFacts;
use model::{Language, UpdateSource};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Instant, UNIX_EPOCH};
use store::{FileMeta, FileRow, LinkState, Store};

/// How many files a cold-index transaction commits at once.
const COLD_BATCH: usize = 1000;
/// Bound of the worker → writer channel: workers block (backpressure) when it is full.
const CHANNEL_BOUND: usize = 256;
/// Bytes inspected for a NUL to call a file binary (the heuristic git and ripgrep use).
const BINARY_PROBE: usize = 8192;

/// Errors that stop an index run. Problems with single files never do: they become
/// [`Skipped`] entries or diagnostics.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The root or its state directory could not be located or prepared.
    #[error(transparent)]
    Config(#[from] crate::ConfigError),
    /// The store failed: SQLite, a corrupt index, or a schema newer than this build.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The run was asked to stop (a daemon's `stop` or SIGTERM during a rescan). What
    /// it committed stays: batches are atomic, an unfinished cold index is finished
    /// by the next run, and files it did not reach are examined then.
    #[error("interrupted: the index run was asked to stop")]
    Interrupted,
}

/// A file the walk could not index, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Root-relative path (or the walker's description when it has none).
    pub path: String,
    /// Why, for a person: `symbolic link, not followed`, `3145728 bytes is over the
    /// 2097152-byte limit`, an IO error's text.
    pub reason: String,
}

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct IndexReport {
    /// True when the store was empty and everything was indexed from scratch, or when
    /// this run finished such an index (see `resumed`).
    pub cold: bool,
    /// True when this run finished a cold index an earlier run had left incomplete
    /// (interrupted after committing some batches).
    pub resumed: bool,
    /// True when every edge was re-linked because the store was last linked under
    /// other linking rules (an index written by another codehub version), or after
    /// every file was extracted again.
    pub relinked: bool,
    /// True when every file was extracted again because the index was written by
    /// another extractor version (`extract::VERSION`).
    pub reextracted: bool,
    /// Source files found by the walk (in a language codehub parses).
    pub files_seen: u64,
    /// Files read, hashed and extracted.
    pub parsed: u64,
    /// Files skipped by size and mtime alone.
    pub unchanged: u64,
    /// Files whose mtime changed but whose hash did not (not re-parsed).
    pub touched: u64,
    /// Stored files no longer found by the walk, removed from the store.
    pub removed: u64,
    /// Renames detected: `(old path, new path)`.
    pub renamed: Vec<(String, String)>,
    /// Node ids added, changed and removed by this run.
    pub nodes_added: u64,
    /// Node ids whose `source_hash` changed in this run.
    pub nodes_changed: u64,
    /// Node ids removed by this run.
    pub nodes_removed: u64,
    /// Diagnostics of the files parsed in this run, as `path:line: message`.
    pub diagnostics: Vec<String>,
    /// Files and directories the walk could not index, sorted by path.
    pub skipped: Vec<Skipped>,
    /// Totals in the store after the run.
    pub files: u64,
    /// Nodes in the store after the run, module nodes included.
    pub nodes: u64,
    /// Edges in the store after the run, all but `contains`.
    pub edges: u64,
    /// The store clock after the run.
    pub clock: u64,
    /// Wall time of the run in seconds.
    pub seconds: f64,
}

/// What a walker thread (or a daemon worker) concluded about one file.
pub(crate) enum Found {
    /// Size and mtime match the store: nothing to do.
    Unchanged(String),
    /// Content hash matches the store: record the new size/mtime only.
    Touched(String, FileMeta),
    /// New or changed content, extracted.
    Parsed(Box<FileFacts>, FileMeta),
    Skipped(Skipped),
}

/// Indexes `config.root` into its state directory, incrementally when an index
/// exists. `progress` is called from the writer thread with the number of files
/// handled so far. Errors only on store or state-directory failures.
pub fn index(config: &Config, progress: &dyn Fn(u64)) -> Result<IndexReport, IndexError> {
    index_until(config, progress, &AtomicBool::new(false))
}

/// [`index`], stopping early once `stop` turns true: the writer checks it before
/// each file it takes from the walk, commits what it holds and returns
/// [`IndexError::Interrupted`]. Nothing committed is lost, and nothing the walk did
/// not reach is taken for deleted: an interrupted cold index stays marked
/// incomplete (the next run finishes it), and an incremental one removes no file.
pub fn index_until(
    config: &Config,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> Result<IndexReport, IndexError> {
    let started = Instant::now();
    config.create_state_dir()?;
    let mut store = Store::open(&config.db_path())?;
    store.set_rules(config.rules.clone());
    store.set_scripts(config.scripts.clone());
    // Readers (context.pack) read sources from the root the index describes.
    store.set_root(&config.root)?;
    let stored = std::sync::Arc::new(store.files()?);
    tracing::debug!(
        files = stored.len(),
        ms = started.elapsed().as_secs_f64() * 1e3,
        "store opened"
    );
    // Cold means never written, not "no files now": a store whose files were all
    // deleted still has history (tombstones) that renames must find. Or a cold index
    // that has not finished: its files' edges are not linked yet, and writing the rest
    // incrementally would be slow and leave them so.
    let fresh = stored.is_empty() && store.clock()? == 0;
    let link_state = store.link_state()?;
    let cold = fresh || link_state == LinkState::ColdIncomplete;
    let mut report = IndexReport { cold, resumed: cold && !fresh, ..IndexReport::default() };
    // Files extracted by another extractor version are extracted again: the walk is
    // shown rows that match no file on disk (no inode is u64::MAX, no hash is empty).
    // Every file changes then, so every edge is linked once more at the end instead of
    // file by file (an edge linked before the file it depends on was re-extracted
    // would otherwise depend on the re-linking of dependents to be found again).
    let reextract = !cold && store.extractor_version()? != Some(extract::VERSION);
    if !cold && link_state == LinkState::Outdated && !reextract {
        let started = Instant::now();
        let mut writer = store.writer(false)?;
        writer.link_all()?;
        writer.commit()?;
        report.relinked = true;
        tracing::info!(ms = started.elapsed().as_millis() as u64, "re-linked every edge");
    }

    report.reextracted = reextract;
    let (tx, rx) = sync_channel::<Found>(CHANNEL_BOUND);
    let walker_config = config.clone();
    let walker_stored = if reextract {
        let stale = stored.iter().map(|(path, row)| {
            let row = FileRow { ino: u64::MAX, file_hash: String::new(), ..row.clone() };
            (path.clone(), row)
        });
        std::sync::Arc::new(stale.collect())
    } else {
        stored.clone()
    };
    let walker = std::thread::Builder::new()
        .name("codehub-walk".into())
        .spawn(move || walk(&walker_config, &walker_stored, tx))
        .expect("spawning the walk thread");

    let outcome = if cold {
        write_cold(&mut store, &stored, rx, &mut report, progress, stop)
    } else {
        write_incremental(&mut store, &stored, rx, &mut report, progress, stop)
    };
    // The walker ends once the channel is drained or dropped; join it either way.
    let _ = walker.join();
    outcome?;
    if reextract {
        let started = Instant::now();
        let mut writer = store.writer(false)?;
        writer.link_all()?;
        writer.commit()?;
        report.relinked = true;
        tracing::info!(ms = started.elapsed().as_millis() as u64, "re-linked every edge");
    }
    store.set_extractor_version(extract::VERSION)?;

    (report.files, report.nodes, report.edges) = store.totals()?;
    report.clock = store.clock()?;
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Writes a cold index, or finishes one an earlier run left incomplete (`stored` is
/// what that run committed): batches of [`COLD_BATCH`] files, deferred linking, then
/// files that are gone removed and every edge linked in the last transaction.
fn write_cold(
    store: &mut Store,
    stored: &HashMap<String, FileRow>,
    rx: Receiver<Found>,
    report: &mut IndexReport,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> Result<(), IndexError> {
    let mut writer = store.writer(true)?;
    let mut present: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut in_batch = 0;
    let mut handled = 0;
    let mut busy = std::time::Duration::ZERO;
    for found in rx {
        if stop.load(Ordering::SeqCst) {
            // Still marked cold-incomplete: the next run links everything.
            writer.commit()?;
            return Err(IndexError::Interrupted);
        }
        let started = Instant::now();
        handled += 1;
        match found {
            Found::Parsed(facts, meta) => {
                report.files_seen += 1;
                report.parsed += 1;
                if !stored.is_empty() {
                    present.insert(facts.path.clone());
                }
                note_diagnostics(report, &facts);
                let change = writer.replace_file(&facts, meta, UpdateSource::ColdStart, None)?;
                report.nodes_added += change.added.len() as u64;
                in_batch += 1;
                if in_batch == COLD_BATCH {
                    writer.commit()?;
                    writer = store.writer(true)?;
                    in_batch = 0;
                }
            }
            Found::Skipped(s) => report.skipped.push(s),
            // Only when finishing an interrupted cold index: written by the earlier run.
            Found::Unchanged(path) => {
                report.files_seen += 1;
                report.unchanged += 1;
                present.insert(path);
            }
            Found::Touched(path, meta) => {
                report.files_seen += 1;
                report.touched += 1;
                writer.touch_file(&path, meta)?;
                present.insert(path);
            }
        }
        busy += started.elapsed();
        if handled % 64 == 0 {
            progress(handled);
        }
    }
    let mut gone: Vec<&String> = stored.keys().filter(|p| !present.contains(*p)).collect();
    gone.sort();
    for path in gone {
        let change = writer.remove_file(path)?;
        report.removed += 1;
        report.nodes_removed += change.removed.len() as u64;
    }
    let started = Instant::now();
    let linked = writer.link_all()?;
    writer.commit()?;
    tracing::debug!(
        write_ms = busy.as_secs_f64() * 1e3,
        link_ms = started.elapsed().as_secs_f64() * 1e3,
        linked,
        "cold index written"
    );
    progress(handled);
    Ok(())
}

fn write_incremental(
    store: &mut Store,
    stored: &HashMap<String, FileRow>,
    rx: Receiver<Found>,
    report: &mut IndexReport,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> Result<(), IndexError> {
    let mut present: std::collections::HashSet<String> = std::collections::HashSet::new();
    let stored_hashes: HashMap<&str, Vec<&str>> = {
        let mut m: HashMap<&str, Vec<&str>> = HashMap::new();
        for row in stored.values() {
            m.entry(row.file_hash.as_str()).or_default().push(row.path.as_str());
        }
        m
    };
    // New files whose content some stored file has: maybe renames, decided after the
    // walk, once it is known which stored files disappeared.
    let mut rename_candidates: Vec<(Box<FileFacts>, FileMeta)> = Vec::new();
    let mut batch: Vec<Write> = Vec::new();
    let mut handled = 0;
    for found in rx {
        if stop.load(Ordering::SeqCst) {
            // Files not reached yet are not gone: commit what is held, remove nothing.
            commit_batch(store, &mut batch, report)?;
            return Err(IndexError::Interrupted);
        }
        handled += 1;
        match found {
            Found::Unchanged(path) => {
                report.files_seen += 1;
                report.unchanged += 1;
                present.insert(path);
            }
            Found::Touched(path, meta) => {
                report.files_seen += 1;
                report.touched += 1;
                present.insert(path.clone());
                batch.push(Write::Touch(path, meta));
            }
            Found::Parsed(facts, meta) => {
                report.files_seen += 1;
                report.parsed += 1;
                present.insert(facts.path.clone());
                note_diagnostics(report, &facts);
                if !stored.contains_key(&facts.path)
                    && (stored_hashes.contains_key(facts.file_hash.as_str())
                        || !store.tombstones_with_hash(&facts.file_hash)?.is_empty())
                {
                    rename_candidates.push((facts, meta));
                    continue;
                }
                batch.push(Write::Replace(facts, meta, None));
            }
            Found::Skipped(s) => report.skipped.push(s),
        }
        if batch.len() >= INCREMENTAL_BATCH {
            commit_batch(store, &mut batch, report)?;
        }
        if handled % 64 == 0 {
            progress(handled);
        }
    }
    commit_batch(store, &mut batch, report)?;
    tracing::debug!("walk finished");
    let mut gone: Vec<&String> = stored.keys().filter(|p| !present.contains(*p)).collect();
    gone.sort();
    // Gone, for the rename rule, means not reached by this walk.
    let mut renames = Renames::default();
    for (facts, meta) in rename_candidates {
        let old = renames.source(store, &facts, |p| !present.contains(p))?;
        if let Some(old) = &old {
            gone.retain(|g| g.as_str() != old.as_str());
            report.renamed.push((old.clone(), facts.path.clone()));
        }
        batch.push(Write::Replace(facts, meta, old));
        if batch.len() >= INCREMENTAL_BATCH {
            commit_batch(store, &mut batch, report)?;
        }
    }
    for path in gone {
        batch.push(Write::Remove(path.clone()));
        if batch.len() >= INCREMENTAL_BATCH {
            commit_batch(store, &mut batch, report)?;
        }
    }
    commit_batch(store, &mut batch, report)?;
    progress(handled);
    Ok(())
}

/// Files an incremental run writes per transaction. Each file is still atomic (SPEC
/// §5.1: all of its facts or none); sharing the transaction shares its re-link of
/// dependents, which one transaction per file repeated for every file: a rescan
/// after thousands of files appeared in one package re-linked that package's edges
/// once per file, quadratic in the package's size.
const INCREMENTAL_BATCH: usize = 256;

/// Writes `batch` (emptied) in one transaction; nothing when it is empty.
fn commit_batch(
    store: &mut Store,
    batch: &mut Vec<Write>,
    report: &mut IndexReport,
) -> Result<(), IndexError> {
    if batch.is_empty() {
        return Ok(());
    }
    let started = Instant::now();
    let files = batch.len();
    let applied = apply(store, std::mem::take(batch))?;
    report.removed += applied.removed;
    report.nodes_added += applied.nodes_added;
    report.nodes_changed += applied.nodes_changed;
    report.nodes_removed += applied.nodes_removed;
    tracing::debug!(files, ms = started.elapsed().as_secs_f64() * 1e3, "batch committed");
    Ok(())
}

fn note_diagnostics(report: &mut IndexReport, facts: &FileFacts) {
    for d in &facts.diagnostics {
        report.diagnostics.push(format!("{}:{}: {}", facts.path, d.line, d.message));
    }
}

/// The parallel walk. Each walker thread checks, reads and extracts the files it
/// visits and sends the outcome to the writer.
fn walk(config: &Config, stored: &HashMap<String, FileRow>, tx: SyncSender<Found>) {
    let root = config.root.clone();
    let state_dir = config.state_dir.clone();
    let max_size = config.max_file_size;
    let include_vendored = config.include_vendored;
    let globs = config.globs.clone();
    let caller = std::thread::current().id();
    let entry_root = root.clone();
    walk_builder(&root)
        .threads(config.worker_count())
        .filter_entry(move |entry| {
            if entry.path() == state_dir {
                return false;
            }
            // Excluded directories are pruned; excluded files are dropped in `visit`.
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && !globs.is_empty()
                && relative(&entry_root, entry.path()).is_some_and(|rel| globs.excludes_dir(&rel)))
        })
        .build_parallel()
        .run(|| {
            let tx = tx.clone();
            let root = root.clone();
            let file_globs = config.globs.clone();
            let mut reniced = false;
            Box::new(move |entry| {
                // Visitors are built on the calling thread (the writer) and run on
                // the walker threads: renice on the first visit.
                if !reniced {
                    reniced = true;
                    if std::thread::current().id() != caller {
                        crate::priority::renice_by(crate::priority::WALKER_NICE_DELTA);
                    }
                }
                if let Ok(entry) = &entry {
                    if !include_vendored && is_vendored(entry) {
                        let path = relative(&root, entry.path()).unwrap_or_default();
                        let reason = "vendored third-party code (--include-vendored indexes it)";
                        let skipped = Skipped { path: format!("{path}/"), reason: reason.into() };
                        return match tx.send(Found::Skipped(skipped)) {
                            Ok(()) => WalkState::Skip,
                            Err(_) => WalkState::Quit,
                        };
                    }
                }
                let found = match entry {
                    Ok(entry) => visit(&root, entry, stored, max_size, &file_globs),
                    Err(err) => Some(Found::Skipped(Skipped {
                        path: err_path(&err, &root),
                        reason: err.to_string(),
                    })),
                };
                match found {
                    Some(found) => match tx.send(found) {
                        Ok(()) => WalkState::Continue,
                        Err(_) => WalkState::Quit, // the writer stopped on an error
                    },
                    None => WalkState::Continue,
                }
            })
        });
}

/// A directory below the root named like vendored code ([`crate::VENDORED_DIRS`]).
fn is_vendored(entry: &ignore::DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_some_and(|t| t.is_dir())
        && entry.file_name().to_str().is_some_and(crate::filter::is_vendored_dir)
}

/// The walker with codehub's rules: `.gitignore` and `.ignore` at every level below
/// `dir`, hidden entries skipped, symlinks not followed. Git's global and repository
/// excludes and ignore files above the root are not read, so that the daemon's
/// per-path filter (`filter.rs`) can apply exactly the same rules.
pub(crate) fn walk_builder(dir: &Path) -> WalkBuilder {
    let mut builder = WalkBuilder::new(dir);
    builder
        .require_git(false)
        .follow_links(false)
        .parents(false)
        .git_global(false)
        .git_exclude(false)
        .hidden(true)
        .git_ignore(true)
        .ignore(true);
    builder
}

fn err_path(err: &ignore::Error, root: &Path) -> String {
    fn find(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                find(err)
            }
            ignore::Error::Loop { child, .. } => Some(child),
            _ => None,
        }
    }
    match find(err) {
        Some(p) => relative(root, p).unwrap_or_else(|| p.display().to_string()),
        None => String::from("(walk)"),
    }
}

/// Root-relative path with `/` separators; `None` for paths outside the root or not
/// valid UTF-8.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let s = rel.to_str()?;
    Some(s.replace('\\', "/"))
}

fn visit(
    root: &Path,
    entry: ignore::DirEntry,
    stored: &HashMap<String, FileRow>,
    max_size: u64,
    globs: &crate::PathGlobs,
) -> Option<Found> {
    let file_type = entry.file_type()?;
    if file_type.is_dir() {
        return None;
    }
    let skipped = |path: String, reason: String| Some(Found::Skipped(Skipped { path, reason }));
    let Some(path) = relative(root, entry.path()) else {
        return skipped(entry.path().display().to_string(), "path is not valid UTF-8".into());
    };
    if file_type.is_symlink() {
        // Links are not followed: they could leave the root or loop. Links to
        // directories and to source files are reported; others are not our business.
        if extract::is_indexed(&path) || entry.path().is_dir() {
            return skipped(path, "symbolic link, not followed".into());
        }
        return None;
    }
    if !extract::is_indexed(&path) || globs.excludes_file(&path) {
        return None;
    }
    if !file_type.is_file() {
        return skipped(path, "not a regular file".into());
    }
    let metadata = match entry.metadata() {
        Ok(m) => m,
        Err(e) => return skipped(path, e.to_string()),
    };
    let previous = stored.get(&path);
    examine(path.clone(), entry.path(), &metadata, previous, max_size)
}

/// Decides what to do with the regular source file `path` (root-relative; `abs` on
/// disk) given its metadata and its stored row: nothing (size and mtime match), record
/// a touch (same hash), or read and extract it. Shared by the walk and the daemon's
/// workers so that both judge a file the same way.
pub(crate) fn examine(
    path: String,
    abs: &Path,
    metadata: &std::fs::Metadata,
    previous: Option<&FileRow>,
    max_size: u64,
) -> Option<Found> {
    let skipped = |path: String, reason: String| {
        metrics::counter!("codehub_files_failed_total").increment(1);
        Some(Found::Skipped(Skipped { path, reason }))
    };
    if !model::path_is_addressable(&path) {
        return skipped(path, "path contains `::`, the node-id separator".into());
    }
    let meta = file_meta(metadata);
    if meta.size > max_size {
        return skipped(path, format!("{} bytes is over the {max_size}-byte limit", meta.size));
    }
    if let Some(row) = previous {
        if meta.unchanged_since(row) {
            return Some(Found::Unchanged(path));
        }
    }
    let bytes = match read_capped(abs, max_size) {
        Ok(b) => b,
        Err(e) => return skipped(path, format!("cannot read: {e}")),
    };
    if bytes.len() as u64 > max_size {
        return skipped(path, format!("grew over the {max_size}-byte limit while read"));
    }
    if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return skipped(path, "binary file (NUL byte in the first 8 KiB)".into());
    }
    if is_minified(&path, &bytes) {
        return skipped(path, "minified (generated) code".into());
    }
    if let Some(row) = previous {
        if row.file_hash == extract::hash(&bytes) {
            return Some(Found::Touched(path, meta));
        }
    }
    let started = Instant::now();
    let facts = extract::extract(&path, &bytes)?;
    tracing::trace!(path, us = started.elapsed().as_micros() as u64, "extracted");
    metrics::counter!("codehub_files_indexed_total").increment(1);
    Some(Found::Parsed(Box::new(facts), meta))
}

/// Minified JavaScript is generated, not written: `*.min.js`, or a file of 4 KiB or
/// more whose lines average over 500 bytes. Indexing it would only add noise.
fn is_minified(path: &str, bytes: &[u8]) -> bool {
    if path.contains(".min.") {
        return matches!(Language::from_path(path), Some(Language::JavaScript));
    }
    if bytes.len() < 4096 || !matches!(Language::from_path(path), Some(Language::JavaScript)) {
        return false;
    }
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    bytes.len() / lines > 500
}

/// Reads at most `cap + 1` bytes, so a file that grew past the cap is caught without
/// reading it whole.
fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The stat data the store compares, stamped with the time it was taken.
fn file_meta(metadata: &std::fs::Metadata) -> FileMeta {
    use std::os::unix::fs::MetadataExt;
    let nanos =
        |t: std::time::SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64);
    FileMeta {
        size: metadata.len(),
        mtime_ns: metadata.modified().map_or(0, nanos),
        ctime_ns: metadata.ctime() * 1_000_000_000 + metadata.ctime_nsec(),
        ino: metadata.ino(),
        checked_ns: nanos(std::time::SystemTime::now()),
    }
}

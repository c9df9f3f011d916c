//! The floors the cold index is compared with (issue 16): what the hardware costs for
//! the same files before codehub's own work. `codehub-bench --floor parse ROOT` walks
//! the root as `codehub index` does (the `ignore` crate's parallel walker, its
//! standard filters, vendored directories and the state directory skipped, files over
//! 2 MiB left out), reads each source file and parses it with tree-sitter on every
//! core, and stops there. `--floor extract ROOT` runs the full extraction instead
//! (`extract::extract`: parse, scopes, inference, facts), with no store. The bench
//! runs both as child processes, measured with wait4(2) like ctags and codehub, so
//! wall, CPU and peak RSS compare directly.

use anyhow::{bail, Result};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// `codehub index`'s default `max_file_size`.
const MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// Runs one floor over `root` and prints `files F bytes B units U` (syntax nodes
/// for `parse`, graph nodes for `extract`).
pub fn run(mode: &str, root: &Path) -> Result<()> {
    let extract = match mode {
        "parse" => false,
        "extract" => true,
        other => bail!("--floor parse|extract, not {other:?}"),
    };
    let (files, bytes, units) = (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    ignore::WalkBuilder::new(root)
        .threads(threads)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && (name == ".codehub" || index::VENDORED_DIRS.contains(&name.as_ref())))
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let Ok(entry) = entry else { return ignore::WalkState::Continue };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let Ok(rel) = entry.path().strip_prefix(root) else {
                    return ignore::WalkState::Continue;
                };
                let rel = rel.to_string_lossy();
                if !extract::is_indexed(&rel)
                    || entry.metadata().map_or(true, |m| m.len() > MAX_FILE_SIZE)
                {
                    return ignore::WalkState::Continue;
                }
                let Ok(source) = std::fs::read(entry.path()) else {
                    return ignore::WalkState::Continue;
                };
                let n = if extract {
                    extract::extract(&rel, &source).map(|f| f.nodes.len())
                } else {
                    extract::parse_only(&rel, &source)
                };
                if let Some(n) = n {
                    files.fetch_add(1, Ordering::Relaxed);
                    bytes.fetch_add(source.len() as u64, Ordering::Relaxed);
                    units.fetch_add(n as u64, Ordering::Relaxed);
                }
                ignore::WalkState::Continue
            })
        });
    println!(
        "files {} bytes {} units {}",
        files.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed),
        units.load(Ordering::Relaxed)
    );
    Ok(())
}

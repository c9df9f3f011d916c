//! `codehub`: the command-line interface. Thin glue: parse arguments, call `index` and
//! `store`, print human-readable text or `--json`. Exit codes: 0 ok, 1 error, 2 usage.

mod output;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use output::Out;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use store::{Resolution, Store};

/// codehub: a live code graph for AI agents and developer tools.
#[derive(Parser, Debug)]
#[command(name = "codehub", version, about, max_term_width = 100)]
struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// State directory holding the index (default: `.codehub` in the root, found by
    /// walking up from the current directory). Also `CODEHUB_STATE_DIR`.
    #[arg(long, global = true, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Index a source tree (incrementally when an index exists).
    Index {
        /// The root to index (default: the indexed root around the current directory,
        /// else the current directory).
        path: Option<PathBuf>,
        /// Skip files larger than this many bytes.
        #[arg(long, default_value_t = 2 * 1024 * 1024, value_name = "BYTES")]
        max_file_size: u64,
        /// Extraction threads (default: one per core).
        #[arg(long, default_value_t = 0, value_name = "N")]
        workers: usize,
    },
    /// Show counts for the index: files, nodes, edges, clock.
    Status,
    /// Show everything stored about one node.
    Show {
        /// An id (`path::Qualified.name`), a qualified name, or a bare name.
        node: String,
    },
    /// List nodes with this name, qualified name or id.
    Find {
        name: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Who calls this node (transitively with --depth).
    Callers {
        node: String,
        #[arg(long, default_value_t = 1)]
        depth: u32,
    },
    /// What this node calls (transitively with --depth).
    Callees {
        node: String,
        #[arg(long, default_value_t = 1)]
        depth: u32,
    },
    /// Full-text search over names, signatures and docstrings (BM25-ranked).
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

fn main() -> ExitCode {
    init_tracing();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let mut out = Out::new(cli.json);
    match run(&cli, &mut out) {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("codehub: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn init_tracing() {
    let level = match std::env::var("CODEHUB_LOG").as_deref() {
        Ok("trace") => tracing::Level::TRACE,
        Ok("debug") => tracing::Level::DEBUG,
        Ok("info") => tracing::Level::INFO,
        Ok("error") => tracing::Level::ERROR,
        _ => tracing::Level::WARN,
    };
    tracing_subscriber::fmt().with_max_level(level).with_writer(std::io::stderr).init();
}

fn run(cli: &Cli, out: &mut Out) -> Result<ExitCode> {
    match &cli.command {
        Command::Index { path, max_file_size, workers } => {
            let config = index_config(cli, path.as_deref(), *max_file_size, *workers)?;
            let report = output::with_progress(|progress| index::index(&config, progress))?;
            out.index_report(&config.root, &report)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status => {
            let store = open_store(cli)?;
            out.status(store.path(), &store.status()?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { node } => {
            let store = open_store(cli)?;
            let Some(id) = resolve(&store, node, out)? else { return Ok(ExitCode::from(1)) };
            let state = store.node(&id)?.ok_or_else(|| anyhow!("node {id} vanished"))?;
            out.node(&state)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Find { name, limit } => {
            let store = open_store(cli)?;
            let found = store.find(name, *limit)?;
            if found.is_empty() {
                out.not_found(name)?;
                return Ok(ExitCode::from(1));
            }
            out.summaries(&found)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Callers { node, depth } | Command::Callees { node, depth } => {
            let store = open_store(cli)?;
            let Some(id) = resolve(&store, node, out)? else { return Ok(ExitCode::from(1)) };
            let callers = matches!(cli.command, Command::Callers { .. });
            let reached =
                if callers { store.callers(&id, *depth)? } else { store.callees(&id, *depth)? };
            out.reached(&id, callers, &reached)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { query, limit } => {
            let store = open_store(cli)?;
            let hits = store.search(query, *limit)?;
            out.search(&hits)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Resolves a `NODE` argument, printing candidates or "not found" itself when it
/// does not name exactly one node.
fn resolve(store: &Store, query: &str, out: &mut Out) -> Result<Option<String>> {
    match store.resolve(query)? {
        Resolution::Found(id) => Ok(Some(id)),
        Resolution::Ambiguous(candidates) => {
            out.ambiguous(query, &candidates)?;
            Ok(None)
        }
        Resolution::NotFound => {
            out.not_found(query)?;
            Ok(None)
        }
    }
}

fn state_dir_override(cli: &Cli) -> Option<PathBuf> {
    cli.state_dir
        .clone()
        .or_else(|| std::env::var_os("CODEHUB_STATE_DIR").map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty())
}

fn open_store(cli: &Cli) -> Result<Store> {
    let db = match state_dir_override(cli) {
        Some(dir) => dir.join(index::DB_FILE),
        None => {
            let cwd = std::env::current_dir().context("reading the current directory")?;
            index::find_state(&cwd)?.db_path
        }
    };
    Ok(Store::open_read_only(&db)?)
}

fn index_config(
    cli: &Cli,
    path: Option<&Path>,
    max_file_size: u64,
    workers: usize,
) -> Result<index::Config> {
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let root = match path {
        Some(p) => p.to_owned(),
        None if state_dir_override(cli).is_none() => match index::find_state(&cwd) {
            Ok(found) => found.state_dir.parent().map_or_else(|| cwd.clone(), Path::to_owned),
            Err(_) => cwd.clone(),
        },
        None => cwd.clone(),
    };
    let mut config = index::Config::new(&root)?;
    if let Some(dir) = state_dir_override(cli) {
        config.state_dir = if dir.is_absolute() { dir } else { cwd.join(dir) };
    }
    if max_file_size == 0 {
        bail!("--max-file-size must be at least 1 byte");
    }
    config.max_file_size = max_file_size;
    config.workers = workers;
    Ok(config)
}

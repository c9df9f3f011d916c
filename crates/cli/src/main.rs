//! `codehub`: the command-line interface. Thin glue: parse arguments, call `index` and
//! `store`, print human-readable text or `--json`. Exit codes: 0 ok, 1 error, 2 usage.

mod mcp;
mod mcp_install;
mod output;
mod pack;
mod serve;
mod token;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use output::Out;
use serde_json::json;
use server::protocol;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

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
        /// Also index vendored third-party code (vendor/, third_party/, node_modules/, ...).
        #[arg(long)]
        include_vendored: bool,
        /// Extraction threads (default: one per core).
        #[arg(long, default_value_t = 0, value_name = "N")]
        workers: usize,
    },
    /// Run the live daemon: index, then keep the graph current while files change.
    Serve {
        /// The root to serve (default: as for `index`).
        path: Option<PathBuf>,
        /// Extraction threads (default: one per core).
        #[arg(long, default_value_t = 0, value_name = "N")]
        workers: usize,
        /// Distinct changed paths queued before the watcher waits (backpressure).
        #[arg(long, default_value_t = 10_000, value_name = "N")]
        queue_bound: usize,
        /// Rescan periodically instead of watching (network file systems).
        #[arg(long)]
        poll: bool,
        /// Skip files larger than this many bytes.
        #[arg(long, default_value_t = 2 * 1024 * 1024, value_name = "BYTES")]
        max_file_size: u64,
        /// Also index vendored third-party code (vendor/, third_party/, node_modules/, ...).
        #[arg(long)]
        include_vendored: bool,
        /// Also serve HTTP and WebSocket on this address (e.g. 127.0.0.1:7878).
        #[arg(long, value_name = "ADDR")]
        http: Option<std::net::SocketAddr>,
        /// Require bearer tokens on --http (required for non-loopback addresses).
        #[arg(long, requires = "http")]
        auth: bool,
    },
    /// Bearer tokens for `serve --http --auth`.
    Token {
        #[command(subcommand)]
        command: token::TokenCommand,
    },
    /// Stop the daemon serving this root (in-flight changes are committed first).
    Stop,
    /// Wait until every file change made so far is in the graph (read-your-writes).
    Sync,
    /// Show counts for the index (files, nodes, edges, clock) and the daemon's state.
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
    /// The tests that exercise this node (calling it directly or through helpers).
    Tests { node: String },
    /// Full-text search over names, signatures and docstrings (BM25-ranked).
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Serve MCP on stdin/stdout for AI agents (starts the daemon when none runs);
    /// `codehub mcp install --client NAME` sets an agent up to use it.
    Mcp(mcp::McpArgs),
    /// A token-budgeted context pack: the seeds with their source, then their callers,
    /// callees, tests, parents and siblings ranked by personalized PageRank.
    Context(pack::ContextArgs),
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
    let result = match &cli.command {
        // MCP messages own stdout, so no `Out` (it keeps stdout locked).
        Command::Mcp(args) => index_config(&cli, args.path(), 2 * 1024 * 1024, 0)
            .and_then(|config| mcp::main(config, args, cli.json)),
        _ => run(&cli, &mut Out::new(cli.json)),
    };
    match result {
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
        Command::Index { path, max_file_size, workers, include_vendored } => {
            let mut config = index_config(cli, path.as_deref(), *max_file_size, *workers)?;
            config.include_vendored = *include_vendored;
            let report = output::with_progress(|progress| index::index(&config, progress))?;
            out.index_report(&config.root, &report)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            path,
            workers,
            queue_bound,
            poll,
            max_file_size,
            include_vendored,
            http,
            auth,
        } => {
            let mut config = index_config(cli, path.as_deref(), *max_file_size, *workers)?;
            config.include_vendored = *include_vendored;
            let options = index::DaemonOptions {
                queue_bound: *queue_bound,
                force_polling: *poll,
                ..index::DaemonOptions::default()
            };
            let http = http.map(|addr| serve::Http { addr, auth: *auth });
            serve::run(config, options, http)
        }
        Command::Token { command } => {
            let state = match state_dir_override(cli) {
                Some(dir) => dir,
                None => index_config(cli, None, u64::MAX, 0)?.state_dir,
            };
            token::run(command, &state)
        }
        Command::Stop => {
            let state = state_dir(cli)?;
            let mut client = match server::Client::connect(&state, Duration::from_secs(2)) {
                Ok(c) => c,
                Err(_) => {
                    eprintln!("codehub: no daemon is running for {}", state.display());
                    return Ok(ExitCode::from(1));
                }
            };
            client.call("shutdown", json!({})).map_err(rpc)?;
            let socket = state.join(server::SOCKET_FILE);
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while socket.exists() && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            out.message("stopped")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Sync => {
            let mut hub = open_hub(cli)?;
            let r: protocol::SyncResult = hub.call_as("sync", &json!({})).map_err(rpc)?;
            out.sync(&r)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status => {
            let mut hub = open_hub(cli)?;
            let r: protocol::StatusResult = hub.call_as("status", &json!({})).map_err(rpc)?;
            out.status(&r)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { node } => {
            let mut hub = open_hub(cli)?;
            match hub.call_as::<_, protocol::NodeResult>("nodes.get", &json!({ "node": node })) {
                Ok(r) => {
                    out.node(&r)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => lookup_failure(node, e, out),
            }
        }
        Command::Find { name, limit } => {
            let mut hub = open_hub(cli)?;
            let page: protocol::NodesPage =
                hub.call_as("nodes.find", &json!({ "name": name, "limit": limit })).map_err(rpc)?;
            if page.nodes.is_empty() {
                out.not_found(name)?;
                return Ok(ExitCode::from(1));
            }
            out.summaries(&page)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Callers { node, depth } | Command::Callees { node, depth } => {
            let mut hub = open_hub(cli)?;
            let callers = matches!(cli.command, Command::Callers { .. });
            let method = if callers { "graph.callers" } else { "graph.callees" };
            let params = json!({ "node": node, "depth": depth, "limit": 1000 });
            match hub.call_as::<_, protocol::TraverseResult>(method, &params) {
                Ok(r) => {
                    out.reached(callers, &r)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => lookup_failure(node, e, out),
            }
        }
        Command::Tests { node } => {
            let mut hub = open_hub(cli)?;
            match hub.call_as::<_, protocol::TestsResult>("graph.tests", &json!({ "node": node })) {
                Ok(r) => {
                    out.tests(&r)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => lookup_failure(node, e, out),
            }
        }
        Command::Search { query, limit } => {
            let mut hub = open_hub(cli)?;
            let r: protocol::SearchResult = hub
                .call_as("search.text", &json!({ "query": query, "limit": limit }))
                .map_err(rpc)?;
            out.search(&r)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Mcp(_) => bail!("`mcp` must be run before stdout is locked"),
        Command::Context(args) => {
            let mut hub = open_hub(cli)?;
            match hub.call_as::<_, protocol::ContextResult>("context.pack", &args.params()) {
                Ok(r) => {
                    pack::print(&r, cli.json)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => lookup_failure(&args.nodes.join(" "), e, out),
            }
        }
    }
}

/// Prints what a failed node lookup means to a user: candidates for an ambiguous
/// name, "no node matches" for an unknown one; other errors propagate.
fn lookup_failure(query: &str, e: protocol::RpcError, out: &mut Out) -> Result<ExitCode> {
    match e.data.kind {
        protocol::ErrorKind::Ambiguous => {
            out.ambiguous(query, &e.data.candidates)?;
            Ok(ExitCode::from(1))
        }
        protocol::ErrorKind::NotFound => {
            out.not_found(query)?;
            Ok(ExitCode::from(1))
        }
        _ => Err(rpc(e)),
    }
}

fn rpc(e: protocol::RpcError) -> anyhow::Error {
    anyhow!("{} ({:?})", e.message, e.data.kind)
}

/// The state directory: `--state-dir`, `CODEHUB_STATE_DIR`, or the nearest
/// `.codehub` found by walking up from the current directory.
fn state_dir(cli: &Cli) -> Result<PathBuf> {
    match state_dir_override(cli) {
        Some(dir) => Ok(dir),
        None => {
            let cwd = std::env::current_dir().context("reading the current directory")?;
            Ok(index::find_state(&cwd)?.state_dir)
        }
    }
}

/// The daemon when one answers, else the index read directly.
fn open_hub(cli: &Cli) -> Result<server::Codehub> {
    Ok(server::Codehub::open(&state_dir(cli)?)?)
}

fn state_dir_override(cli: &Cli) -> Option<PathBuf> {
    cli.state_dir
        .clone()
        .or_else(|| std::env::var_os("CODEHUB_STATE_DIR").map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty())
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

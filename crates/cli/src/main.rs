//! `codehub`: the command-line interface. Thin glue: parse arguments and settings
//! (`settings.rs`: flags > `CODEHUB_*` > codehub.toml > defaults), call `index` and the
//! method set, print human-readable text or `--json` (the method's JSON-RPC result,
//! byte for byte). Exit codes: 0 ok, 1 error, 2 usage.

mod mcp;
mod mcp_install;
mod output;
mod pack;
mod serve;
mod settings;
mod token;

use anyhow::{bail, Context, Result};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use output::Out;
use serde::Deserialize;
use server::protocol;
use server::protocol::methods::{self as m, Method};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// The system allocator, counting what an update script's run allocates on its
/// thread, for the script memory limit (`script::alloc`).
#[global_allocator]
static ALLOCATOR: script::alloc::CountingAllocator = script::alloc::CountingAllocator;

/// codehub: a live code graph for AI agents and developer tools.
#[derive(Parser, Debug)]
#[command(name = "codehub", version, about, max_term_width = 100)]
struct Cli {
    /// Print machine-readable JSON instead of text: a method's JSON-RPC result as the
    /// socket sends it, or `{"error": {code, message, data}}` on failure.
    #[arg(long, global = true)]
    json: bool,
    /// State directory holding the index (default: `.codehub` in the root, found by
    /// walking up from the current directory).
    #[arg(long, global = true, value_name = "DIR", env = "CODEHUB_STATE_DIR")]
    state_dir: Option<PathBuf>,
    /// Log filter for stderr: `error`, `warn` (the default), `info`, `debug`, `trace`,
    /// or tracing directives such as `index=debug,warn`.
    #[arg(long, global = true, value_name = "FILTER", env = "CODEHUB_LOG")]
    log: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// `--limit` and `--cursor` of the listing commands: one page of the method's answer.
#[derive(clap::Args, Debug, Clone)]
struct PageArgs {
    /// Most entries to list, at most 1000 [default: 50 for find, 20 for search, 100
    /// for tests, 1000 for callers and callees].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    limit: Option<u32>,
    /// Continue a listing: the cursor a previous page printed.
    #[arg(long, value_name = "CURSOR")]
    cursor: Option<String>,
}

impl PageArgs {
    /// The page's `limit` (or `default_limit`) and `cursor`, for a method's params.
    fn limit_cursor(&self, default_limit: u32) -> (Option<u32>, Option<String>) {
        (Some(self.limit.unwrap_or(default_limit)), self.cursor.clone())
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Index a source tree (incrementally when an index exists).
    Index {
        /// The root to index (default: the indexed root around the current directory,
        /// else the current directory).
        path: Option<PathBuf>,
        #[command(flatten)]
        options: settings::IndexArgs,
    },
    /// Run the live daemon: index, then keep the graph current while files change.
    Serve {
        /// The root to serve (default: as for `index`).
        path: Option<PathBuf>,
        #[command(flatten)]
        options: settings::IndexArgs,
        #[command(flatten)]
        daemon: settings::DaemonArgs,
    },
    /// Print the effective configuration and where each value came from (flag,
    /// environment, codehub.toml, default).
    Config {
        /// The root whose codehub.toml to read (default: as for `index`).
        path: Option<PathBuf>,
        #[command(flatten)]
        options: settings::IndexArgs,
        #[command(flatten)]
        daemon: settings::DaemonArgs,
    },
    /// List the rules of the change cascade in force: the built-in ones and
    /// codehub.toml's `[[rules]]` (what runs on which change, for which nodes).
    Rules {
        /// The root whose codehub.toml to read (default: as for `index`).
        path: Option<PathBuf>,
    },
    /// Try an update script on one node: what it would set and note, and its error,
    /// without storing anything (`.codehub/scripts/NAME.py`, or codehub.toml's
    /// `scripts` directory).
    Script {
        #[command(subcommand)]
        command: ScriptCommand,
    },
    /// Bearer tokens for `serve --http --auth`.
    Token {
        #[command(subcommand)]
        command: token::TokenCommand,
    },
    /// Stop the daemon serving this root (in-flight changes are committed first).
    Stop,
    /// Wait until every file change made so far is in the graph (read-your-writes).
    /// Without a daemon, indexes the changes itself (as `codehub index` would).
    /// Fails (exit 1) when the barrier cannot run: it times out, or a daemon holds
    /// the index but cannot be reached (still starting, or stuck).
    Sync {
        /// Give up after this many seconds (default 9, at most 600).
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<f64>,
    },
    /// Show counts for the index (files, nodes, edges, clock) and the daemon's state.
    Status,
    /// Show everything stored about one node.
    Show {
        /// An id (`path::Qualified.name`), a qualified name, or a bare name.
        node: String,
        /// Also print the node's source, read from disk only while its file still
        /// hashes as indexed (else says why it is not shown).
        #[arg(long)]
        source: bool,
    },
    /// List nodes with this name, qualified name or id (else a name prefix), or whose
    /// custom fields (set by update scripts) satisfy --where.
    Find {
        #[arg(required_unless_present = "where_")]
        name: Option<String>,
        /// A condition on custom fields: `risk>3`, `owner=@core`, `untested` (FIELD,
        /// or FIELD OP VALUE with OP one of > >= < <= = !=).
        #[arg(long = "where", value_name = "CONDITION")]
        where_: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Who calls this node (transitively with --depth). Ends with how many call
    /// sites by the node's name could not be resolved (possible callers).
    Callers {
        node: String,
        #[arg(long, default_value_t = 1)]
        depth: u32,
        /// Also list the possible callers: unresolved calls of the node's name,
        /// best evidence first.
        #[arg(long)]
        possible: bool,
        #[command(flatten)]
        page: PageArgs,
    },
    /// What this node calls (transitively with --depth). Ends with how many of its
    /// calls could not be resolved.
    Callees {
        node: String,
        #[arg(long, default_value_t = 1)]
        depth: u32,
        /// Also list the calls that could not be resolved, by the callee's name.
        #[arg(long)]
        possible: bool,
        #[command(flatten)]
        page: PageArgs,
    },
    /// The tests that exercise this node (calling it directly or through helpers).
    /// Ends with how many tests call its name without being resolved to it.
    Tests {
        node: String,
        /// Also list the possible tests: tests whose call of the node's name is
        /// unresolved.
        #[arg(long)]
        possible: bool,
        #[command(flatten)]
        page: PageArgs,
    },
    /// A module's or class's members in source order (--inherited: then what it
    /// inherits from its bases in the index).
    Members {
        node: String,
        #[arg(long)]
        inherited: bool,
        #[command(flatten)]
        page: PageArgs,
    },
    /// A type's bases, subclasses and implementations, transitively.
    Hierarchy {
        node: String,
        /// Only the bases (and implemented interfaces or traits).
        #[arg(long, conflicts_with = "down")]
        up: bool,
        /// Only the subclasses and implementations.
        #[arg(long)]
        down: bool,
        /// Levels to follow each way (1 = direct), at most 32.
        #[arg(long, default_value_t = protocol::MAX_DEPTH)]
        depth: u32,
    },
    /// Where this node is used other than by a call: imported, passed or stored as a
    /// value, named in a type annotation, applied as a decorator, named as a base.
    References {
        node: String,
        #[command(flatten)]
        page: PageArgs,
    },
    /// What a git diff changes: the changed nodes, their callers (possible ones
    /// counted) and the tests to run. Without REV: every change not committed
    /// (`git diff HEAD`).
    Impact {
        /// Compare the working tree with this revision (commits since it and
        /// uncommitted changes), e.g. `main` or `HEAD~3`.
        #[arg(conflicts_with_all = ["staged", "worktree"])]
        rev: Option<String>,
        /// Only the staged changes (`git diff --cached`).
        #[arg(long, conflicts_with = "worktree")]
        staged: bool,
        /// Only the changes not staged (`git diff`).
        #[arg(long)]
        worktree: bool,
        /// Levels of callers to follow, at most 32.
        #[arg(long, default_value_t = 2)]
        depth: u32,
        /// Also list the possible callers (calls of the changed names that could not
        /// be resolved).
        #[arg(long)]
        possible: bool,
    },
    /// Full-text search over names, signatures and docstrings (BM25-ranked).
    Search {
        query: String,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Serve MCP on stdin/stdout for AI agents (starts the daemon when none runs);
    /// `codehub mcp install --client NAME` sets an agent up to use it.
    Mcp(mcp::McpArgs),
    /// A token-budgeted context pack: the seeds with their source, then their callers,
    /// callees, tests, parents and siblings ranked by personalized PageRank.
    Context(pack::ContextArgs),
}

/// `codehub script ...`.
#[derive(Subcommand, Debug)]
enum ScriptCommand {
    /// Run script NAME for NODE as a commit would, and print the fields it sets, its
    /// notes and its error; nothing is stored. Exit code 1 when the run fails.
    Try {
        /// The script's name (`risk` for `risk.py`).
        script: String,
        /// An id, a qualified name or a bare name.
        node: String,
    },
}

/// Default `--limit` of `find`.
const FIND_LIMIT: u32 = 50;
/// Default `--limit` of `search`.
const SEARCH_LIMIT: u32 = 20;
/// Default `--limit` of `callers`/`callees`: whole traversals, up to the protocol's maximum.
const TRAVERSE_LIMIT: u32 = protocol::MAX_LIMIT;
/// Default `--limit` of `tests`.
const TESTS_LIMIT: u32 = protocol::DEFAULT_LIMIT;

fn main() -> ExitCode {
    let json = std::env::args_os().any(|a| a == "--json");
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) if json && e.use_stderr() => {
            // Usage errors keep exit code 2, in the one error shape.
            let error = server::errors::invalid_params(e.render().to_string().trim_end());
            let _ = output::print_error(&error);
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    let result = settings_of(&cli, &matches).and_then(|settings| {
        init_tracing(&settings)?;
        match &cli.command {
            // MCP messages own stdout, so no `Out` (it keeps stdout locked).
            Command::Mcp(args) => settings
                .index_config(state_dir_override(&cli))
                .and_then(|config| mcp::main(config, args, cli.json)),
            _ => run(&cli, &settings, &mut Out::new(cli.json)),
        }
    });
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let printed = if cli.json {
                output::print_error(&output::rpc_error_of(&e))
            } else {
                output::print_error_text(&e)
            };
            let usage = e.chain().any(|e| e.is::<settings::Usage>());
            match printed {
                Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
                _ => ExitCode::from(if usage { 2 } else { 1 }),
            }
        }
    }
}

/// The command's settings: its flags, environment, the root's codehub.toml, defaults.
fn settings_of(cli: &Cli, matches: &clap::ArgMatches) -> Result<settings::Settings> {
    let sub = matches.subcommand().map_or(matches, |(_, m)| m);
    let (path, index, daemon) = match &cli.command {
        Command::Index { path, options } => (path.as_deref(), Some(options), None),
        Command::Serve { path, options, daemon } | Command::Config { path, options, daemon } => {
            (path.as_deref(), Some(options), Some(daemon))
        }
        Command::Mcp(args) => (args.path(), None, None),
        Command::Rules { path } => (path.as_deref(), None, None),
        Command::Script { .. } => (None, None, None),
        _ => (None, None, None),
    };
    let given = settings::Given { matches: sub, log: cli.log.as_ref(), index, daemon };
    settings::resolve(&root_of(cli, path)?, &given)
}

fn init_tracing(settings: &settings::Settings) -> Result<()> {
    let filter =
        tracing_subscriber::EnvFilter::try_new(&settings.log.value).with_context(|| {
            format!("log filter {:?} ({})", settings.log.value, settings.log.origin)
        })?;
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    Ok(())
}

/// Calls the method `M` and prints its result: the JSON-RPC result itself with
/// `--json` (the bytes the socket and HTTP carry), else `human` of the typed result,
/// which it returns.
fn call<M: Method>(
    hub: &mut server::Codehub,
    out: &mut Out,
    params: &M::Params,
    human: impl FnOnce(&mut Out, &M::Result) -> Result<()>,
) -> Result<M::Result> {
    let value = hub.call(M::NAME, serde_json::to_value(params)?)?;
    let typed = M::Result::deserialize(&value)
        .with_context(|| format!("unexpected result of {}", M::NAME))?;
    if out.is_json() {
        out.result(&value)?;
    } else {
        human(out, &typed)?;
    }
    Ok(typed)
}

fn run(cli: &Cli, settings: &settings::Settings, out: &mut Out) -> Result<ExitCode> {
    match &cli.command {
        Command::Index { .. } => {
            let config = settings.index_config(state_dir_override(cli))?;
            let report = output::with_progress(|progress| index::index(&config, progress))?;
            out.index_report(&config.root, &report)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { .. } => {
            let config = settings.index_config(state_dir_override(cli))?;
            let http =
                settings.http.value.map(|addr| serve::Http { addr, auth: settings.auth.value });
            serve::run(config, settings.daemon_options(), http)
        }
        Command::Config { .. } => {
            out.settings(settings)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { .. } => {
            out.rules(&settings.rules()?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Script { command: ScriptCommand::Try { script, node } } => {
            let limits =
                script::Limits { time: settings.script_timeout, ..script::Limits::default() };
            let scripts = script::Scripts::load(&settings.root, &settings.scripts_dir, limits)?;
            let mut store = store::Store::open(&state_dir(cli)?.join(index::DB_FILE))?;
            let id = match store.resolve(node)? {
                store::Resolution::Found(id) => id,
                store::Resolution::Ambiguous(candidates) => {
                    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
                    bail!("{node:?} is ambiguous: {}", ids.join(", "))
                }
                store::Resolution::NotFound => bail!("no node matches {node:?}"),
            };
            store.set_scripts(Some(std::sync::Arc::new(scripts)));
            let trial = store.try_script(script, &id)?;
            out.script_trial(script, &id, &trial)?;
            Ok(if trial.failure.is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Token { command } => {
            let state = match state_dir_override(cli) {
                Some(dir) => dir,
                None => settings.index_config(None)?.state_dir,
            };
            token::run(command, &state)
        }
        Command::Stop => {
            let state = state_dir(cli)?;
            let mut client =
                server::Client::connect(&state, Duration::from_secs(2)).map_err(|_| {
                    server::errors::not_found(format!(
                        "no daemon is running for {}",
                        state.display()
                    ))
                })?;
            let value = client.request::<m::Shutdown>(&Default::default())?;
            let socket = index::StateDir::new(&state).socket();
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while socket.exists() && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            if out.is_json() {
                out.result(&serde_json::to_value(&value)?)?;
            } else {
                out.message("stopped")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sync { timeout } => {
            let max_s = protocol::MAX_SYNC_TIMEOUT_MS as f64 / 1000.0;
            let mut params = protocol::SyncParams::default();
            let mut hub = open_hub(cli)?;
            if let Some(secs) = *timeout {
                if !(secs > 0.0 && secs <= max_s) {
                    let message =
                        format!("--timeout must be more than 0 and at most {max_s} seconds");
                    if out.is_json() {
                        output::print_error(&server::errors::invalid_params(&message))?;
                    } else {
                        eprintln!("codehub: {message}");
                    }
                    return Ok(ExitCode::from(2));
                }
                let wait = Duration::from_secs_f64(secs);
                params.timeout_ms = Some(wait.as_millis().max(1) as u64);
                // The daemon answers `timeout` itself; wait a little longer than it.
                hub.set_timeout(Some(wait + Duration::from_secs(5)))?;
            }
            if hub.source() == server::protocol::Source::Store {
                // No daemon keeps the index current, so the index as it is proves
                // nothing: bring it up to date here, then answer from it.
                catch_up_without_daemon(cli, settings)?;
                hub = open_hub(cli)?;
            }
            call::<m::Sync>(&mut hub, out, &params, Out::sync)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status => {
            let mut hub = open_hub(cli)?;
            call::<m::Status>(&mut hub, out, &Default::default(), Out::status)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { node, source } => {
            let mut hub = open_hub(cli)?;
            let params = protocol::NodeGetParams {
                node: Some(node.clone()),
                source: *source,
                ..Default::default()
            };
            call::<m::NodesGet>(&mut hub, out, &params, Out::node)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Find { name, where_, page } => {
            let mut hub = open_hub(cli)?;
            let (limit, cursor) = page.limit_cursor(FIND_LIMIT);
            let name = name.clone().unwrap_or_default();
            let params = protocol::FindParams {
                name: name.clone(),
                where_: where_.clone(),
                limit,
                cursor,
                sync: false,
            };
            let asked = match where_ {
                Some(w) if name.is_empty() => format!("--where {w}"),
                Some(w) => format!("{name} --where {w}"),
                None => name.clone(),
            };
            let found =
                call::<m::NodesFind>(&mut hub, out, &params, |out, r| out.summaries(&asked, r))?;
            // An empty first page is "not found": exit code 1.
            let empty = found.nodes.is_empty() && page.cursor.is_none();
            Ok(if empty { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Callers { node, depth, possible, page }
        | Command::Callees { node, depth, possible, page } => {
            let mut hub = open_hub(cli)?;
            let callers = matches!(cli.command, Command::Callers { .. });
            let (limit, cursor) = page.limit_cursor(TRAVERSE_LIMIT);
            let params = protocol::TraverseParams {
                node: node.clone(),
                depth: Some(*depth),
                possible: *possible,
                limit,
                cursor,
                sync: false,
            };
            let human = |out: &mut Out, r: &protocol::TraverseResult| out.reached(callers, r);
            if callers {
                call::<m::GraphCallers>(&mut hub, out, &params, human)?;
            } else {
                call::<m::GraphCallees>(&mut hub, out, &params, human)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tests { node, possible, page } => {
            let mut hub = open_hub(cli)?;
            let (limit, cursor) = page.limit_cursor(TESTS_LIMIT);
            let params = protocol::TestsParams {
                node: node.clone(),
                possible: *possible,
                limit,
                cursor,
                sync: false,
            };
            call::<m::GraphTests>(&mut hub, out, &params, Out::tests)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Members { node, inherited, page } => {
            let mut hub = open_hub(cli)?;
            let (limit, cursor) = page.limit_cursor(protocol::DEFAULT_LIMIT);
            let params = protocol::MembersParams {
                node: node.clone(),
                inherited: *inherited,
                limit,
                cursor,
                sync: false,
            };
            call::<m::GraphMembers>(&mut hub, out, &params, Out::members)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Hierarchy { node, up, down, depth } => {
            let mut hub = open_hub(cli)?;
            let direction = match (up, down) {
                (true, _) => protocol::HierarchyDirection::Up,
                (_, true) => protocol::HierarchyDirection::Down,
                _ => protocol::HierarchyDirection::Both,
            };
            let params = protocol::HierarchyParams {
                node: node.clone(),
                direction: Some(direction),
                depth: Some(*depth),
                sync: false,
            };
            call::<m::GraphHierarchy>(&mut hub, out, &params, Out::hierarchy)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::References { node, page } => {
            let mut hub = open_hub(cli)?;
            let (limit, cursor) = page.limit_cursor(protocol::DEFAULT_LIMIT);
            let params =
                protocol::ReferencesParams { node: node.clone(), limit, cursor, sync: false };
            call::<m::GraphReferences>(&mut hub, out, &params, Out::references)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Impact { rev, staged, worktree, depth, possible } => {
            let mut hub = open_hub(cli)?;
            let params = protocol::ImpactParams {
                rev: rev.clone(),
                staged: *staged,
                worktree: *worktree,
                depth: Some(*depth),
                possible: *possible,
                // The diff is of the files as they are now: a daemon catches up first.
                sync: true,
            };
            call::<m::Impact>(&mut hub, out, &params, Out::impact)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { query, page } => {
            let mut hub = open_hub(cli)?;
            let (limit, cursor) = page.limit_cursor(SEARCH_LIMIT);
            let params =
                protocol::SearchParams { query: query.clone(), limit, cursor, sync: false };
            call::<m::SearchText>(&mut hub, out, &params, Out::search)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Mcp(_) => bail!("`mcp` must be run before stdout is locked"),
        Command::Context(args) => {
            let mut hub = open_hub(cli)?;
            call::<m::ContextPack>(&mut hub, out, &args.params(), pack::print)?;
            Ok(ExitCode::SUCCESS)
        }
    }
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

/// `sync` without a daemon: an incremental index of the root the index was built
/// from. Errors when a daemon holds the index without answering (starting up: its
/// start-up index is what a barrier must wait for), or when the index describes
/// another root than the one these settings are for.
fn catch_up_without_daemon(cli: &Cli, settings: &settings::Settings) -> Result<()> {
    let state = state_dir(cli)?;
    if let Some(pid) = index::daemon_holding(&state) {
        bail!(
            "a daemon (pid {pid}) holds {} but does not answer yet (starting up?): \
             nothing was synced; try again",
            state.display()
        );
    }
    let recorded = store::Store::open_read_only(&index::StateDir::new(&state).db())?.root()?;
    let same = |a: &Path, b: &Path| a.canonicalize().ok() == b.canonicalize().ok();
    if let Some(recorded) = recorded.filter(|r| !same(r, &settings.root)) {
        bail!(
            "no daemon serves {}, and it was built from {}, not {}: \
             run `codehub index {}` or `codehub serve {}`",
            state.display(),
            recorded.display(),
            settings.root.display(),
            recorded.display(),
            recorded.display()
        );
    }
    let config = settings.index_config(state_dir_override(cli))?;
    index::index(&config, &|_| {})?;
    Ok(())
}

/// The daemon when one answers, else the index read directly.
fn open_hub(cli: &Cli) -> Result<server::Codehub> {
    Ok(server::Codehub::open(&state_dir(cli)?)?)
}

fn state_dir_override(cli: &Cli) -> Option<PathBuf> {
    let dir = cli.state_dir.clone().filter(|p| !p.as_os_str().is_empty())?;
    if dir.is_absolute() {
        return Some(dir);
    }
    Some(std::env::current_dir().map_or(dir.clone(), |cwd| cwd.join(&dir)))
}

/// The root a command works on: `path`, else (without `--state-dir`) the root of the
/// index around the current directory, else the current directory.
fn root_of(cli: &Cli, path: Option<&Path>) -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("reading the current directory")?;
    Ok(match path {
        Some(p) => p.to_owned(),
        None if state_dir_override(cli).is_none() => match index::find_state(&cwd) {
            Ok(found) => found.state_dir.parent().map_or_else(|| cwd.clone(), Path::to_owned),
            Err(_) => cwd,
        },
        None => cwd,
    })
}

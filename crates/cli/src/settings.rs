//! Configuration (SPEC §7): every option comes from, strongest first, a flag, its
//! `CODEHUB_*` environment variable (both through clap), `codehub.toml` at the root,
//! or the default; [`Settings`] holds each effective value with where it came from,
//! which `codehub config` prints.
//!
//! `codehub.toml` is flat: `include = ["src/**"]`, `max_file_size = 1048576`, ...
//! (the keys are the flags' names with `_`, see [`FileConfig`]). An unknown key or a
//! value of the wrong type is an error naming the file, line and key.

use anyhow::{bail, Context, Result};
use clap::builder::BoolishValueParser;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Options that contradict each other: a usage error (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// The configuration file's name, looked for at the root.
pub const FILE_NAME: &str = "codehub.toml";

/// Options of the commands that index (`index`, `serve`, `mcp`, `config`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct IndexArgs {
    /// Index only files matching this glob (repeatable; a glob without `/` matches a
    /// name at any depth, one with `/` the root-relative path).
    #[arg(long = "include", value_name = "GLOB", env = "CODEHUB_INCLUDE", value_delimiter = ',')]
    pub include: Vec<String>,
    /// Do not index files matching this glob, or anything below a directory matching
    /// it (repeatable; wins over --include).
    #[arg(long = "exclude", value_name = "GLOB", env = "CODEHUB_EXCLUDE", value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Skip files larger than this many bytes [default: 2097152].
    #[arg(long, value_name = "BYTES", env = "CODEHUB_MAX_FILE_SIZE")]
    pub max_file_size: Option<u64>,
    /// Also index vendored third-party code (vendor/, third_party/, node_modules/, ...).
    #[arg(long, env = "CODEHUB_INCLUDE_VENDORED", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub include_vendored: Option<bool>,
    /// Extraction threads [default: 0, one per core].
    #[arg(long, value_name = "N", env = "CODEHUB_WORKERS")]
    pub workers: Option<usize>,
}

/// Options of the daemon (`serve`, `config`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DaemonArgs {
    /// Distinct changed paths queued before the watcher waits (backpressure)
    /// [default: 10000].
    #[arg(long, value_name = "N", env = "CODEHUB_QUEUE_BOUND")]
    pub queue_bound: Option<usize>,
    /// Milliseconds a file found empty, or shrunk to a prefix of itself, waits for the
    /// rest of its save before it is indexed as it is [default: 50].
    #[arg(long, value_name = "MS", env = "CODEHUB_SETTLE_MS")]
    pub settle_ms: Option<u64>,
    /// Milliseconds a changed path must stay quiet before it is indexed; `sync` does not
    /// wait for it [default: 0, off].
    #[arg(long, value_name = "MS", env = "CODEHUB_DEBOUNCE_MS")]
    pub debounce_ms: Option<u64>,
    /// Rescan periodically instead of watching (network file systems).
    #[arg(long, env = "CODEHUB_POLL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub poll: Option<bool>,
    /// Also serve HTTP and WebSocket on this address (e.g. 127.0.0.1:7878).
    #[arg(long, value_name = "ADDR", env = "CODEHUB_HTTP")]
    pub http: Option<SocketAddr>,
    /// Require bearer tokens on --http (required for non-loopback addresses).
    #[arg(long, env = "CODEHUB_AUTH", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub auth: Option<bool>,
}

/// The keys of `codehub.toml`; each is also a flag (`_` → `-`) and an environment
/// variable (`CODEHUB_` + the key in capitals).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Globs of files to index (default: all).
    pub include: Option<Vec<String>>,
    /// Globs of files and directories not to index.
    pub exclude: Option<Vec<String>>,
    /// Largest file indexed, in bytes.
    pub max_file_size: Option<u64>,
    /// Index vendored directories too.
    pub include_vendored: Option<bool>,
    /// Extraction threads (0: one per core).
    pub workers: Option<usize>,
    /// The daemon's queue bound (distinct paths).
    pub queue_bound: Option<usize>,
    /// The daemon's settle time, in milliseconds.
    pub settle_ms: Option<u64>,
    /// The daemon's debounce window, in milliseconds (0: off).
    pub debounce_ms: Option<u64>,
    /// Poll instead of watching.
    pub poll: Option<bool>,
    /// The HTTP/WebSocket address of `serve`.
    pub http: Option<String>,
    /// Require bearer tokens on HTTP.
    pub auth: Option<bool>,
    /// The log filter (`warn`, `debug`, `index=debug,warn`: tracing's `EnvFilter`).
    pub log: Option<String>,
    /// `[[rules]]`: the rules of the change cascade (`store::rules`), applied over the
    /// built-in ones.
    pub rules: Option<Vec<store::rules::RuleConfig>>,
    /// The update scripts' directory, relative to the root (default
    /// `.codehub/scripts`): `script = "NAME"` runs `NAME.py` from it.
    pub scripts: Option<PathBuf>,
    /// The wall-time limit of one update script run, in milliseconds (default 5000).
    pub script_timeout_ms: Option<u64>,
}

/// Where an effective value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag (`--workers`).
    Flag(String),
    /// An environment variable (`CODEHUB_WORKERS`).
    Env(String),
    /// `codehub.toml` (its path).
    File(PathBuf),
    /// Nothing set it.
    Default,
}

impl Origin {
    /// `flag`, `env`, `file` or `default`.
    pub fn kind(&self) -> &'static str {
        match self {
            Origin::Flag(_) => "flag",
            Origin::Env(_) => "env",
            Origin::File(_) => "file",
            Origin::Default => "default",
        }
    }

    /// The flag, variable or file; `None` for a default.
    pub fn name(&self) -> Option<String> {
        match self {
            Origin::Flag(f) => Some(f.clone()),
            Origin::Env(v) => Some(v.clone()),
            Origin::File(p) => Some(p.display().to_string()),
            Origin::Default => None,
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "flag {flag}"),
            Origin::Env(var) => write!(f, "env {var}"),
            Origin::File(_) => f.write_str(FILE_NAME),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// One effective value and its origin.
#[derive(Clone, Debug)]
pub struct Setting<T> {
    /// The value in force.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

/// Every option's effective value.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The root whose `codehub.toml` was read.
    pub root: PathBuf,
    /// `{root}/codehub.toml` when it exists.
    pub file: Option<PathBuf>,
    /// Include globs.
    pub include: Setting<Vec<String>>,
    /// Exclude globs.
    pub exclude: Setting<Vec<String>>,
    /// Largest file indexed, bytes (at least 1).
    pub max_file_size: Setting<u64>,
    /// Index vendored directories.
    pub include_vendored: Setting<bool>,
    /// Extraction threads; 0 = one per core.
    pub workers: Setting<usize>,
    /// Daemon queue bound (at least 1).
    pub queue_bound: Setting<usize>,
    /// Daemon settle time, ms.
    pub settle_ms: Setting<u64>,
    /// Daemon debounce window, ms (0: off).
    pub debounce_ms: Setting<u64>,
    /// Poll instead of watching.
    pub poll: Setting<bool>,
    /// HTTP address of `serve`.
    pub http: Setting<Option<SocketAddr>>,
    /// Bearer tokens on HTTP.
    pub auth: Setting<bool>,
    /// Log filter.
    pub log: Setting<String>,
    /// The `[[rules]]` of codehub.toml, as written (checked by [`Settings::rules`]).
    pub rules: Vec<store::rules::RuleConfig>,
    /// The update scripts' directory (absolute).
    pub scripts_dir: PathBuf,
    /// One script run's wall-time limit.
    pub script_timeout: std::time::Duration,
}

/// The update scripts' directory under the state directory, by default.
pub const SCRIPTS_DIR: &str = "scripts";

/// One update script run's wall-time limit by default, in milliseconds.
pub const DEFAULT_SCRIPT_TIMEOUT_MS: u64 = 5000;

/// The default log filter: warnings and errors.
pub const DEFAULT_LOG: &str = "warn";

/// What clap parsed for one command: its matches (for value sources) and the option
/// groups it has.
pub struct Given<'a> {
    /// The matches of the subcommand (global args propagate into it).
    pub matches: &'a clap::ArgMatches,
    /// `--log`.
    pub log: Option<&'a String>,
    /// The indexing options, when the command has them.
    pub index: Option<&'a IndexArgs>,
    /// The daemon options, when the command has them.
    pub daemon: Option<&'a DaemonArgs>,
}

impl Given<'_> {
    /// The origin of a value clap produced for the argument `id` (flag `--id`, env `var`).
    fn origin(&self, id: &str, var: &str) -> Origin {
        match self.matches.value_source(id) {
            Some(clap::parser::ValueSource::EnvVariable) => Origin::Env(var.to_owned()),
            _ => Origin::Flag(format!("--{}", id.replace('_', "-"))),
        }
    }
}

/// Picks the strongest of clap's value (flag or env), the file's and the default.
fn pick<T>(
    given: &Given<'_>,
    id: &str,
    var: &str,
    cli: Option<T>,
    file: Option<T>,
    path: &Path,
    default: T,
) -> Setting<T> {
    match (cli, file) {
        (Some(value), _) => Setting { value, origin: given.origin(id, var) },
        (None, Some(value)) => Setting { value, origin: Origin::File(path.to_owned()) },
        (None, None) => Setting { value: default, origin: Origin::Default },
    }
}

/// Reads `{root}/codehub.toml` (an absent file is an empty one).
pub fn read_file(path: &Path) -> Result<Option<FileConfig>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    match toml::from_str::<FileConfig>(&text) {
        Ok(config) => Ok(Some(config)),
        Err(e) => {
            let (line, column) = match e.span() {
                Some(span) => {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                    (line, column)
                }
                None => (1, 1),
            };
            // The line itself: type errors name the value, not the key.
            let source = text.lines().nth(line - 1).unwrap_or("").trim();
            bail!("{}:{line}:{column}: {} (in `{source}`)", path.display(), e.message().trim_end())
        }
    }
}

/// Resolves every option for `root` from what clap parsed, `{root}/codehub.toml` and
/// the defaults. Errors: an unreadable or invalid `codehub.toml`, a value out of range
/// (`max_file_size` or `queue_bound` of 0, an `http` that is not an address).
pub fn resolve(root: &Path, given: &Given<'_>) -> Result<Settings> {
    let path = root.join(FILE_NAME);
    let read = read_file(&path)?;
    let exists = read.is_some();
    let file = read.unwrap_or_default();
    let ix = given.index.cloned().unwrap_or_default();
    let dm = given.daemon.cloned().unwrap_or_default();
    let globs = |v: Vec<String>| (!v.is_empty()).then_some(v);
    let file_http = match &file.http {
        Some(text) => Some(Some(text.parse::<SocketAddr>().with_context(|| {
            format!("{}: http = {text:?} is not an address such as 127.0.0.1:7878", path.display())
        })?)),
        None => None,
    };
    let p = &path;
    let settings = Settings {
        root: root.to_owned(),
        file: exists.then(|| path.clone()),
        include: pick(
            given,
            "include",
            "CODEHUB_INCLUDE",
            globs(ix.include),
            file.include,
            p,
            vec![],
        ),
        exclude: pick(
            given,
            "exclude",
            "CODEHUB_EXCLUDE",
            globs(ix.exclude),
            file.exclude,
            p,
            vec![],
        ),
        max_file_size: pick(
            given,
            "max_file_size",
            "CODEHUB_MAX_FILE_SIZE",
            ix.max_file_size,
            file.max_file_size,
            p,
            2 * 1024 * 1024,
        ),
        include_vendored: pick(
            given,
            "include_vendored",
            "CODEHUB_INCLUDE_VENDORED",
            ix.include_vendored,
            file.include_vendored,
            p,
            false,
        ),
        workers: pick(given, "workers", "CODEHUB_WORKERS", ix.workers, file.workers, p, 0),
        queue_bound: pick(
            given,
            "queue_bound",
            "CODEHUB_QUEUE_BOUND",
            dm.queue_bound,
            file.queue_bound,
            p,
            index::DaemonOptions::default().queue_bound,
        ),
        settle_ms: pick(
            given,
            "settle_ms",
            "CODEHUB_SETTLE_MS",
            dm.settle_ms,
            file.settle_ms,
            p,
            index::DaemonOptions::default().settle.as_millis() as u64,
        ),
        debounce_ms: pick(
            given,
            "debounce_ms",
            "CODEHUB_DEBOUNCE_MS",
            dm.debounce_ms,
            file.debounce_ms,
            p,
            index::DaemonOptions::default().debounce.as_millis() as u64,
        ),
        poll: pick(given, "poll", "CODEHUB_POLL", dm.poll, file.poll, p, false),
        http: pick(given, "http", "CODEHUB_HTTP", dm.http.map(Some), file_http, p, None),
        auth: pick(given, "auth", "CODEHUB_AUTH", dm.auth, file.auth, p, false),
        log: pick(given, "log", "CODEHUB_LOG", given.log.cloned(), file.log, p, DEFAULT_LOG.into()),
        rules: file.rules.unwrap_or_default(),
        scripts_dir: match file.scripts {
            Some(dir) => root.join(dir),
            None => index::StateDir::under(root).path().join(SCRIPTS_DIR),
        },
        script_timeout: std::time::Duration::from_millis(
            file.script_timeout_ms.unwrap_or(DEFAULT_SCRIPT_TIMEOUT_MS),
        ),
    };
    // Values are checked by the commands that use them: a daemon setting in
    // codehub.toml does not stop `codehub find`.
    if given.index.is_some() && settings.max_file_size.value == 0 {
        bail!("max_file_size ({}) must be at least 1 byte", settings.max_file_size.origin);
    }
    if given.daemon.is_some() && settings.queue_bound.value == 0 {
        bail!("queue_bound ({}) must be at least 1", settings.queue_bound.origin);
    }
    if given.daemon.is_some() && settings.auth.value && settings.http.value.is_none() {
        let why = format!("auth ({}) needs an HTTP address (--http)", settings.auth.origin);
        return Err(Usage(why).into());
    }
    Ok(settings)
}

impl Settings {
    /// The rules in force: the built-in rules with codehub.toml's `[[rules]]`
    /// applied. Errors: a rule the file states wrongly (named, with what is allowed).
    pub fn rules(&self) -> Result<store::rules::RuleSet> {
        store::rules::RuleSet::configure(&self.rules).with_context(|| {
            let file = self.root.join(FILE_NAME);
            format!("{}: [[rules]]", file.display())
        })
    }

    /// The update scripts the rules in force run, loaded and compiled; `None` when no
    /// enabled rule runs a script. Errors: a rule is wrong, a script is missing, cannot
    /// be read or does not parse.
    pub fn scripts(
        &self,
        rules: &store::rules::RuleSet,
    ) -> Result<Option<std::sync::Arc<dyn store::scripts::UpdateScripts>>> {
        if rules.scripts().is_empty() {
            return Ok(None);
        }
        let limits = script::Limits { time: self.script_timeout, ..script::Limits::default() };
        let scripts = script::Scripts::load(&self.root, &self.scripts_dir, limits)?;
        scripts.check(rules)?;
        Ok(Some(std::sync::Arc::new(scripts)))
    }

    /// The indexing configuration these settings describe, for `root` (with
    /// `state_dir` when given). Errors: the root is not a directory, a glob is invalid.
    pub fn index_config(&self, state_dir: Option<PathBuf>) -> Result<index::Config> {
        let mut config = index::Config::new(&self.root)?;
        if let Some(dir) = state_dir {
            config.state_dir = dir;
        }
        config.max_file_size = self.max_file_size.value;
        config.workers = self.workers.value;
        config.include_vendored = self.include_vendored.value;
        config.rules = self.rules()?;
        config.scripts = self.scripts(&config.rules)?;
        config.globs = index::PathGlobs::new(&self.include.value, &self.exclude.value)
            .with_context(|| {
                let origin = if self.include.origin != Origin::Default {
                    &self.include.origin
                } else {
                    &self.exclude.origin
                };
                format!("include/exclude ({origin})")
            })?;
        Ok(config)
    }

    /// The daemon options these settings describe.
    pub fn daemon_options(&self) -> index::DaemonOptions {
        index::DaemonOptions {
            queue_bound: self.queue_bound.value,
            force_polling: self.poll.value,
            settle: std::time::Duration::from_millis(self.settle_ms.value),
            debounce: std::time::Duration::from_millis(self.debounce_ms.value),
            ..index::DaemonOptions::default()
        }
    }

    /// `(key, value as JSON, origin)` for every option, in the file's key order.
    pub fn entries(&self) -> Vec<(&'static str, serde_json::Value, &Origin)> {
        use serde_json::json;
        vec![
            ("include", json!(self.include.value), &self.include.origin),
            ("exclude", json!(self.exclude.value), &self.exclude.origin),
            ("max_file_size", json!(self.max_file_size.value), &self.max_file_size.origin),
            ("include_vendored", json!(self.include_vendored.value), &self.include_vendored.origin),
            ("workers", json!(self.workers.value), &self.workers.origin),
            ("queue_bound", json!(self.queue_bound.value), &self.queue_bound.origin),
            ("settle_ms", json!(self.settle_ms.value), &self.settle_ms.origin),
            ("debounce_ms", json!(self.debounce_ms.value), &self.debounce_ms.origin),
            ("poll", json!(self.poll.value), &self.poll.origin),
            ("http", json!(self.http.value.map(|a| a.to_string())), &self.http.origin),
            ("auth", json!(self.auth.value), &self.auth.origin),
            ("log", json!(self.log.value), &self.log.origin),
        ]
    }
}

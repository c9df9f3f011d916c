//! Where a root's state lives and how it is found: `.codehub/` under the root by
//! default, overridable, and discovered from any directory inside the root by walking
//! up, as git finds `.git`.

use std::path::{Path, PathBuf};

pub use model::state_dir::{
    StateDir, DB_FILE, KEY_FILE, LOCK_FILE, LOG_FILE, SOCKET_FILE, STATE_DIR_NAME,
};

/// What the state directory's `.gitignore` holds: everything, itself included, but
/// `scripts/`: update scripts are the project's own code and stay tracked.
const GITIGNORE: &str =
    "# Written by codehub: its state (the index, the daemon's socket and logs).\n\
     # Update scripts (scripts/) are yours: they stay tracked.\n/*\n!/scripts/\n";

/// How to index one root.
#[derive(Clone, Debug)]
pub struct Config {
    /// The directory being indexed, canonical (absolute, symlinks resolved).
    pub root: PathBuf,
    /// Where the index and other state live (`{root}/.codehub` by default).
    pub state_dir: PathBuf,
    /// Files larger than this many bytes are skipped with a diagnostic (SPEC §5.7:
    /// 2 MiB by default).
    pub max_file_size: u64,
    /// Extraction threads; 0 means one per core.
    pub workers: usize,
    /// Index directories of third-party code kept in the tree ([`crate::VENDORED_DIRS`]);
    /// off by default: an agent asking what calls a function, or searching the code
    /// about X, wants the project's own code, not a copy of jQuery.
    pub include_vendored: bool,
    /// The `include`/`exclude` globs (none by default): they narrow what the walk and
    /// the daemon's path filter index.
    pub globs: crate::PathGlobs,
    /// The rules of the change cascade the writer follows (the built-in rules by
    /// default; `[[rules]]` of `codehub.toml`).
    pub rules: store::rules::RuleSet,
    /// The update scripts the rules' `script` actions run (none by default; the CLI
    /// loads `.codehub/scripts` with the `script` crate).
    pub scripts: Option<std::sync::Arc<dyn store::scripts::UpdateScripts>>,
}

/// Errors locating or preparing a root.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// An IO error on the root, the state directory, or the directory [`find_state`]
    /// started from.
    #[error("{path}: {source}")]
    Io {
        /// The path the failure concerns.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The root exists but is not a directory.
    #[error("{0} is not a directory")]
    NotADirectory(PathBuf),
    /// No `.codehub/index.db` in the directory given or any of its ancestors.
    #[error("no codehub index found in {0} or any parent directory (run `codehub index` first)")]
    NoIndex(PathBuf),
}

impl Config {
    /// A configuration for `root` with the default state directory and limits.
    /// Errors when `root` does not exist or is not a directory.
    pub fn new(root: &Path) -> Result<Config, ConfigError> {
        let root = root
            .canonicalize()
            .map_err(|source| ConfigError::Io { path: root.to_owned(), source })?;
        if !root.is_dir() {
            return Err(ConfigError::NotADirectory(root));
        }
        Ok(Config {
            state_dir: StateDir::under(&root).path().to_owned(),
            root,
            max_file_size: 2 * 1024 * 1024,
            workers: 0,
            include_vendored: false,
            globs: crate::PathGlobs::default(),
            rules: store::rules::RuleSet::builtin(),
            scripts: None,
        })
    }

    /// The index database path.
    pub fn db_path(&self) -> PathBuf {
        StateDir::new(&self.state_dir).db()
    }

    /// Creates the state directory (mode 0700: the index reveals source code) holding
    /// a `.gitignore` of `*`, so that `git status` never lists the index. The
    /// `.gitignore` is written only into a directory codehub made or already uses
    /// (new, empty or named `.codehub`), never into someone else's directory named by
    /// `--state-dir`, and an existing one is left as it is.
    pub fn create_state_dir(&self) -> Result<(), ConfigError> {
        let io = |source| ConfigError::Io { path: self.state_dir.clone(), source };
        let existed = self.state_dir.is_dir();
        std::fs::create_dir_all(&self.state_dir).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.state_dir, std::fs::Permissions::from_mode(0o700))
                .map_err(io)?;
        }
        let ours = !existed
            || StateDir::new(&self.state_dir).has_default_name()
            || std::fs::read_dir(&self.state_dir).map_err(io)?.next().is_none();
        if ours {
            self.write_gitignore()?;
        }
        Ok(())
    }

    /// Writes `{state_dir}/.gitignore` (`*`) unless a file of that name exists.
    fn write_gitignore(&self) -> Result<(), ConfigError> {
        use std::io::Write;
        let path = StateDir::new(&self.state_dir).gitignore();
        let io = |source| ConfigError::Io { path: path.clone(), source };
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => file.write_all(GITIGNORE.as_bytes()).map_err(io),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(io(e)),
        }
    }

    /// Number of extraction threads to run.
    pub fn worker_count(&self) -> usize {
        if self.workers > 0 {
            self.workers
        } else {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        }
    }
}

/// A located index: the state directory and the database in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The `.codehub` directory found.
    pub state_dir: PathBuf,
    /// The index database in it (`{state_dir}/index.db`).
    pub db_path: PathBuf,
}

/// Finds the index for `start`: the first `{dir}/.codehub/index.db` in `start` or its
/// ancestors. Errors with [`ConfigError::NoIndex`] when there is none.
pub fn find_state(start: &Path) -> Result<Located, ConfigError> {
    let start = start
        .canonicalize()
        .map_err(|source| ConfigError::Io { path: start.to_owned(), source })?;
    for dir in start.ancestors() {
        let state = StateDir::under(dir);
        let (state_dir, db_path) = (state.path().to_owned(), state.db());
        if db_path.is_file() {
            return Ok(Located { state_dir, db_path });
        }
    }
    Err(ConfigError::NoIndex(start))
}

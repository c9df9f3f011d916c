//! The files codehub keeps in a state directory (`.codehub/` under a root by
//! default), named here and nowhere else: the indexer, the daemon, the socket
//! server and client, `codehub mcp` and the HTTP interface all find them by these
//! names.

/// The state directory's name under a root.
pub const STATE_DIR_NAME: &str = ".codehub";
/// The index database (SQLite, WAL).
pub const DB_FILE: &str = "index.db";
/// The daemon's JSON-RPC Unix socket (mode 0600).
pub const SOCKET_FILE: &str = "daemon.sock";
/// The lock a running daemon holds (`flock`), with its pid inside: one daemon per
/// state directory.
pub const LOCK_FILE: &str = "daemon.lock";
/// The log of a daemon started in the background (by `codehub mcp`).
pub const LOG_FILE: &str = "daemon.log";
/// The HTTP interface's 32-byte HS256 signing key (mode 0600).
pub const KEY_FILE: &str = "auth.key";
/// Keeps the state directory out of git and of walkers that read `.gitignore`.
pub const GITIGNORE_FILE: &str = ".gitignore";

use std::path::{Path, PathBuf};

/// A state directory: the one type that names its files. Every crate that reads or
/// writes one of them takes its path from here (`StateDir::new(dir).db()`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StateDir(PathBuf);

impl StateDir {
    /// The state directory at `path`.
    pub fn new(path: impl Into<PathBuf>) -> StateDir {
        StateDir(path.into())
    }

    /// The default state directory of `root`: `root/.codehub`.
    pub fn under(root: &Path) -> StateDir {
        StateDir(root.join(STATE_DIR_NAME))
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Whether the directory has the default name ([`STATE_DIR_NAME`]).
    pub fn has_default_name(&self) -> bool {
        self.0.file_name() == Some(std::ffi::OsStr::new(STATE_DIR_NAME))
    }

    /// [`DB_FILE`]: the index database.
    pub fn db(&self) -> PathBuf {
        self.0.join(DB_FILE)
    }

    /// [`SOCKET_FILE`]: the daemon's socket.
    pub fn socket(&self) -> PathBuf {
        self.0.join(SOCKET_FILE)
    }

    /// [`LOCK_FILE`]: the running daemon's lock.
    pub fn lock(&self) -> PathBuf {
        self.0.join(LOCK_FILE)
    }

    /// [`LOG_FILE`]: the background daemon's log.
    pub fn log(&self) -> PathBuf {
        self.0.join(LOG_FILE)
    }

    /// [`KEY_FILE`]: the HTTP interface's signing key.
    pub fn key(&self) -> PathBuf {
        self.0.join(KEY_FILE)
    }

    /// [`GITIGNORE_FILE`]: keeps the directory out of git.
    pub fn gitignore(&self) -> PathBuf {
        self.0.join(GITIGNORE_FILE)
    }
}

impl AsRef<Path> for StateDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

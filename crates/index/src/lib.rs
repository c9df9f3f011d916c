//! Building and refreshing the graph of a root: the parallel walk, per-file change
//! detection (size/mtime, then hash), extraction on every core, and the single writer
//! that commits immutable per-file results.
//!
//! Invariants: workers share nothing mutable (each sends an owned [`model::facts::FileFacts`]
//! down a bounded channel, so a slow writer slows the walk instead of dropping work);
//! only the writer thread touches the store; an unchanged file is never re-parsed.

#![warn(missing_docs)]

mod apply;
mod config;
mod daemon;
mod filter;
mod priority;
mod queue;
mod walk;

pub use filter::{GlobError, PathGlobs, VENDORED_DIRS};

pub use config::{
    find_state, Config, ConfigError, Located, StateDir, DB_FILE, KEY_FILE, LOCK_FILE, LOG_FILE,
    SOCKET_FILE, STATE_DIR_NAME,
};
pub use daemon::{daemon_holding, Daemon, DaemonError, DaemonOptions};
pub use walk::{index, index_until, IndexError, IndexReport, Skipped};

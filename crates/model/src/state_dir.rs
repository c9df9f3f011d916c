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

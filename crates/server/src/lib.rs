//! The socket server and client library: the method set of SPEC §6 over a read-only
//! store ([`methods`]), served as newline-delimited JSON-RPC 2.0 on the state
//! directory's Unix socket ([`serve`]), and used by clients through [`Client`] (a
//! daemon) or [`Codehub`] (a daemon when one answers, else the index directly).
//!
//! Invariants: only `protocol` types go on the wire; the table from error kinds to
//! JSON-RPC codes is [`errors`] and nowhere else; request threads only read (each
//! owns a read-only WAL connection, so readers never block the daemon's writer); a
//! panic or a timeout ends one request, never the server.

#![warn(missing_docs)]

mod client;
pub mod errors;
mod impact;
pub mod jsonrpc;
pub mod methods;
mod socket;

pub use client::{
    Client, Codehub, DB_FILE, DEFAULT_CALL_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, LOG_FILE, SOCKET_FILE,
};
pub use jsonrpc::parse_request;
pub use methods::dispatch;
pub use protocol;
pub use socket::{request_deadline, serve, wake, Limits};

/// What the socket server needs from a running daemon besides the store.
pub trait Live: Send + Sync + 'static {
    /// Blocks until every file change made before the call is committed (the sync
    /// barrier); returns the clock then. Errors with a message on timeout/shutdown
    /// (answered as kind `timeout`).
    fn sync(&self, timeout: std::time::Duration) -> Result<u64, String>;
    /// Daemon facts for `status`: pid, uptime, queue depth, changes applied, rescans,
    /// last error, watch mode.
    fn daemon_status(&self) -> protocol::DaemonStatus;
    /// Asks the daemon to stop (the `shutdown` method, used by `codehub stop`). Must
    /// return without waiting for the stop: it runs on a request thread.
    fn shutdown(&self);
    /// The daemon's `context.pack` sessions; `None` (the default) when packs cannot
    /// be remembered (every pack is then sent whole).
    fn sessions(&self) -> Option<&context::Sessions> {
        None
    }
    /// Blocks until a commit takes the clock past `after` or `timeout` passes (or the
    /// daemon stops); returns the clock then. Change-notification pushers loop on it.
    /// The default (a daemon that never commits) waits out the timeout.
    fn wait_for_commit(&self, after: u64, timeout: std::time::Duration) -> u64 {
        std::thread::sleep(timeout);
        after
    }
}

//! `codehub mcp`: a stdio MCP server (rmcp) whose tools mirror the method set.
//!
//! Every tool is one JSON-RPC call to the root's daemon over its Unix socket
//! ([`server::Client`], run on tokio's blocking pool); the daemon is started in the
//! background when none runs, and the MCP handshake never waits for it or for
//! indexing. A tool answers with short text for the agent (signatures and
//! `path:line` locations) plus the `protocol` result as structured content; daemon
//! errors (`not_found`, `ambiguous` with its candidates, `timeout`...) and "codehub
//! is starting" are tool errors with readable text, never protocol failures.
//!
//! Nothing but MCP messages is written to stdout: logs go to stderr (the caller
//! sets up tracing), the started daemon writes to `daemon.log` in the state
//! directory.

#![warn(missing_docs)]

mod daemon;
mod render;
mod tools;

pub use daemon::{Answer, CallError, Coverage, Daemon, Launch, LOG_FILE};
pub use tools::{CodehubMcp, TOOL_NAMES};

use rmcp::ServiceExt;
use std::sync::Arc;

/// Errors running the MCP server.
#[derive(Debug, thiserror::Error)]
pub enum McpError {
    /// The MCP session could not be set up (the client hung up during the handshake,
    /// or sent something that is not MCP).
    #[error("MCP handshake failed: {0}")]
    Handshake(String),
    /// The session ended with an error.
    #[error("MCP session failed: {0}")]
    Session(String),
    /// The async runtime could not be started.
    #[error("starting the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// [`serve_stdio`] on a runtime of its own (two worker threads; blocking daemon calls
/// run on its blocking pool): the entry point of `codehub mcp`. Returns when the
/// client closes stdin, without waiting for calls still blocked on the daemon.
pub fn run(launch: Launch) -> Result<(), McpError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(McpError::Runtime)?;
    let served = runtime.block_on(serve_stdio(launch));
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    served
}

/// Serves MCP on stdin/stdout until the client closes stdin. Starts the daemon of
/// `launch.root` in the background when none runs (in parallel with the handshake).
/// Errors: [`McpError`].
pub async fn serve_stdio(launch: Launch) -> Result<(), McpError> {
    let daemon = Arc::new(Daemon::new(launch));
    let starter = daemon.clone();
    // Connect or start the daemon while the client initialises: the first tool call
    // then finds it (nearly) up. Failures are reported by the tool calls themselves.
    tokio::task::spawn_blocking(move || {
        if let Err(e) = starter.ensure_started() {
            tracing::warn!(error = %e, "could not start the codehub daemon");
        }
    });
    let service = CodehubMcp::new(daemon)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| McpError::Handshake(e.to_string()))?;
    service.waiting().await.map_err(|e| McpError::Session(e.to_string()))?;
    Ok(())
}

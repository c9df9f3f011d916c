//! `codehub mcp [PATH]`: the stdio MCP server for agents (crate `mcp`). Finds the
//! root and its state directory like `serve`, starts the daemon in the background
//! when none runs (`codehub serve ROOT` detached, logging to `daemon.log`), and
//! serves MCP on stdin/stdout until the client closes stdin. Nothing else is
//! written to stdout.

use anyhow::{Context, Result};
use std::process::ExitCode;
use std::time::Duration;

/// How long a tool call waits for a daemon that is starting before answering
/// "codehub is starting, try again".
const STARTUP_WAIT: Duration = Duration::from_secs(10);

/// Serves MCP for `config`'s root.
pub fn run(config: index::Config) -> Result<ExitCode> {
    config.create_state_dir().context("creating the state directory")?;
    let exe = std::env::current_exe().context("finding the codehub executable")?;
    let launch = mcp::Launch {
        exe,
        root: config.root.clone(),
        state_dir: config.state_dir.clone(),
        startup_wait: STARTUP_WAIT,
    };
    mcp::run(launch)?;
    Ok(ExitCode::SUCCESS)
}

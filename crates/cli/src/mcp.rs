//! `codehub mcp [PATH]`: the stdio MCP server for agents (crate `mcp`). Finds the
//! root and its state directory like `serve`, starts the daemon in the background
//! when none runs (`codehub serve ROOT` detached, logging to `daemon.log`), and
//! serves MCP on stdin/stdout until the client closes stdin. Nothing else is
//! written to stdout. `codehub mcp install` (`mcp_install`) sets a client up to run it.

use crate::mcp_install;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// `codehub mcp [PATH]` and `codehub mcp install --client NAME [PATH]`.
#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct McpArgs {
    /// The root to serve (default: as for `index`).
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<McpCommand>,
}

#[derive(clap::Subcommand, Debug)]
pub enum McpCommand {
    /// Write an MCP client's configuration to run `codehub mcp` for this root
    /// (claude-code, cursor, vscode, codex, windsurf, gemini), merged into its file.
    Install(mcp_install::InstallArgs),
}

impl McpArgs {
    /// The root the command is about, as given.
    pub fn path(&self) -> Option<&Path> {
        match &self.command {
            Some(McpCommand::Install(install)) => install.path.as_deref(),
            None => self.path.as_deref(),
        }
    }
}

/// Runs `codehub mcp` (serving) or `codehub mcp install` for `config`'s root.
pub fn main(config: index::Config, args: &McpArgs, json: bool) -> Result<ExitCode> {
    match &args.command {
        Some(McpCommand::Install(install)) => mcp_install::run(install, &config.root, json),
        None => run(config),
    }
}

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

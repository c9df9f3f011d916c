//! `codehub token issue`: signs a JWT bearer token for `codehub serve --http --auth`
//! with the key in the state directory (created on first use, mode 0600).

use anyhow::{anyhow, Result};
use clap::Subcommand;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `codehub token ...`
#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Print a new bearer token for the HTTP/WebSocket server.
    Issue {
        /// Who the token is for (the `sub` claim).
        #[arg(long, value_name = "NAME")]
        sub: String,
        /// `user` or `device`.
        #[arg(long = "type", value_name = "TYPE", default_value = "user")]
        token_type: String,
        /// Scopes, comma- or space-separated: `read`, `write` (adds sync), `admin`
        /// (adds shutdown). Each includes the ones before it.
        #[arg(long, value_name = "SCOPES", default_value = "read")]
        scope: String,
        /// How long the token is valid, e.g. `24h`, `30m`, `7days`.
        #[arg(long, value_name = "DURATION", default_value = "24h")]
        ttl: String,
    },
}

/// Runs a token subcommand with keys in `state_dir`; prints the token on stdout.
pub fn run(command: &TokenCommand, state_dir: &Path) -> Result<ExitCode> {
    match command {
        TokenCommand::Issue { sub, token_type, scope, ttl } => {
            let token_type = web::auth::TokenType::parse(token_type)
                .ok_or_else(|| anyhow!("unknown --type {token_type:?}: use user or device"))?;
            let scope = web::auth::parse_scopes(scope).map_err(|e| anyhow!(e))?;
            let ttl = web::auth::parse_ttl(ttl).map_err(|e| anyhow!(e))?;
            let token = web::auth::issue(state_dir, sub, token_type, scope, ttl)?;
            // A write error (a closed pipe) goes up to main, which exits quietly on one.
            writeln!(std::io::stdout().lock(), "{token}")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

//! `codehub context NODE... [--budget N] [--query Q] [--encoding E] [--session S]`:
//! a token-budgeted context pack (the `context.pack` method), printed as the pack's
//! text and a short footer, or the whole result with `--json`.

use crate::output::Out;
use anyhow::Result;
use server::protocol::{self, ContextParams, ContextResult, Encoding};
use std::io::Write;

/// The arguments of `codehub context`.
#[derive(clap::Args, Debug)]
pub struct ContextArgs {
    /// Seed nodes: ids, qualified names or bare names.
    #[arg(value_name = "NODE")]
    pub nodes: Vec<String>,
    /// Most tokens the pack may take.
    #[arg(long, default_value_t = protocol::DEFAULT_BUDGET,
          value_parser = clap::value_parser!(u32).range(1..=protocol::MAX_BUDGET as i64))]
    pub budget: u32,
    /// Words to search for: the best hits become seeds too.
    #[arg(long, value_name = "WORDS")]
    pub query: Option<String>,
    /// Tokenizer to count with: o200k_base or cl100k_base.
    #[arg(long, default_value = "o200k_base", value_parser = ["o200k_base", "cl100k_base"])]
    pub encoding: String,
    /// Session id: a running daemon then leaves out what this session already has.
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
}

impl ContextArgs {
    /// The `context.pack` params these arguments ask for.
    pub fn params(&self) -> ContextParams {
        ContextParams {
            nodes: self.nodes.clone(),
            query: self.query.clone(),
            budget: Some(self.budget),
            encoding: Some(match self.encoding.as_str() {
                "cl100k_base" => Encoding::Cl100kBase,
                _ => Encoding::O200kBase,
            }),
            session: self.session.clone(),
            sync: false,
        }
    }
}

/// Prints a pack: its text, then `-- N/BUDGET tokens (ENCODING) · n included ·
/// n omitted[ · n unchanged]` (`--json` prints the result itself, in `main`).
pub fn print(out: &mut Out, r: &ContextResult) -> Result<()> {
    let stdout = out.writer();
    write!(stdout, "{}", r.text)?;
    if !r.text.is_empty() && !r.text.ends_with('\n') {
        writeln!(stdout)?;
    }
    let encoding = match r.encoding {
        Encoding::O200kBase => "o200k_base",
        Encoding::Cl100kBase => "cl100k_base",
    };
    write!(
        stdout,
        "-- {}/{} tokens ({encoding}) · {} included · {} omitted",
        r.tokens,
        r.budget,
        r.included.len(),
        r.omitted.len()
    )?;
    if !r.unchanged.is_empty() {
        write!(stdout, " · {} unchanged since sent in this session", r.unchanged.len())?;
    }
    writeln!(stdout)?;
    Ok(())
}

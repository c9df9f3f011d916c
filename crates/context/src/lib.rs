//! `context.pack`: token-budgeted context around seed nodes (personalized PageRank
//! over the graph near the seeds, rendered and counted with a real BPE tokenizer),
//! and the sessions that let later packs send only what changed.

#![warn(missing_docs)]

/// Context-pack sessions kept by a running daemon (skeleton: filled in by the
/// context.pack work).
#[derive(Debug, Default)]
pub struct Sessions {}

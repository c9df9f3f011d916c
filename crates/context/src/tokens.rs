//! Token counting with a real BPE vocabulary (`tiktoken-rs`), never characters/4.
//! Each vocabulary is built at most once per process (it takes 100 ms or more), on
//! first use, in a `OnceLock`.

use protocol::Encoding;
use std::sync::OnceLock;
use tiktoken_rs::CoreBPE;

/// The vocabulary could not be built (its embedded data failed to load).
#[derive(Debug, thiserror::Error)]
#[error("building the {encoding} tokenizer: {message}")]
pub struct TokenizerError {
    /// The encoding's name, e.g. `o200k_base`.
    pub encoding: &'static str,
    /// What went wrong.
    pub message: String,
}

/// A BPE vocabulary ready to count with.
#[derive(Clone, Copy)]
pub struct Tokenizer {
    bpe: &'static CoreBPE,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer").finish_non_exhaustive()
    }
}

impl Tokenizer {
    /// The process-wide tokenizer of `encoding`, built on first use.
    ///
    /// Errors: [`TokenizerError`] when the vocabulary cannot be built (the failure is
    /// remembered: later calls fail the same way without retrying).
    pub fn get(encoding: Encoding) -> Result<Tokenizer, TokenizerError> {
        static O200K: OnceLock<Result<CoreBPE, String>> = OnceLock::new();
        static CL100K: OnceLock<Result<CoreBPE, String>> = OnceLock::new();
        let (cell, name) = match encoding {
            Encoding::O200kBase => (&O200K, "o200k_base"),
            Encoding::Cl100kBase => (&CL100K, "cl100k_base"),
        };
        let built = cell.get_or_init(|| {
            let bpe = match encoding {
                Encoding::O200kBase => tiktoken_rs::o200k_base(),
                Encoding::Cl100kBase => tiktoken_rs::cl100k_base(),
            };
            bpe.map_err(|e| e.to_string())
        });
        match built {
            Ok(bpe) => Ok(Tokenizer { bpe }),
            Err(message) => Err(TokenizerError { encoding: name, message: message.clone() }),
        }
    }

    /// The number of tokens `text` encodes to. Special-token spellings such as
    /// `<|endoftext|>` count as ordinary text, as they would inside pasted code.
    pub fn count(&self, text: &str) -> u32 {
        self.bpe.encode_ordinary(text).len() as u32
    }
}

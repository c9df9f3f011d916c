//! Turns the bytes of one source file into facts: nodes, edges, exported symbols and
//! diagnostics. Tree-sitter with the official grammars does the parsing; each language
//! has one module that maps its syntax onto codehub's node kinds.
//!
//! Invariants: this crate does no IO (it is handed bytes and a root-relative path), it
//! never fails on broken code (it returns what tree-sitter recovered plus diagnostics),
//! and its output is a pure function of `(path, bytes)`, so two workers can never
//! disagree about a file.

mod builder;
mod c;
mod check;
mod common;
mod dump;
mod go;
mod java;
mod javascript;
mod python;
mod rust;
mod walk;

use model::Language;

pub use model::facts::{Diagnostic, EdgeFacts, FileFacts, NodeFacts, Symbol, SymbolTarget, Target};

pub use check::invariant_violations;
pub use dump::dump;

/// Files nested deeper than this many syntax levels are indexed down to this depth; the
/// rest is skipped with a diagnostic. Keeps recursion bounded on adversarial input.
pub const MAX_DEPTH: usize = 200;

/// BLAKE3 of `bytes` as 64 lowercase hex digits (the SPEC §2 hash spelling).
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Extracts the facts of the file at root-relative `path` whose content is `source`.
/// Returns `None` when the extension is not one codehub parses (SPEC §4). Never fails
/// on bad content: syntax errors and invalid UTF-8 become [`Diagnostic`]s.
///
/// `tsconfig.json`, `jsconfig.json` and `go.mod` are extracted too (see [`is_indexed`]).
pub fn extract(path: &str, source: &[u8]) -> Option<FileFacts> {
    if javascript::is_config(path) {
        return Some(javascript::extract_config(path, source));
    }
    if go::is_go_mod(path) {
        return Some(go::extract_go_mod(path, source));
    }
    let language = Language::from_path(path)?;
    let facts = match language {
        Language::Python => python::extract(path, source),
        Language::Rust => rust::extract(path, source),
        Language::JavaScript | Language::TypeScript => javascript::extract(path, source, language),
        Language::C => c::extract(path, source),
        Language::Go => go::extract(path, source),
        Language::Java => java::extract(path, source),
    };
    Some(facts)
}

/// Whether [`extract`] reads the file at `path`: a source file in a language
/// [`Language::from_path`] knows, or a project file extracted only for the symbols it
/// contributes: `tsconfig.json` and `jsconfig.json`, whose `paths`/`baseUrl` mappings
/// become `js:pkg:` aliases, and `go.mod`, whose module path becomes a `go:mod:` alias.
pub fn is_indexed(path: &str) -> bool {
    Language::from_path(path).is_some() || javascript::is_config(path) || go::is_go_mod(path)
}

//! Turns the bytes of one source file into facts: nodes, edges, exported symbols and
//! diagnostics. Tree-sitter with the official grammars does the parsing; each language
//! has one module that maps its syntax onto codehub's node kinds.
//!
//! Invariants: this crate does no IO (it is handed bytes and a root-relative path), it
//! never fails on broken code (it returns what tree-sitter recovered plus diagnostics),
//! and its output is a pure function of `(path, bytes)`, so two workers can never
//! disagree about a file.

#![warn(missing_docs)]

mod builder;
mod c;
mod check;
mod common;
mod cpp;
mod csharp;
mod dump;
mod go;
mod java;
mod javascript;
mod php;
mod python;
mod ruby;
mod rust;
mod walk;

use model::Language;

pub use model::facts::{Diagnostic, EdgeFacts, FileFacts, NodeFacts, Symbol, SymbolTarget, Target};

pub use check::invariant_violations;
pub use dump::dump;

/// Files nested deeper than this many syntax levels are indexed down to this depth; the
/// rest is skipped with a diagnostic. Keeps recursion bounded on adversarial input.
pub const MAX_DEPTH: usize = 200;

/// The version of what extraction produces from unchanged source, recorded in the
/// store by every complete index run (`Store::extractor_version`). An index written
/// by another version is re-extracted file by file at the next run, so an upgrade
/// never leaves old files without what a new build extracts (new edge kinds, better
/// resolution) while new files have it. Bump it when the extracted facts of
/// existing source change.
///
/// 2: `references` edges (non-call uses: Python, JavaScript, TypeScript).
/// 3: C++ (`.cpp`, `.hpp`, ... and `.h` headers with C++ syntax, once parsed as C);
/// pytest fixtures and `setUpClass` attributes; JS/TS `describe`/`it` blocks as nodes.
/// 4: Python methods returning their receiver export `K.m.__return__` →
/// `model::keys::RECEIVER`, and `self.__class__(...)` is such a return.
/// 5: Python locals bound in every arm of an `if`/`else` chain are unions, and a
/// union of instances (returned, an attribute, a module-level instance) exports
/// `K.*` star rows to its classes with an order row; Python calls of builtins are
/// keyed `py:builtins.NAME`; `with`, `for` and `raise C` make the calls of their
/// protocols.
/// 6: Python lambdas bound to names are nodes, and the items of annotated
/// collections (returned, indexed, a mapping's values) are typed; TypeScript
/// receivers of generic classes carry their type arguments, arrays their elements,
/// conditions narrow names, interfaces export every base, and the untyped
/// parameters of a function passed as an argument are typed by the callee
/// (`K.f.__arg0__.__arg1__` aliases).
pub const VERSION: u32 = 6;

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
    let language = Language::of(path, source)?;
    let facts = match language {
        Language::Python => python::extract(path, source),
        Language::Rust => rust::extract(path, source),
        Language::JavaScript | Language::TypeScript => javascript::extract(path, source, language),
        Language::C => c::extract(path, source),
        Language::Cpp => cpp::extract(path, source),
        Language::Go => go::extract(path, source),
        Language::Java => java::extract(path, source),
        Language::CSharp => csharp::extract(path, source),
        Language::Ruby => ruby::extract(path, source),
        Language::Php => php::extract(path, source),
    };
    Some(facts)
}

/// The tree-sitter grammar of the source file at `path` by its name alone, or `None`
/// when it is not a language codehub parses: a `.h` is C here, while [`extract`] reads
/// it as C++ when its content says so ([`Language::of`]).
pub fn grammar(path: &str) -> Option<tree_sitter::Language> {
    Some(grammar_of(Language::from_path(path)?, path))
}

/// The tree-sitter grammar of `language`, for the file at `path`.
fn grammar_of(language: Language, path: &str) -> tree_sitter::Language {
    match language {
        Language::Python => tree_sitter_python::LANGUAGE.into(),
        Language::Rust => tree_sitter_rust::LANGUAGE.into(),
        Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        Language::TypeScript if path.ends_with(".tsx") => {
            tree_sitter_typescript::LANGUAGE_TSX.into()
        }
        Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        Language::C => tree_sitter_c::LANGUAGE.into(),
        Language::Cpp => tree_sitter_cpp::LANGUAGE.into(),
        Language::Go => tree_sitter_go::LANGUAGE.into(),
        Language::Java => tree_sitter_java::LANGUAGE.into(),
        Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
        Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
        Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
    }
}

/// Parses `source` as [`extract`] would and stops there: the parse-only floor that
/// `codehub-bench` compares extraction and indexing with. Returns the number of
/// syntax nodes in the tree, or `None` when `path` is not a language codehub parses.
pub fn parse_only(path: &str, source: &[u8]) -> Option<usize> {
    let tree = builder::parse(&grammar_of(Language::of(path, source)?, path), source);
    Some(tree.root_node().descendant_count())
}

/// Whether [`extract`] reads the file at `path`: a source file in a language
/// [`Language::from_path`] knows, or a project file extracted only for the symbols it
/// contributes: `tsconfig.json` and `jsconfig.json`, whose `paths`/`baseUrl` mappings
/// become `js:pkg:` aliases, and `go.mod`, whose module path becomes a `go:mod:` alias.
pub fn is_indexed(path: &str) -> bool {
    Language::from_path(path).is_some() || javascript::is_config(path) || go::is_go_mod(path)
}

/// (Tests) `facts` of `src`, after checking they break no invariant
/// ([`invariant_violations`]): the one check every language's unit tests make.
#[cfg(test)]
pub(crate) fn checked(facts: FileFacts, src: &str) -> FileFacts {
    let broken = invariant_violations(&facts, src.len());
    assert!(broken.is_empty(), "{src:?}: {broken:#?}");
    facts
}

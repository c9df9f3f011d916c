//! Rust: modules, structs, enums, traits, impls and their methods, functions,
//! constants, type aliases; `use` imports, calls, `implements` edges.

use crate::builder::{self, FileBuilder};
use crate::FileFacts;
use model::Language;

/// Extracts a Rust file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_rust::LANGUAGE.into(), src);
    let b = FileBuilder::new(path, src, Language::Rust, &tree);
    b.finish()
}

//! JavaScript and TypeScript (TS and TSX grammars): classes, interfaces, type
//! aliases, enums, functions, methods, arrow functions bound to names; ES module and
//! CommonJS imports, calls, `extends`/`implements` edges.

use crate::builder::{self, FileBuilder};
use crate::FileFacts;
use model::Language;

/// Extracts a JavaScript or TypeScript file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8], language: Language) -> FileFacts {
    let grammar: tree_sitter::Language = if language == Language::JavaScript {
        tree_sitter_javascript::LANGUAGE.into()
    } else if path.ends_with(".tsx") {
        tree_sitter_typescript::LANGUAGE_TSX.into()
    } else {
        tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()
    };
    let tree = builder::parse(&grammar, src);
    let b = FileBuilder::new(path, src, language, &tree);
    b.finish()
}

//! Times extraction of the files named on the command line, split into parsing alone
//! and the full extraction, to see where extraction time goes:
//! `cargo run --release -p extract --example extract_time -- $(find DIR -name '*.py')`.

use std::time::{Duration, Instant};

fn main() {
    let mut parse = Duration::ZERO;
    let mut full = Duration::ZERO;
    let mut bytes = 0;
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read(&path) else { continue };
        bytes += src.len();
        let Some(language) = model::Language::from_path(&path) else { continue };
        let grammar: tree_sitter::Language = match language {
            model::Language::Python => tree_sitter_python::LANGUAGE.into(),
            model::Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            model::Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            model::Language::TypeScript => tree_sitter_typescript::LANGUAGE_TSX.into(),
            model::Language::C => tree_sitter_c::LANGUAGE.into(),
            model::Language::Go => tree_sitter_go::LANGUAGE.into(),
            model::Language::Java => tree_sitter_java::LANGUAGE.into(),
        };
        let started = Instant::now();
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&grammar).unwrap();
        let tree = parser.parse(&src, None);
        drop(tree);
        parse += started.elapsed();
        let started = Instant::now();
        let facts = extract::extract(&path, &src);
        drop(facts);
        full += started.elapsed();
    }
    println!("{bytes} bytes: parse {parse:?}, full extraction {full:?}");
}

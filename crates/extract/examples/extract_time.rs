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
        let Some(grammar) = extract::grammar(&path) else { continue };
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

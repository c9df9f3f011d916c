mod parser;

pub fn run(s: &str) -> usize {
    parser::parse(s)
}

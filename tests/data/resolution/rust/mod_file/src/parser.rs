pub fn parse(s: &str) -> usize {
    count(s)
}

fn count(s: &str) -> usize {
    s.len()
}

fn log(s: &str) -> usize {
    s.len()
}

pub fn run() -> usize {
    let f = |s: &str| log(s);
    f("a") + f("b")
}

pub fn run() -> u8 {
    helper()
}

fn helper() -> u8 {
    2
}

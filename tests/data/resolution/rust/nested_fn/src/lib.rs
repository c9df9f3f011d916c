pub fn outer() -> u8 {
    fn inner() -> u8 {
        helper()
    }
    inner()
}

fn helper() -> u8 {
    1
}

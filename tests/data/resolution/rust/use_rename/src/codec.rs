pub fn encode(x: u8) -> u8 {
    x
}

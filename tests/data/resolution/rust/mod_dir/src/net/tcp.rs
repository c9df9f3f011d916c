pub fn bind() -> u16 {
    80
}

mod tcp;

pub fn listen() -> u16 {
    tcp::bind()
}

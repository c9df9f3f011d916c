mod net;

pub fn start() -> u16 {
    net::listen()
}

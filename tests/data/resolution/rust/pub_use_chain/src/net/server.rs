pub struct Server {
    port: u16,
}

impl Server {
    pub fn new() -> Server {
        Server { port: 80 }
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

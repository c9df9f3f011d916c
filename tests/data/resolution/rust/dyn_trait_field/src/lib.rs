pub trait Handler {
    fn handle(&self, x: u8) -> u8;
}

pub struct Server {
    handler: Box<dyn Handler>,
}

impl Server {
    pub fn serve(&self) -> u8 {
        self.handler.handle(1)
    }
}

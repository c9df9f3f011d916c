pub struct Engine;

impl Engine {
    pub fn fire(&self) -> u8 {
        1
    }
}

pub struct Car {
    engine: Engine,
}

impl Car {
    pub fn start(&self) -> u8 {
        self.engine.fire()
    }
}

use std::sync::{Arc, Mutex};

pub struct Store {
    n: u32,
}

impl Store {
    pub fn bump(&mut self) -> u32 {
        self.n += 1;
        self.n
    }
}

pub fn shared(s: Arc<Mutex<Store>>) -> u32 {
    s.lock().unwrap().bump()
}

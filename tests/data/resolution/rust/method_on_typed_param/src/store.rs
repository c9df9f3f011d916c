pub struct Store {
    items: Vec<u8>,
}

impl Store {
    pub fn put(&mut self, v: u8) {
        self.items.push(v);
    }
}

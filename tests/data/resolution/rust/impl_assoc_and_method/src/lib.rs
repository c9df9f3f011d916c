pub struct Counter {
    n: u32,
}

impl Counter {
    pub fn new() -> Self {
        Counter { n: 0 }
    }

    pub fn bump(&mut self) -> u32 {
        self.n += 1;
        self.get()
    }

    fn get(&self) -> u32 {
        self.n
    }
}

pub fn demo() -> u32 {
    let mut c = Counter::new();
    c.bump()
}

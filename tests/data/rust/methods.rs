pub struct Counter {
    value: u64,
}

impl Counter {
    pub fn new() -> Self {
        Self::with_start(0)
    }

    pub fn with_start(start: u64) -> Self {
        Counter { value: start }
    }

    pub fn increment(&mut self) -> u64 {
        self.value += 1;
        self.value
    }

    pub fn twice(&mut self) {
        self.increment();
        self.increment();
        self.reset();
    }
}

pub fn make() -> Counter {
    let mut c = Counter::new();
    c.increment();
    c
}

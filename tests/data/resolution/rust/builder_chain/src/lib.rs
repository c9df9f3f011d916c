pub struct Req {
    url: String,
}

impl Req {
    pub fn new(url: &str) -> Self {
        Req { url: url.to_string() }
    }

    pub fn header(self, _k: &str) -> Self {
        self
    }

    pub fn send(self) -> usize {
        self.url.len()
    }
}

pub fn go() -> usize {
    Req::new("x").header("a").send()
}

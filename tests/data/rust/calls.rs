use std::mem;
use crate::net::connect;

mod util {
    pub fn tidy() {}

    pub struct Tool;

    impl Tool {
        pub fn new() -> Self {
            Tool
        }
    }
}

pub struct Engine {
    parts: Vec<u8>,
}

impl Engine {
    pub fn new() -> Self {
        Engine { parts: Vec::new() }
    }

    fn start(&mut self) {
        self.check();
        self.warm_up();
        self.parts.push(1);
        Self::new();
        Engine::new();
        Engine::stop();
    }

    fn check(&self) {}
}

fn free() {}

fn caller(e: &mut Engine) {
    free();
    util::tidy();
    util::Tool::new();
    self::free();
    crate::calls::free();
    crate::other::thing();
    super::parent_fn();
    connect("localhost");
    connect::retry();
    mem::swap(&mut 1, &mut 2);
    std::process::exit(0);
    e.start();
    e.parts.iter().map(|x| x + 1).collect::<Vec<_>>();
    <Engine as Default>::default();
    (get_fn())();
    unknown();
    String::from("x").len();
    Some(1).unwrap();
    println!("{}", 1);
}

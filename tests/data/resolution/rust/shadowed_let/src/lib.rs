pub struct A;
pub struct B;

impl A {
    pub fn new() -> A {
        A
    }
}

impl B {
    pub fn new() -> B {
        B
    }

    pub fn go(&self) -> u8 {
        2
    }
}

pub fn run() -> u8 {
    let x = A::new();
    let x = B::new();
    x.go()
}

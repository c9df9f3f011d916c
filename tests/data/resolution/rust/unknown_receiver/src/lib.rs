pub struct A;

impl A {
    pub fn go(&self) -> u8 {
        1
    }
}

pub fn run<T: Clone>(t: T) -> T {
    t.clone()
}

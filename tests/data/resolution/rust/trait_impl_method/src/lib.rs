pub trait Speak {
    fn speak(&self) -> String;
}

pub struct Dog;

impl Speak for Dog {
    fn speak(&self) -> String {
        String::from("woof")
    }
}

pub fn talk() -> String {
    let d = Dog;
    d.speak()
}

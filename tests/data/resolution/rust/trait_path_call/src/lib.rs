pub trait Named {
    fn name(&self) -> &'static str;
}

pub struct Cat;

impl Named for Cat {
    fn name(&self) -> &'static str {
        "cat"
    }
}

pub fn both(c: &Cat) -> usize {
    Named::name(c).len() + Cat::name(c).len()
}

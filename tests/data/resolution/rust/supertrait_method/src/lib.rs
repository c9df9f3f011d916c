pub trait Base {
    fn id(&self) -> u32;
}

pub trait Derived: Base {
    fn label(&self) -> String {
        format!("{}", self.id())
    }
}

pub fn show<T: Derived>(t: &T) -> u32 {
    t.id()
}

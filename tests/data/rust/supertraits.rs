pub trait Base {
    fn id(&self) -> u32;

    fn label(&self) -> String {
        format!("#{}", self.id())
    }
}

pub trait Derived: Base + Send + 'static {
    fn shout(&self) -> String {
        self.label().to_uppercase()
    }
}

pub trait Generic<T>: Derived
where
    T: Clone,
{
    fn wrap(&self, value: T) -> (T, u32) {
        (value, self.id())
    }
}

pub struct Thing(u32);

impl Base for Thing {
    fn id(&self) -> u32 {
        self.0
    }
}

impl Derived for Thing {}

impl Generic<u8> for Thing {}

fn run(t: Thing) -> String {
    t.shout();
    Thing::label(&t)
}

pub trait Shape {
    fn area(&self) -> u32;

    fn double_area(&self) -> u32 {
        self.area() * 2
    }
}

pub struct Square(pub u32);

impl Shape for Square {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}

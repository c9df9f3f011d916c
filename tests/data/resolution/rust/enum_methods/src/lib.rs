pub enum Shape {
    Circle(f64),
    Square(f64),
}

impl Shape {
    pub fn unit() -> Shape {
        Shape::Circle(1.0)
    }

    pub fn area(&self) -> f64 {
        match self {
            Shape::Circle(r) => 3.14 * r * r,
            Shape::Square(s) => s * s,
        }
    }
}

pub fn unit_area() -> f64 {
    Shape::unit().area()
}

use std::fmt;

/// Something with an area.
pub trait Shape: fmt::Debug + Clone {
    /// The area.
    fn area(&self) -> f64;

    fn describe(&self) -> String {
        format!("area {}", self.area())
    }
}

pub trait Named {
    const KIND: &'static str;
    fn name(&self) -> String;
}

#[derive(Debug, Clone)]
pub struct Square(f64);

impl Shape for Square {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}

impl fmt::Display for Square {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "square {}", self.0)
    }
}

impl fmt::Debug for Square {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Square")
    }
}

impl Named for Square {
    const KIND: &'static str = "square";
    fn name(&self) -> String {
        self.describe()
    }
}

impl Named for String {
    const KIND: &'static str = "string";
    fn name(&self) -> String {
        self.clone()
    }
}

impl !Send for Square {}

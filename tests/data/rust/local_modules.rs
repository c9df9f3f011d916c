use shapes::Circle;
use shapes::prelude::*;
pub use self::shapes::area as circle_area;

pub mod shapes {
    pub struct Circle {
        pub r: f64,
    }

    impl Circle {
        pub fn unit() -> Circle {
            Circle { r: 1.0 }
        }
    }

    pub fn area(c: &Circle) -> f64 {
        3.14 * c.r * c.r
    }

    pub mod prelude {
        pub fn pi() -> f64 {
            3.14
        }
    }
}

extern "C" {
    fn abs(x: i32) -> i32;
    static errno: i32;
}

pub fn demo() -> f64 {
    let c = Circle::unit();
    let _ = unsafe { abs(-1) };
    circle_area(&c) + pi() + shapes::area(&c)
}

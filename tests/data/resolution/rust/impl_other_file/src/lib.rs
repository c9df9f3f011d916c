mod model;
mod ops;

use model::Point;

pub fn run() -> i32 {
    let p = Point::new(3);
    p.norm()
}

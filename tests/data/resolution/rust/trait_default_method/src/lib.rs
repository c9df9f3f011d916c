mod shape;

use shape::{Shape, Square};

pub fn twice(s: &Square) -> u32 {
    s.double_area()
}

use crate::{area, shapes::{perimeter}};

pub fn describe(w: u32, h: u32) -> u32 {
    area(w, h) + perimeter(w, h)
}

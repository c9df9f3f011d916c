use crate::prelude::*;

pub fn sum() -> u8 {
    one() + two()
}

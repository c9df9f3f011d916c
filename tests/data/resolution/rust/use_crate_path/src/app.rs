use crate::util::clamp;

pub fn fix(x: i32) -> i32 {
    clamp(x) + crate::util::clamp(1)
}

pub fn one() -> u8 {
    1
}

pub fn two() -> u8 {
    2
}

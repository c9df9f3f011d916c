pub fn area(w: u32, h: u32) -> u32 {
    w * h
}

pub fn perimeter(w: u32, h: u32) -> u32 {
    2 * (w + h)
}

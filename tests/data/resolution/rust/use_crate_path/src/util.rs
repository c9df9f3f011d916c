pub fn clamp(x: i32) -> i32 {
    x.max(0)
}

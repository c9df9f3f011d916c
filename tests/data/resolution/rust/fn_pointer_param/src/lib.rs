fn double(x: u32) -> u32 {
    x * 2
}

pub fn apply(f: fn(u32) -> u32, x: u32) -> u32 {
    f(x)
}

pub fn main_like() -> u32 {
    apply(double, 2)
}

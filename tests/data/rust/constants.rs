/// Maximum size.
pub const MAX: usize = compute(4);

pub static mut COUNTER: u32 = 0;

static NAMES: [&str; 2] = ["a", "b"];

pub type Result<T> = std::result::Result<T, Error>;

type Pair = (u8, u8);

#[derive(Debug)]
pub struct Error;

pub union Bits {
    int: u32,
    float: f32,
}

const fn compute(x: usize) -> usize {
    x * 2
}

mod limits {
    pub const LOW: u8 = super::base();
}

const fn base() -> u8 {
    1
}

fn user() -> Result<Pair> {
    const LOCAL: u8 = base();
    Ok((LOCAL, NAMES.len() as u8))
}

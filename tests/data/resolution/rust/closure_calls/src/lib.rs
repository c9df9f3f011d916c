fn double(x: u32) -> u32 {
    x * 2
}

pub fn all(xs: &[u32]) -> Vec<u32> {
    xs.iter().map(|x| double(*x)).collect()
}

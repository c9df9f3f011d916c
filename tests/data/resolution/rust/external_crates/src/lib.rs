use std::collections::HashMap;
use std::mem;

pub fn work(a: &mut u8, b: &mut u8) -> usize {
    mem::swap(a, b);
    let m: HashMap<u8, u8> = HashMap::new();
    std::cmp::max(1, 2) + m.len()
}

pub async fn spawn_it() {
    tokio::spawn(async {});
}

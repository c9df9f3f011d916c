pub trait Store {
    fn get(&self, k: u8) -> u8;
}

pub fn fetch<S: Store>(s: &S) -> u8 {
    s.get(1)
}

pub fn fetch_dyn(s: &dyn Store) -> u8 {
    s.get(2)
}

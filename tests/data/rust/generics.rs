use std::collections::HashMap;

pub struct Cache<K, V>
where
    K: std::hash::Hash + Eq,
{
    map: HashMap<K, V>,
}

impl<K: std::hash::Hash + Eq, V: Clone> Cache<K, V> {
    pub fn new() -> Self {
        Cache { map: HashMap::new() }
    }

    pub fn get_or<F: FnOnce() -> V>(&mut self, key: K, make: F) -> V {
        self.map.entry(key).or_insert_with(make).clone()
    }
}

pub trait Describe {
    fn describe(&self) -> String;
}

impl<T: std::fmt::Debug> Describe for T {
    fn describe(&self) -> String {
        format!("{self:?}")
    }
}

pub fn largest<T: PartialOrd + Copy>(items: &[T]) -> Option<T> {
    let parsed = "5".parse::<u8>();
    let mut cache = Cache::<String, u8>::new();
    let _ = cache.get_or(String::new(), || parsed.unwrap_or(0));
    items.iter().copied().fold(None, |best, x| match best {
        Some(b) if b >= x => Some(b),
        _ => Some(x),
    })
}

use std::collections::HashMap;

pub trait Store {
    fn get(&self, key: &str) -> Option<String>;

    fn get_or(&self, key: &str, default: &str) -> String {
        self.get(key).unwrap_or_else(|| default.to_owned())
    }
}

pub struct Memory {
    map: HashMap<String, String>,
    parent: Option<Box<Memory>>,
}

impl Memory {
    pub fn new() -> Self {
        Memory { map: HashMap::new(), parent: None }
    }

    pub fn size(&self) -> usize {
        self.map.len()
    }
}

impl Store for Memory {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }
}

pub fn use_store(store: &dyn Store, mem: &mut Memory, other: impl Store) -> String {
    store.get_or("a", "b");
    mem.size();
    mem.get_or("k", "v");
    other.get("x");
    let fresh = Memory::new();
    fresh.size();
    let literal = Memory { map: HashMap::new(), parent: None };
    literal.size();
    let annotated: Memory = Default::default();
    annotated.size();
    let counts: HashMap<u8, u8> = HashMap::new();
    counts.len();
    let shadowed = Memory::new();
    let shadowed = shadowed.size();
    shadowed.count_ones();
    for n in [1u8, 2] {
        n.pow(2);
    }
    let n = Memory::new();
    n.size();
    String::new()
}

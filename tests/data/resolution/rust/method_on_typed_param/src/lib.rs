mod store;

use store::Store;

pub fn save(s: &mut Store, v: u8) {
    s.put(v);
}

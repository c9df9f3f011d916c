fn good() {}

fn broken(x: u32 {
    good();
}

struct StillHere;

impl StillHere {
    fn method(&self) {
        good()
    }
}

fn half( -> {

pub fn after() -> u8 { 1 }

fn value() -> u32 {
    1
}

fn name() -> &'static str {
    "x"
}

pub fn show() -> String {
    println!("{}", value());
    format!("{}-{}", name(), value())
}

#[cfg(unix)]
fn platform() -> &'static str {
    "unix"
}

#[cfg(windows)]
fn platform() -> &'static str {
    "windows"
}

#[cfg(unix)]
mod imp {
    pub fn open() {}
}

#[cfg(not(unix))]
mod imp {
    pub fn open() {}
}

pub struct Widget;

impl Widget {
    #[cfg(feature = "fast")]
    fn run(&self) {}

    #[cfg(not(feature = "fast"))]
    fn run(&self) {}
}

fn main() {
    platform();
    imp::open();
    Widget.run();
}

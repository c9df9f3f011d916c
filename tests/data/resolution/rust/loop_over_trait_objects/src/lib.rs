pub trait Plugin {
    fn run(&self);
}

pub struct Host {
    plugins: Vec<Box<dyn Plugin>>,
}

impl Host {
    pub fn run_all(&self) {
        for p in &self.plugins {
            p.run();
        }
    }
}

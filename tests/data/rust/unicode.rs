//! Ünïcödé module: «docs» ✓.

/// Grüße an alle.
pub fn grüße(name: &str) -> String {
    format!("Hallo, {name}! 👋")
}

pub struct Größe {
    wert: f64,
}

impl Größe {
    pub fn 新しい() -> Self {
        Größe { wert: 1.0 }
    }

    pub fn zeigen(&self) -> String {
        grüße("Welt")
    }
}

pub const ПРИВЕТ: &str = "мир";

fn main() {
    let g = Größe::新しい();
    let _ = g.zeigen();
}

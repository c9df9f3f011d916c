pub struct Meters(pub f64);

pub struct Feet(pub f64);

impl From<Feet> for Meters {
    fn from(f: Feet) -> Meters {
        Meters(f.0 * 0.3048)
    }
}

pub fn convert(f: Feet) -> f64 {
    Meters::from(f).0
}

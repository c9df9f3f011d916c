fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
    f(x)
}

fn double(x: u32) -> u32 {
    x * 2
}

pub fn compose() -> u32 {
    let add_one = |x: u32| x + 1;
    let nested = move |y: u32| {
        let inner = |z: u32| if z > 3 { double(z) } else { z };
        inner(y)
    };
    let both = |a, b| a && b || false;
    let _ = both(true, false);
    apply(add_one, 1) + apply(nested, 2) + apply(|v| double(v), 3)
}

pub static HANDLER: fn(u32) -> u32 = double;

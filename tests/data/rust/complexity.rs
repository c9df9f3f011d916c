fn straight() -> u8 {
    1
}

fn branches(x: i32, flag: bool) -> Result<i32, String> {
    if x > 0 && flag {
        return Ok(1);
    } else if x < 0 || !flag {
        return Ok(-1);
    }
    for i in 0..3 {
        while i > 10 {
            break;
        }
    }
    loop {
        break;
    }
    let v: i32 = "3".parse().map_err(|_| "bad".to_string())?;
    if let Some(y) = Some(v) {
        return Ok(y);
    }
    Ok(0)
}

fn matching(s: &str) -> u8 {
    let check = |c: char| c.is_alphabetic() || c == '_';
    match s {
        "a" => 1,
        "b" | "c" => 2,
        _ if check('x') => 3,
        _ => 0,
    }
}

fn outer_only() -> u8 {
    fn inner_has_branches(x: u8) -> u8 {
        if x > 1 {
            match x {
                2 => 2,
                _ => 3,
            }
        } else {
            0
        }
    }
    inner_has_branches(1)
}

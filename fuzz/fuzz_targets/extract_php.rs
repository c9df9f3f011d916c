//! Fuzzes the PHP extractor: any bytes as `tests/FuzzedTest.php` (under `tests/`,
//! named like a PHPUnit test) extract without a panic, and the facts keep their
//! invariants (`extract::invariant_violations`: spans within the file, unique ids,
//! parents before children, edges and symbols naming nodes).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let facts = extract::extract("tests/FuzzedTest.php", data)
        .expect("a .php file is a language codehub parses");
    let broken = extract::invariant_violations(&facts, data.len());
    assert!(broken.is_empty(), "{broken:#?}");
});

//! Fuzzes the Ruby extractor: any bytes as `spec/fuzzed_spec.rb` (a spec file, so
//! RSpec blocks are lowered too) extract without a panic, and the facts keep their
//! invariants (`extract::invariant_violations`: spans within the file, unique ids,
//! parents before children, edges and symbols naming nodes).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let facts = extract::extract("spec/fuzzed_spec.rb", data)
        .expect("a .rb file is a language codehub parses");
    let broken = extract::invariant_violations(&facts, data.len());
    assert!(broken.is_empty(), "{broken:#?}");
});

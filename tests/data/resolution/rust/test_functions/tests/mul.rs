use calc::mul;

#[test]
fn multiplies() {
    assert_eq!(mul(2, 3), 6);
}

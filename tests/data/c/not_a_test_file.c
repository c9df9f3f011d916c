int target(void) { return 1; }

void test_looks_like_a_test(void) {
    target();
}

#include <assert.h>
#include "parser.h"

static int fixture(void) {
    return make_parser(4);
}

static void check_ok(int r) {
    assert(r == 0);
}

static int parse(int x) {
    return x;
}

void test_parse(void) {
    int p = fixture();
    check_ok(parse(p));
}

void test_reset(void) {
    reset_parser();
}

void helper_not_a_test(void) {
    parse(1);
}

int main(void) {
    test_parse();
    test_reset();
    return 0;
}

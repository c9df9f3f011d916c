#include "unity.h"
#include "mathx.h"

void test_mul(void) {
    TEST_ASSERT_EQUAL_INT(6, mul(2, 3));
}

int main(void) {
    UNITY_BEGIN();
    RUN_TEST(test_mul);
    return UNITY_END();
}

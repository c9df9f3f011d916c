#include <gtest/gtest.h>
#include "../calc.h"

class CalcTest : public ::testing::Test {
protected:
    int base() { return 1; }
};

TEST(Calc, Adds) {
    EXPECT_EQ(add(1, 2), 3);
}

TEST_F(CalcTest, AddsBase) {
    EXPECT_EQ(add(base(), 1), 2);
}

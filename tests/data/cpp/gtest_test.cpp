#include <gtest/gtest.h>

int add(int a, int b) { return a + b; }

class MathTest : public ::testing::Test {
protected:
    int two() { return add(1, 1); }
};

TEST(Math, Adds) {
    EXPECT_EQ(add(1, 2), 3);
}

TEST_F(MathTest, UsesFixture) {
    ASSERT_EQ(two(), 2);
}

TEST_P(MathTest, Parameterized) {
    EXPECT_TRUE(add(0, 0) == 0);
}

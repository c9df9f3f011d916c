#include <catch2/catch_test_macros.hpp>

int parse(const char* s) { return 0; }

struct Fixture {
    int value() { return parse("1"); }
};

TEST_CASE("parse handles zero", "[parse]") {
    REQUIRE(parse("0") == 0);
    SECTION("and again") {
        CHECK(parse("00") == 0);
    }
}

TEST_CASE_METHOD(Fixture, "fixture value", "[parse]") {
    REQUIRE(value() == 0);
}

SCENARIO("a scenario") {
    parse("x");
}

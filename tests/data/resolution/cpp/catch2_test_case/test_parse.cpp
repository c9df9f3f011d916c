#include <catch2/catch_test_macros.hpp>
#include "parse.hpp"

TEST_CASE("parses zero", "[parse]") {
    REQUIRE(parse("0") == 0);
}

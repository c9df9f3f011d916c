package com.acme;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParserTest {
    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void parses(String s) {
        check(s);
    }

    private void check(String s) {
        Parser.parse(s);
    }
}

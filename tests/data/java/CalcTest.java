package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class CalcTest {
    private Calc calc;

    @BeforeEach
    void setUp() {
        calc = new Calc();
    }

    @Test
    void adds() {
        assertEquals(3, calc.add(1, 2));
        check(4);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void positive(int n) {
        check(n);
    }

    public void testLegacy() {
        calc.reset();
    }

    private void check(int n) {
        calc.validate(n);
    }
}

class Calc {
    int add(int a, int b) {
        return a + b;
    }

    void validate(int n) {}

    void reset() {}
}

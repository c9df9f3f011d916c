package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalcTest {
    @Test
    void addsTwoNumbers() {
        Calc calc = new Calc();
        assertEquals(3, calc.add(1, 2));
    }
}

package com.acme.util;

public final class MathUtil {
    public static int square(int x) {
        return x * x;
    }
}

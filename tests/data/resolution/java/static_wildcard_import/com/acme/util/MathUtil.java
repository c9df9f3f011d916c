package com.acme.util;

public final class MathUtil {
    public static int cube(int x) {
        return x * x * x;
    }
}

package com.acme.util;

public final class Strings {
    public static String strip(String s) {
        return s;
    }
}

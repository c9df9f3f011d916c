package com.acme.util;

public class Log {
    public static void info(String m) {}
}

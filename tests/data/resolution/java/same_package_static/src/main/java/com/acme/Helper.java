package com.acme;

public class Helper {
    public static int assist(int n) {
        return n + 1;
    }
}

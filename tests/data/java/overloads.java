package com.example;

class Overloads {
    void put(String k) {}

    void put(String k, int v) {}

    void put(String k, Object... rest) {}

    void run() {
        put("a");
        put("a", 1);
        put("a", "b", "c");
    }
}

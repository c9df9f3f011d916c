package com.example;

/** Café ÿþ. */
class Bad {
    String s = "Ã(";

    void m() {
        n();
    }

    void n() {}
}

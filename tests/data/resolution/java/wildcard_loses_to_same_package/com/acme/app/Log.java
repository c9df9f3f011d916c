package com.acme.app;

class Log {
    static void info(String m) {}
}

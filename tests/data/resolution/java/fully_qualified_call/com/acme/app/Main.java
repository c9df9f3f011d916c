package com.acme.app;

class Main {
    String clean(String s) {
        return com.acme.util.Strings.strip(s);
    }
}

package com.acme.core;

public class Root {
    public void log(String m) {}
}

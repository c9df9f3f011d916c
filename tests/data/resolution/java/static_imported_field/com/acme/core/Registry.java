package com.acme.core;

public class Registry {
    public static final Registry INSTANCE = new Registry();

    public void register(String name) {}
}

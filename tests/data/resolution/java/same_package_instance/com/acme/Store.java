package com.acme;

class Store {
    private final String name;

    Store(String name) {
        this.name = name;
    }

    void put(String key) {}
}

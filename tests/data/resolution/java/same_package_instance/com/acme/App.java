package com.acme;

class App {
    void save() {
        Store store = new Store("db");
        store.put("k");
    }
}

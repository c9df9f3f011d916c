package com.example;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

class Box<T extends Comparable<T>> {
    private T value;

    <R> Box<R> map(Function<T, R> f) {
        return null;
    }

    T get() {
        return value;
    }

    void use(Map<String, List<Box<T>>> boxes, T other) {
        value.compareTo(other);
        boxes.get("a").get(0).get();
        map(x -> x).get();
    }
}

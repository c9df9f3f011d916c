package com.example.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.*;
import static java.lang.Math.max;
import static org.junit.Assert.*;
import com.example.util.Strings;

class Imports {
    List<String> names = new ArrayList<>();

    int run(String s) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.submit(() -> Strings.trim(s));
        assertTrue(true);
        return max(1, 2);
    }
}

package com.example;

import java.util.Comparator;
import java.util.List;

class Sorter {
    void log(String m) {}

    void sort(List<String> xs) {
        xs.sort(new Comparator<String>() {
            @Override
            public int compare(String a, String b) {
                log("compare");
                return a.compareTo(b);
            }
        });
        Runnable first = new Runnable() {
            public void run() {
                log("first");
            }
        };
        first.run();
        xs.forEach(x -> log(x));
    }

    void local() {
        class Counter {
            int n;

            void inc() {
                n++;
                log("inc");
            }
        }
        new Counter().inc();
    }
}

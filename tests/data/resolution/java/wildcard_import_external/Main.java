package demo;

import java.util.*;

class Main {
    void run() {
        Map<String, Integer> counts = new HashMap<>();
        counts.put("a", 1);
    }
}

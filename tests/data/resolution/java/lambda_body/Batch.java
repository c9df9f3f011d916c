package demo;

import java.util.List;

class Batch {
    void process(String item) {}

    void all(List<String> items) {
        items.forEach(item -> process(item));
        Runnable r = () -> {
            process("last");
        };
    }
}

package demo;

import java.util.function.Consumer;

class Item {
    void use() {}
}

class Dyn {
    void work() {}

    void run(Consumer<Item> sink) {
        Consumer<Item> c = item -> item.use();
        Runnable r = this::work;
        sink.accept(null);
    }
}

package demo;

import java.util.List;

class Failure extends RuntimeException {
    void report() {}
}

class Conn implements AutoCloseable {
    void query() {}

    public void close() {}
}

class Item {
    void use() {}
}

class Io {
    Conn open() {
        return new Conn();
    }

    void run(List<Item> items) {
        try (Conn c = open()) {
            c.query();
        } catch (Failure f) {
            f.report();
        }
        for (Item it : items) {
            it.use();
        }
    }
}

package demo;

enum Color {
    RED, GREEN;

    String paint() {
        return name();
    }
}

class Painter {
    void run(Color c) {
        Color.RED.paint();
        c.paint();
    }
}

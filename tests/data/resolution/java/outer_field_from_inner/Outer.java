package demo;

class Engine {
    void start() {}
}

class Outer {
    private Engine engine;

    class Inner {
        void go() {
            engine.start();
        }
    }
}

package demo;

class Engine {
    void spin() {}
}

class Main {
    void go() {
        var engine = new Engine();
        engine.spin();
    }
}

package demo;

class App {
    void start(Config config) {
        config.db.connect();
    }
}

package demo;

class App {
    String read() {
        Config config = new Config();
        return config.get("k");
    }
}

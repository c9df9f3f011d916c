package demo;

class App {
    void run() {
        Util.log("a", 2);
    }
}

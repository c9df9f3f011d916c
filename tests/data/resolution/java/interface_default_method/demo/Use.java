package demo;

class Use {
    void run() {
        new Impl().greet();
    }
}

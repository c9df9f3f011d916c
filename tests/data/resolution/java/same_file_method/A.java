package demo;

class A {
    void run() {
        prepare();
        this.finish();
    }

    void prepare() {}

    void finish() {}
}

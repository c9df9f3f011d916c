package demo;

class Base {
    void hello() {}
}

class Sub extends Base {
    void run() {
        hello();
    }
}

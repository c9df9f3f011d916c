package demo;

public class Sub extends Base {
    void run() {
        hello();
    }
}

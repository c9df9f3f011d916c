package demo;

class Sub extends Base {
    void work() {
        helper.assist();
    }
}

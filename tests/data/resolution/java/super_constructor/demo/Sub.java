package demo;

public class Sub extends Base {
    public Sub() {
        super(4);
        init();
    }

    private void init() {}
}

package demo;

public class Outer {
    public static class Inner {
        public void go() {}
    }

    void run() {
        Inner inner = new Inner();
        inner.go();
    }
}

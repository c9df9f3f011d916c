package demo;

public class Base {
    protected void hello() {}
}

package demo;

public class Base {
    protected Base(int size) {}
}

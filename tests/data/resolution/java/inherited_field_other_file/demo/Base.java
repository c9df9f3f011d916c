package demo;

public class Base {
    protected Helper helper = new Helper();
}

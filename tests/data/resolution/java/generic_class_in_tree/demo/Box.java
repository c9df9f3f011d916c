package demo;

public class Box<T> {
    private T value;

    public T get() {
        return value;
    }
}

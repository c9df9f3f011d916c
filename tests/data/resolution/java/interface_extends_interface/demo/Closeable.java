package demo;

public interface Closeable {
    void close();
}

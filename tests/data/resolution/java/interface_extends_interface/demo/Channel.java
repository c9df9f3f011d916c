package demo;

public interface Channel extends Closeable {
    void send(String m);
}

package demo;

public class Logger {
    public void info(String m) {}
}

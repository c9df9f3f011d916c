package demo;

public class Util {
    public static void log(String m) {}

    public static void log(String m, int level) {}
}

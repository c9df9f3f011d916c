package demo;

class Fmt {
    static String format(String pattern) {
        return pattern;
    }

    static String format(String pattern, Object first, Object... rest) {
        return pattern;
    }

    void run() {
        format("a", 1, 2, 3);
    }
}

package demo;

class Log {
    void write(String m) {}

    void write(String m, int level) {}

    void run() {
        write("a");
        write("b", 2);
    }
}

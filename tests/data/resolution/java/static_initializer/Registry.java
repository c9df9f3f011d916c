package demo;

class Registry {
    static {
        register("a");
    }

    static void register(String name) {}
}

package demo;

public interface Greeter {
    default String greet() {
        return "hi";
    }
}

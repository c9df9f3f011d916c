package demo;

public interface Shape {
    double area();
}

package com.example.shapes;

/**
 * A shape with an area.
 *
 * @since 1.0
 */
public abstract class Shape implements Comparable<Shape> {
    /** The number of shapes made. */
    public static final int LIMIT = 100;

    protected String name;

    /** Makes a shape called {@code name}. */
    protected Shape(String name) {
        this.name = name;
    }

    /** The area, in square units. */
    public abstract double area();

    @Override
    public int compareTo(Shape other) {
        return Double.compare(area(), other.area());
    }
}

final class Square extends Shape {
    private final double side;

    Square(double side) {
        super("square");
        this.side = side;
    }

    @Override
    public double area() {
        return side * side;
    }
}

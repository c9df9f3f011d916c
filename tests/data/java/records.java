package com.example.geo;

/** A point on the plane. */
public record Point(int x, int y) implements Comparable<Point> {
    public Point {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("negative");
        }
    }

    public Point(int both) {
        this(both, both);
    }

    public int sum() {
        return x + y;
    }

    @Override
    public int compareTo(Point o) {
        return Integer.compare(sum(), o.sum());
    }
}

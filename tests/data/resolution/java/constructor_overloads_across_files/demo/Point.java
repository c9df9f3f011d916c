package demo;

public class Point {
    public Point() {}

    public Point(int x, int y) {}
}

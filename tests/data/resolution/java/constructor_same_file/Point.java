package demo;

class Point {
    private final int x;
    private final int y;

    Point() {
        this(0, 0);
    }

    Point(int x, int y) {
        this.x = x;
        this.y = y;
    }

    static Point origin() {
        return new Point();
    }

    static Point at(int x, int y) {
        return new Point(x, y);
    }
}

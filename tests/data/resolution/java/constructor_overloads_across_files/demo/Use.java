package demo;

class Use {
    Point make() {
        return new Point(1, 2);
    }

    Point zero() {
        return new Point();
    }
}

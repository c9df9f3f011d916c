class Point {
public:
    Point() {}
    Point(int x, int y) {}
};

void make() {
    Point a(1, 2);
    Point* b = new Point();
    Point c = Point(3, 4);
}

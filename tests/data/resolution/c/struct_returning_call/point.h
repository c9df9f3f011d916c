struct point { int x, y; };
struct point make_point(int x, int y);

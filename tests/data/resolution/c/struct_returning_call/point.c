#include "point.h"
struct point make_point(int x, int y) {
    struct point p = { x, y };
    return p;
}

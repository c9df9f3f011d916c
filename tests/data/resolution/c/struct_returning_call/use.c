#include "point.h"
int x_of(void) {
    return make_point(1, 2).x;
}

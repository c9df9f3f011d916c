#include "minmax.h"

int smallest(int a, int b, int c) {
    return min_int(min_int(a, b), c);
}

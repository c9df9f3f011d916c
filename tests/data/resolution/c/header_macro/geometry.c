#include "macros.h"

int area(int side) {
    return SQUARE(side);
}

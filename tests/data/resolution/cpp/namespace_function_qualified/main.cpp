#include "math.h"
int main() { return math::add(1, 2); }

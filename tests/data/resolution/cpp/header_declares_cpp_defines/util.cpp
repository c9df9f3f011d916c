#include "util.hpp"
int square(int x) { return x * x; }

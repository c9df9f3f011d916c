#include "geo.h"
using namespace geo;
int main() { return (int)distance(1.0, 4.0); }

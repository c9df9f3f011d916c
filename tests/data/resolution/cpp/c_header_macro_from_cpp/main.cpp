#include "ring.h"
int main() { return RING_EMPTY() ? ring_size() : 1; }

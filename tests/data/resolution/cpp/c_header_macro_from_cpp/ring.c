#include "ring.h"
int ring_size(void) { return 0; }

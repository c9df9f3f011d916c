#include <stdlib.h>
#include "pool.h"
void *pool_alloc(int n) { return malloc(n); }

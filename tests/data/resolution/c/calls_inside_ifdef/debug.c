#include <stdio.h>
#include "debug.h"
void debug_dump(int v) {
    printf("%d\n", v);
}

#include "debug.h"
int compute(int v) {
#ifdef DEBUG
    debug_dump(v);
#endif
    return v * 3;
}

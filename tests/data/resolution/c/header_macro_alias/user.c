#include "compat.h"
int legacy(void) {
    return old_read(0);
}

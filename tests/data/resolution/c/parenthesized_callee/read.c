#include "getc.h"
int read_one(void) {
    return (my_getc)();
}

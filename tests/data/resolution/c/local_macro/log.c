#include <stdio.h>
#define TRACE(msg) fputs(msg, stderr)

void work(void) {
    TRACE("working");
}

#include <proj/api.h>

static int initialised;

void api_init(void) {
    initialised = 1;
}

int api_version(void) {
    return 3;
}

#include "module.h"
static int driver_start(void) { return 0; }
MODULE_INIT(driver_start);

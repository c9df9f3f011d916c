#include "init.h"
void init_all(void) {}

#include "clamp.h"
int b() { return clamp(2); }

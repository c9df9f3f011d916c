#include "clamp.h"
int a() { return clamp(-1); }

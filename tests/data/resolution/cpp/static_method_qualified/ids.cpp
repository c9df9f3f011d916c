#include "ids.h"
int Ids::next() { static int n = 0; return ++n; }

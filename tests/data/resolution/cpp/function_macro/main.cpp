#include "check.h"
int main() { CHECK(1 == 1); return 0; }

#include "bits.h"
int count_a(unsigned char b) { return popcount8(b); }

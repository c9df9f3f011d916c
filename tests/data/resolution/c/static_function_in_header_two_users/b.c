#include "bits.h"
int count_b(unsigned char b) { return popcount8(b) * 2; }

#include "codec.h"
int encode(int v) { return v ^ 0x55; }
int decode(int v) { return encode(v); }

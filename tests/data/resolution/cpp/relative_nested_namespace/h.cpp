#include "h.h"
void a::b::h() {}

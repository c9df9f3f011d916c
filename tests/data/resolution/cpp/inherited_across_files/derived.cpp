#include "derived.h"
void Derived::pong() { ping(); }

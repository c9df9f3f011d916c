#include "base.h"
void Base::ping() {}

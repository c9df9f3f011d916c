#include "result.h"
bool Result::ok() const { return true; }

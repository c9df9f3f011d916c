#include "counter.h"
void Counter::add(int n) { sum_ += n; }
int Counter::total() const { return sum_; }

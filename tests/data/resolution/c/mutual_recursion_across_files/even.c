#include "parity.h"
int is_even(unsigned n) {
    return n == 0 ? 1 : is_odd(n - 1);
}

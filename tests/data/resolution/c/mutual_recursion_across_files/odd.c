#include "parity.h"
int is_odd(unsigned n) {
    return n == 0 ? 0 : is_even(n - 1);
}

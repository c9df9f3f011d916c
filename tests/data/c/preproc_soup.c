#include "config.h"

#if defined(USE_FAST) && USE_FAST > 1
static int impl(int x) {
    return x << 1;
}
#elif defined(USE_SLOW)
static int impl(int x) {
    return x * 2;
}
#else
static int impl(int x) {
    int r = 0;
#ifdef DEBUG
    r = debug_check(x);
#endif
    return r + x + x;
}
#endif

int run(int x) {
    return impl(x);
}

#ifdef WINDOWS
int open_file(const char *p, int mode) {
#else
int open_file(const char *p) {
#endif
    return p != 0;
}

int after_soup(void) {
    return run(1);
}

#if 0
this is not C at all { {
#endif

int last(void) { return after_soup(); }

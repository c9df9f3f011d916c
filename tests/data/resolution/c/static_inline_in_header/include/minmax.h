#ifndef MINMAX_H
#define MINMAX_H
static inline int min_int(int a, int b) {
    return a < b ? a : b;
}
#endif

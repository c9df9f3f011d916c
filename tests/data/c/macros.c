#ifndef MACROS_H
#define MACROS_H

#define VERSION "1.2"
#define FEATURE
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) \
    ((a) > (b) ? (a) : (b))
#define LOG(fmt, ...) printf(fmt, __VA_ARGS__)
#define LONG_VALUE 1234567890 + 1234567890 + 1234567890 + 1234567890 + 1234567890 + 1234567890

#ifndef OTHER
#define UNRELATED 1
#endif

int area(int side) {
    LOG("%d\n", side);
    return SQUARE(side) + MAX(side, 1);
}

#undef SQUARE

#endif

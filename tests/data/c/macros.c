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

#define open_file real_open
#define WRAP(x) \
    do { helper(x); (void)"not_a_call("; } while (0)
#define DEFINE_GETTER(name) int get_##name(void) { return name; }
#define FIELD_CALL(o) ((o)->run(1) + o.stop(2))

int real_open(void) { return 0; }
int helper(int x) { return x; }
int opener(void) { WRAP(1); return open_file(); }

#undef SQUARE

#endif

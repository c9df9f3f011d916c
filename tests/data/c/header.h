#ifndef HEADER_H
#define HEADER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Parses a buffer. */
int parse(const char *buf, size_t len);
void reset(void);
extern int counter;

#define CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : (v) > (hi) ? (hi) : (v))
#define HEADER_LIMIT 64
#define parse_buffer parse

static inline int clamp_byte(int v) {
    return CLAMP(v, 0, 255);
}

int defined_in_header(void) {
    return clamp_byte(parse("", 0));
}

typedef struct parser {
    int state;
} parser_t;

#ifdef __cplusplus
}
#endif

#endif /* HEADER_H */

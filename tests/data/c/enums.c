enum color {
    RED,
    GREEN = 2,
    BLUE = GREEN + 1,
};

typedef enum {
    LOW,
    HIGH
} level_t;

typedef enum mode { READ, WRITE } mode_t;

enum { ANONYMOUS_A, ANONYMOUS_B };

int is_red(enum color c) {
    return c == RED;
}

struct forward;

struct point {
    int x;
    int y;
};

union value {
    int i;
    float f;
    char bytes[4];
};

struct shape {
    struct point origin;
    struct style {
        int color;
        union {
            int width;
            struct stroke { int dash; } stroke;
        };
    } style;
    enum kind { CIRCLE, SQUARE } kind;
};

struct point origin = { 0, 0 };

struct { int unnamed; } anonymous_variable;

struct point make(int x, int y) {
    struct point p = { x, y };
    return p;
}

int apply(int (*f)(int), int x) {
    return f(x);
}

static int neg(int x) { return -x; }

int use(void) {
    return apply(neg, 3);
}

static int one(void) { return 1; }

int pick(void) {
    int (*fp)(void) = one;
    return fp();
}

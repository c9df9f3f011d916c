__attribute__((noreturn)) void die(const char *msg);

__attribute__((noinline)) static int slow(int x) {
    return x;
}

[[nodiscard]] int checked(void) {
    return slow(1);
}

extern int exported(void) {
    return checked();
}

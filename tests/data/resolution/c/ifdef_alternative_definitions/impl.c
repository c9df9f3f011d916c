#ifdef FAST
static int impl(int x) { return x << 1; }
#else
static int impl(int x) { return x * 2; }
#endif

int run(int x) {
    return impl(x);
}

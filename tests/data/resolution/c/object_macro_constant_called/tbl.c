static int handlers_a(int x) { return x; }
#define HANDLER (handlers_a)
int call(void) {
    return HANDLER(1);
}

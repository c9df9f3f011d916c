int reset() { return 0; }

namespace app {
int reset() { return 1; }
int run() { return ::reset() + reset(); }
}

int step() { return 1; }

int run() {
    auto step = [](int x) { return x; };
    return step(2);
}

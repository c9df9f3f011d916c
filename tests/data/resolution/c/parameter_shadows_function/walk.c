int walk(int (*step)(int), int x) {
    return step(x);
}

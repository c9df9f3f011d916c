int h(int x) { return x; }
int g(int x) { return x; }
int f(int x) { return x; }
int top(int x) {
    return f(g(h(x)));
}

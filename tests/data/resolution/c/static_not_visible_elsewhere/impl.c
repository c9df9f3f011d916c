static int compute(int x) { return x; }

int api(int x) {
    return compute(x);
}

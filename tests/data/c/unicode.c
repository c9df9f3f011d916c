/** Grüße: returns a greeting. */
const char *greet(void) {
    return "héllo, wörld ✓";
}

int größe(int x) {
    return x;
}

int use(void) {
    return größe(1) + (greet() != 0);
}

#define CHECK(x) ((x) > 0)

int pos_a(int v) {
    return CHECK(v);
}

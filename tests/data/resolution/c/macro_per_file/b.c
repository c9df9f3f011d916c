#define CHECK(x) ((x) != 0)

int pos_b(int v) {
    return CHECK(v);
}

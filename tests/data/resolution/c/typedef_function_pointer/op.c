typedef int (*op_t)(int);
static int neg(int x) { return -x; }
int run_op(int x) {
    op_t op = neg;
    return op(x);
}

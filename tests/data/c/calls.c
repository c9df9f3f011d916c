#include <stdlib.h>
#include "helpers.h"

struct ops {
    int (*open)(const char *);
};

static int (*global_hook)(int);
struct ops default_ops;

static int helper(int x);

int defined_later(int x);

int caller(int (*callback)(int), struct ops *ops, int n) {
    int (*local_fp)(int) = helper;
    int local_prototype(int);
    helper(n);
    defined_later(n);
    external_function(n);
    callback(n);
    local_fp(n);
    global_hook(n);
    ops->open("x");
    default_ops.open("y");
    (*callback)(n);
    (helper)(n);
    local_prototype(n);
    free(malloc(n));
    return helper(helper(n));
}

static int helper(int x) {
    return x;
}

int defined_later(int x) {
    return helper(x);
}

static int table_value = 3;
int (*table[])(int) = { helper, defined_later };

int dispatch(int i) {
    return table[i](i);
}

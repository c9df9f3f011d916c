#include <stddef.h>

int add(int a, int b) {
    return a + b;
}

static int twice(int x) {
    return add(x, x);
}

char *copy(const char *s, size_t n) {
    (void)n;
    return (char *)s;
}

void nothing(void) {}

int sum(int count, ...) {
    return count;
}

unsigned long long
wide_signature(unsigned long long a,
               unsigned long long b)
{
    return a * b;
}

int main(void) {
    return twice(add(1, 2)) + sum(1, 2);
}

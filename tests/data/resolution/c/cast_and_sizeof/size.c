#include <stddef.h>
size_t measure(const char *s) { return (size_t)(s != NULL); }
int check(const char *s) {
    if ((int)measure(s) > 0 && measure(s + 1))
        return 1;
    return sizeof(measure(s)) > 0;
}

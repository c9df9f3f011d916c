#include <stdarg.h>
#include <stdio.h>
#include "log.h"
void log_msg(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

#include "io.h"
namespace io {
void flush() {}
void write(const char* s) { flush(); }
}

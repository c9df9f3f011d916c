#include "lib.h"
int main() { return lib_version(); }

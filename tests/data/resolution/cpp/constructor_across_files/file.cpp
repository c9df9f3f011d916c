#include "file.h"
File::File(const char* path) {}
void File::close() {}

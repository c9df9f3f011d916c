#include "file.h"
int main() {
    File f("x");
    f.close();
    return 0;
}

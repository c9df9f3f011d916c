#include "init.h"
int main(void) {
    INIT();
    return 0;
}

#include "lib.h"
int main(void) {
    return process(0);
}

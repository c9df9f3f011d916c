#include "../libb/init.h"
int main(void) {
    return init();
}

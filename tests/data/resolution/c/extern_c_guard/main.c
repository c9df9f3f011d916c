#include "codec.h"
int main(void) {
    return decode(encode(7));
}

#include "derived.h"
int main() {
    Derived d;
    d.ping();
    d.pong();
    return 0;
}

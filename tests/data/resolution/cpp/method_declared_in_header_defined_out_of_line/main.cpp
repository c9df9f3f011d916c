#include "counter.h"
int main() {
    Counter c;
    c.add(2);
    return c.total();
}

#include "box.hpp"
int main() {
    Holder<int> h;
    h.set(3);
    return h.get();
}

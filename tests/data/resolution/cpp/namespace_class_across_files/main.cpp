#include "store.h"
int main() {
    db::Store s;
    s.put(1);
    return s.get(1);
}

#include "client.h"
int main() {
    Client c;
    return c.send(1).ok() ? 0 : 1;
}

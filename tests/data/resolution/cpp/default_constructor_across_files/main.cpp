#include "config.h"
int main() {
    Config* c = new Config();
    return c->level();
}

#include "node.h"
int read(Node* n) { return n->value(); }

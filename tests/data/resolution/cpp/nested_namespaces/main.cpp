#include "deep.h"
int main() { return a::b::f(); }

#include "ids.h"
int main() { return Ids::next(); }

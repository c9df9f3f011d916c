#include "fmt.h"
using fmt::print;
int main() { print(3); return 0; }

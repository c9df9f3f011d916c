#include "util.hpp"
int main() { return square(3); }

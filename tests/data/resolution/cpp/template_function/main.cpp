#include "algo.hpp"
int main() { return biggest(1, 2) + biggest<int>(3, 4); }

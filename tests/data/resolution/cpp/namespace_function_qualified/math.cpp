#include "math.h"
namespace math {
int add(int a, int b) { return a + b; }
}

#include "fmt.h"
namespace fmt {
void print(int x) {}
}

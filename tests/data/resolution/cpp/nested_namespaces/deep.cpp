#include "deep.h"
namespace a {
namespace b {
int f() { return 7; }
}
}

#include "h.h"
namespace a {
void g() { b::h(); }
}

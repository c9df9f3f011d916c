#include "object.h"
namespace core {
int Object::id() const { return 1; }
}

#include "app.h"
namespace app {
int config_value() { return 3; }
}

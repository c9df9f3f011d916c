#include "app.h"
namespace app {
int Service::start() { return config_value(); }
}

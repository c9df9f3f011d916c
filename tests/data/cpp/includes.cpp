#include <vector>
#include <memory>
#include "local.hpp"
#include "../shared/util.h"
#include "./same_dir.h"
#include CONFIG_HEADER

int main() { return 0; }

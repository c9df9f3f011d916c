#include <stdio.h>
#include <sys/types.h>
#include "config.h"
#include "./local.h"
#include "../shared/common.h"
#include "net/ip.h"
#include CONFIG_HEADER
#include <stdio.h>

int uses(void) {
    return printf("x");
}

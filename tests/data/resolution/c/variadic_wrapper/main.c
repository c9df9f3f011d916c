#include "log.h"
int main(void) {
    log_msg("%d", 1);
    return 0;
}

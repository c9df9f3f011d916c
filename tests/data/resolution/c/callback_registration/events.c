#include "events.h"
static handler_t current;
void register_handler(handler_t h) { current = h; }

#include "events.h"
static void on_event(int e) { (void)e; }
void setup(void) {
    register_handler(on_event);
}

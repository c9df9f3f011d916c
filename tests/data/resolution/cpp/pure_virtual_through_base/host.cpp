#include "plugin.h"
void start(Plugin* p) { p->load(); }

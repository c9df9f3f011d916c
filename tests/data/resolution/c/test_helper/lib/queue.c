#include "queue.h"
static int n;
int queue_push(int v) { (void)v; return ++n; }
int queue_len(void) { return n; }

#include <assert.h>
#include "queue.h"

static void fill(int k) {
    for (int i = 0; i < k; i++)
        queue_push(i);
}

void test_len(void) {
    fill(3);
    assert(queue_len() == 3);
}

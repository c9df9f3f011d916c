#ifndef RING_H
#define RING_H
int ring_size(void);
#define RING_EMPTY() (ring_size() == 0)
#endif

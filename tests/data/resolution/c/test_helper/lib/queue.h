int queue_push(int v);
int queue_len(void);

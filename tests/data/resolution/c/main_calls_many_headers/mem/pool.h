void *pool_alloc(int n);

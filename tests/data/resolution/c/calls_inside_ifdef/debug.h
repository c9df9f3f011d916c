void debug_dump(int v);

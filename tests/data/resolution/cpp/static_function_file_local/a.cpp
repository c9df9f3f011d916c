static int local() { return 1; }
int a() { return local(); }

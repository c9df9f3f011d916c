int local();
int b() { return local(); }

int scale(int x, int factor = 2) { return x * factor; }
int scale(const char* s) { return 0; }

int main() { return scale(1) + scale(1, 3); }

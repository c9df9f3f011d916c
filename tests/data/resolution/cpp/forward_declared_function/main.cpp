int later(int);

int main() { return later(1); }

int later(int x) { return x; }

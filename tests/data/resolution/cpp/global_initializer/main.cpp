int compute() { return 4; }

static int cached = compute();

int main() { return cached; }

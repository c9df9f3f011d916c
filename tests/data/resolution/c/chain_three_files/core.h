int step(int x);

int process(int x);

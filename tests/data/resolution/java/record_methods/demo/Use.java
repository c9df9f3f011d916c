package demo;

class Use {
    int run() {
        Range r = new Range(1, 5);
        return r.size();
    }
}

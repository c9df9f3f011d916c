class Outer {
public:
    class Inner {
    public:
        int get() { return 1; }
    };
    int use() { Inner i; return i.get(); }
};

int main() {
    Outer::Inner i;
    return i.get();
}

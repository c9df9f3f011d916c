package demo;

class Use {
    void use() {
        Outer.Inner inner = new Outer.Inner();
        inner.go();
    }
}

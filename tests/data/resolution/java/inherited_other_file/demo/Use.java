package demo;

class Use {
    void use(Sub sub) {
        sub.hello();
        sub.run();
    }
}

package demo;

class Apple {
    void eat() {}
}

class Use {
    void run(Box<Apple> box) {
        box.get().eat();
    }
}

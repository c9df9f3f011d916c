package demo;

class Cat {
    void meow() {}
}

class Dog {
    void meow() {}
}

class Shadow {
    private Cat pet = null;

    void run() {
        Dog pet = new Dog();
        pet.meow();
    }
}

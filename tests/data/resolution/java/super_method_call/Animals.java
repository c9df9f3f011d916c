package demo;

class Animal {
    void speak() {}
}

class Dog extends Animal {
    @Override
    void speak() {
        super.speak();
        bark();
    }

    void bark() {}
}

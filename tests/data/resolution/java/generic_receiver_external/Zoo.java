package demo;

import java.util.List;

class Animal {
    void feed() {}
}

class Zoo {
    void feedFirst(List<Animal> animals) {
        animals.get(0).feed();
        animals.size();
    }
}

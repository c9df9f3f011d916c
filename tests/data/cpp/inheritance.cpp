#include "base.h"

class Animal {
public:
    virtual ~Animal() = default;
    virtual void speak() = 0;
    void breathe() {}
};

class Dog : public Animal {
public:
    void speak() override { breathe(); bark(); }
    void bark() {}
};

class Robot : public external::Machine, private Animal {
public:
    void speak() override { power_on(); Animal::breathe(); }
};

template <typename T>
class Wrapper : public T {};

void all(Dog& d, Robot& r) {
    d.speak();
    d.breathe();
    r.power_on();
}

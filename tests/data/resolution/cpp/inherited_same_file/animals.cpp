class Animal {
public:
    void breathe() {}
};

class Dog : public Animal {
public:
    void bark() { breathe(); }
};

void walk(Dog& d) { d.breathe(); d.bark(); }

#include <memory>

class Engine {
public:
    void start() {}
    Engine& self() { return *this; }
};

class Car {
public:
    void drive() {
        engine_.start();
        spare_->start();
        this->honk();
        honk();
    }
    void honk() {}
    Engine* spare() { return spare_; }

private:
    Engine engine_;
    Engine* spare_ = nullptr;
};

void road(Car& car, Car* other, const std::shared_ptr<Car>& shared) {
    car.drive();
    other->honk();
    shared->drive();
    car.spare()->self().start();
    auto made = std::make_shared<Car>();
    made->honk();
    auto raw = new Car();
    raw->drive();
    Car local;
    local.honk();
    unknown.call();
}

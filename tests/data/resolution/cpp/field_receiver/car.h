#pragma once
#include "engine.h"
class Car {
public:
    void drive();
private:
    Engine engine_;
};

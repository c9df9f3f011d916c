#include "car.h"
void Car::drive() { engine_.start(); }

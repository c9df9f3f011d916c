#pragma once
#include "base.h"
class Derived : public Base {
public:
    void pong();
};

#pragma once
#include "result.h"
class Client {
public:
    Result send(int x);
};

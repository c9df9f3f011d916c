#pragma once
class Base {
public:
    void ping();
};

#pragma once
class Counter {
public:
    void add(int n);
    int total() const;
private:
    int sum_ = 0;
};

#pragma once
template <typename T>
class Holder {
public:
    void set(T v) { value_ = v; }
    T get() const { return value_; }
private:
    T value_;
};

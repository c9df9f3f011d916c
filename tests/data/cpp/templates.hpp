#pragma once
#include <cstddef>

template <typename T, std::size_t N = 4>
class SmallVec {
public:
    void push(const T& value) { grow(); data_[size_++] = value; }
    T& at(std::size_t i) { return data_[i]; }

    template <typename F>
    void each(F f) {
        for (std::size_t i = 0; i < size_; ++i) f(data_[i]);
    }

private:
    void grow() {}
    T data_[N];
    std::size_t size_ = 0;
};

template <typename T>
T max_of(T a, T b) {
    return a < b ? b : a;
}

template <>
inline int max_of<int>(int a, int b) {
    return a < b ? b : a;
}

template <typename T>
using Vec4 = SmallVec<T, 4>;

int use() { return max_of(1, 2) + max_of<long>(3, 4); }

#pragma once
template <typename T>
class Queue {
public:
    void push(T v);
    bool empty() const;
};

template <typename T>
void Queue<T>::push(T v) { if (empty()) {} }

template <typename T>
bool Queue<T>::empty() const { return true; }

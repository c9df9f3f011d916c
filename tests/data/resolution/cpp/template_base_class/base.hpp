#pragma once
template <typename T>
class Repository {
public:
    int count() const { return 0; }
};

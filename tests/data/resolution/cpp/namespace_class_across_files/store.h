#pragma once
namespace db {
class Store {
public:
    void put(int k);
    int get(int k) const;
};
}

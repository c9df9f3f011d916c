#include <vector>

class Item {
public:
    void use() const {}
};

void all(const std::vector<Item>& items) {
    for (const Item& it : items) {
        it.use();
    }
}

void again(const std::vector<Item>& items) {
    for (const auto& it : items) {
        it.use();
    }
}

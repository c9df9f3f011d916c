#include <vector>

void visit(int x) {}

void all(const std::vector<int>& xs) {
    auto f = [](int x) { visit(x); };
    for (auto x : xs) {
        visit(x);
    }
}

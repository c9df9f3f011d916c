#include <vector>
#include <algorithm>

int main() {
    std::vector<int> v;
    v.push_back(3);
    std::sort(v.begin(), v.end());
    return static_cast<int>(v.size());
}

#include <vector>
#include <stdexcept>

int classify(int x, const std::vector<int>& xs) {
    int n = 0;
    if (x > 0 && x < 10) {
        n = 1;
    } else if (x < 0 || x > 100) {
        n = 2;
    }
    for (int i = 0; i < x; ++i) {
        n += i;
    }
    for (auto v : xs) {
        n += v > 0 ? v : -v;
    }
    while (n > 1000) {
        n /= 2;
    }
    do {
        n++;
    } while (n < 0);
    switch (x) {
    case 1:
        n = 3;
        break;
    case 2:
        n = 4;
        break;
    default:
        break;
    }
    try {
        if (n == 42) throw std::runtime_error("x");
    } catch (const std::runtime_error& e) {
        n = 0;
    } catch (...) {
        n = -1;
    }
    auto f = [](int y) { return y > 0 and y < 5; };
    return f(n) ? n : 0;
}

int straight() { return 1; }

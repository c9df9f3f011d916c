#include <vector>
using namespace std;

int main() {
    vector<int> v;
    v.push_back(1);
    return 0;
}

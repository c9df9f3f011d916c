#include <map>
#include <string>

class Registry {
public:
    void add(int k) {}
};

using Reg = Registry;
typedef Registry OldReg, *RegPtr;
typedef struct {
    int a;
} Anonymous;
using Table = std::map<std::string, int>;

void fill() {
    Reg r;
    r.add(1);
    OldReg o;
    o.add(2);
    Table t;
    t.clear();
}

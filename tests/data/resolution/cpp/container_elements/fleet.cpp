#include <map>
#include <string>
#include <vector>

class Ship {
public:
    void sail() {}
};

class Fleet {
public:
    void go() {
        ships_[0].sail();
        ships_.front().sail();
        for (auto& s : ships_) {
            s.sail();
        }
        for (auto& kv : by_name_) {
            kv.second.sail();
        }
    }
private:
    std::vector<Ship> ships_;
    std::map<std::string, Ship> by_name_;
};

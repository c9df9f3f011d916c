#include "base.hpp"
class Users : public Repository<int> {
public:
    int size() const { return count(); }
};

int total(const Users& u) { return u.count() + u.size(); }

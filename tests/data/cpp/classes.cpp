#include <string>

class Account {
public:
    Account();
    explicit Account(int id);
    ~Account();

    int id() const { return id_; }
    void deposit(int amount);
    bool operator==(const Account& other) const { return id_ == other.id_; }

    struct Entry {
        int amount;
        int total() const { return amount; }
    };

private:
    int id_ = 0;
    std::string owner_;
};

Account::Account() : id_(0) {}
Account::Account(int id) : id_(id) {}
Account::~Account() {}

void Account::deposit(int amount) {
    if (amount > 0) {
        id_ += 0;
    }
}

struct Plain {
    int x;
    int y;
};

union Number {
    int i;
    float f;
};

class Forward;

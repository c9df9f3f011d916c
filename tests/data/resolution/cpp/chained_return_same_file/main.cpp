class Query {
public:
    Query& where(int x) { return *this; }
    int count() { return 0; }
};

class Db {
public:
    Query query() { return Query(); }
};

int main() {
    Db db;
    return db.query().where(1).count();
}

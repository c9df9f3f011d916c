class Conn {
public:
    void close() {}
};

typedef Conn* ConnPtr;

void shut(ConnPtr c) { c->close(); }

class Reader {
public:
    int read() { return 0; }
};

class Writer {
public:
    void write(int) {}
};

class Pipe : public Reader, public Writer {
public:
    void pump() { write(read()); }
};

enum Color { Red, Green, Blue };

enum class Mode : unsigned char {
    Read = 1,
    Write = 2,
};

struct Holder {
    enum Kind { A, B };
    Kind kind;
};

int code(Mode m) { return m == Mode::Read ? 1 : 2; }

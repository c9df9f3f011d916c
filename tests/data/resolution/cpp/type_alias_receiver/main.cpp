class Buffer {
public:
    void clear() {}
};

using Buf = Buffer;
typedef Buffer OldBuf;

void reset() {
    Buf a;
    OldBuf b;
    a.clear();
    b.clear();
}

class Broken {
public:
    void ok() { fine(); }
    void bad( { 
};

int after() { return 1 +; }

namespace n {
void g() { after(); }
}

void fine() {}

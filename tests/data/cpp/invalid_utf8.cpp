/// Café in Latin-1.
int cafÃ©() { return 1; }

struct Sÿ {
    void m() {}
};

int main() { return cafÃ©(); }

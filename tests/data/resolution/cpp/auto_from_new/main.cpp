class Timer {
public:
    Timer(int ms) {}
    void tick() {}
};

void loop() {
    auto t = new Timer(10);
    t->tick();
    delete t;
}

void log(const char* m) {}
void log(const char* m, int level) {}

void run() {
    log("a");
    log("b", 2);
}

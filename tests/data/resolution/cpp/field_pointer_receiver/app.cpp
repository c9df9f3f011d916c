class Logger {
public:
    void info(const char* m) {}
};

class App {
public:
    void run() { this->log_->info("run"); log_->info("again"); }
private:
    Logger* log_;
};

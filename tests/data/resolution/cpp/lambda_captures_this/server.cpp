class Server {
public:
    void handle() {}
    void serve() {
        auto on_request = [this]() { handle(); this->log(); };
        on_request();
    }
    void log() {}
};

#include <memory>

class Job {
public:
    void run() {}
};

void go() {
    std::unique_ptr<Job> a(new Job());
    a->run();
    auto b = std::make_unique<Job>();
    b->run();
}

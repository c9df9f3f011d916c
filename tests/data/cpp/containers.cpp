#include <map>
#include <memory>
#include <optional>
#include <vector>

struct Task {
    void run() {}
};

void schedule(std::vector<Task>& tasks, std::vector<std::unique_ptr<Task>>& owned,
              std::optional<Task> maybe, std::map<int, Task>& by_id) {
    tasks[0].run();
    tasks.back().run();
    for (auto& t : tasks) {
        t.run();
    }
    for (auto& p : owned) {
        p->run();
    }
    maybe->run();
    for (auto& kv : by_id) {
        kv.second.run();
    }
}

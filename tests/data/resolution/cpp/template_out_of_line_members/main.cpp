#include "queue.hpp"
int main() {
    Queue<int> q;
    q.push(1);
    return q.empty() ? 0 : 1;
}

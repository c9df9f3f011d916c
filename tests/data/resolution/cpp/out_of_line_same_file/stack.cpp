class Stack {
public:
    void push(int v);
    int pop();
    bool empty() const;
private:
    int items_[16];
    int size_ = 0;
};

void Stack::push(int v) { items_[size_++] = v; }

int Stack::pop() {
    if (empty()) return 0;
    return items_[--size_];
}

bool Stack::empty() const { return size_ == 0; }

int use() {
    Stack s;
    s.push(1);
    return s.pop();
}

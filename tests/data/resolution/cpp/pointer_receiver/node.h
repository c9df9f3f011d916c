#pragma once
struct Node {
    int value() const { return 1; }
};
